import CPAPIKit

/// Reads the `:` command line: the same actions as the keys, by name.
///
/// ```
/// :sync [SOURCE]          :pause|resume|exclude|duplicate|detach SOURCE:ID [CAMPAIGN]
/// :enable|disable|retire CAMPAIGN      :delete SOURCE      :edit source|campaign ID
/// :filter TEXT   :platform [ID]   :help   :q
/// :reports [SOURCE]   :conversions SOURCE SUBID [OFFER]
/// ```
public enum CommandLineParser {
    /// What a command line asks for.
    public enum Command: Sendable, Equatable {
        case none
        case quit
        case help
        /// `:platform`, selecting the platform offer ID when given.
        case platform(Int?)
        case filter(String)
        case edit(EditTarget)
        case action(OperatorAction)
        /// The Reports view of a source (nil: the one in focus).
        case reports(String?)
        /// The conversion-lookup dialog, asking at once.
        case conversions(sourceID: String, subid: String, offerID: String?)
    }

    public static let usage =
        "commands: sync [SOURCE], pause|resume|exclude|duplicate|detach SOURCE:ID [CAMPAIGN], "
        + "enable|disable|retire CAMPAIGN, delete SOURCE, edit source|campaign ID, filter TEXT, platform [ID], "
        + "reports [SOURCE], conversions SOURCE SUBID [OFFER], help, q"

    public static func parse(_ line: String) -> Result<Command, ConsoleFailure> {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let name = words.first else { return .success(.none) }
        let args = Array(words.dropFirst())
        func fail(_ why: String) -> Result<Command, ConsoleFailure> { .failure(ConsoleFailure(":\(name): \(why)")) }

        switch name {
        case "q", "quit", "exit": return .success(.quit)
        case "help", "h": return .success(.help)
        case "platform":
            guard args.count <= 1 else { return fail("takes at most one platform offer id") }
            guard let id = args.first else { return .success(.platform(nil)) }
            guard let offerID = Int(id) else { return fail("'\(id)' is not a platform offer id (a number, e.g. 2494)") }
            return .success(.platform(offerID))
        case "filter": return .success(.filter(args.joined(separator: " ")))
        case "sync":
            guard args.count <= 1 else { return fail("takes at most one source id") }
            return .success(.action(.sync(sourceID: args.first)))
        case "pause", "resume", "exclude", "duplicate", "detach":
            guard (1...2).contains(args.count) else { return fail("give the offer as SOURCE:ID, and optionally a campaign") }
            guard let key = OfferKey(parsing: args[0]) else { return fail("'\(args[0])' is not an offer: write SOURCE:ID, e.g. cpalead:18231") }
            let campaign = args.count == 2 ? args[1] : nil
            switch name {
            case "pause": return .success(.action(.pause(key, campaignID: campaign)))
            case "resume": return .success(.action(.resume(key, campaignID: campaign)))
            case "exclude": return .success(.action(.exclude(key, campaignID: campaign)))
            case "duplicate": return .success(.action(.duplicate(key, campaignID: campaign)))
            default: return .success(.action(.detach(key, campaignID: campaign)))
            }
        case "reports":
            guard args.count <= 1 else { return fail("takes at most one source id") }
            return .success(.reports(args.first))
        case "conversions":
            guard (2...3).contains(args.count) else {
                return fail("write conversions SOURCE SUBID [OFFER] (the subid may be an IP address, or user)")
            }
            return .success(.conversions(sourceID: args[0], subid: args[1], offerID: args.count == 3 ? args[2] : nil))
        case "enable", "disable", "retire":
            guard args.count == 1 else { return fail("give one campaign id") }
            if name == "retire" { return .success(.action(.retireCampaign(args[0]))) }
            return .success(.action(.setCampaignEnabled(args[0], name == "enable")))
        case "delete":
            guard args.count == 1 else { return fail("give one source id") }
            return .success(.action(.deleteSource(args[0])))
        case "edit":
            guard args.count == 2 else { return fail("write edit source ID or edit campaign ID") }
            switch args[0] {
            case "source": return .success(.edit(.source(args[1])))
            case "campaign": return .success(.edit(.campaign(args[1])))
            default: return fail("'\(args[0])' is neither source nor campaign")
            }
        default:
            return .failure(ConsoleFailure("unknown command :\(name) (\(usage))"))
        }
    }
}

import ArgumentParser
import CPAPIKit

/// `cpapi-tui offer pause|resume|exclude|duplicate|detach SOURCE:ID [--campaign ID]`: the operator's actions on one offer.
struct OfferCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "offer",
        abstract: "Act on one placed offer in the platform.",
        discussion: """
            SOURCE:ID names a demand offer (`cpalead:18231`). When several campaigns placed it, name one with \
            --campaign (the command refuses and lists them otherwise). Each action is recorded in the event log. \
            While another process syncs the workspace (`cpapi-tui sync`), actions are refused: act from its console, \
            or stop it first.

            --json prints {"placement": PLACEMENT, "copy_platform_offer_id", "message"}, PLACEMENT as in \
            `cpapi-tui offers --json`.
            """,
        subcommands: [Pause.self, Resume.self, Exclude.self, Duplicate.self, Detach.self])

    /// The options every action takes.
    struct Target: ParsableArguments {
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The offer, as SOURCE:EXTERNAL_ID.", valueName: "SOURCE:ID")) var offer: String
        @Option(help: ArgumentHelp("The campaign whose placement to act on.", valueName: "ID")) var campaign: String?
        @Flag(help: "Print one JSON document.") var json = false

        /// Opens the workspace's engine, runs the action, prints its result.
        func perform(_ action: (OfferWorkflows, OfferKey, String?) async throws(WorkflowError) -> OfferWorkflowResult) async throws {
            guard let key = OfferKey(parsing: offer) else {
                throw CLIError("\"\(offer)\" is not an offer reference: expected SOURCE:EXTERNAL_ID, e.g. cpalead:18231")
            }
            let store = try global.openWorkspace().store
            do {
                let engine = try WorkspaceEngine.open(store: store)
                let result = try await action(engine.offers, key, campaign)
                if json {
                    try JSONOutput.print(Document(placement: JSONShapes.PlacementItem(result.placement),
                                                  copyPlatformOfferId: Nullable(result.copyPlatformOfferID), message: result.message))
                } else {
                    Output.line(result.message)
                }
            } catch {
                throw CLIError("\(error)")
            }
        }
    }

    struct Document: Encodable {
        var placement: JSONShapes.PlacementItem
        var copyPlatformOfferId: Nullable<Int>
        var message: String
    }

    struct Pause: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Hold the offer: paused in the platform now, and kept paused across syncs until resumed.")
        @OptionGroup var target: Target
        func run() async throws { try await target.perform { (workflows, key, campaign) throws(WorkflowError) in try await workflows.pause(key, campaignID: campaign) } }
    }

    struct Resume: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Release a hold: the campaign's rules apply again now (its status is pushed at once).")
        @OptionGroup var target: Target
        func run() async throws { try await target.perform { (workflows, key, campaign) throws(WorkflowError) in try await workflows.resume(key, campaignID: campaign) } }
    }

    struct Exclude: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Take the offer out of the sync: copy it (no external id), disable the original.",
            discussion: """
                The copy is the operator's to run by hand; the placement is excluded for ever. Each step is \
                recorded: if the command is interrupted, running it again finishes the job without a second copy.
                """)
        @OptionGroup var target: Target
        func run() async throws { try await target.perform { (workflows, key, campaign) throws(WorkflowError) in try await workflows.exclude(key, campaignID: campaign) } }
    }

    struct Duplicate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy the offer in the platform with no external id; the original stays in the sync.")
        @OptionGroup var target: Target
        func run() async throws { try await target.perform { (workflows, key, campaign) throws(WorkflowError) in try await workflows.duplicate(key, campaignID: campaign) } }
    }

    struct Detach: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove the offer's external id: it stays as it is in the platform, no longer synced.")
        @OptionGroup var target: Target
        func run() async throws { try await target.perform { (workflows, key, campaign) throws(WorkflowError) in try await workflows.detach(key, campaignID: campaign) } }
    }
}

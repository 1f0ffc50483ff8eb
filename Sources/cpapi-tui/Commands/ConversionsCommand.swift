import ArgumentParser
import CPAPIKit
import Foundation

/// `cpapi-tui conversions SOURCE --subid X [--offer ID]`: asks CPAlead's Conversions API whether a subid converted.
struct ConversionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conversions",
        abstract: "Ask a CPAlead source's Conversions API whether a subid (or IP address) converted.",
        discussion: """
            The API allows one call per minute per source; every process on the workspace shares that slot. \
            When it is taken the command waits, saying until when on stderr, or with --no-wait fails at once \
            naming the time the next call is allowed. A 429 answer's Retry-After is honoured the same way. \
            The source's API key (api_key_env or api_key) is read now and never printed.

            --json prints {"source", "subid", "offer_id", "converted", "checked_at", "conversions": [{"lead_id", \
            "offer_id", "subid", "amount", "date", "raw_json"}], "raw_json"}; raw_json is what the API sent, as JSON text.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The source's id.", valueName: "SOURCE")) var source: String
    @Option(help: ArgumentHelp("A subid, an IP address, or `user`.", valueName: "X")) var subid: String
    @Option(name: .customLong("offer"), help: ArgumentHelp("Only conversions of this offer.", valueName: "ID")) var offer: String?
    @Flag(name: .customLong("no-wait"), help: "Fail at once when the rate-limit slot is taken, naming when it frees.")
    var noWait = false
    @Flag(help: "Print one JSON document.") var json = false
    /// Seconds between calls; CPAlead's limit is 60. For tests against the loopback fake.
    @Option(name: .customLong("interval"), help: .private) var interval: Double = ReportRateLimiter.defaultInterval

    func validate() throws {
        guard !subid.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--subid: give a subid, an IP address, or user") }
        if let offer, offer.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--offer: give an offer id") }
        guard interval >= 0 else { throw ValidationError("--interval: must be 0 or more seconds") }
    }

    func run() async throws {
        let store = try global.openWorkspace().store
        let lookup: ConversionLookup
        do {
            let client = try CPAleadReportClient.open(sourceID: source, store: store, interval: interval)
            lookup = try await client.lookUpConversions(
                subid: subid, offerID: offer, waiting: !noWait,
                onWait: { Output.error(Self.waitLine(.conversions, until: $0)) })
        } catch {
            throw CLIError(error.description)
        }
        if json {
            try JSONOutput.print(Document(lookup))
            return
        }
        let scope = offer.map { " on offer \($0)" } ?? ""
        Output.line("\(lookup.subid)\(scope): " + (lookup.converted ? "converted (\(lookup.conversions.count) listed)" : "no conversion"))
        if !lookup.conversions.isEmpty {
            Output.line(
                Output.table(
                    ["LEAD", "OFFER", "SUBID", "AMOUNT", "DATE"],
                    lookup.conversions.map { record in
                        [
                            record.leadID ?? "-", record.offerID ?? "-", record.subid ?? "-",
                            record.amount.map(JSONValue.format) ?? "-", record.dateText ?? "-"
                        ]
                    }))
        }
    }

    /// The stderr line a report command prints while it waits for its rate-limit slot (shared with `reversals`).
    static func waitLine(_ endpoint: ReportEndpoint, until: Date, now: Date = Date()) -> String {
        let seconds = Int(max(until.timeIntervalSince(now), 0).rounded(.up))
        return "waiting \(seconds)s for the \(endpoint.rawValue) API's next call (one per minute), until \(Output.time(until))"
    }

    struct Document: Encodable {
        var source: String
        var subid: String
        var offerId: Nullable<String>
        var converted: Bool
        var checkedAt: Date
        var conversions: [Conversion]
        var rawJson: String

        init(_ lookup: ConversionLookup) {
            source = lookup.sourceID; subid = lookup.subid; offerId = Nullable(lookup.offerID); converted = lookup.converted
            checkedAt = lookup.checkedAt; conversions = lookup.conversions.map(Conversion.init); rawJson = lookup.rawJSON
        }
    }

    struct Conversion: Encodable {
        var leadId: Nullable<String>
        var offerId: Nullable<String>
        var subid: Nullable<String>
        var amount: Nullable<Double>
        var date: Nullable<String>
        var rawJson: String

        init(_ record: ConversionRecord) {
            leadId = Nullable(record.leadID); offerId = Nullable(record.offerID); subid = Nullable(record.subid)
            amount = Nullable(record.amount); date = Nullable(record.dateText); rawJson = record.rawJSON
        }
    }
}

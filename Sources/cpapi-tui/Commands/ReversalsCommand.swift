import ArgumentParser
import CPAPIKit
import Foundation

/// `cpapi-tui reversals SOURCE --from DATE --to DATE` downloads a CPAlead source's reversals into the
/// workspace; `--summary` shows their count and amount per offer.
struct ReversalsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reversals",
        abstract: "Download a CPAlead source's reversals (bad leads) between two days, or summarise the stored ones.",
        discussion: """
            --from and --to are days (YYYY-MM-DD, both included). The range is fetched a calendar month per call, \
            in order, each month stored as it arrives, one call per minute (shared by every process on the \
            workspace); a month already stored after it ended is skipped unless --refresh, so an interrupted \
            download resumes where it stopped. Progress goes to stderr, one line per month. A reversal listed \
            twice is stored once (by lead id, else by its content); everything the API sent is kept.

            --summary prints the reversal count and amount per offer over the stored reversals (only those dated \
            within --from…--to when given); nothing is fetched.

            --json prints, for a download, {"source", "from", "to", "windows": [{"start", "end", "fetched", \
            "received", "added"}], "stored"}; for --summary, {"source", "from", "to", "offers": [{"offer_id", \
            "count", "amount"}], "count", "amount"}.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The source's id.", valueName: "SOURCE")) var source: String
    @Option(help: ArgumentHelp("First day (YYYY-MM-DD).", valueName: "DATE")) var from: String?
    @Option(help: ArgumentHelp("Last day (YYYY-MM-DD).", valueName: "DATE")) var to: String?
    @Flag(help: "Summarise the stored reversals per offer instead of downloading.") var summary = false
    @Flag(help: "Fetch months already stored again.") var refresh = false
    @Flag(name: .customLong("no-wait"), help: "Fail at once when the rate-limit slot is taken, naming when it frees.")
    var noWait = false
    @Flag(help: "Print one JSON document.") var json = false
    /// Seconds between calls; CPAlead's limit is 60. For tests against the loopback fake.
    @Option(name: .customLong("interval"), help: .private) var interval: Double = ReportRateLimiter.defaultInterval

    func validate() throws {
        let range = try days()
        if !summary && range == nil { throw ValidationError("give --from DATE and --to DATE to download, or --summary") }
        guard interval >= 0 else { throw ValidationError("--interval: must be 0 or more seconds") }
    }

    /// `--from`/`--to` read and checked: both or neither, real days, from ≤ to.
    func days() throws -> (ReportDay, ReportDay)? {
        switch (from, to) {
        case (nil, nil): return nil
        case (nil, _): throw ValidationError("--to given without --from")
        case (_, nil): throw ValidationError("--from given without --to")
        case (let fromText?, let toText?):
            let first: ReportDay, last: ReportDay
            do { first = try ReportDay(parsing: fromText) } catch { throw ValidationError("--from: \(error.description)") }
            do { last = try ReportDay(parsing: toText) } catch { throw ValidationError("--to: \(error.description)") }
            guard first <= last else { throw ValidationError("--from \(first) is after --to \(last)") }
            return (first, last)
        }
    }

    func run() async throws {
        let store = try global.openWorkspace().store
        let range = try days()
        if summary {
            guard try store.source(id: source) != nil else { throw CLIError("unknown source \"\(source)\"") }
            let offers = try store.reversalSummary(sourceID: source, from: range?.0, to: range?.1)
            try Self.printSummary(SummaryDocument(source: source, range: range, offers: offers), json: json)
            return
        }
        guard let (first, last) = range else { throw CLIError("give --from DATE and --to DATE to download, or --summary") }
        let outcomes: [ReversalWindowOutcome]
        do {
            let client = try CPAleadReportClient.open(sourceID: source, store: store, interval: interval)
            outcomes = try await ReversalDownloader(client: client)
                .download(from: first, to: last, refresh: refresh, waiting: !noWait, progress: { Output.error(Self.progressLine($0)) })
        } catch {
            throw CLIError(error.description)
        }
        let stored = try store.reversals(sourceID: source).count
        if json {
            try JSONOutput.print(DownloadDocument(source: source, from: first, to: last, outcomes: outcomes, stored: stored))
            return
        }
        Output.line(
            Output.table(
                ["MONTH", "STATUS", "RECEIVED", "NEW"],
                outcomes.map { outcome in
                    [outcome.window.description, outcome.fetched ? "fetched" : "already stored", "\(outcome.received)", "\(outcome.added)"]
                }))
        Output.line("\(stored) reversals stored for \(source)")
    }

    /// One stderr line per window event.
    static func progressLine(_ progress: ReversalProgress) -> String {
        let prefix = "reversals \(progress.index)/\(progress.total) \(progress.window)"
        switch progress.event {
        case .skipped: return "\(prefix): already stored, skipped"
        case .waiting(let until): return "\(prefix): " + ConversionsCommand.waitLine(.reversals, until: until)
        case .stored(let received, let added): return "\(prefix): stored \(received) (\(added) new)"
        }
    }

    static func printSummary(_ document: SummaryDocument, json: Bool) throws {
        if json {
            try JSONOutput.print(document)
            return
        }
        guard !document.offers.isEmpty else {
            Output.line(
                "No reversals stored for \(document.source). Download them with `cpapi-tui reversals \(document.source) --from DATE --to DATE`.")
            return
        }
        Output.line(
            Output.table(
                ["OFFER", "REVERSALS", "AMOUNT"],
                document.offers.map { offer in
                    [offer.offerId.value ?? "(none)", "\(offer.count)", JSONValue.format(offer.amount)]
                } + [["total", "\(document.count)", JSONValue.format(document.amount)]]))
    }

    struct DownloadDocument: Encodable {
        var source: String
        var from: String
        var to: String
        var windows: [Window]
        var stored: Int

        init(source: String, from: ReportDay, to: ReportDay, outcomes: [ReversalWindowOutcome], stored: Int) {
            self.source = source; self.from = from.description; self.to = to.description; self.stored = stored
            windows = outcomes.map {
                Window(
                    start: $0.window.start.description, end: $0.window.end.description,
                    fetched: $0.fetched, received: $0.received, added: $0.added)
            }
        }
    }

    struct Window: Encodable {
        var start: String
        var end: String
        var fetched: Bool
        var received: Int
        var added: Int
    }

    struct SummaryDocument: Encodable {
        var source: String
        var from: Nullable<String>
        var to: Nullable<String>
        var offers: [Offer]
        var count: Int
        var amount: Double

        init(source: String, range: (ReportDay, ReportDay)?, offers: [OfferReversalSummary]) {
            self.source = source; from = Nullable(range?.0.description); to = Nullable(range?.1.description)
            self.offers = offers.map { Offer(offerId: Nullable($0.offerID), count: $0.count, amount: $0.amount) }
            count = offers.reduce(0) { $0 + $1.count }; amount = offers.reduce(0) { $0 + $1.amount }
        }
    }

    struct Offer: Encodable {
        var offerId: Nullable<String>
        var count: Int
        var amount: Double
    }
}

import ArgumentParser
import CPAPIKit

/// `cpapi-tui runs`: the recent sync runs.
struct RunsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List recent sync runs, newest first.",
        discussion: """
            --json prints {"runs": [{"id", "source", "kind": "full"|"incremental", "started_at", "ended_at", \
            "phase": "fetch"|"store"|"match"|"observe"|"plan"|"push"|"done", "status": "running"|"succeeded"|"partial"|"failed", \
            "counts": {"fetched", "new", "changed", "unchanged", "invalid", "missing", "returned", "created", "updated", \
            "paused", "excluded", "failed"}, "error", "missing_note"}]}. Dates are ISO 8601 or null. The last five counts are \
            the platform writes of the run: offers created, updated, paused (missing from the feed or source deleted), \
            excluded (disabled, deleted or detached in the platform) and failed writes (retried next run).
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Only this source's runs.", valueName: "ID")) var source: String?
    @Option(help: "How many runs.") var limit = 20
    @Flag(help: "Print one JSON document.") var json = false

    func run() async throws {
        let store = try global.openWorkspace().store
        if let source, try store.source(id: source) == nil { throw CLIError("unknown source \"\(source)\"") }
        let runs = try store.recentRuns(sourceID: source, limit: limit)
        if json {
            try JSONOutput.print(Document(runs: runs.map(JSONShapes.Run.init)))
            return
        }
        guard !runs.isEmpty else {
            Output.line("No runs yet. Run `cpapi-tui sync --once`.")
            return
        }
        let rows = runs.map { run -> [String] in
            let c = run.counts
            return [
                "\(run.id ?? 0)", run.sourceID, run.kind.rawValue, Output.time(run.startedAt), run.status.rawValue,
                "\(c.fetched)", "\(c.new)", "\(c.changed)", "\(c.missing)", "\(c.invalid)",
                "\(c.created)", "\(c.updated)", "\(c.paused)", "\(c.excluded)", "\(c.failed)",
                run.error ?? run.missingNote ?? ""
            ]
        }
        Output.line(
            Output.table(
                [
                    "RUN", "SOURCE", "KIND", "STARTED", "STATUS", "FETCHED", "NEW", "CHANGED", "MISSING",
                    "INVALID", "CREATED", "UPDATED", "PAUSED", "EXCLUDED", "FAILED", "NOTE"
                ], rows))
    }

    struct Document: Encodable { var runs: [JSONShapes.Run] }
}

import ArgumentParser
import CPAPIKit

/// `cpapi-tui sync --once`: fetch and store every source (or the ones named), several at a time.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Fetch and store every source that is not deleted (or the ones named), several at a time.",
        discussion: """
            Each source is fetched and stored, then its offers are placed in the platform that [platform] names \
            (the embedded local one by default): plan, observe, push. A whole round also pauses the offers of \
            sources deleted longer than missing_grace ago. Progress goes to stderr, one line per source per phase \
            ("SOURCE PHASE: what happened", with counts); the result goes to stdout. A source that fails does not stop the others; the exit status is 1 if any failed. \
            Only one process syncs a workspace at a time.

            --json prints {"runs": [RUN], "failed": [source id]} where RUN is as in `cpapi-tui runs --json`: \
            {"id", "source", "kind", "started_at", "ended_at", "phase", "status", "counts": {"fetched", "new", "changed", \
            "unchanged", "invalid", "missing", "returned", "created", "updated", "paused", "excluded", "failed"}, "error", \
            "missing_note"}.
            """)

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Sync once and exit (the only mode for now; the console syncs on a schedule).") var once = false
    @Option(name: .customLong("source"), help: ArgumentHelp("Only this source (repeatable).", valueName: "ID"))
    var sources: [String] = []
    @Flag(help: "Print one JSON document.") var json = false

    func run() async throws {
        guard once else {
            throw CLIError("scheduled syncing runs in the console; from the command line use `cpapi-tui sync --once`")
        }
        let store = try global.openWorkspace().store
        let runs = try await Self.syncOnce(store: store, sourceIDs: sources.isEmpty ? nil : sources,
                                           makeSource: DemandSourceMakers.live())
        try Self.report(runs, json: json)
    }

    /// Syncs once holding the workspace's lease, printing progress; shared with `demo`. The platform is
    /// the one the workspace's `[platform]` names (its API key resolved now); a whole round also
    /// reconciles the placements of deleted sources (rule 6).
    static func syncOnce(store: WorkspaceStore, sourceIDs: [String]?, makeSource: @escaping DemandSourceMaker,
                         resolver: SecretResolver = SecretResolver(), fetcher: HTTPFetcher = .shared) async throws -> [SyncRun] {
        let engine: WorkspaceEngine
        do { engine = try WorkspaceEngine.open(store: store, resolver: resolver, fetcher: fetcher) } catch { throw CLIError(error.description) }
        let coordinator = engine.coordinator(makeSource: makeSource)
        do {
            return try await coordinator.withSyncLease {
                try await coordinator.syncOnce(sourceIDs: sourceIDs, progress: SyncProgressPrinter.print)
            }
        } catch let refusal as SyncCoordinator.Refusal {
            throw CLIError(refusal.description)
        }
    }

    /// Prints the runs (or the JSON document) and fails when a source failed.
    static func report(_ runs: [SyncRun], json: Bool) throws {
        let failed = runs.filter { $0.status == .failed }.map(\.sourceID)
        if json {
            try JSONOutput.print(Document(runs: runs.map(JSONShapes.Run.init), failed: failed))
        } else if runs.isEmpty {
            Output.line("No sources to sync. Add [[sources]] to a config file and run `cpapi-tui apply FILE`.")
        } else {
            let rows = runs.map { run -> [String] in
                let c = run.counts
                return [run.sourceID, run.kind.rawValue, run.status.rawValue, "\(c.fetched)", "\(c.new)", "\(c.changed)",
                        "\(c.unchanged)", "\(c.invalid)", "\(c.missing)", "\(c.created)", "\(c.updated)", "\(c.paused)",
                        "\(c.excluded)", "\(c.failed)", run.error ?? run.missingNote ?? ""]
            }
            Output.line(Output.table(["SOURCE", "KIND", "STATUS", "FETCHED", "NEW", "CHANGED", "UNCHANGED", "INVALID",
                                      "MISSING", "CREATED", "UPDATED", "PAUSED", "EXCLUDED", "FAILED", "NOTE"], rows))
        }
        if !failed.isEmpty {
            Output.error("\(failed.count) of \(runs.count) sources failed: \(failed.joined(separator: ", "))")
            throw ExitCode.failure
        }
    }

    struct Document: Encodable {
        var runs: [JSONShapes.Run]
        var failed: [String]
    }
}

import ArgumentParser
import CPAPIKit

/// `cpapi-tui sync --once`: fetch and store every source (or the ones named), several at a time.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Fetch and store every source that is not deleted (or the ones named), several at a time.",
        discussion: """
            Progress goes to stderr, one line per source per phase ("SOURCE PHASE: what happened"); the result \
            goes to stdout. A source that fails does not stop the others; the exit status is 1 if any failed. \
            Only one process syncs a workspace at a time.

            --json prints {"runs": [RUN], "failed": [source id]} where RUN is as in `cpapi-tui runs --json`: \
            {"id", "source", "kind", "started_at", "ended_at", "phase", "status", "counts": {...}, "error", "missing_note"}.
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

    /// Syncs once holding the workspace's lease, printing progress; shared with `demo`.
    static func syncOnce(store: WorkspaceStore, sourceIDs: [String]?, makeSource: @escaping DemandSourceMaker) async throws -> [SyncRun] {
        let coordinator = SyncCoordinator(store: store, makeSource: makeSource)
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
                        "\(c.unchanged)", "\(c.invalid)", "\(c.missing)", run.error ?? run.missingNote ?? ""]
            }
            Output.line(Output.table(["SOURCE", "KIND", "STATUS", "FETCHED", "NEW", "CHANGED", "UNCHANGED", "INVALID",
                                      "MISSING", "NOTE"], rows))
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

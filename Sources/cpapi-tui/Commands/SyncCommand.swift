import ArgumentParser
import CPAPIKit
import Foundation

/// `cpapi-tui sync --once`: fetch and store every source (or the ones named), several at a time.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Sync the sources (or the ones named) into the platform: once, or on schedule until stopped.",
        discussion: """
            Each source is fetched and stored, then its offers are placed in the platform that [platform] names \
            (the embedded local one by default): match, observe, plan, push. A whole round also pauses the offers of \
            sources deleted longer than missing_grace ago. Progress goes to stderr, one line per source per phase \
            ("SOURCE PHASE: what happened", with counts); the result goes to stdout. A source that fails does not stop the others. \
            Only one process syncs a workspace at a time. A fetch keeps to request_timeout (one request, its body \
            included; default 2m) and fetch_deadline (the whole fetch with its retries; default 5m), set in [sync] \
            or per source.

            Exit status (with --once): 0 when every run succeeded, or was partial (some writes failed; they are retried \
            next run, and the FAILED column counts them); 1 when any run failed: its fetch or store failed, the platform \
            refused the API key (HTTP 401 or 403), every write of the run failed, or its results could not be recorded; \
            1 too when the command itself cannot run (no workspace, the lease held by another process); 64 for a usage error.

            Without --once it syncs until SIGINT or SIGTERM: each source at its poll_interval with ±10% jitter, a \
            failed or partial run retried after 1 min (its poll interval when shorter), doubling up to its poll \
            interval; a line per finished run goes to \
            stdout (with --json, RUN as one JSON line). A second sync of the same workspace is refused, naming the \
            process that syncs it, and exits non-zero.

            --json (with --once) prints {"runs": [RUN], "failed": [source id]} where RUN is as in `cpapi-tui runs --json`: \
            {"id", "source", "kind", "started_at", "ended_at", "phase", "status", "counts": {"fetched", "new", "changed", \
            "unchanged", "invalid", "missing", "returned", "created", "updated", "paused", "excluded", "failed"}, "error", \
            "missing_note"}.
            """)

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Sync once and exit (without it: sync on schedule until SIGINT or SIGTERM).") var once = false
    @Option(name: .customLong("source"), help: ArgumentHelp("Only this source (repeatable).", valueName: "ID"))
    var sources: [String] = []
    @Flag(help: "Print one JSON document.") var json = false

    func run() async throws {
        let store = try global.openWorkspace().store
        guard once else {
            try await Self.runScheduled(store: store, sourceIDs: sources.isEmpty ? nil : Set(sources), json: json)
            return
        }
        let runs = try await Self.syncOnce(store: store, sourceIDs: sources.isEmpty ? nil : sources,
                                           makeSource: DemandSourceMakers.live())
        try Self.report(runs, json: json)
    }

    /// Syncs once holding the workspace's lease, printing progress; shared with `demo`. The platform is
    /// the one the workspace's `[platform]` names (its API key resolved now); a whole round also
    /// reconciles the placements of deleted sources (rule 6).
    static func syncOnce(store: WorkspaceStore, sourceIDs: [String]?, makeSource: @escaping DemandSourceMaker,
                         resolver: SecretResolver = SecretResolver(), fetcher: HTTPFetcher = .shared,
                         clock: any SyncClock = SystemClock()) async throws -> [SyncRun] {
        let engine: WorkspaceEngine
        do {
            engine = try WorkspaceEngine.open(store: store, resolver: resolver, fetcher: fetcher, clock: clock)
        } catch {
            throw CLIError(error.description)
        }
        let coordinator = engine.coordinator(makeSource: makeSource)
        do {
            return try await coordinator.withSyncLease {
                try await coordinator.syncOnce(sourceIDs: sourceIDs, progress: SyncProgressPrinter.print)
            }
        } catch let refusal as SyncCoordinator.Refusal {
            throw CLIError(refusal.description)
        }
    }

    /// Syncs on schedule until SIGINT or SIGTERM: the runs in flight finish their writes, the lease is
    /// given back. A second signal quits at once.
    static func runScheduled(store: WorkspaceStore, sourceIDs: Set<String>?, json: Bool) async throws {
        let engine: WorkspaceEngine
        do { engine = try WorkspaceEngine.open(store: store) } catch { throw CLIError(error.description) }
        if let sourceIDs {
            for id in sourceIDs.sorted() {
                guard let source = try store.source(id: id) else { throw CLIError("unknown source \"\(id)\"") }
                if source.isArchived { throw CLIError("source \"\(id)\" is deleted (archived)") }
            }
        }
        let scheduler = engine.scheduler(
            makeSource: DemandSourceMakers.live(), options: SyncScheduler.Options(sourceIDs: sourceIDs),
            onProgress: SyncProgressPrinter.print,
            onRun: { run in
                if json, let line = try? JSONOutput.string(JSONShapes.Run(run), pretty: false) { Output.line(line) }
                else if !json { Output.line("\(run.sourceID) \(run.status.rawValue): \(run.counts.fetched) fetched, "
                                             + "\(run.counts.created) created, \(run.counts.updated) updated, "
                                             + "\(run.counts.paused) paused, \(run.counts.excluded) excluded, "
                                             + "\(run.counts.failed) failed" + (run.error.map { " (\($0))" } ?? "")) }
            })
        do {
            try await scheduler.start()
        } catch let refusal as SyncCoordinator.Refusal {
            throw CLIError(refusal.description)
        }
        let signals = SignalWatcher(signals: [SIGINT, SIGTERM]) { count in
            if count > 1 { Foundation.exit(130) }
            Output.error("stopping: the runs in flight finish their writes (signal again to quit at once)")
            Task { await scheduler.stop() }
        }
        Output.error("syncing \(store.path) on schedule; SIGINT or SIGTERM stops")
        await scheduler.waitUntilStopped()
        withExtendedLifetime(signals) {}
        if let problem = await scheduler.workspaceProblem { throw CLIError(problem.description) }
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

import ArgumentParser
import CPAPIKit
import Foundation
import Logging
import Synchronization

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
            interval. A second sync of the same workspace is refused, naming the process that syncs it, and exits \
            non-zero. stdout is its log, one line per finished run, per failure outside a run and per alert, \
            written whole as it happens; progress stays on stderr. --log-format text (the default): \
            "TS LEVEL MESSAGE key=value…"; json (or --json): one object per line with "ts", "level", "msg", "event" \
            (run, failure, alert, recovered), "source", and for a run "run_id", "status", "phase", "kind", "counts", \
            "started_at", "duration_s", "error", "missing_note". A run is info when it succeeded, warning when partial \
            or interrupted, error when failed. Alerts (error level, "alert": source_invalid, missing_marking_stopped, \
            every_write_failed): a source whose runs have failed for longer than --alert-invalid-after (checked as \
            its runs end), a safety guard that stopped missing-marking, a run whose every write failed.

            SIGINT or SIGTERM stops it within seconds: the runs in flight are cancelled (their requests end), \
            recorded as failed with "interrupted: …", the lease is given back, and it exits 0; a second signal quits \
            at once (130). It exits 1 when the workspace's file went away under it.

            --metrics ADDR (HOST:PORT, [IPv6]:PORT; port 0 takes a free one, printed on stderr as \
            "metrics on http://HOST:PORT") serves GET /metrics (Prometheus text: cpapi_sync_runs_total{source,status}, \
            cpapi_sync_failures_total{source,phase}, cpapi_sync_alerts_total{alert,source}, \
            cpapi_sync_push_duration_seconds{source}, cpapi_sync_last_success_timestamp_seconds{source}, \
            cpapi_placements{campaign,state}, cpapi_sync_lease_held) and GET /healthz: 200 \
            {"status":"ok","lease":"held","last_success":{SOURCE: TIME},"failing":[SOURCE]}; 503 with status \
            "lease_lost" once the lease is not this process's, or "failing" when every source's last run failed.

            --json (with --once) prints {"runs": [RUN], "failed": [source id]} where RUN is as in `cpapi-tui runs --json`: \
            {"id", "source", "kind", "started_at", "ended_at", "phase", "status", "counts": {"fetched", "new", "changed", \
            "unchanged", "invalid", "missing", "returned", "created", "updated", "paused", "excluded", "failed"}, "error", \
            "missing_note"}.
            """)

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Sync once and exit (without it: sync on schedule until SIGINT or SIGTERM).") var once = false
    @Option(name: .customLong("source"), help: ArgumentHelp("Only this source (repeatable).", valueName: "ID"))
    var sources: [String] = []
    @Flag(help: "Print one JSON document (without --once: the same as --log-format json).") var json = false
    @Option(help: ArgumentHelp("Without --once: the log lines on stdout, text (default) or json.", valueName: "FORMAT"))
    var logFormat: StructuredLogFormat?
    @Option(
        help: ArgumentHelp(
            "Without --once: serve /metrics and /healthz on this address (127.0.0.1:9464; port 0: a free one).",
            valueName: "ADDR"))
    var metrics: String?
    @Option(help: ArgumentHelp("Without --once: alert when a source's runs have failed for longer than this.", valueName: "DURATION"))
    var alertInvalidAfter = "30m"

    func validate() throws {
        if once {
            if logFormat != nil { throw ValidationError("--log-format is for the scheduled sync (without --once)") }
            if metrics != nil { throw ValidationError("--metrics is for the scheduled sync (without --once)") }
        }
        if json, logFormat == .text { throw ValidationError("--json and --log-format text disagree") }
        if let metrics, MetricsServer.Address(metrics) == nil {
            throw ValidationError("--metrics \"\(metrics)\": write HOST:PORT, e.g. 127.0.0.1:9464")
        }
        do { _ = try ConfigDuration.seconds(from: alertInvalidAfter) } catch {
            throw ValidationError("--alert-invalid-after: \(error.description)")
        }
    }

    /// How the scheduled sync reports: its log, alerts, metrics.
    struct ServiceOptions {
        var logFormat: StructuredLogFormat = .text
        var metrics: MetricsServer.Address?
        var alertInvalidAfter: TimeInterval = 30 * 60
    }

    func run() async throws {
        let store = try global.openWorkspace().store
        guard once else {
            let service = ServiceOptions(
                logFormat: logFormat ?? (json ? .json : .text), metrics: metrics.flatMap { MetricsServer.Address($0) },
                alertInvalidAfter: try ConfigDuration.seconds(from: alertInvalidAfter))
            try await Self.runScheduled(store: store, sourceIDs: sources.isEmpty ? nil : Set(sources), service: service)
            return
        }
        let runs = try await Self.syncOnce(
            store: store, sourceIDs: sources.isEmpty ? nil : sources,
            makeSource: DemandSourceMakers.live())
        try Self.report(runs, json: json)
    }

    /// Syncs once holding the workspace's lease, printing progress; shared with `demo`. The platform is
    /// the one the workspace's `[platform]` names (its API key resolved now); a whole round also
    /// reconciles the placements of deleted sources (rule 6).
    static func syncOnce(
        store: WorkspaceStore, sourceIDs: [String]?, makeSource: @escaping DemandSourceMaker,
        resolver: SecretResolver = SecretResolver(), fetcher: HTTPFetcher = .shared,
        clock: any SyncClock = SystemClock()
    ) async throws -> [SyncRun] {
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

    /// Syncs on schedule until SIGINT or SIGTERM: the runs in flight are cancelled and recorded as
    /// interrupted, the lease is given back. A second signal quits at once.
    static func runScheduled(store: WorkspaceStore, sourceIDs: Set<String>?, service: ServiceOptions) async throws {
        let engine: WorkspaceEngine
        do { engine = try WorkspaceEngine.open(store: store) } catch { throw CLIError(error.description) }
        if let sourceIDs {
            for id in sourceIDs.sorted() {
                guard let source = try store.source(id: id) else { throw CLIError("unknown source \"\(id)\"") }
                if source.isArchived { throw CLIError("source \"\(id)\" is deleted (archived)") }
            }
        }
        let format = service.logFormat
        let logger = Logger(label: "cpapi-tui.sync") { _ in StructuredLogHandler(format: format) }
        let identity = SyncLeaseHolder.currentProcess
        let health = SyncHealth(leaseHeld: {
            guard let holder = try? store.syncLeaseHolder() else { return false }
            return holder.pid == identity.pid && holder.host == identity.host
        })
        let metrics = service.metrics.map { _ in SyncMetrics() }
        let monitor = SyncMonitor(
            store: store, logger: logger, metrics: metrics, health: health,
            invalidAfter: service.alertInvalidAfter)
        let synced = try store.sources().filter { sourceIDs?.contains($0.id) ?? true }
        for source in synced {
            if let success = try store.recentRuns(sourceID: source.id).first(where: { $0.status == .succeeded })?.endedAt {
                health.seed(lastSuccess: [source.id: success])
                metrics?.setLastSuccess(sourceID: source.id, at: success)
            }
        }

        // Bound before the lease is taken: an address in use fails the command with nothing synced.
        var server: MetricsServer.Running?
        if let address = service.metrics, let metrics {
            server = try await MetricsServer(address: address, metrics: metrics, health: health).start()
            Output.error("metrics on http://\(server!.address)")
        }

        let scheduler = engine.scheduler(
            makeSource: DemandSourceMakers.live(), options: SyncScheduler.Options(sourceIDs: sourceIDs),
            onProgress: { step in
                SyncProgressPrinter.print(step)
                monitor.progress(step)
            },
            onRun: monitor.run)
        let monitoring = Task { await monitor.run(sources: synced) }
        let signalled = Mutex(false)
        let signals = SignalWatcher(signals: [SIGINT, SIGTERM]) { count in
            if count > 1 { Foundation.exit(130) }
            signalled.withLock { $0 = true }
            Output.error("stopping: the runs in flight are cancelled and recorded as interrupted (signal again to quit at once)")
            Task { await scheduler.interrupt() }
        }
        do {
            try await scheduler.start()
        } catch let refusal as SyncCoordinator.Refusal {
            monitor.finish()
            await server?.stop()
            throw CLIError(refusal.description)
        }
        // A signal before the start found nothing to stop.
        if signalled.withLock({ $0 }) { await scheduler.interrupt() }
        Output.error("syncing \(store.path) on schedule; SIGINT or SIGTERM stops")
        await scheduler.waitUntilStopped()
        monitor.finish()
        await monitoring.value
        await server?.stop()
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
                return [
                    run.sourceID, run.kind.rawValue, run.status.rawValue, "\(c.fetched)", "\(c.new)", "\(c.changed)",
                    "\(c.unchanged)", "\(c.invalid)", "\(c.missing)", "\(c.created)", "\(c.updated)", "\(c.paused)",
                    "\(c.excluded)", "\(c.failed)", run.error ?? run.missingNote ?? ""
                ]
            }
            Output.line(
                Output.table(
                    [
                        "SOURCE", "KIND", "STATUS", "FETCHED", "NEW", "CHANGED", "UNCHANGED", "INVALID",
                        "MISSING", "CREATED", "UPDATED", "PAUSED", "EXCLUDED", "FAILED", "NOTE"
                    ], rows))
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

extension StructuredLogFormat: ExpressibleByArgument {}

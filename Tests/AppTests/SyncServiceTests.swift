import Foundation
import Synchronization
import LoopbackServers
import Testing
@testable import CPAPIKit
@testable import cpapi_tui

/// `cpapi-tui sync` as a service: its metrics text, its health answer, the `--metrics` address, and
/// `--log-format`'s options (the process-level behaviour is in `SyncServiceProcessTests`).
@Suite struct SyncServiceTests {
    static func run(_ source: String, _ status: SyncRunStatus, phase: SyncPhase = .done, error: String? = nil) -> SyncRun {
        SyncRun(
            id: 7, sourceID: source, kind: .full, startedAt: Date(timeIntervalSince1970: 1_777_000_000),
            endedAt: Date(timeIntervalSince1970: 1_777_000_002), phase: phase, status: status, error: error)
    }

    static func lines(_ text: String) -> Set<String> { Set(text.split(separator: "\n").map(String.init)) }

    @Test func theMetricsTextHasTheDocumentedSeries() {
        let metrics = SyncMetrics()
        metrics.recordRun(Self.run("alpha", .succeeded))
        metrics.recordRun(Self.run("alpha", .succeeded))
        metrics.recordRun(Self.run("beta", .failed, phase: .fetch, error: "HTTP 500 from the source"))
        metrics.recordFailure(sourceID: "*", phase: .fetch)
        metrics.prepareAlerts(sourceID: "alpha")
        metrics.recordAlert(SyncAlert(kind: .everyWriteFailed, sourceID: "alpha", runID: 7, message: "every write failed"))
        metrics.recordPush(sourceID: "alpha", seconds: 0.3)
        metrics.recordPush(sourceID: "alpha", seconds: 7)
        var counts = WorkspaceStore.PlacementCounts()
        counts.live = 5; counts.pending = 1
        metrics.setPlacements(["all": counts])
        metrics.setLeaseHeld(true)

        let text = metrics.render()
        let lines = Self.lines(text)
        for expected in [
            "# TYPE cpapi_sync_runs_total counter",
            #"cpapi_sync_runs_total{source="alpha",status="succeeded"} 2"#,
            #"cpapi_sync_runs_total{source="beta",status="failed"} 1"#,
            #"cpapi_sync_failures_total{source="beta",phase="fetch"} 1"#,
            #"cpapi_sync_failures_total{source="*",phase="fetch"} 1"#,
            #"cpapi_sync_alerts_total{alert="every_write_failed",source="alpha"} 1"#,
            #"cpapi_sync_alerts_total{alert="source_invalid",source="alpha"} 0"#,
            #"cpapi_sync_alerts_total{alert="missing_marking_stopped",source="alpha"} 0"#,
            "# TYPE cpapi_sync_push_duration_seconds histogram",
            #"cpapi_sync_push_duration_seconds_bucket{source="alpha",le="0.25"} 0"#,
            #"cpapi_sync_push_duration_seconds_bucket{source="alpha",le="0.5"} 1"#,
            #"cpapi_sync_push_duration_seconds_bucket{source="alpha",le="10.0"} 2"#,
            #"cpapi_sync_push_duration_seconds_bucket{source="alpha",le="+Inf"} 2"#,
            #"cpapi_sync_push_duration_seconds_count{source="alpha"} 2"#,
            #"cpapi_sync_push_duration_seconds_sum{source="alpha"} 7.3"#,
            #"cpapi_sync_last_success_timestamp_seconds{source="alpha"} 1777000002.0"#,
            #"cpapi_placements{campaign="all",state="live"} 5.0"#,
            #"cpapi_placements{campaign="all",state="pending"} 1.0"#,
            #"cpapi_placements{campaign="all",state="excluded"} 0.0"#,
            "cpapi_sync_lease_held 1.0"
        ] {
            #expect(lines.contains(expected), "missing \(expected) in\n\(text)")
        }
        #expect(!text.contains(#"cpapi_sync_last_success_timestamp_seconds{source="beta"}"#), "beta never succeeded")
    }

    @Test func healthIsOkWhileTheLeaseIsHeldAndASourceWorks() {
        let held = Mutex(true)
        let health = SyncHealth(leaseHeld: { held.withLock { $0 } })
        #expect(health.answer() == .init(status: 200, body: #"{"status":"ok","lease":"held","last_success":{},"failing":[]}"#))
        health.record(Self.run("alpha", .succeeded))
        health.record(Self.run("beta", .failed, error: "HTTP 500"))
        #expect(
            health.answer()
                == .init(
                    status: 200,
                    body: #"{"status":"ok","lease":"held","last_success":"#
                        + #"{"alpha":"2026-04-24T03:06:42.000Z"},"failing":["beta"]}"#))
        health.record(Self.run("alpha", .failed, error: "every write failed (2), the first: HTTP 500"))
        #expect(health.answer().status == 503)
        #expect(health.answer().body.hasPrefix(#"{"status":"failing","lease":"held""#))
        health.record(Self.run("alpha", .failed, error: "interrupted: the process that ran it stopped during the push phase"))
        #expect(health.answer().status == 503, "an interrupted run says nothing of the source")
        health.record(Self.run("beta", .partial))
        #expect(health.answer().status == 200)
        held.withLock { $0 = false }
        #expect(health.answer().status == 503)
        #expect(health.answer().body.hasPrefix(#"{"status":"lease_lost","lease":"lost""#))
    }

    @Test func metricsAddressesParse() {
        #expect(MetricsServer.Address("127.0.0.1:9464") == .init(host: "127.0.0.1", port: 9464))
        #expect(MetricsServer.Address("[::1]:0") == .init(host: "::1", port: 0))
        #expect(MetricsServer.Address(":9464") == .init(host: "127.0.0.1", port: 9464))
        #expect(MetricsServer.Address("[::1]:0")?.description == "[::1]:0")
        for bad in ["9464", "127.0.0.1", "127.0.0.1:http", "::1:9464", "127.0.0.1:70000"] {
            #expect(MetricsServer.Address(bad) == nil, "\(bad)")
        }
    }

    @Test func serviceOptionsAreRefusedWithOnceAndBadValuesAreUsageErrors() {
        for arguments in [
            ["sync", "--once", "--metrics", "127.0.0.1:0"], ["sync", "--once", "--log-format", "json"],
            ["sync", "--metrics", "9464"], ["sync", "--alert-invalid-after", "30"],
            ["sync", "--log-format", "xml"], ["sync", "--json", "--log-format", "text"]
        ] {
            #expect(throws: (any Error).self, "\(arguments)") { try CPAPITUI.parseAsRoot(arguments) }
        }
        #expect(throws: Never.self) {
            try CPAPITUI.parseAsRoot(["sync", "--log-format", "json", "--metrics", "127.0.0.1:9464", "--alert-invalid-after", "1h"])
        }
    }
}

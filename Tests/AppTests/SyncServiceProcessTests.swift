import Foundation
import LoopbackServers
import Testing
@testable import CPAPIKit

/// The built `cpapi-tui sync` as a service manager runs it: SIGTERM during a held-up run, and
/// `--metrics` answering /metrics and /healthz on loopback. No timing is asserted: each test waits
/// for what it needs; `BinaryProcess.hangGuard` only keeps a hung process from hanging the suite.
@Suite struct SyncServiceProcessTests: WorkspaceProcessFixture {
    /// Waits until `condition` holds; fails when `process` ends first or the hang guard passes.
    func until(_ what: String, _ process: BinaryProcess, _ condition: () async throws -> Bool) async throws {
        let guardrail = ContinuousClock.now + BinaryProcess.hangGuard
        while try await !condition() {
            if ContinuousClock.now > guardrail || kill(process.pid, 0) != 0 {
                throw BinaryProcess.Failure(description: "no \(what); stdout:\n\(process.stdout)\nstderr:\n\(process.stderr)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    static func jsonLines(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not a JSON object: \(line)")
        }
    }

    func applied(_ scratch: Scratch, _ cpalead: FakeCPAleadServer) async throws -> WorkspaceStore {
        await cpalead.setFeed(publisherID: "1", offers: OfferFeedGenerator(seed: 7, firstID: 100, publisherID: "1").offers(count: 5))
        let applied = try await BinaryProcess.run(["--workspace", scratch.workspace, "apply", try scratch.write("c.toml", alphaConfig(cpalead))])
        #expect(applied.status == 0, "\(applied.stderr)")
        return try scratch.store()
    }

    @Test func sigtermDuringAHeldUpFetchExitsZeroReleasesTheLeaseAndRecordsTheRunInterrupted() async throws {
        let scratch = try Scratch(); defer { scratch.remove() }
        let cpalead = try await FakeCPAleadServer.start()
        do {
            let store = try await applied(scratch, cpalead)
            await cpalead.inject(.held, publisherID: "1")
            let sync = try BinaryProcess(["--workspace", scratch.workspace, "sync", "--log-format", "json"])
            try await until("the fetch held at the server", sync) {
                let running = try store.recentRuns(sourceID: "alpha").first?.status == .running
                let requested = await cpalead.requests().count
                return running && requested > 0
            }
            sync.signal(SIGTERM)
            let finished = try await sync.finish()
            #expect(finished.status == 0, "\(finished.stderr)")
            #expect(try store.syncLeaseHolder() == nil, "the lease is given back")
            let run = try #require(try store.recentRuns(sourceID: "alpha").first)
            #expect(
                run.status == .failed && run.error == "interrupted: the process that ran it stopped during the fetch phase",
                "\(run)")
            #expect(try store.source(id: "alpha")?.state.status == .ready, "a stopped fetch does not make the source invalid")
            #expect(finished.stderr.contains("stopping: the runs in flight are cancelled"), "\(finished.stderr)")

            let lines = try Self.jsonLines(finished.stdout)
            #expect(lines.count == 1, "\(finished.stdout)")
            let line = try #require(lines.first)
            #expect(line["event"] as? String == "run" && line["source"] as? String == "alpha")
            #expect(line["run_id"] as? Int == run.id.map(Int.init) && line["status"] as? String == "failed")
            #expect(line["level"] as? String == "warning" && line["error"] as? String == run.error)
        } catch {
            await cpalead.release(); await cpalead.stop()
            throw error
        }
        await cpalead.release(); await cpalead.stop()
    }

    /// `metrics on http://127.0.0.1:PORT` from stderr.
    func metricsURL(_ process: BinaryProcess) async throws -> String {
        var url: String?
        try await until("the metrics address on stderr", process) {
            url = process.stderr.split(separator: "\n").first { $0.hasPrefix("metrics on http://") }
                .map { String($0.dropFirst("metrics on ".count)) }
            return url != nil
        }
        return url!
    }

    func get(_ url: String) async throws -> (status: Int, body: String) {
        let response = try await HTTPFetcher.shared.fetch(HTTPFetchRequest(url: url), policy: .never)
        return (response.status, String(decoding: response.body, as: UTF8.self))
    }

    @Test func metricsAndHealthAreServedOnLoopback() async throws {
        let scratch = try Scratch(); defer { scratch.remove() }
        let cpalead = try await FakeCPAleadServer.start()
        do {
            try await servedMetrics(scratch, cpalead)
        } catch {
            await cpalead.stop()
            throw error
        }
        await cpalead.stop()
    }

    private func servedMetrics(_ scratch: Scratch, _ cpalead: FakeCPAleadServer) async throws {
        let store = try await applied(scratch, cpalead)

        // A source that works: 200, the lease held, its last success; its run counted, its placements.
        let sync = try BinaryProcess(["--workspace", scratch.workspace, "sync", "--metrics", "127.0.0.1:0"])
        let base = try await metricsURL(sync)
        _ = try await sync.waitForOutput("alpha's run line") { $0.contains("alpha succeeded") }
        let metrics = try await get(base + "/metrics")
        #expect(metrics.status == 200)
        let lines = Set(metrics.body.split(separator: "\n").map(String.init))
        #expect(lines.contains(#"cpapi_sync_runs_total{source="alpha",status="succeeded"} 1"#), "\(metrics.body)")
        #expect(lines.contains(#"cpapi_placements{campaign="all",state="live"} 5.0"#), "\(metrics.body)")
        #expect(lines.contains(#"cpapi_sync_push_duration_seconds_count{source="alpha"} 1"#), "\(metrics.body)")
        #expect(lines.contains(#"cpapi_sync_alerts_total{alert="source_invalid",source="alpha"} 0"#), "\(metrics.body)")
        #expect(lines.contains("cpapi_sync_lease_held 1.0"), "\(metrics.body)")
        #expect(lines.contains { $0.hasPrefix(#"cpapi_sync_last_success_timestamp_seconds{source="alpha"} "#) }, "\(metrics.body)")
        let health = try await get(base + "/healthz")
        #expect(health.status == 200, "\(health.body)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(health.body.utf8)) as? [String: Any])
        #expect(object["status"] as? String == "ok" && object["lease"] as? String == "held")
        #expect((object["last_success"] as? [String: String])?["alpha"] != nil, "\(health.body)")
        sync.signal(SIGTERM)
        #expect(try await sync.finish().status == 0)

        // Every source failing: 503, and the failure counted. A short poll: alpha is due at once
        // (a source runs when due, and it has just succeeded).
        let shortPoll = try scratch.write("short.toml", alphaConfig(cpalead, pollInterval: "1s"))
        #expect(try await BinaryProcess.run(["--workspace", scratch.workspace, "apply", shortPoll]).status == 0)
        await cpalead.inject(.errorStatus(message: "Invalid publisher"), .untilCleared, publisherID: "1")
        let failing = try BinaryProcess(["--workspace", scratch.workspace, "sync", "--metrics", "127.0.0.1:0"])
        let failingBase = try await metricsURL(failing)
        _ = try await failing.waitForOutput("alpha's failed run") { $0.contains("alpha failed") }
        let unhealthy = try await get(failingBase + "/healthz")
        #expect(unhealthy.status == 503, "\(unhealthy.body)")
        #expect(unhealthy.body.contains(#""status":"failing""#) && unhealthy.body.contains(#""failing":["alpha"]"#), "\(unhealthy.body)")
        #expect(unhealthy.body.contains(#""last_success":{"alpha":"#), "the success of the run before, from the store: \(unhealthy.body)")
        let failed = try await get(failingBase + "/metrics")
        #expect(failed.body.contains(#"cpapi_sync_failures_total{source="alpha",phase="fetch"} 1"#), "\(failed.body)")
        failing.signal(SIGTERM)
        #expect(try await failing.finish().status == 0)
        #expect(try store.syncLeaseHolder() == nil)
    }
}

import CPAPIKit
import Foundation
import LoopbackServers
import TerminalTestSupport
import Testing

/// `cpapi-tui sync` running as a service and the console opened beside it in a real terminal (tmux):
/// the console shows the service's run live (its push count, the round) and says who syncs while that
/// process lives; when the service is stopped (SIGTERM) it says so, takes the schedule over and syncs.
/// Judged by the screen, the platform and the store. Requires tmux, like `TmuxConsoleTests`.
@Suite(.serialized) struct TmuxLiveViewTests: WorkspaceProcessFixture {
    static let apiKey = "live-view-key-5c3e"
    /// How long each step may take: under the test's limit, so a step that never comes says which.
    static let patience: Duration = .seconds(90)

    @Test(.timeLimit(.minutes(5))) func theConsoleShowsTheServiceLiveAndTakesOverWhenItStops() async throws {
        let scratch = try Scratch(); defer { scratch.remove() }
        let cpalead = try await FakeCPAleadServer.start()
        let affise = try await FakeAffiseServer.start(apiKey: Self.apiKey)
        let tmux = try TmuxDriver(socketPrefix: "cpapi-live-test")
        defer { tmux.killServer() }
        var service: BinaryProcess?
        do {
            try await takeOver(scratch, cpalead, affise, tmux) { service = $0 }
        } catch {
            await affise.release()
            service?.signal(SIGKILL)
            _ = try? await service?.finish()
            await cpalead.stop(); await affise.stop()
            throw error
        }
        await cpalead.stop(); await affise.stop()
    }

    private func takeOver(
        _ scratch: Scratch, _ cpalead: FakeCPAleadServer, _ affise: FakeAffiseServer, _ tmux: TmuxDriver,
        started: (BinaryProcess) -> Void
    ) async throws {
        // 1,500 creates in three calls' worth of batches; the first batch's first create is held, so
        // the push stops at 1,000 of 1,500 (recorded every thousand) until the test lets it go on.
        await cpalead.setFeed(publisherID: "1", offers: OfferFeedGenerator(seed: 6, firstID: 1, publisherID: "1").offers(count: 1500))
        let config = alphaConfig(cpalead, affise: affise, affiseKey: Self.apiKey, pollInterval: "5s")
        let applied = try await BinaryProcess.run(["--workspace", scratch.workspace, "apply", try scratch.write("c.toml", config)])
        #expect(applied.status == 0, "\(applied.stderr)")
        await affise.inject(.held, on: .create)
        let sync = try BinaryProcess(["--workspace", scratch.workspace, "sync"])
        started(sync)
        // The service holds the lease, in its push, before the console opens: a console opened first
        // would take the lease itself, and the service would be refused.
        let holding = ContinuousClock.now + Self.patience
        while await affise.heldCount() == 0 {
            guard ContinuousClock.now < holding else { throw BinaryProcess.Failure(description: "the service never reached its push") }
            try await Task.sleep(for: .milliseconds(20))
        }

        // Wide enough for the whole title bar (the workspace's path is long).
        let binary = try TmuxDriver.productBinary("cpapi-tui")
        let session = "live"
        let command = "'\(binary.path)' --workspace '\(scratch.workspace)' ui; echo \"cpapi-tui exited with status $?\"; exec sleep 600"
        _ = try tmux.run(["new-session", "-d", "-x", "220", "-y", "40", "-s", session, command])
        let live = try await tmux.waitFor(session, "the service's push, live", timeout: Self.patience) { s in
            s.components(separatedBy: "\n").first?.contains("synced by pid \(sync.pid) on ") == true
                && s.contains("push 1,000/1,500") && s.contains("1 running · 0/1 sources")
        }
        #expect(!live.contains("stopped at"), "\(live)")

        await affise.release()
        _ = try await sync.waitForOutput("alpha's first run") { $0.contains("alpha succeeded") }
        sync.signal(SIGTERM)
        let finished = try await sync.finish()
        #expect(finished.status == 0, "\(finished.stderr)")
        // New offers only the console can sync now: the service is gone.
        await cpalead.setFeed(publisherID: "1", offers: OfferFeedGenerator(seed: 6, firstID: 1, publisherID: "1").offers(count: 1510))
        let screen = try await tmux.waitFor(session, "the console to take over", timeout: Self.patience) { s in
            s.contains("pid \(sync.pid) on ") && s.contains("this console took over the sync")
        }
        #expect(!(screen.components(separatedBy: "\n").first ?? "").contains("synced by pid \(sync.pid)"), "\(screen)")
        let store = try scratch.store()
        let holder = try #require(try store.syncLeaseHolder(), "the console holds the lease")
        #expect(holder.pid != sync.pid)

        // The console keeps the schedule: alpha is due within its poll, and its run reaches the platform.
        let guardrail = ContinuousClock.now + Self.patience
        while await affise.offers().count < 1510, ContinuousClock.now < guardrail { try await Task.sleep(for: .milliseconds(50)) }
        let offers = await affise.offers()
        #expect(offers.count == 1510 && Set(offers.compactMap(\.externalOfferID)).count == 1510, "\(offers.count) platform offers")

        _ = try tmux.run(["send-keys", "-t", session, "q"])
        let after = try await tmux.waitFor(session, "the console to exit", timeout: Self.patience) {
            $0.contains("cpapi-tui exited with status")
        }
        #expect(after.contains("cpapi-tui exited with status 0"), "\(after)")
        #expect(try store.syncLeaseHolder() == nil, "the console gave the lease back on quit")
    }
}

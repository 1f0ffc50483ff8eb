import Foundation
import LoopbackServers
import Testing
@testable import CPAPIKit

/// Operator actions from another process while `cpapi-tui sync` runs: queued in the workspace and
/// applied by the syncing process, the asking command waiting for the result.
@Suite struct OperatorActionProcessTests: WorkspaceProcessFixture {
    @Test func anOfferPausedFromAnotherProcessIsAppliedByTheRunningSync() async throws {
        let scratch = try Scratch(); defer { scratch.remove() }
        let cpalead = try await FakeCPAleadServer.start()
        var sync: BinaryProcess?
        do {
            sync = try await pauseWhileSyncing(scratch, cpalead) { sync = $0 }
        } catch {
            sync?.signal(SIGKILL)
            _ = try? await sync?.finish()
            await cpalead.stop()
            throw error
        }
        await cpalead.stop()
    }

    private func pauseWhileSyncing(
        _ scratch: Scratch, _ cpalead: FakeCPAleadServer,
        started: (BinaryProcess) -> Void
    ) async throws -> BinaryProcess {
        await cpalead.setFeed(publisherID: "1", offers: OfferFeedGenerator(seed: 5, firstID: 100, publisherID: "1").offers(count: 5))
        let applied = try await BinaryProcess.run([
            "--workspace", scratch.workspace, "apply",
            try scratch.write("c.toml", alphaConfig(cpalead))
        ])
        #expect(applied.status == 0, "\(applied.stderr)")

        let sync = try BinaryProcess(["--workspace", scratch.workspace, "sync"])
        started(sync)
        _ = try await sync.waitForOutput("alpha's first run") { $0.contains("alpha succeeded") }
        let store = try scratch.store()
        let placement = try #require(try store.placements(campaignID: "all").first { $0.platformOfferID != nil })
        let key = placement.offerKey.description
        let platformID = try #require(placement.platformOfferID)
        let statusBefore = try await LocalPlatform(store: store).offer(id: platformID)?.status
        #expect(statusBefore != .suspended)

        // Refused before the queue ("act from that process"); now applied by the syncing process.
        let paused = try await BinaryProcess.run(["--workspace", scratch.workspace, "offer", "pause", key, "--timeout", "120"])
        #expect(paused.status == 0, "stdout: \(paused.stdout)\nstderr: \(paused.stderr)")
        #expect(paused.stdout == "held \(key) (all): offer \(platformID) suspended\n")
        #expect(try await LocalPlatform(store: store).offer(id: platformID)?.status == .suspended)
        #expect(try store.placement(id: try #require(placement.id))?.state == .held)
        let action = try #require(try store.operatorActions(limit: 1).first)
        #expect(action.state == .done && action.claimedBy?.hasPrefix("\(sync.pid)@") == true, "\(action)")

        // --no-wait: queued, its id printed, exit 0; the syncing process applies it meanwhile.
        let queued = try await BinaryProcess.run(["--workspace", scratch.workspace, "offer", "resume", key, "--no-wait"])
        #expect(queued.status == 0, "\(queued.stderr)")
        let id = try #require(Int64(queued.stdout.trimmingCharacters(in: .whitespacesAndNewlines)), "stdout: \(queued.stdout)")
        #expect(queued.stderr.contains("queued action \(id)") && queued.stderr.contains("pid \(sync.pid)"), "\(queued.stderr)")
        let guardrail = ContinuousClock.now + BinaryProcess.hangGuard
        while try store.operatorAction(id: id)?.state.isFinished != true {
            #expect(ContinuousClock.now < guardrail, "the syncing process never applied action \(id)")
            if ContinuousClock.now > guardrail { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(try store.operatorAction(id: id)?.state == .done)
        #expect(try store.placement(id: try #require(placement.id))?.state == .live)
        #expect(try await LocalPlatform(store: store).offer(id: platformID)?.status == statusBefore)

        // A failed action exits 1 with its reason, one line.
        let refused = try await BinaryProcess.run(["--workspace", scratch.workspace, "offer", "resume", key, "--timeout", "120"])
        expectOneLineFailure(refused, containing: ["not held"])

        sync.signal(SIGTERM)
        let finished = try await sync.finish()
        #expect(finished.status == 0, "\(finished.stderr)")
        #expect(try store.syncLeaseHolder() == nil)
        return sync
    }
}

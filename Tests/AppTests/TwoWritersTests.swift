import Foundation
import LoopbackServers
import Testing
@testable import CPAPIKit

/// Two `cpapi-tui` processes on one workspace: the lease is never lost by a live holder, however
/// long its run, so a second writer never creates the same offers again.
@Suite struct TwoWritersTests: WorkspaceProcessFixture {
    /// The stale limit both processes use: short, so a held-up run outlives it many times over.
    static let environment = ["CPAPI_LEASE_STALE_AFTER": "1"]

    static let apiKey = "two-writers-key-8d21"

    /// The first sync is held in its push (one create reached the platform, its answer held) for
    /// three stale limits; a second `sync --once` meanwhile must be refused, not take the lease over
    /// and create again what the first one is creating.
    @Test func aSecondSyncIsRefusedWhileAHeldUpRunOutlivesTheStaleLimit() async throws {
        let scratch = try Scratch(); defer { scratch.remove() }
        let cpalead = try await FakeCPAleadServer.start()
        let affise = try await FakeAffiseServer.start(apiKey: Self.apiKey)
        do {
            try await heldUpRun(scratch, cpalead, affise)
        } catch {
            await affise.release()
            await cpalead.stop(); await affise.stop()
            throw error
        }
        await cpalead.stop(); await affise.stop()
    }

    private func heldUpRun(_ scratch: Scratch, _ cpalead: FakeCPAleadServer, _ affise: FakeAffiseServer) async throws {
        await cpalead.setFeed(publisherID: "1", offers: OfferFeedGenerator(seed: 4, firstID: 1, publisherID: "1").offers(count: 300))
        let applied = try await BinaryProcess.run([
            "--workspace", scratch.workspace, "apply",
            try scratch.write("c.toml", alphaConfig(cpalead, affise: affise, affiseKey: Self.apiKey))
        ])
        #expect(applied.status == 0, "\(applied.stderr)")

        await affise.inject(.held, on: .create)
        let first = try BinaryProcess(["--workspace", scratch.workspace, "sync", "--once"], environment: Self.environment)
        while await affise.heldCount() == 0 { try await Task.sleep(for: .milliseconds(20)) }
        let holder = try #require(try scratch.store().syncLeaseHolder())
        while Date() < holder.acquiredAt.addingTimeInterval(3) { try await Task.sleep(for: .milliseconds(50)) }
        let heartbeat = try #require(try scratch.store().syncLeaseHolder()).heartbeatAt
        #expect(heartbeat > holder.acquiredAt.addingTimeInterval(1), "the holder renewed its heartbeat during the run")

        let second = try await BinaryProcess.run(["--workspace", scratch.workspace, "sync", "--once"], environment: Self.environment)
        #expect(second.status == 1)
        #expect(second.stderr.contains("the workspace is being synced by pid \(first.pid)"), "\(second.stderr)")

        await affise.release()
        let finished = try await first.finish()
        #expect(finished.status == 0, "\(finished.stderr)")
        let offers = await affise.offers()
        let distinct = Set(offers.compactMap(\.externalOfferID)).count
        #expect(offers.count == 300 && distinct == 300, "\(offers.count) platform offers for 300: \(offers.count - distinct) duplicates")
    }
}

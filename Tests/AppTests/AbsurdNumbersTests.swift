import Foundation
import GRDB
import LoopbackServers
import Testing
@testable import CPAPIKit

/// A number no advertiser means (`1e308`) and a stored record that cannot be read back: neither
/// wedges the workspace. Run through the built binary, as an operator would meet them.
@Suite struct AbsurdNumbersTests: WorkspaceProcessFixture {
    func sync(_ scratch: Scratch) async throws -> BinaryProcess.Finished {
        try await BinaryProcess.run(["--workspace", scratch.workspace, "sync", "--once"])
    }

    @Test func anAbsurdPayoutIsInvalidAndTheSourceKeepsSyncing() async throws {
        let scratch = try Scratch(); defer { scratch.remove() }
        let server = try await FakeCPAleadServer.start()
        var offers = OfferFeedGenerator(seed: 9, firstID: 100, publisherID: "1").offers(count: 3)
        offers[0].amount = 1e308
        await server.setFeed(publisherID: "1", offers: offers)
        #expect(
            try await BinaryProcess.run(["--workspace", scratch.workspace, "apply", try scratch.write("c.toml", alphaConfig(server))]).status == 0)

        let first = try await sync(scratch)
        #expect(first.status == 0, "\(first.stderr)")
        let listed = try await BinaryProcess.run(["--workspace", scratch.workspace, "offers", "--json"])
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.contains("payout 1e+308 out of range"))
        let absurd = try #require(try scratch.store().offer(OfferKey(sourceID: "alpha", externalID: "100")))
        #expect(absurd.invalidReasons == ["payout 1e+308 out of range (at most 1000000)"])
        #expect(try scratch.store().placements(for: absurd.key).allSatisfy { $0.platformOfferID == nil }, "never pushed")

        offers[0].amount = 2.5
        await server.setFeed(publisherID: "1", offers: offers)
        let healed = try await sync(scratch)
        await server.stop()
        #expect(healed.status == 0, "\(healed.stderr)")
        #expect(try scratch.store().placements(for: absurd.key).first?.platformOfferID != nil, "pushed once the feed is good")
    }

    /// A record of what was pushed that cannot be read back (as a `1e308` payout once left behind).
    @Test func aPlacementThatCannotBeReadBackIsPushedAgainNotAWedge() async throws {
        let scratch = try Scratch(); defer { scratch.remove() }
        let server = try await FakeCPAleadServer.start()
        var offers = OfferFeedGenerator(seed: 9, firstID: 100, publisherID: "1").offers(count: 3)
        await server.setFeed(publisherID: "1", offers: offers)
        #expect(
            try await BinaryProcess.run(["--workspace", scratch.workspace, "apply", try scratch.write("c.toml", alphaConfig(server))]).status == 0)
        #expect(try await sync(scratch).status == 0)
        try edit(database(scratch)) { db in
            try db.execute(
                sql: """
                    UPDATE placements SET last_pushed = '{"payments":[{"revenue":null}]}' WHERE external_id = '101'
                    """)
        }
        let listed = try await BinaryProcess.run(["--workspace", scratch.workspace, "offers", "--json"])
        #expect(listed.status == 0, "\(listed.stderr)")

        offers[1].amount += 1
        await server.setFeed(publisherID: "1", offers: offers)
        let next = try await sync(scratch)
        await server.stop()
        #expect(next.status == 0, "\(next.stderr)")
        let placement = try #require(try scratch.store().placements(for: OfferKey(sourceID: "alpha", externalID: "101")).first)
        #expect(placement.lastError == nil, "\(placement.lastError ?? "")")
        #expect(placement.lastPushed?.payments?.contains { $0.total == offers[1].amount } == true, "pushed again and readable")
        #expect(placement.lastPushed?.title != nil, "in full: every field, not only the changed payout")
    }
}

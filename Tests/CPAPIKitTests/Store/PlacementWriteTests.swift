import Foundation
import GRDB
import Testing
@testable import CPAPIKit

/// Placement changes are written a batch at a time: each placement must end as its last change says.
@Suite struct PlacementWriteTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    private func pending(_ count: Int, in store: WorkspaceStore) async throws -> [Placement] {
        let pairs = (0..<count).map { (campaignID: "c1", key: OfferKey(sourceID: "s1", externalID: "\($0)")) }
        return try await store.pool.write { [now] db in
            try WorkspaceStore.insertPendingPlacements(pairs, createAttemptedAt: now, at: now, db: db)
        }
    }

    @Test func everyPlacementOfABatchGetsItsOwnChange() async throws {
        let dir = try ScratchFolder(); defer { dir.remove() }
        let store = try WorkspaceStore(path: dir.file("cpapi.sqlite"))
        let placements = try await pending(150, in: store)
        #expect(Set(placements.map(\.offerKey.externalID)) == Set((0..<150).map { "\($0)" }))
        let changes = placements.map { placement -> PlacementChange in
            var changed = placement
            changed.platformOfferID = 1000 + Int(placement.offerKey.externalID)!
            changed.state = .live
            changed.lastPushed = PlatformOfferFields(title: "offer \(placement.offerKey.externalID)", status: .active)
            changed.createAttemptedAt = nil
            return PlacementChange(
                placement: changed,
                events: [
                    SyncEvent(
                        at: now, sourceID: "s1",
                        offerExternalID: placement.offerKey.externalID, kind: .created, message: "created")
                ])
        }
        try await store.recordPlacementChanges(changes, at: now)
        for placement in placements {
            let stored = try #require(try store.placement(id: placement.id!))
            let externalID = placement.offerKey.externalID
            #expect(stored.offerKey.externalID == externalID)
            #expect(stored.platformOfferID == 1000 + Int(externalID)!)
            #expect(stored.state == .live && stored.createAttemptedAt == nil)
            #expect(stored.lastPushed?.title == "offer \(externalID)")
        }
        #expect(try store.recentEvents(limit: 1000).count == 150)
    }

    @Test func aPlacementChangedTwiceInOneBatchEndsAsTheLaterChange() async throws {
        let dir = try ScratchFolder(); defer { dir.remove() }
        let store = try WorkspaceStore(path: dir.file("cpapi.sqlite"))
        let placement = try #require(try await pending(1, in: store).first)
        var first = placement, second = placement
        first.state = .held; first.reason = "first"
        second.state = .excluded; second.reason = "second"
        try await store.recordPlacementChanges(
            [
                PlacementChange(placement: first, events: []),
                PlacementChange(placement: second, events: [])
            ], at: now)
        let stored = try #require(try store.placement(id: placement.id!))
        #expect(stored.state == .excluded && stored.reason == "second")
    }
}

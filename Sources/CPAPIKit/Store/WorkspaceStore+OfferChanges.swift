import Foundation
import GRDB

/// What an `offer_changed` event says: the fields that changed and how (`OfferChangeSummary`).
extension WorkspaceStore {
    /// Words the store phase's `offer_changed` events (`changed`: each event's index and its offer's)
    /// from the versions stored before this fetch. Only the offers whose hash changed are read, in
    /// one batched read: a first sync (every offer new) and a sync of an unchanged feed read nothing.
    static func describeChanges(
        _ events: inout [SyncEvent], changed: [(event: Int, offer: Int)], offers: [DemandOffer], sourceID: String, db: Database
    ) throws {
        guard !changed.isEmpty else { return }
        let ids = Set(changed.map { offers[$0.offer].key.externalID })
        var stored: [String: DemandOffer] = [:]
        for offer in try offersToPlan(sourceID: sourceID, externalIDs: ids, db: db) { stored[offer.key.externalID] = offer }
        for (event, index) in changed {
            guard let old = stored[offers[index].key.externalID] else { continue }
            events[event].message = OfferChangeSummary(from: old, to: offers[index]).text
        }
    }
}

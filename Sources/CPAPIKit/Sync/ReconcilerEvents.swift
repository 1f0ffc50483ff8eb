import Foundation

/// Makes the events of one pass, all stamped with its time, run and source.
struct ReconcilerEvents: Sendable {
    let at: Date
    let runID: Int64?
    let sourceID: String

    func event(_ kind: SyncEventKind, _ work: PlacementWork, _ platformOfferID: Int?, _ message: String) -> SyncEvent {
        SyncEvent(
            at: at, runID: runID, sourceID: sourceID, offerExternalID: work.key.externalID,
            campaignID: work.campaign.id, platformOfferID: platformOfferID, kind: kind,
            message: "\(work.campaign.id) \(work.key): \(message)")
    }
}

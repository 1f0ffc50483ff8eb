import Foundation

/// What the match phase reads of one source, all from one consistent snapshot of the store (one
/// read transaction): a store implements it over its own connection (`WorkspaceStore.readSnapshot`).
public protocol SyncSnapshot {
    /// The campaigns not deleted.
    func campaigns() throws -> [Campaign]
    /// Every placement of the source, light (no JSON decoded).
    func placementDigests(sourceID: String) throws -> [PlacementDigest]
    /// The source's offers in the feed (not missing), with their content hashes.
    func offersInFeed(sourceID: String) throws -> [(externalID: String, contentHash: String)]
    /// These offers of the source, in full.
    func offersToPlan(sourceID: String, externalIDs: Set<String>) throws -> [DemandOffer]
    /// These placements of the source, in full; `total`: how many the source has (a hint for how to read them).
    func placements(sourceID: String, ids: Set<Int64>, total: Int?) throws -> [Placement]
}

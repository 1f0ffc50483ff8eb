import Foundation

/// The match phase: which placements of a source this run works on. The active campaigns' stored
/// placements that need planning are read in full, settled ones only confirmed later by observe, and
/// every offer in the feed an active campaign matches (`CampaignMatcher`) and has no placement for
/// gets a new `pending` placement.
struct MatchPhase: Sendable {
    let store: any SyncStore
    /// Offers the campaigns cover but do not match, not read again while they stay as judged.
    let unmatchedOffers: UnmatchedOffers

    /// The source's placements of active campaigns, with a new `pending` placement for every offer in
    /// the feed that an active campaign matches and has no placement for. The new ones are not stored
    /// here: the push stores them as their creates are sent, marked attempted in that same write.
    ///
    /// A light pass over the placements comes first: a settled one (live, its offer in the feed, its
    /// `PlanFingerprint` unchanged since it was left in step, no drift or error) is not decoded or
    /// planned, only confirmed by observe. The others and the new matches are read in full; an offer
    /// a campaign was found not to match is not read again until it or the campaign changes.
    ///
    /// Everything is read in one read transaction (asynchronously: no thread waits on the reader
    /// pool), so decoding a source's offers and placements never holds the workspace's single writer
    /// while other sources store their feeds. Only this source's run adds its placements, and the
    /// table's uniqueness refuses a duplicate if that changed.
    ///
    /// An offer `fetched` holds with the content hash stored for it is taken from there: the plan
    /// reads nothing but its content (and the store has just written it from that very value).
    func run(source: Source, fetched: [DemandOffer] = []) async throws -> (load: PlanLoad, inputs: PlanInputs) {
        let (found, unplaced, inputs) = try await store.readSnapshot {
            snapshot -> (PlanLoad, [(campaignID: String, key: OfferKey, offer: Shared<DemandOffer?>)], PlanInputs) in
            let inputs = PlanInputs(
                campaigns: try snapshot.campaigns().filter(\.isActive),
                source: source)
            guard !inputs.campaigns.isEmpty else { return (PlanLoad(), [], inputs) }
            var load = PlanLoad()
            var toPlan = Set<Int64>()
            var wanted = Set<String>()
            var storedHash: [String: String] = [:]  // of the wanted offers
            var placed: [String: Set<String>] = [:]  // external ids placed, by campaign id
            let digests = try snapshot.placementDigests(sourceID: source.id)
            for digest in digests where inputs.isActive(campaignID: digest.campaignID) {
                placed[digest.campaignID, default: []].insert(digest.externalID)
                // Excluded for ever (rules 3-4): it only keeps its campaign from placing the offer again.
                guard !digest.isExcluded else { continue }
                let fingerprint = inputs.fingerprint(campaignID: digest.campaignID, offerContentHash: digest.offerContentHash)
                if !source.isArchived, let state = digest.settledState(fingerprint: fingerprint) {
                    load.settled[digest.id] = state
                } else {
                    toPlan.insert(digest.id)
                    wanted.insert(digest.externalID)
                    storedHash[digest.externalID] = digest.offerContentHash
                }
            }
            // By index into `covering`: a campaign copied per candidate showed at 100k offers.
            var candidates: [(campaign: Int, externalID: String, fingerprint: String?)] = []
            let covering =
                source.isArchived
                ? []
                : inputs.campaigns.filter {
                    $0.sources.contains(source.id) || $0.offers.contains(where: { $0.sourceID == source.id })
                }
            if !covering.isEmpty {
                for (externalID, contentHash) in try snapshot.offersInFeed(sourceID: source.id) {
                    for (index, campaign) in covering.enumerated() where placed[campaign.id]?.contains(externalID) != true {
                        let fingerprint = inputs.fingerprint(campaignID: campaign.id, offerContentHash: contentHash)
                        let key = OfferKey(sourceID: source.id, externalID: externalID)
                        guard !unmatchedOffers.isKnown(campaignID: campaign.id, key, fingerprint: fingerprint) else { continue }
                        candidates.append((index, externalID, fingerprint))
                        wanted.insert(externalID)
                        storedHash[externalID] = contentHash
                    }
                }
            }
            // Each offer boxed once: every work of it shares the box.
            var offerByID: [String: Shared<DemandOffer?>] = [:]
            offerByID.reserveCapacity(wanted.count)
            for offer in fetched where storedHash[offer.key.externalID] == offer.contentHash {
                offerByID[offer.key.externalID] = Shared(offer)
                wanted.remove(offer.key.externalID)
            }
            for offer in try snapshot.offersToPlan(sourceID: source.id, externalIDs: wanted) {
                offerByID[offer.key.externalID] = Shared(offer)
            }
            let noOffer = Shared<DemandOffer?>(nil)
            load.works = try snapshot.placements(sourceID: source.id, ids: toPlan, total: digests.count)
                .compactMap { inputs.work($0, offer: offerByID[$0.offerKey.externalID] ?? noOffer) }
            var unplaced: [(campaignID: String, key: OfferKey, offer: Shared<DemandOffer?>)] = []
            var unmatched: [(campaignID: String, key: OfferKey, fingerprint: String)] = []
            for candidate in candidates {
                guard let shared = offerByID[candidate.externalID], let offer = shared.value else { continue }
                let campaign = covering[candidate.campaign]
                if CampaignMatcher.verdict(campaign, offer).isMatch {
                    unplaced.append((campaign.id, offer.key, shared))
                } else if let fingerprint = candidate.fingerprint {
                    unmatched.append((campaign.id, offer.key, fingerprint))
                }
            }
            unmatchedOffers.record(unmatched: unmatched, matched: unplaced.map { ($0.campaignID, $0.key) })
            return (load, unplaced, inputs)
        }
        guard !unplaced.isEmpty else { return (found, inputs) }
        var load = consume found  // one owner: appending must not copy every work
        // Not stored yet: the push stores them as their creates are sent, marked attempted in the same write.
        load.works += unplaced.compactMap { item in
            inputs.work(Placement(campaignID: item.campaignID, offerKey: item.key, state: .pending), offer: item.offer)
        }
        return (load, inputs)
    }

    /// Settled placements whose platform offer turned out different: read in full for the full path.
    func reload(placementIDs: Set<Int64>, inputs: PlanInputs) async throws -> [PlacementWork] {
        guard !placementIDs.isEmpty else { return [] }
        return try await store.readSnapshot { snapshot in
            let placements = try snapshot.placements(sourceID: inputs.source.id, ids: placementIDs, total: nil)
            let offers = try snapshot.offersToPlan(sourceID: inputs.source.id, externalIDs: Set(placements.map(\.offerKey.externalID)))
            let offerByID = Dictionary(offers.map { ($0.key.externalID, Shared<DemandOffer?>($0)) }, uniquingKeysWith: { first, _ in first })
            let noOffer = Shared<DemandOffer?>(nil)
            return placements.compactMap { inputs.work($0, offer: offerByID[$0.offerKey.externalID] ?? noOffer) }
        }
    }
}

import Synchronization

/// The offers of the feed that a campaign covers but does not match (its filters leave them out),
/// remembered with the `PlanFingerprint` they were judged under, for as long as the engine lives.
///
/// Such an offer has no placement, so without this every run would read and match it again: with a
/// narrow campaign over a 100k feed, most of a run. A changed offer, campaign or source changes
/// the fingerprint, and the offer is judged again.
public final class UnmatchedOffers: Sendable {
    /// Fingerprints by campaign id, then by the offer's key.
    private let judged = Mutex<[String: [OfferKey: String]]>([:])

    public init() {}

    /// Whether the offer was found not to match the campaign under this very fingerprint.
    func isKnown(campaignID: String, _ key: OfferKey, fingerprint: String?) -> Bool {
        guard let fingerprint else { return false }
        return judged.withLock { $0[campaignID]?[key] == fingerprint }
    }

    /// Remembers these offers as not matched by their campaigns; forgets those that matched.
    func record(unmatched: [(campaignID: String, key: OfferKey, fingerprint: String)], matched: [(campaignID: String, key: OfferKey)]) {
        guard !unmatched.isEmpty || !matched.isEmpty else { return }
        judged.withLock { judged in
            for entry in unmatched { judged[entry.campaignID, default: [:]][entry.key] = entry.fingerprint }
            for entry in matched { judged[entry.campaignID]?[entry.key] = nil }
        }
    }

    /// How many offers are remembered, over every campaign.
    public var count: Int { judged.withLock { $0.values.reduce(0) { $0 + $1.count } } }
}

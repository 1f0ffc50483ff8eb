/// Tells, from what observe read back in the platform, whether a placement's platform offer has been
/// taken out of the sync by hand (rules 3 and 4 of docs/RULES.md). Pure.
///
/// "Disabled by hand" is told from "disabled by us" by the status this placement last pushed: a
/// `stopped` it pushed itself (campaign default `disabled`) keeps it in the sync. When it never
/// pushed a status (status rule `disabled`: the platform's default applied), the status observe saw
/// last is the reference, so only a change to `stopped` made in the platform counts.
public enum ExclusionJudge {
    /// Why the placement is excluded for ever, or nil when it stays in the sync.
    /// `observed` is nil when the platform no longer has the offer.
    public static func exclusion(of placement: Placement, observed: PlatformOfferState?) -> String? {
        guard let id = placement.platformOfferID else { return nil }
        guard let observed else { return "offer \(id) was deleted in the platform" }
        let expectedExternalID = placement.lastPushed?.externalOfferID ?? placement.offerKey.externalID
        guard let externalID = observed.externalOfferID else {
            return "the external offer id of offer \(id) was removed in the platform"
        }
        if externalID != expectedExternalID {
            return "the external offer id of offer \(id) was changed to \(externalID) in the platform"
        }
        if observed.status == .stopped {
            let reference = placement.lastPushed?.status ?? placement.lastObserved?.status
            if let reference, reference != .stopped {
                return "offer \(id) was disabled by hand in the platform"
            }
        }
        return nil
    }
}

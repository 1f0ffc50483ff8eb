/// Which platform offer, found by external offer id, is the one a create whose answer was lost
/// made (rule 9 of docs/RULES.md). Pure.
///
/// A candidate another placement holds, or one this run already gave to another placement, is never
/// taken. When other campaigns place the same external id, an offer found by it may be theirs: only a
/// candidate that this campaign could have made (its advertiser, its privacy, every payment at its
/// payout percent) is taken, and when none fits, nothing is taken (the placement is left alone and
/// says why) rather than another campaign's offer taken over and its payouts rewritten.
public enum LostCreateAdoption {
    public enum Verdict: Equatable, Sendable {
        /// Take this offer over.
        case adopt(Int)
        /// Nothing was found: the create did not happen; create it.
        case notFound
        /// Offers were found, but none can be told to be this campaign's: touch nothing.
        case ambiguous(String)
    }

    /// - Parameters:
    ///   - candidates: the platform's offers with the placement's external offer id.
    ///   - taken: ids held by other placements, in the store or already in this run.
    ///   - sharedWithOtherCampaigns: other campaigns place the same external id.
    public static func verdict(
        campaign: Campaign, candidates: [PlatformOffer], taken: Set<Int>,
        sharedWithOtherCampaigns: Bool
    ) -> Verdict {
        let free = candidates.filter { !taken.contains($0.id) }
        guard !free.isEmpty else { return .notFound }
        let fitting = sharedWithOtherCampaigns ? free.filter { couldBeMade(by: campaign, $0.fields) } : free
        // Several that fit: the newest is the latest attempt (older ones are copies made by hand or earlier).
        if let newest = fitting.max(by: { $0.id < $1.id }) { return .adopt(newest.id) }
        let ids = free.map(\.id).sorted().map(String.init).joined(separator: ", ")
        return .ambiguous(
            "offers \(ids) carry this external offer id, other campaigns place it too, and none has "
                + "\(campaign.id)'s advertiser, privacy and payout percent: left alone")
    }

    /// Whether `fields` could be an offer `campaign` created: what the campaign, not the feed, decides.
    static func couldBeMade(by campaign: Campaign, _ fields: PlatformOfferFields) -> Bool {
        let defaults = campaign.defaults
        if let advertiser = defaults.advertiser, let theirs = fields.advertiser, theirs != advertiser { return false }
        if let privacy = fields.privacy, privacy != defaults.privacy { return false }
        for payment in fields.payments ?? [] where payment.total > 0 {
            let expected = DesiredOfferBuilder.revenue(total: payment.total, payoutPercent: defaults.payoutPercent)
            if abs(payment.revenue - expected) > 0.0001 { return false }
        }
        return true
    }
}

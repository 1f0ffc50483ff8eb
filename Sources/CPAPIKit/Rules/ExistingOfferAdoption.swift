/// Which platform offer with a new placement's external offer id is the one a lost workspace made
/// for this campaign, so that the placement takes it over instead of creating a second (a workspace
/// deleted and the same config applied again must not double the platform: rule 12 of docs/RULES.md). Pure.
///
/// The rule, in order:
/// - A candidate carries exactly the placement's external offer id and the campaign's advertiser
///   (any advertiser when the campaign names none), and no placement holds it (as its platform offer
///   or as the operator's copy) nor was it given to another placement in this run. An offer of
///   another advertiser is another tool's or another campaign's: not ours, so ours is created
///   (`notFound`). The operator's copies (`offer exclude` / `duplicate`) carry `cpapi-copy-of-<id>`
///   or no external offer id, and the original an exclude detached carries none: never candidates.
/// - Exactly one candidate fits what the campaign decides (`LostCreateAdoption.couldBeMade`: its
///   privacy, every payment at its payout percent) → adopt it.
/// - Several fit → ambiguous: the platform already holds a duplicate, and which one is ours cannot
///   be told. Nothing is adopted or created; the operator deletes the extra one and the next run
///   adopts the other.
/// - None fits, there is one candidate, and no other campaign places this external offer id → adopt
///   it: the same advertiser's offer with our external id is ours, made before the campaign's payout
///   percent or privacy changed; the plan then updates the fields that differ.
/// - Otherwise (none fits, and several candidates or another campaign that may have made it) → ambiguous.
///
/// Unlike a lost create's (`LostCreateAdoption`, where the newest of several is the latest attempt),
/// several fitting offers are never resolved by age: nothing says which one a lost workspace used.
public enum ExistingOfferAdoption {
    public typealias Verdict = LostCreateAdoption.Verdict

    /// `Placement.workflowStep` of a placement left alone because its adoption was ambiguous: it is
    /// not created, and each run looks its external offer id up again until the match is certain.
    public static let ambiguousStep = "adoption_ambiguous"

    /// - Parameters:
    ///   - externalID: the placement's external offer id.
    ///   - candidates: the platform's offers listed with that external offer id.
    ///   - taken: ids held by other placements, in the store or already in this run.
    ///   - sharedWithOtherCampaigns: other campaigns place the same external offer id.
    public static func verdict(
        campaign: Campaign, externalID: String, candidates: [PlatformOffer], taken: Set<Int>,
        sharedWithOtherCampaigns: Bool
    ) -> Verdict {
        let advertiser = campaign.defaults.advertiser
        let ours = candidates.filter { offer in
            !taken.contains(offer.id) && offer.externalOfferID == externalID
                && (advertiser == nil || offer.fields.advertiser == advertiser)
        }
        guard !ours.isEmpty else { return .notFound }
        let fitting = ours.filter { LostCreateAdoption.couldBeMade(by: campaign, $0.fields) }
        if fitting.count == 1 { return .adopt(fitting[0].id) }
        let ids = (fitting.isEmpty ? ours : fitting).map(\.id).sorted().map(String.init).joined(separator: ", ")
        if fitting.count > 1 {
            return .ambiguous(
                "offers \(ids) already in the platform carry external offer id \(externalID) and fit "
                    + "\(campaign.id)'s advertiser, privacy and payout percent: which one is this campaign's "
                    + "cannot be told; delete the extra ones in the platform, the next run adopts the one left")
        }
        if ours.count == 1 && !sharedWithOtherCampaigns { return .adopt(ours[0].id) }
        let why = sharedWithOtherCampaigns ? "other campaigns place it too" : "several of them"
        return .ambiguous(
            "offers \(ids) already in the platform carry external offer id \(externalID) and "
                + "\(campaign.id)'s advertiser, but none has its privacy and payout percent and \(why): "
                + "left alone, neither adopted nor created")
    }
}

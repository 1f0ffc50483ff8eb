import Foundation

/// One placement the engine works on in a run, with its campaign and its stored offer, and what
/// the run has learnt about it so far.
struct PlacementWork: Sendable {
    /// Shared by every work of the campaign (a run copies each work several times).
    private let sharedCampaign: Shared<Campaign>
    private let sharedOffer: Shared<DemandOffer?>
    var placement: Placement
    /// `PlanFingerprint` of its campaign and offer in this run (nil when unknown: the offer is not
    /// stored, or a workflow acts outside a run); recorded on the placement when it is left in step.
    var fingerprint: String? = nil
    /// Observe read something new: the placement's `lastObserved` must be written even without a change of state.
    var observationChanged = false
    /// Why it is left out of this run's plan (its observe read failed), if so.
    var skipped: String?

    init(campaign: Shared<Campaign>, offer: Shared<DemandOffer?>, placement: Placement, fingerprint: String? = nil) {
        sharedCampaign = campaign; sharedOffer = offer; self.placement = placement; self.fingerprint = fingerprint
    }

    init(campaign: Campaign, offer: DemandOffer?, placement: Placement, fingerprint: String? = nil) {
        self.init(campaign: Shared(campaign), offer: Shared(offer), placement: placement, fingerprint: fingerprint)
    }

    var campaign: Campaign { _read { yield sharedCampaign.value } }
    /// The stored demand offer (nil if it is no longer stored).
    var offer: DemandOffer? { _read { yield sharedOffer.value } }
    var key: OfferKey { placement.offerKey }
}

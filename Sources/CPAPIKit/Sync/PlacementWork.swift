import Foundation

/// One placement the engine works on in a run, with its campaign and its stored offer, and what
/// the run has learnt about it so far.
struct PlacementWork: Sendable {
    let campaign: Campaign
    /// The stored demand offer (nil if it is no longer stored).
    let offer: DemandOffer?
    var placement: Placement
    /// `PlanFingerprint` of its campaign and offer in this run (nil when unknown: the offer is not
    /// stored, or a workflow acts outside a run); recorded on the placement when it is left in step.
    var fingerprint: String? = nil
    /// Observe read something new: the placement's `lastObserved` must be written even without a change of state.
    var observationChanged = false
    /// Why it is left out of this run's plan (its observe read failed), if so.
    var skipped: String?

    var key: OfferKey { placement.offerKey }
}

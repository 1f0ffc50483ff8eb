import Foundation

/// The plan phase: what each placement in play needs (`PlacementPlanner`, pure): a platform write for
/// the push, or only a change of state or flag recorded now, or nothing at all (an unchanged feed
/// plans nothing).
enum PlanPhase {
    /// The plans of `works` (those observe did not skip or exclude): the writes, handed to the push,
    /// and the changes without a write (their events, and the paused count, in `outcome`).
    static func plan(
        _ works: [PlacementWork], source: Source, settings: SyncSettings, now: Date, events: ReconcilerEvents,
        outcome: inout ReconcileOutcome
    ) -> (writes: [(work: PlacementWork, plan: PlacementPlan)], quiet: [PlacementChange]) {
        var planned: [(work: PlacementWork, plan: PlacementPlan)] = []
        var quiet: [PlacementChange] = []
        for work in works where work.skipped == nil && work.placement.state != .excluded {
            let desired = work.offer.map {
                DesiredOfferBuilder.desired(campaign: work.campaign, offer: $0, trackingParams: source.config.trackingParams)
            }
            let plan = PlacementPlanner.plan(
                campaign: work.campaign, offer: work.offer, placement: work.placement,
                desired: desired, settings: settings, now: now, source: source.state)
            if plan.write != nil {
                planned.append((work, plan))
            } else if let change = changeWithoutWrite(work, plan, events: events, outcome: &outcome) {
                quiet.append(change)
            }
        }
        return (planned, quiet)
    }

    /// The record of a plan that writes nothing to the platform: a change of state or flag (with its
    /// event), or nil when nothing changed at all (an unchanged feed writes nothing).
    static func changeWithoutWrite(
        _ work: PlacementWork, _ plan: PlacementPlan, events: ReconcilerEvents,
        outcome: inout ReconcileOutcome
    ) -> PlacementChange? {
        // A new match is stored with its create; one without a create is simply matched again next run.
        guard work.placement.id != nil else { return nil }
        var placement = work.placement
        placement.state = plan.state
        placement.outOfFilter = plan.outOfFilter
        placement.reason = PushPhase.storedReason(plan)
        if plan.state == .live, !plan.outOfFilter, placement.platformOfferID != nil, let fingerprint = work.fingerprint {
            // In step with these inputs: the next run can skip it while they and the platform stay as they are.
            placement.lastPushedHash = fingerprint
        }
        guard placement != work.placement || work.observationChanged else { return nil }
        var recorded: [SyncEvent] = []
        if let kind = plan.event {
            recorded.append(events.event(kind, work, placement.platformOfferID, plan.reason))
        }
        if plan.state != work.placement.state, [.pausedMissing, .pausedSourceGone].contains(plan.state) {
            outcome.paused += 1
        }
        return PlacementChange(placement: placement, events: recorded)
    }
}

import Foundation

/// Decides, for one placement, what the run writes to the platform and which state the placement
/// takes. Pure: a function of the campaign, the stored offer, the placement (with what observe read
/// back in `lastObserved`), the desired fields, the settings, the time and the source's state.
///
/// The rules (numbered in docs/RULES.md), in the order they apply:
/// - excluded placements are terminal: nothing, ever (disabled by hand, deleted, detached);
/// - a disabled or deleted campaign freezes its placements: nothing;
/// - a placement not created yet is created for a matched, in-feed offer of a live source;
/// - a held placement stays `suspended`; its content still follows the sync rules;
/// - a source deleted longer than `missing_grace` ago pauses its placements (`paused_source_gone`);
/// - an offer missing from the feed longer than `missing_grace` is paused (`paused_missing`), and
///   takes the campaign's status again once back;
/// - an offer that no longer matches (filters, validity, scope) is left as it is, flagged;
/// - otherwise the `always` fields that differ from what was last pushed are sent, and the status is
///   pushed again whenever the platform's differs from the campaign's (level-triggered).
///
/// Status and sync rules: the status rule governs the campaign's own status (at creation and the
/// level-triggered re-push). The pauses the rules make (missing, source gone, hold) and the return
/// from a missing pause are pushed whatever the status rule says: they are the sync's safety, not
/// a field's content.
public enum PlacementPlanner {
    public static func plan(
        campaign: Campaign, offer: DemandOffer?, placement existing: Placement?, desired: PlatformOfferFields?,
        settings: SyncSettings, now: Date, source: SourceState
    ) -> PlacementPlan {
        let placement = existing ?? Placement(campaignID: campaign.id, offerKey: offer?.key ?? OfferKey(sourceID: "", externalID: ""))
        let keep = placement.state

        if keep == .excluded {
            return PlacementPlan(
                state: .excluded, outOfFilter: placement.outOfFilter,
                reason: placement.reason ?? "excluded from the sync")
        }
        guard campaign.isActive else {
            let why = campaign.deletedAt != nil ? "campaign deleted" : "campaign disabled"
            return PlacementPlan(state: keep, outOfFilter: placement.outOfFilter, reason: "\(why): left as it is")
        }
        guard let offer, let desired else {
            return PlacementPlan(state: keep, outOfFilter: placement.outOfFilter, reason: "offer no longer stored: left as it is")
        }
        let verdict = CampaignMatcher.verdict(campaign, offer)
        let sourceGoneAt = source.archivedAt.map { $0.addingTimeInterval(settings.missingGrace) }

        // Not created yet: only a matched offer in the feed of a live source is created.
        guard placement.platformOfferID != nil else {
            if source.archivedAt != nil {
                return PlacementPlan(state: keep, reason: "source deleted: nothing new is created")
            }
            if let missing = offer.missingSince {
                return PlacementPlan(state: keep, reason: "not in the feed since \(missing): not created")
            }
            if let unmatched = unmatchedReason(verdict) {
                return PlacementPlan(state: keep, outOfFilter: true, reason: "\(unmatched): not created")
            }
            return PlacementPlan(
                write: .create(SyncFieldSelection.creation(desired, campaign: campaign)),
                state: .live, reason: "new offer matched by the campaign", event: nil)
        }

        let current = currentStatus(placement)
        let changes: PlatformOfferFields =
            verdict.isMatch && offer.inFeed
            ? SyncFieldSelection.changes(desired, lastPushed: placement.lastPushed, campaign: campaign)
            : PlatformOfferFields()

        // Rule 10 (hold): suspended until the operator resumes, whatever the feed does.
        if keep == .held {
            return write(
                changes, status: current == .suspended ? nil : .suspended, state: .held,
                outOfFilter: placement.outOfFilter, reason: placement.reason ?? "held by the operator")
        }
        // Rule 6: source deleted, paused once the grace has passed.
        if let sourceGoneAt {
            if now >= sourceGoneAt {
                return PlacementPlan(
                    write: current == .suspended ? nil : .setStatus(.suspended), state: .pausedSourceGone,
                    outOfFilter: placement.outOfFilter, reason: "source deleted",
                    event: keep == .pausedSourceGone ? nil : .pausedSourceGone)
            }
            return PlacementPlan(
                state: keep, outOfFilter: placement.outOfFilter,
                reason: "source deleted: paused at \(sourceGoneAt) unless restored")
        }
        // Rule 5: missing from the feed, paused once the grace has passed.
        if let missing = offer.missingSince {
            let pauseAt = missing.addingTimeInterval(settings.missingGrace)
            if now >= pauseAt {
                return PlacementPlan(
                    write: current == .suspended ? nil : .setStatus(.suspended), state: .pausedMissing,
                    outOfFilter: placement.outOfFilter, reason: "not in the feed since \(missing)",
                    event: keep == .pausedMissing ? nil : .pausedMissing)
            }
            return PlacementPlan(
                state: keep, outOfFilter: placement.outOfFilter,
                reason: "not in the feed since \(missing): paused at \(pauseAt) unless back")
        }
        // A change of filters (or scope, or validity) never pauses anything by itself.
        if let unmatched = unmatchedReason(verdict) {
            return PlacementPlan(
                state: keep, outOfFilter: true, reason: "\(unmatched): left as it is",
                event: placement.outOfFilter ? nil : .outOfFilter)
        }
        // In the feed and matched: live, with the campaign's status.
        let resuming = keep == .pausedMissing || keep == .pausedSourceGone
        let target = desired.status
        let statusGoverned = campaign.rule(for: .status) == .always
        let pushStatus = (resuming || statusGoverned) && target != nil && target != current ? target : nil
        return write(
            changes, status: pushStatus, state: .live, outOfFilter: false,
            reason: resuming ? "back in the feed" : "in step with the campaign",
            event: resuming ? .resumed : nil)
    }

    /// Why a verdict is not a match, nil for a match.
    static func unmatchedReason(_ verdict: CampaignMatcher.Verdict) -> String? {
        switch verdict {
        case .matches: return nil
        case .notCovered: return "no longer in the campaign's scope"
        case .invalid(let reasons): return "invalid (\(reasons.joined(separator: "; ")))"
        case .outOfFilter(let failures): return "out of filter (\(failures.map(\.description).joined(separator: "; ")))"
        }
    }

    /// The platform's status as best known: what observe read back, unless a later push changed it.
    static func currentStatus(_ placement: Placement) -> PlatformStatus? {
        let observed = placement.lastObserved?.status
        let pushed = placement.lastPushed?.status
        guard let observedAt = placement.lastObservedAt, observed != nil else { return pushed }
        if let pushedAt = placement.lastPushedAt, pushedAt > observedAt, pushed != nil { return pushed }
        return observed
    }

    /// The smallest write for some field changes and maybe a status: an edit when fields change,
    /// a (batchable) status change when only the status does, nothing otherwise.
    static func write(
        _ changes: PlatformOfferFields, status: PlatformStatus?, state: PlacementState, outOfFilter: Bool,
        reason: String, event: SyncEventKind? = nil
    ) -> PlacementPlan {
        var fields = changes
        if !fields.isEmpty {
            fields.status = status
            return PlacementPlan(write: .update(fields), state: state, outOfFilter: outOfFilter, reason: reason, event: event)
        }
        if let status {
            return PlacementPlan(write: .setStatus(status), state: state, outOfFilter: outOfFilter, reason: reason, event: event)
        }
        return PlacementPlan(state: state, outOfFilter: outOfFilter, reason: reason, event: event)
    }
}

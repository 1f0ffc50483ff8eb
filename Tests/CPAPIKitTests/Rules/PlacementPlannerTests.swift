import Foundation
import Testing
@testable import CPAPIKit

/// The sync rules as pure decisions (docs/RULES.md; 3 and 4 via `ExclusionJudge`).
@Suite struct PlacementPlannerTests {
    typealias F = CampaignFixtures

    /// A live placement that has pushed exactly what `campaign` wants for `offer`.
    func inStep(
        _ campaign: Campaign, _ offer: DemandOffer, observed: PlatformStatus? = nil,
        state: PlacementState = .live
    ) -> Placement {
        let created = SyncFieldSelection.creation(F.desired(campaign, offer), campaign: campaign)
        return F.livePlacement(campaign, offer, pushed: created, observedStatus: observed, state: state)
    }

    // Rule 1
    @Test func newValidMatchedOfferIsCreatedWithCampaignDefaults() {
        let campaign = F.campaign(status: .source)
        let offer = F.offer()
        let plan = F.plan(campaign, offer, nil)
        guard case .create(let fields) = plan.write else { Issue.record("expected a create, got \(plan)"); return }
        #expect(fields == F.desired(campaign, offer))
        #expect(fields.status == .active)
        #expect(fields.advertiser == "adv1")
        #expect(plan.state == .live)

        let paused = F.plan(F.campaign(status: .paused), offer, nil)
        #expect(paused.pushedStatus == .suspended)
        let notOffered = F.plan(campaign, F.offer(statusAtSource: "paused"), nil)
        #expect(notOffered.pushedStatus == .suspended)
    }

    @Test func unmatchedMissingOrSourceDeletedOffersAreNotCreated() {
        let campaign = F.campaign(filters: CampaignFilters(countries: ["DE"]))
        let out = F.plan(campaign, F.offer(), nil)
        #expect(out.write == nil && out.outOfFilter)
        #expect(F.plan(F.campaign(), F.offer(invalidReasons: ["no title"]), nil).write == nil)
        #expect(F.plan(F.campaign(), F.offer(missingSince: F.t0), nil).write == nil)
        #expect(F.plan(F.campaign(), F.offer(), nil, source: SourceState(archivedAt: F.t0)).write == nil)
    }

    @Test func createLeavesOutDisabledFieldsButKeepsTheOnesAffiseRequires() {
        let campaign = F.campaign(rules: [
            .title: .disabled, .description: .disabled, .caps: .disabled, .status: .disabled,
            .payments: .disabled, .url: .disabled
        ])
        guard case .create(let fields) = F.plan(campaign, F.offer(), nil).write else { Issue.record("expected a create"); return }
        #expect(fields.description == nil && fields.caps == nil && fields.status == nil)
        #expect(fields.title != nil && fields.url != nil && fields.payments != nil && fields.advertiser != nil)
    }

    // Rule 2
    @Test func changedOfferSendsOnlyChangedAlwaysFields() {
        let campaign = F.campaign(rules: [.description: .firstSync, .caps: .disabled])
        let before = F.offer(amount: 1.0, title: "Old title")
        let placement = inStep(campaign, before)
        var after = F.offer(amount: 2.0, title: "New title", description: "New description")
        after.caps = [OfferCap(period: "day", type: "conversions", value: 10)]
        let plan = F.plan(campaign, after, placement)
        guard case .update(let fields) = plan.write else { Issue.record("expected an update, got \(plan)"); return }
        #expect(fields.title == "New title")
        #expect(fields.payments == DesiredOfferBuilder.payments(for: after, payoutPercent: 70))
        #expect(fields.description == nil, "first_sync: set at creation only")
        #expect(fields.caps == nil, "disabled: never")
        #expect(fields.url == nil && fields.status == nil && fields.externalOfferID == nil)
    }

    @Test func unchangedFeedMakesNoWrite() {
        let campaign = F.campaign()
        let offer = F.offer()
        let plan = F.plan(campaign, offer, inStep(campaign, offer))
        #expect(plan.write == nil)
        #expect(plan.state == .live)
        #expect(plan.event == nil)
    }

    // Rule 3
    @Test func offerDisabledByHandIsExcludedForEver() {
        let campaign = F.campaign(status: .active)
        let offer = F.offer()
        let placement = inStep(campaign, offer)
        let observed = PlatformOfferState(id: 101, externalOfferID: "18231", status: .stopped)
        #expect(ExclusionJudge.exclusion(of: placement, observed: observed) == "offer 101 was disabled by hand in the platform")
        var excluded = placement
        excluded.state = .excluded
        #expect(F.plan(campaign, F.offer(amount: 9), excluded).write == nil)
    }

    @Test func offerDisabledByTheCampaignDefaultKeepsSyncing() {
        let campaign = F.campaign(status: .disabled)
        let offer = F.offer()
        let placement = inStep(campaign, offer)
        #expect(placement.lastPushed?.status == .stopped)
        let observed = PlatformOfferState(id: 101, externalOfferID: "18231", status: .stopped)
        #expect(ExclusionJudge.exclusion(of: placement, observed: observed) == nil)
        guard case .update(let fields) = F.plan(campaign, F.offer(title: "Renamed"), placement).write else {
            Issue.record("a campaign-disabled offer keeps syncing"); return
        }
        #expect(fields.title == "Renamed")
    }

    @Test func platformDefaultStoppedIsNotAHandDisable() {
        // Status rule disabled: no status sent at creation, the platform's default `stopped` applies.
        let campaign = F.campaign(rules: [.status: .disabled])
        var placement = inStep(campaign, F.offer(), observed: .stopped)
        placement.lastObserved = nil
        let stopped = PlatformOfferState(id: 101, externalOfferID: "18231", status: .stopped)
        #expect(ExclusionJudge.exclusion(of: placement, observed: stopped) == nil)
        placement.lastObserved = PlatformOfferFields(status: .active)
        #expect(ExclusionJudge.exclusion(of: placement, observed: stopped) != nil)
    }

    // Rule 4
    @Test func offerDeletedOrDetachedInThePlatformIsExcludedForEver() {
        let campaign = F.campaign()
        let placement = inStep(campaign, F.offer())
        #expect(ExclusionJudge.exclusion(of: placement, observed: nil) == "offer 101 was deleted in the platform")
        let detached = PlatformOfferState(id: 101, externalOfferID: "", status: .active)
        #expect(ExclusionJudge.exclusion(of: placement, observed: detached)?.contains("removed") == true)
        let changed = PlatformOfferState(id: 101, externalOfferID: "999", status: .active)
        #expect(ExclusionJudge.exclusion(of: placement, observed: changed)?.contains("changed to 999") == true)
        var excluded = placement
        excluded.state = .excluded
        excluded.platformOfferID = nil
        #expect(F.plan(campaign, F.offer(), excluded).write == nil, "never re-created by that campaign")
        #expect(F.plan(F.campaign("other"), F.offer(), nil).write != nil, "another campaign makes its own")
    }

    // Rule 5
    @Test func offerMissingLongerThanGraceIsPausedAndResumesWhenBack() {
        let campaign = F.campaign(status: .active)
        let offer = F.offer()
        let placement = inStep(campaign, offer)
        let missing = F.offer(missingSince: F.t0)
        let early = F.plan(campaign, missing, placement, now: F.t0.addingTimeInterval(7199))
        #expect(early.write == nil && early.state == .live)
        let paused = F.plan(campaign, missing, placement, now: F.t0.addingTimeInterval(7200))
        #expect(paused.write == .setStatus(.suspended))
        #expect(paused.state == .pausedMissing && paused.event == .pausedMissing)

        var pausedPlacement = placement
        pausedPlacement.state = .pausedMissing
        pausedPlacement.lastObserved?.status = .suspended
        let still = F.plan(campaign, missing, pausedPlacement, now: F.t0.addingTimeInterval(9000))
        #expect(still.write == nil && still.state == .pausedMissing && still.event == nil)
        let back = F.plan(campaign, offer, pausedPlacement, now: F.t0.addingTimeInterval(9000))
        #expect(back.write == .setStatus(.active))
        #expect(back.state == .live && back.event == .resumed)
    }

    // Rule 6
    @Test func placementsOfADeletedSourceArePausedAfterGrace() {
        let campaign = F.campaign(status: .active)
        let offer = F.offer()
        let placement = inStep(campaign, offer)
        let archived = SourceState(archivedAt: F.t0)
        let early = F.plan(campaign, offer, placement, now: F.t0.addingTimeInterval(3600), source: archived)
        #expect(early.write == nil && early.state == .live)
        let late = F.plan(campaign, offer, placement, now: F.t0.addingTimeInterval(7200), source: archived)
        #expect(late.write == .setStatus(.suspended))
        #expect(late.state == .pausedSourceGone && late.event == .pausedSourceGone)
    }

    // Rule 7
    @Test func disabledOrDeletedCampaignFreezesItsPlacements() {
        let offer = F.offer()
        let live = F.campaign(status: .active)
        let placement = inStep(live, offer, observed: .suspended)
        let changed = F.offer(amount: 5, title: "Changed", missingSince: F.t0)
        let later = F.t0.addingTimeInterval(100_000)
        for frozen in [F.campaign(status: .active, enabled: false), F.campaign(status: .active, deletedAt: F.t0)] {
            let plan = F.plan(frozen, changed, placement, now: later, source: SourceState(archivedAt: F.t0))
            #expect(plan.write == nil)
            #expect(plan.state == .live)
        }
    }

    // Rule 8
    @Test func platformStatusDifferentFromDesiredIsPushedAgain() {
        let campaign = F.campaign(status: .active)
        let offer = F.offer()
        let paused = F.plan(campaign, offer, inStep(campaign, offer, observed: .suspended))
        #expect(paused.write == .setStatus(.active))
        let withChange = F.plan(campaign, F.offer(title: "New"), inStep(campaign, offer, observed: .suspended))
        #expect(withChange.write == .update(PlatformOfferFields(title: "New", status: .active)))
        let firstSyncStatus = F.campaign(status: .active, rules: [.status: .firstSync])
        #expect(F.plan(firstSyncStatus, offer, inStep(firstSyncStatus, offer, observed: .suspended)).write == nil)
    }

    // Rule 10 (operator hold)
    @Test func heldPlacementStaysSuspendedUntilResumed() {
        let campaign = F.campaign(status: .active)
        let offer = F.offer()
        let held = inStep(campaign, offer, observed: .suspended, state: .held)
        #expect(F.plan(campaign, offer, held).write == nil)
        let active = inStep(campaign, offer, observed: .active, state: .held)
        #expect(F.plan(campaign, offer, active).write == .setStatus(.suspended))
        let back = F.plan(campaign, F.offer(title: "New"), active)
        #expect(back.write == .update(PlatformOfferFields(title: "New", status: .suspended)))
        #expect(back.state == .held)
        let missing = F.plan(campaign, F.offer(missingSince: F.t0), held, now: F.t0.addingTimeInterval(99_999))
        #expect(missing.state == .held && missing.write == nil)
    }

    // Rule 14
    @Test func filterChangeFlagsOutOfFilterWithoutWrites() {
        let offer = F.offer()
        let placement = inStep(F.campaign(), offer, observed: .suspended)
        let narrowed = F.campaign(filters: CampaignFilters(countries: ["DE"]))
        let plan = F.plan(narrowed, F.offer(title: "Changed"), placement)
        #expect(plan.write == nil)
        #expect(plan.outOfFilter && plan.state == .live && plan.event == .outOfFilter)
    }
}

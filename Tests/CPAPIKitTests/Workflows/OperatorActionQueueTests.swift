import Foundation
import Testing
@testable import CPAPIKit

/// The operator action queue: actions asked for by any process are applied by the sync lease's
/// holder, exactly once, also when a holder died between claiming one and finishing it.
@Suite struct OperatorActionQueueTests {
    typealias W = WorkflowWorld

    /// The holder's pieces over a world: workflows sharing the scheduler's gate, and a scheduler on
    /// test time holding the lease as process 101 on host-a.
    struct Holder {
        let gate = SourceWriteGate()
        let applier: OperatorActionApplier
        let scheduler: SyncScheduler
        let feeds = FeedSyncStubFeeds()
        static let identity: (pid: Int32, host: String) = (101, "host-a")
        static var name: String { OperatorActionRecord.processName(pid: identity.pid, host: identity.host) }

        init(_ w: W) {
            let store = w.world.store
            let offers = OfferWorkflows(store: store, platform: w.world.platform, clock: w.world.clock, gate: gate)
            let campaigns = CampaignWorkflows(store: store, platform: w.world.platform, clock: w.world.clock, gate: gate)
            applier = OperatorActionApplier(queue: store, store: store, offers: offers, campaigns: campaigns, clock: w.world.clock)
            feeds.serve(RulesWorld.sourceID, w.world.fed.last)
            let time = SchedulerTestTime()
            scheduler = SyncScheduler(
                store: store,
                sourceSync: SourceSync(
                    store: store, makeSource: feeds.factory,
                    reconciler: w.world.reconciler, clock: time),
                gate: gate, clock: time, sleeper: time, identity: Self.identity, actions: applier)
        }
    }

    /// Waits until `condition` holds; the guard only keeps a hung test from hanging the suite.
    func waitUntil(_ what: String, _ condition: () throws -> Bool) async throws {
        let guardrail = ContinuousClock.now + .seconds(120)
        while try !condition() {
            if ContinuousClock.now > guardrail { throw EventuallyTimeout(what: what) }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    @Test func anActionQueuedWhileASchedulerHoldsTheLeaseIsAppliedByItExactlyOnce() async throws {
        try await W.with(.local) { w in
            try await w.placed(1)
            let store = w.world.store
            let holder = Holder(w)
            try await holder.scheduler.start()
            #expect(try store.syncLeaseHolder().map { "\($0.pid)@\($0.host)" } == Holder.name)

            // Another process asks: it only inserts the row.
            let asked = try store.enqueueOperatorAction(.offer(.pause, w.key("1")), requestedBy: "202@host-b", at: w.world.clock.now())
            #expect(asked.state == .queued)
            try await waitUntil("the scheduler to apply the action") { try store.operatorAction(id: asked.id)?.state.isFinished == true }

            let done = try #require(try store.operatorAction(id: asked.id))
            #expect(done.state == .done, "\(done.result ?? "")")
            #expect(done.result == "held \(w.key("1")) (tier1): offer \(try #require(try w.world.placement("1").platformOfferID)) suspended")
            #expect(done.claimedBy == Holder.name && done.requestedBy == "202@host-b")
            #expect(done.startedAt != nil && done.finishedAt != nil)
            #expect(done.details["placement_id"] == (try w.world.placement("1").id).map { "\($0)" })
            #expect(try w.world.placement("1").state == .held)
            #expect(try await w.world.platformOffer("1")?.status == .suspended)

            // Exactly once: one hold recorded, nothing left to claim.
            #expect(try w.events("1").filter { $0 == .held }.count == 1)
            #expect(
                try await store.claimOperatorActions(
                    pid: Holder.identity.pid, host: Holder.identity.host, id: nil,
                    limit: 10, at: w.world.clock.now()
                ).isEmpty)

            // A failing action is recorded failed with its reason, not retried.
            let again = try store.enqueueOperatorAction(.offer(.pause, w.key("1")), requestedBy: "202@host-b", at: w.world.clock.now())
            try await waitUntil("the second action") { try store.operatorAction(id: again.id)?.state.isFinished == true }
            let refused = try #require(try store.operatorAction(id: again.id))
            #expect(refused.state == .failed && refused.result?.contains("already held") == true, "\(refused.result ?? "")")

            await holder.scheduler.stop()
            #expect(try store.syncLeaseHolder() == nil)
        }
    }

    @Test(arguments: PlatformUnderTest.allCases)
    func anExcludeLeftRunningByADeadHolderIsRunAgainByTheNextOneWithoutASecondCopy(kind: PlatformUnderTest) async throws {
        try await W.with(kind) { w in
            try await w.placed(1)
            let store = w.world.store
            let now = w.world.clock.now()
            let asked = try store.enqueueOperatorAction(.offer(.exclude, w.key("1")), requestedBy: "303@host-c", at: now)

            // A holder on another host claims it, makes the copy, and dies before the copy's marker is removed.
            #expect(try store.acquireSyncLease(pid: 404, host: "dead-host", now: now) == nil)
            let claimed = try await store.claimOperatorActions(pid: 404, host: "dead-host", id: nil, limit: 10, at: now)
            #expect(claimed.map(\.id) == [asked.id])
            w.interrupting.fail(.edit)
            let dead = OperatorActionContext.Running(id: asked.id, claimedBy: "404@dead-host")
            await #expect(throws: WorkflowError.self) {
                try await OperatorActionContext.$current.withValue(dead) { try await w.offers.exclude(w.key("1")) }
            }
            #expect(try w.world.placement("1").workflowStep == ExcludeStep.copied.rawValue)
            #expect(try store.operatorAction(id: asked.id)?.state == .running)

            // Its heartbeat goes stale; the next holder takes the lease over and starts its scheduler.
            #expect(
                try store.acquireSyncLease(
                    pid: Holder.identity.pid, host: Holder.identity.host,
                    now: now.addingTimeInterval(1), staleAfter: 0) == nil)
            let holder = Holder(w)
            try await holder.scheduler.start()
            try await waitUntil("the next holder to run the action again") {
                try store.operatorAction(id: asked.id)?.state.isFinished == true
            }
            await holder.scheduler.stop()

            let done = try #require(try store.operatorAction(id: asked.id))
            #expect(done.state == .done, "\(done.result ?? "")")
            #expect(done.claimedBy == Holder.name && done.attempts == 2)
            let placement = try w.world.placement("1")
            #expect(placement.state == .excluded && placement.workflowStep == ExcludeStep.done.rawValue)
            let copies = try await w.copies(of: "1")
            #expect(copies.count == 1, "the platform holds one copy: \(copies.map(\.id))")
            #expect(copies.map { "\($0.id)" } == [done.details["copy_platform_offer_id"]].compactMap { $0 })
            #expect(try await w.world.platformOffer("1")?.status == .stopped)
            #expect(try w.events("1").filter { $0 == .excluded }.count == 1)
            // The dead holder, were it to come back, finishes nothing: the action is the new holder's.
            #expect(
                try !store.finishOperatorAction(
                    OperatorActionCompletion(
                        id: asked.id, claimedBy: "404@dead-host",
                        succeeded: false, message: "late"), at: now))
        }
    }

    /// A holder died applying a pause, and the operator paused the offer again meanwhile: the pause
    /// run again finds it held, which is what was asked: done, not failed.
    @Test func anActionRunAgainWhoseEffectHoldsAlreadyIsDone() async throws {
        try await W.with(.local) { w in
            try await w.placed(1)
            let store = w.world.store
            let now = w.world.clock.now()
            let asked = try store.enqueueOperatorAction(.offer(.pause, w.key("1")), requestedBy: "303@host-c", at: now)
            #expect(try store.acquireSyncLease(pid: 404, host: "dead-host", now: now) == nil)
            #expect(try await store.claimOperatorActions(pid: 404, host: "dead-host", id: nil, limit: 10, at: now).count == 1)
            try store.releaseSyncLease(pid: 404, host: "dead-host")
            _ = try await w.offers.pause(w.key("1"))

            let holder = Holder(w)
            try await holder.scheduler.start()
            try await waitUntil("the action run again") { try store.operatorAction(id: asked.id)?.state.isFinished == true }
            await holder.scheduler.stop()
            let done = try #require(try store.operatorAction(id: asked.id))
            #expect(done.state == .done && done.attempts == 2, "\(done)")
            #expect(done.result?.contains("already held") == true, "\(done.result ?? "")")
            #expect(try w.events("1").filter { $0 == .held }.count == 1)
        }
    }

    @Test func withNoHolderTheAskingProcessTakesTheLeaseAndAppliesItsOwnAction() async throws {
        try await W.with(.local) { w in
            try await w.placed(1)
            let store = w.world.store
            let holder = Holder(w)
            let queue = OperatorActionQueue(store: store, applier: holder.applier, clock: w.world.clock)
            let record = try await queue.perform(.offer(.pause, w.key("1")), timeout: .seconds(120))
            #expect(record.state == .done && record.claimedBy == queue.me, "\(record)")
            #expect(try w.world.placement("1").state == .held)
            #expect(try store.syncLeaseHolder() == nil, "the lease is given back")

            let campaign = try await queue.perform(.campaign(.disable, "tier1"), timeout: .seconds(120))
            #expect(campaign.state == .done && campaign.result == "disabled campaign tier1")
            #expect(try store.campaign(id: "tier1")?.enabled == false)
        }
    }

    @Test func anActionNoHolderTakesUpIsGivenUpAtTheTimeoutAndNeverApplied() async throws {
        try await W.with(.local) { w in
            try await w.placed(1)
            let store = w.world.store
            // A live holder on another host that applies nothing (an older binary).
            #expect(try store.acquireSyncLease(pid: 505, host: "old-host", now: w.world.clock.now()) == nil)
            let queue = OperatorActionQueue(store: store, applier: Holder(w).applier, clock: w.world.clock)
            var id: Int64?
            do throws(OperatorActionError) {
                _ = try await queue.perform(.offer(.pause, w.key("1")), timeout: .milliseconds(200))
                Issue.record("the action finished")
            } catch {
                if case .timedOut(let timedOut, let message) = error {
                    id = timedOut
                    #expect(message.contains("given up, nothing was done") && message.contains("pid 505 on old-host"), "\(message)")
                } else {
                    Issue.record("\(error)")
                }
            }
            let givenID = try #require(id)
            let given = try #require(try store.operatorAction(id: givenID))
            #expect(given.state == .failed && given.result?.hasPrefix("given up") == true)
            // Given up, it is never claimed later.
            try store.releaseSyncLease(pid: 505, host: "old-host")
            #expect(try store.acquireSyncLease(pid: 101, host: "host-a", now: Date()) == nil)
            #expect(try await store.claimOperatorActions(pid: 101, host: "host-a", id: nil, limit: 10, at: Date()).isEmpty)
            #expect(try w.world.placement("1").state == .live)
        }
    }

    @Test func onlyTheLeaseHolderClaims() async throws {
        try await W.with(.local) { w in
            let store = w.world.store
            let asked = try store.enqueueOperatorAction(.syncNow(sourceID: nil), requestedBy: "1@a", at: Date())
            #expect(try await store.claimOperatorActions(pid: 101, host: "host-a", id: nil, limit: 10, at: Date()).isEmpty)
            #expect(try store.acquireSyncLease(pid: 101, host: "host-a", now: Date()) == nil)
            let claimed = try await store.claimOperatorActions(pid: 101, host: "host-a", id: nil, limit: 10, at: Date())
            #expect(claimed.map(\.id) == [asked.id] && claimed[0].request == .syncNow(sourceID: nil))
            #expect(try await !store.hasClaimableOperatorActions(holder: "101@host-a"))
            #expect(try await store.hasClaimableOperatorActions(holder: "102@host-a"), "left running by another: claimable")
        }
    }
}

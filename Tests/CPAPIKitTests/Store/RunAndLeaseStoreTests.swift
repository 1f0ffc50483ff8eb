import Foundation
import Testing
@testable import CPAPIKit

@Suite struct RunAndLeaseStoreTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func runRecordsKeepPhaseCountsAndStatus() throws {
        let dir = try ScratchFolder(); defer { dir.remove() }
        let store = try dir.makeStore()
        var run = try store.insertRun(SyncRun(sourceID: "s1", kind: .full, startedAt: now))
        run.phase = .done
        run.status = .succeeded
        run.counts.fetched = 12
        run.missingNote = "note"
        run.endedAt = now.addingTimeInterval(2)
        try store.updateRun(run)
        _ = try store.insertRun(SyncRun(sourceID: "s2", kind: .incremental, startedAt: now.addingTimeInterval(10)))
        let recent = try store.recentRuns()
        #expect(recent.map(\.sourceID) == ["s2", "s1"])
        #expect(recent[1] == run)
        #expect(try store.recentRuns(sourceID: "s1", limit: 5) == [run])
    }

    @Test func leaseIsRefusedWhileItsHolderLives() throws {
        let dir = try ScratchFolder(); defer { dir.remove() }
        let store = try dir.makeStore()
        let me = SyncLeaseHolder.currentProcess
        #expect(try store.acquireSyncLease(pid: me.pid, host: me.host, now: now) == nil)
        // Another host's live holder: refused until its heartbeat is stale.
        try store.releaseSyncLease(pid: me.pid, host: me.host)
        #expect(try store.acquireSyncLease(pid: 4242, host: "other-host", now: now) == nil)
        let holder = try store.acquireSyncLease(pid: me.pid, host: me.host, now: now.addingTimeInterval(60))
        #expect(holder?.pid == 4242 && holder?.host == "other-host")
        #expect(try store.acquireSyncLease(pid: me.pid, host: me.host, now: now.addingTimeInterval(601)) == nil)
        #expect(try store.syncLeaseHolder()?.pid == me.pid)
    }

    @Test func leaseOfADeadProcessOnThisHostIsTakenOver() throws {
        let dir = try ScratchFolder(); defer { dir.remove() }
        let store = try dir.makeStore()
        let me = SyncLeaseHolder.currentProcess
        // pid_max on Linux is at most 2^22: this pid cannot exist.
        #expect(try store.acquireSyncLease(pid: 9_999_999, host: me.host, now: now) == nil)
        #expect(try store.acquireSyncLease(pid: me.pid, host: me.host, now: now) == nil)
        #expect(try store.renewSyncLease(pid: me.pid, host: me.host, now: now.addingTimeInterval(5)))
        #expect(try !store.renewSyncLease(pid: 9_999_999, host: me.host, now: now))
    }
}

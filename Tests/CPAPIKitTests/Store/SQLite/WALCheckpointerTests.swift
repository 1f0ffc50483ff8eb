import Foundation
import GRDB
import Testing
@testable import CPAPIKit

/// The write-ahead log is checkpointed on a connection of its own, not by the writer.
@Suite struct WALCheckpointerTests {
    @Test func aLogPastItsThresholdIsCheckpointedOffTheWriter() async throws {
        let dir = try ScratchFolder(); defer { dir.remove() }
        let store = try WorkspaceStore(path: dir.file("cpapi.sqlite"))
        #expect(store.checkpointer.checkpointsRun == 0)
        // About 12 MB of events in one transaction: past the 1,000 pages (8 MB) that ask for a checkpoint.
        let message = String(repeating: "x", count: 12_000)
        try await store.pool.write { db in
            try WorkspaceStore.insertEvents(
                (0..<1000).map {
                    SyncEvent(at: Date(), runID: nil, sourceID: "s", offerExternalID: "\($0)", kind: .offerNew, message: message)
                }, db: db)
        }
        let deadline = ContinuousClock.now + .seconds(30)
        while store.checkpointer.checkpointsRun == 0, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(store.checkpointer.checkpointsRun >= 1)
        // What was checkpointed is all there.
        #expect(try await store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sync_events") } == 1000)
    }
}

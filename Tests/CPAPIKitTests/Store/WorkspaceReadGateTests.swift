import Foundation
import GRDB
import Synchronization
import Testing
@testable import CPAPIKit

/// Asynchronous reads never take every reader: a synchronous read still gets one while they are
/// all in flight (else a thread blocked in it could be the one they need to finish: a deadlock).
@Suite struct WorkspaceReadGateTests {
    @Test func synchronousReadGetsAReaderWhileAsynchronousReadsHoldTheirs() async throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let store = try scratch.makeStore()
        let inside = Shared(0)
        // Each read holds its reader (blocking the reader's own queue, not a task thread) until released.
        let release = DispatchSemaphore(value: 0)
        let readCount = WorkspaceStore.readerCount
        let reads = (0..<readCount).map { _ in
            Task {
                try await store.read { db in
                    inside.value.withLock { $0 += 1 }
                    release.wait()
                    return try Int.fetchOne(db, sql: "SELECT 1") ?? 0
                }
            }
        }
        defer { for _ in 0..<readCount { release.signal() } }
        try await waitUntil { inside.value.withLock { $0 } == WorkspaceStore.asyncReaderCount }
        #expect(inside.value.withLock { $0 } == WorkspaceStore.asyncReaderCount, "the others wait for a permit, holding no reader")

        // A synchronous read, on a thread of its own so that a failure cannot hang the test run.
        let synchronous = Shared<Result<SyncSettings, any Error>?>(nil)
        Thread { synchronous.value.withLock { $0 = Result { try store.syncSettings() } } }.start()
        try await waitUntil { synchronous.value.withLock { $0 } != nil }
        #expect(synchronous.value.withLock { $0 } != nil, "the synchronous read got a reader")

        for _ in 0..<readCount { release.signal() }
        for read in reads { #expect(try await read.value == 1) }
    }

    /// A value the test's tasks and threads share.
    final class Shared<Value: Sendable>: Sendable {
        let value: Mutex<Value>
        init(_ value: Value) { self.value = Mutex(value) }
    }

    /// Polls `condition` for up to 10 s.
    private func waitUntil(_ condition: () -> Bool) async throws {
        for _ in 0..<1000 where !condition() { try await Task.sleep(for: .milliseconds(10)) }
    }
}

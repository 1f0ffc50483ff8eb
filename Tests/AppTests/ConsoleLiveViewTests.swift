import CPAPIKit
import Foundation
import TerminalTestSupport
import Testing
import TUI
@testable import Console

/// A console in one process over a workspace another process syncs, on the headless terminal: it
/// shows that process's runs live from the status it publishes in the workspace (phase and count
/// within the phase, queued sources, retries with their countdown, the round), says "synced by" only
/// while the holder lives, and takes the schedule over when it stops. The other process is played by
/// the test through the store, under a pid that exists (the test's parent, or a `sleep` it starts).
@Suite struct ConsoleLiveViewTests {
    static let host = ProcessInfo.processInfo.hostName

    /// A workspace of three sources fetched a moment ago (none is due for the poll interval, so a
    /// console that takes the schedule over runs nothing while the test looks).
    private func withWorkspace(_ body: (Workspace, WorkspaceConsole) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("console-live-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let workspace = try Workspace.openOrCreate(directory: folder)
        let ids = ["apps", "games", "surveys"]
        _ = try ConfigApplier(store: workspace.store).apply(
            WorkspaceConfig(
                path: "live-test.toml", sync: SyncSettings(pollInterval: 3600),
                sources: ids.map { SourceConfig(id: $0, title: $0.capitalized, baseURL: "http://127.0.0.1:9", publisherID: "1") },
                campaigns: [Campaign(id: "all", sources: ids)]))
        let now = Date()
        for id in ids {
            let offer = DemandOffer(
                key: OfferKey(sourceID: id, externalID: "1"), title: "\(id.capitalized) offer",
                trackingURL: "https://example.com/click", payout: Payout(amount: 1, currency: "USD"),
                rawJSON: "{\"id\":\"1\"}", contentHash: "hash-\(id)", firstSeenAt: now, updatedAt: now)
            _ = try await workspace.store.storeFetch(
                sourceID: id, result: FetchResult(offers: [offer], mayBeCutShort: false, bytes: 0),
                policy: MissingMarkingPolicy(
                    fetchKind: .full, mayBeCutShort: false, limit: 100,
                    maxMissingShare: 1),
                runID: nil, startedAt: now, now: now)
        }
        let engine = try WorkspaceEngine.open(store: workspace.store)
        try await body(workspace, WorkspaceConsole(workspace: workspace, engine: engine, makeSource: DemandSourceMakers.live()))
    }

    /// Runs the console (it starts its scheduler, as `cpapi-tui` does) with `script`, which must end by quitting.
    @discardableResult
    private func run(_ console: WorkspaceConsole, _ script: [HeadlessBackend.Step]) async throws -> HeadlessBackend {
        let backend = HeadlessBackend(
            size: Size(width: 170, height: 40), colorMode: .none,
            script: [ConsoleScreenTests.waitFor("Apps offer")] + script)
        let box = ConsoleScreenTests.UncheckedBox((backend, ConsoleScreenTests.ScriptedEditor([])))
        try await Console.open(
            data: console, actions: console, workspace: "live-test", backend: { box.value.0 },
            options: Console.Options(changePollInterval: .milliseconds(20), editor: box.value.1))
        return backend
    }

    /// What the holder publishes: apps pushing `pushed` of 5,000 writes, surveys queued, games failing
    /// (its second retry in 100 s), the round at 12 of 20 sources.
    private static func status(pid: Int32, pushed: Int) -> SyncLiveStatus {
        var counts = SyncCounts()
        counts.fetched = 5000
        counts.created = pushed
        return SyncLiveStatus(
            pid: pid, host: host, updatedAt: Date(), round: .init(done: 12, total: 20),
            sources: [
                .init(sourceID: "apps", phase: .push, runID: 1, done: pushed, total: 5000, counts: counts),
                .init(
                    sourceID: "games", nextRunAt: Date().addingTimeInterval(100), consecutiveFailures: 2,
                    lastError: "HTTP 503 from the API"),
                .init(sourceID: "surveys", isQueued: true, nextRunAt: Date())
            ])
    }

    /// Runs `work` to its end from the console's thread (a script step), which may block meanwhile.
    private static func blocking(_ work: @escaping @Sendable () async throws -> Void) -> Bool {
        let done = DispatchSemaphore(value: 0)
        let failed = ConsoleScreenTests.UncheckedBox(NSLock())
        nonisolated(unsafe) var error: (any Error)?
        Task.detached {
            do { try await work() } catch let e { failed.value.withLock { error = e } }
            done.signal()
        }
        done.wait()
        return failed.value.withLock { error == nil }
    }

    /// A child process, started with a clean signal mask (`TmuxDriver.spawn`: the test runner's
    /// threads block signals, and Foundation's `Process` waits on a run loop the console's thread does not run).
    final class Child: @unchecked Sendable {
        let pid: pid_t
        private let lock = NSLock()
        private var reaped = false

        init(_ path: String, _ arguments: String...) throws {
            pid = try TmuxDriver.spawn(path, arguments, stdout: "/dev/null", stderr: nil)
        }

        /// Ends it and reaps it, so that its pid no longer exists (once: a reaped pid may be reused).
        func stop() {
            lock.withLock {
                guard !reaped else { return }
                reaped = true
                kill(pid, SIGTERM)
                var status: Int32 = 0
                _ = waitpid(pid, &status, 0)
            }
        }
    }

    @Test func anotherProcesssRunsAreShownLiveFromWhatItPublishes() async throws {
        try await withWorkspace { workspace, console in
            let store = workspace.store
            let holder = getppid()  // a live process of this host that is not this one
            #expect(try store.acquireSyncLease(pid: holder, host: Self.host, now: Date()) == nil)
            #expect(try await store.publishSyncStatus(Self.status(pid: holder, pushed: 2312)))
            let backend = try await run(
                console,
                [
                    ConsoleScreenTests.waitFor("synced by pid \(holder) on \(Self.host): 1 running · 12/20 sources"),
                    ConsoleScreenTests.waitFor("push 2,312/5,000"),
                    ConsoleScreenTests.waitFor("fetched 5000 created 2312"),
                    ConsoleScreenTests.waitFor("surveys        queued"),
                    .waitUntil("games' retry with its countdown") { screen in
                        screen.lines.contains {
                            $0.contains("games") && $0.contains("retry 2") && $0.contains("in 1:")
                                && $0.contains("HTTP 503 from the API")
                        }
                    },
                    // The holder moves on: the console follows without the operator doing anything.
                    .waitUntil("the holder publishes more") { _ in
                        Self.blocking { _ = try await store.publishSyncStatus(Self.status(pid: holder, pushed: 4000)) }
                    },
                    ConsoleScreenTests.waitFor("push 4,000/5,000"),
                    .key(.character("q"))
                ])
            #expect(!backend.screenContains("stopped at"))
            #expect(backend.lines.first?.contains("12/20 sources · next 1:") == true, "the next run is games' retry, not the queued surveys")
            #expect(try store.syncLeaseHolder()?.pid == holder, "a live holder keeps the lease")
        }
    }

    @Test func whenTheHolderStopsTheConsoleSaysSoAndTakesTheScheduleOver() async throws {
        try await withWorkspace { workspace, console in
            let store = workspace.store
            let holder = try Child("/bin/sleep", "600")
            defer { holder.stop() }
            let pid = holder.pid
            #expect(try store.acquireSyncLease(pid: pid, host: Self.host, now: Date()) == nil)
            #expect(try await store.publishSyncStatus(Self.status(pid: pid, pushed: 10)))
            let backend = try await run(
                console,
                [
                    ConsoleScreenTests.waitFor("synced by pid \(pid) on \(Self.host)"),
                    ConsoleScreenTests.waitFor("push 10/5,000"),
                    .waitUntil("the holder is killed") { _ in
                        holder.stop()  // reaped: its pid no longer exists
                        return true
                    },
                    ConsoleScreenTests.waitFor("pid \(pid) on \(Self.host) stopped at "),
                    ConsoleScreenTests.waitFor("this console took over the sync"),
                    .waitUntil("this console holds the lease") { _ in (try? store.syncLeaseHolder())?.isCurrentProcess == true },
                    ConsoleScreenTests.waitUntilGone("synced by pid \(pid)"),
                    ConsoleScreenTests.waitUntilGone("push 10/5,000"),
                    .key(.character("q"))
                ])
            #expect(backend.screenContains("sync idle"), "\(backend.lines.first ?? "")")
            #expect(try store.syncLeaseHolder() == nil, "given back on quit")
        }
    }

    @Test func aStoppedHolderIsNeverSaidToSyncAndSIsToldTheTakeoverUntilItHappens() {
        let now = Date()
        var s = ConsoleState(workspace: "t", now: now)
        s.scheduler = .heldElsewhere("pid 77 on far (since earlier)")
        let holder = SyncLeaseHolder(pid: 77, host: "far", acquiredAt: now.addingTimeInterval(-60), heartbeatAt: now.addingTimeInterval(-5))
        _ = SyncWatchUpdate.watched(&s, SyncWatch(holder: holder))
        #expect(TitleBarView(state: s).syncState == "synced by pid 77 on far")
        #expect(ConsoleRules.syncReason(s) == "synced by pid 77 on far (since earlier): sync from there")

        _ = SyncWatchUpdate.watched(&s, SyncWatch(holder: holder, holderGone: true))
        let stoppedAt = Formatting.clock(holder.heartbeatAt)
        #expect(TitleBarView(state: s).syncState == "holder pid 77 on far stopped at \(stoppedAt)")
        #expect(ConsoleRules.syncReason(s) == "holder pid 77 on far stopped: this console is taking over the sync")
        #expect(s.backgroundStatus?.text == "pid 77 on far stopped at \(stoppedAt): taking over the sync")

        s.scheduler = .running
        let me = SyncLeaseHolder.currentProcess
        _ = SyncWatchUpdate.watched(
            &s, SyncWatch(holder: SyncLeaseHolder(pid: me.pid, host: me.host, acquiredAt: now, heartbeatAt: now), isSelf: true))
        #expect(ConsoleRules.syncReason(s) == nil)
        #expect(TitleBarView(state: s).syncState == "sync idle")
        #expect(s.backgroundStatus?.text == "pid 77 on far stopped at \(stoppedAt): this console took over the sync")
    }

    @Test func aHolderRowWhosePidIsGoneIsTakenOverAtOnce() async throws {
        try await withWorkspace { workspace, console in
            let store = workspace.store
            let gone = try Child("/bin/true")
            gone.stop()
            let pid = gone.pid
            #expect(try store.acquireSyncLease(pid: pid, host: Self.host, now: Date()) == nil)
            try await run(
                console,
                [
                    .waitUntil("this console holds the lease") { _ in (try? store.syncLeaseHolder())?.isCurrentProcess == true },
                    ConsoleScreenTests.waitFor("sync idle"),
                    .key(.character("q"))
                ])
            #expect(try store.syncLeaseHolder() == nil)
        }
    }
}

import CPAPIKit
import Foundation
import TUI

/// Opens the operator's console over a workspace and runs it until the operator quits.
///
/// ```swift
/// let outcome = try Console.run(data: reader, actions: workflows, workspace: "demo", backend: NcursesBackend())
/// ```
public enum Console {
    /// Knobs for tests and the demo.
    public struct Options {
        /// How often the workspace's change counter is polled.
        public var changePollInterval: Duration
        /// Start the sync scheduler inside this process.
        public var startScheduler: Bool
        /// Nil: `$EDITOR` in the real terminal.
        public var editor: (any ExternalEditor)?
        public var clock: @Sendable () -> Date

        public init(
            changePollInterval: Duration = .milliseconds(500), startScheduler: Bool = true,
            editor: (any ExternalEditor)? = nil, clock: @escaping @Sendable () -> Date = { Date() }
        ) {
            self.changePollInterval = changePollInterval
            self.startScheduler = startScheduler
            self.editor = editor
            self.clock = clock
        }
    }

    /// How the console ended.
    public struct Outcome: Sendable {
        public var finalState: ConsoleState
        /// The operator asked the welcome screen for the demo.
        public var startDemo: Bool { finalState.startDemoOnExit }
    }

    /// Runs the console on a thread of its own (the loop blocks while it waits for input, so it
    /// must not hold one of the few threads async tasks run on) and returns when it ends.
    /// Without `reports` the Reports view and the conversion lookup say they are not available.
    @discardableResult
    public static func open(
        data: any ConsoleDataSource, actions: any ConsoleActions, reports: (any ConsoleReports)? = nil,
        workspace: String, backend: @escaping @Sendable () -> any Backend,
        options: Options = Options()
    ) async throws -> Outcome {
        let box = OptionsBox(options)
        return try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                do {
                    continuation.resume(
                        returning: try run(
                            data: data, actions: actions, reports: reports, workspace: workspace,
                            backend: backend(), options: box.options))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            thread.name = "cpapi-tui console"
            thread.start()
        }
    }

    /// Carries the options (which hold a non-Sendable editor) to the console's thread, which
    /// becomes their only user.
    private final class OptionsBox: @unchecked Sendable {
        let options: Options
        init(_ options: Options) { self.options = options }
    }

    /// Runs the console on the calling thread until the operator quits.
    @discardableResult
    public static func run(
        data: any ConsoleDataSource, actions: any ConsoleActions, reports: (any ConsoleReports)? = nil,
        workspace: String, backend: any Backend, options: Options = Options()
    ) throws -> Outcome {
        let mailbox = Mailbox<ConsoleMessage>()
        let terminalEditor = options.editor == nil ? TerminalEditor() : nil
        let state = ConsoleState(workspace: workspace, now: options.clock())
        let app = ConsoleApp(
            state: state, data: data, actions: actions, editor: options.editor ?? terminalEditor!,
            mailbox: mailbox, clock: options.clock, reports: reports)
        let application = Application(app, backend: backend, mailbox: mailbox)
        terminalEditor?.terminal = application.terminal

        var tasks: [Task<Void, Never>] = []
        let interval = options.changePollInterval
        // Polled with the change counter: whether the lease may be taken over (its holder stopped).
        let (leaseMayBeFree, leaseFreed) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        tasks.append(
            mailbox.spawn { box in
                var last: Int?
                var lastWatch: SyncWatch?
                while !Task.isCancelled {
                    if let token = try? await data.changeToken(), token != last {
                        last = token
                        box.post(.changeToken(token))
                    }
                    // Who syncs and how far: a light read of its own, which never reads the workspace's rows again.
                    if let watch = try? await data.syncWatch() {
                        if watch != lastWatch {
                            lastWatch = watch
                            box.post(.syncWatched(watch))
                        }
                        if watch.mayTakeOver { leaseFreed.yield() }
                    }
                    try? await Task.sleep(for: interval)
                }
                leaseFreed.finish()
            })
        if options.startScheduler {
            // Started at once; while another process holds the lease, started again as soon as the
            // watch finds the lease free or its holder gone: this console takes the schedule over.
            tasks.append(
                mailbox.spawn { box in
                    let progress: @Sendable (SchedulerEvent) -> Void = { event in box.post(.scheduler(event)) }
                    var start = await actions.startScheduler(progress: progress)
                    box.post(.schedulerStarted(start))
                    guard case .heldElsewhere = start else { return }
                    for await _ in leaseMayBeFree {
                        let again = await actions.startScheduler(progress: progress)
                        if again != start { box.post(.schedulerStarted(again)) }
                        start = again
                        guard case .heldElsewhere = start else { return }
                    }
                })
        }
        defer {
            for task in tasks { task.cancel() }
            if options.startScheduler { waitFor { await actions.stopScheduler() } }
        }
        let final = try application.run()
        return Outcome(finalState: final.state)
    }

    /// Blocks this (non-async) thread until `work` is done: used once, on the way out.
    private static func waitFor(_ work: @escaping @Sendable () async -> Void) {
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            await work()
            done.signal()
        }
        done.wait()
    }
}

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
        tasks.append(
            mailbox.spawn { box in
                var last: Int?
                while !Task.isCancelled {
                    if let token = try? await data.changeToken(), token != last {
                        last = token
                        box.post(.changeToken(token))
                    }
                    try? await Task.sleep(for: interval)
                }
            })
        if options.startScheduler {
            tasks.append(
                mailbox.spawn { box in
                    let start = await actions.startScheduler { event in box.post(.scheduler(event)) }
                    box.post(.schedulerStarted(start))
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

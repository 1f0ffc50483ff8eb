/// The event loop: one thread, message → update → view.
///
/// Each turn it waits for input (no longer than the next tick), feeds input, posted messages and
/// due ticks to `App.update`, and redraws only if an update asked for it. Background work posts
/// to `mailbox` and wakes the loop; it never blocks it.
///
/// ```swift
/// let mailbox = Mailbox<MyApp.Message>()
/// let final = try Application(MyApp(mailbox: mailbox), backend: NcursesBackend(), mailbox: mailbox).run()
/// ```
public final class Application<A: App> {
    public private(set) var app: A
    public let mailbox: Mailbox<A.Message>
    public let terminal: Terminal
    private let clock = ContinuousClock()

    public init(_ app: A, backend: any Backend, mailbox: Mailbox<A.Message> = Mailbox(), theme: Theme? = nil) {
        self.app = app
        self.mailbox = mailbox
        self.terminal = Terminal(backend: backend, theme: theme)
    }

    /// Runs until an update returns `.quit` (or the backend fails), then restores the terminal and
    /// returns the app's final state.
    @discardableResult
    public func run() throws -> A {
        let backend = terminal.backend
        try backend.start()
        mailbox.setWaker(backend.makeWaker())
        defer {
            mailbox.setWaker(nil)
            backend.stop()
        }

        var size = backend.size
        guard apply(.resize(size)) != .quit else { return app }
        var dirty = true
        var interval = app.tickInterval
        var nextTick = interval.map { clock.now + $0 }

        while true {
            if dirty {
                terminal.draw { app.view(&$0) }
                dirty = false
            }
            let timeout = nextTick.map { max(.zero, $0 - clock.now) }
            let events = try backend.waitForEvents(timeout: timeout)

            var results: [UpdateResult] = []
            for event in events {
                switch event {
                case .key(let k): results.append(apply(.key(k)))
                case .mouse(let m): results.append(apply(.mouse(m)))
                case .paste(let s): results.append(apply(.paste(s)))
                case .resize(let newSize):
                    // Several resizes may arrive for one change; only a real change relays out.
                    guard newSize != size else { continue }
                    size = newSize
                    terminal.invalidate()
                    dirty = true
                    results.append(apply(.resize(newSize)))
                }
                if results.last == .quit { return app }
            }
            for message in mailbox.drain() {
                results.append(apply(.message(message)))
                if results.last == .quit { return app }
            }
            if let due = nextTick, clock.now >= due, let every = interval {
                results.append(apply(.tick))
                if results.last == .quit { return app }
                // Skip missed ticks instead of firing a burst after a stall.
                var next = due + every
                while next <= clock.now { next += every }
                nextTick = next
            }
            if app.tickInterval != interval {
                interval = app.tickInterval
                nextTick = interval.map { clock.now + $0 }
            }
            if results.contains(.redraw) { dirty = true }
        }
    }

    private func apply(_ event: AppEvent<A.Message>) -> UpdateResult {
        app.update(event)
    }
}

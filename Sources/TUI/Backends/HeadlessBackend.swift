/// An in-memory terminal for tests: it has a size, keeps the cells the loop sent it (so what
/// tests read is what a real terminal would show after the diffs), and plays a script of input.
///
/// ```swift
/// let backend = HeadlessBackend(size: Size(width: 40, height: 10), script: [
///     .key(.down), .waitUntil("row 2 selected") { $0.lines.contains { $0.contains("▶ row 2") } },
///     .key(.character("q")),
/// ])
/// try Application(MyApp(), backend: backend).run()
/// #expect(backend.lines[0] == "┌ Demo ─…")
/// ```
public final class HeadlessBackend: Backend {
    /// One step of scripted input.
    public enum Step {
        /// Deliver this input (one event per loop turn, like a keystroke).
        case event(Event)
        /// Change the terminal size and deliver `.resize`.
        case resize(Size)
        /// Hold further input until the screen satisfies the condition (checked after each
        /// frame); fail with `ScriptError.timedOut` after `stepTimeout`.
        case waitUntil(String, (HeadlessBackend) -> Bool)

        public static func key(_ key: Key) -> Step { .event(.key(key)) }
        public static func text(_ text: String) -> [Step] { text.map { .event(.key(.character($0))) } }
    }

    /// Why a scripted run stopped without the app quitting.
    public struct ScriptError: Error, CustomStringConvertible {
        public let reason: String
        public let screen: [String]
        public var description: String { "\(reason)\n" + screen.joined(separator: "\n") }
    }

    public private(set) var size: Size
    public let colorMode: ColorMode
    /// False plays a terminal whose locale is not UTF-8: the frames it receives are ASCII.
    public let isUnicode: Bool
    public private(set) var screen: Buffer
    public private(set) var cursor: Position?
    /// Number of frames flushed.
    public private(set) var frameCount = 0
    /// How many cells the last draw wrote.
    public private(set) var lastDrawCount = 0
    public private(set) var isActive = false
    /// How long a `waitUntil` step, or an exhausted script, may wait before the run fails.
    /// Only a guard against hangs: generous by default, because background work may wait long
    /// for a thread when a whole test suite shares two cores.
    public var stepTimeout: Duration

    private var script: [Step]
    private let wakeSignal = WakeSignal()
    private let clock = ContinuousClock()
    private var waitingSince: ContinuousClock.Instant?

    public init(
        size: Size, colorMode: ColorMode = .ansi256, isUnicode: Bool = true, script: [Step] = [],
        stepTimeout: Duration = .seconds(60)
    ) {
        self.size = size
        self.colorMode = colorMode
        self.isUnicode = isUnicode
        self.screen = Buffer(size: size)
        self.script = script
        self.stepTimeout = stepTimeout
    }

    /// Appends steps to the script (before or during a run from the loop's thread).
    public func enqueue(_ steps: [Step]) { script.append(contentsOf: steps) }

    // MARK: Reading the screen

    /// The screen as text, one string per row, full width (a wide glyph appears once).
    public var lines: [String] { screen.lines }

    /// The screen with trailing spaces removed from each row: convenient for snapshots.
    public var trimmedLines: [String] {
        lines.map { String($0.reversed().drop(while: { $0 == " " }).reversed()) }
    }

    public func cell(x: Int, y: Int) -> Cell { screen[x, y] }
    public func style(x: Int, y: Int) -> Style { screen[x, y].style }
    public func screenContains(_ text: String) -> Bool { lines.contains { $0.contains(text) } }

    // MARK: Backend

    public func start() throws { isActive = true }
    public func stop() { isActive = false; cursor = nil }

    public func draw(_ updates: [CellUpdate]) {
        for u in updates {
            screen.set(u.cell.symbol, width: Int(u.cell.width), style: u.cell.style, x: u.x, y: u.y)
        }
        lastDrawCount = updates.count
    }

    public func setCursor(_ position: Position?) { cursor = position }
    public func clear() { screen = Buffer(size: size) }
    public func flush() { frameCount += 1 }

    public func makeWaker() -> @Sendable () -> Void {
        let signal = wakeSignal
        return { signal.signal() }
    }

    public func waitForEvents(timeout: Duration?) throws -> [Event] {
        while let step = script.first {
            switch step {
            case .event(let e):
                script.removeFirst()
                waitingSince = nil
                return [e]
            case .resize(let newSize):
                script.removeFirst()
                waitingSince = nil
                size = newSize
                return [.resize(newSize)]
            case .waitUntil(let what, let condition):
                if condition(self) {
                    script.removeFirst()
                    waitingSince = nil
                    continue
                }
                try idle(timeout: timeout, reason: "timed out waiting until \(what)")
                return []
            }
        }
        try idle(timeout: timeout, reason: "script ended but the app did not quit")
        return []
    }

    /// Sleeps until woken, the loop's timeout, or a short poll interval (so `waitUntil`
    /// conditions are rechecked); throws once the current wait has lasted `stepTimeout`.
    private func idle(timeout: Duration?, reason: String) throws {
        let now = clock.now
        let since = waitingSince ?? now
        waitingSince = since
        if now - since > stepTimeout { throw ScriptError(reason: reason, screen: lines) }
        let slice = Duration.milliseconds(50)
        wakeSignal.wait(timeout: timeout.map { min($0, slice) } ?? slice)
    }
}

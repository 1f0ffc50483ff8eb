import Foundation
import TUI

/// A headless terminal that also times the console: when its first frame and the first frames
/// meeting given conditions (milestones) were flushed, and how long each key took to reach the
/// screen (from the moment the loop received it to the flush of the frame that followed).
final class FrameTimingBackend: Backend, @unchecked Sendable {
    /// A condition on the screen whose first frame is timed ("the offers are listed").
    struct Milestone: Sendable {
        let name: String
        let condition: @Sendable (HeadlessBackend) -> Bool
        init(_ name: String, _ condition: @escaping @Sendable (HeadlessBackend) -> Bool) {
            self.name = name
            self.condition = condition
        }
    }

    let inner: HeadlessBackend
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    private let milestones: [Milestone]
    private var keyReceivedAt: ContinuousClock.Instant?
    private(set) var firstFrame: Duration?
    /// When each milestone's first frame was flushed, by name.
    private(set) var reached: [String: Duration] = [:]
    /// One entry per key, in the order the keys were delivered.
    private(set) var keyToFrame: [Duration] = []

    init(size: Size, milestones: [Milestone], script: [HeadlessBackend.Step], stepTimeout: Duration) {
        started = clock.now
        self.milestones = milestones
        inner = HeadlessBackend(size: size, colorMode: .none, script: script, stepTimeout: stepTimeout)
    }

    /// Whether every key delivered so far has reached the screen (scripts wait on this between keys,
    /// so each key is timed on its own).
    var keysDrawn: Bool { keyReceivedAt == nil }

    var size: Size { inner.size }
    var colorMode: ColorMode { inner.colorMode }
    func start() throws { try inner.start() }
    func stop() { inner.stop() }
    func draw(_ updates: [CellUpdate]) { inner.draw(updates) }
    func setCursor(_ position: Position?) { inner.setCursor(position) }
    func clear() { inner.clear() }
    func makeWaker() -> @Sendable () -> Void { inner.makeWaker() }

    func flush() {
        inner.flush()
        let now = clock.now
        if firstFrame == nil { firstFrame = now - started }
        for milestone in milestones where reached[milestone.name] == nil && milestone.condition(inner) {
            reached[milestone.name] = now - started
        }
        if let received = keyReceivedAt {
            keyToFrame.append(now - received)
            keyReceivedAt = nil
        }
    }

    func waitForEvents(timeout: Duration?) throws -> [Event] {
        let events = try inner.waitForEvents(timeout: timeout)
        if events.contains(where: { if case .key = $0 { return true } else { return false } }) {
            keyReceivedAt = clock.now
        }
        return events
    }
}

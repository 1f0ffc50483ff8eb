import Foundation
import TUI

/// A headless terminal that also times the console: when its first frame and its first frame
/// showing a given text were flushed, and how long each key took to reach the screen (from the
/// moment the loop received it to the flush of the frame that followed).
final class FrameTimingBackend: Backend, @unchecked Sendable {
    let inner: HeadlessBackend
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    private let loadedText: String
    private var keyReceivedAt: ContinuousClock.Instant?
    private(set) var firstFrame: Duration?
    private(set) var firstLoadedFrame: Duration?
    /// One entry per key, in the order the keys were delivered.
    private(set) var keyToFrame: [Duration] = []

    /// `loadedText`: the text whose first appearance counts as "the data is on screen".
    init(size: Size, loadedText: String, script: [HeadlessBackend.Step], stepTimeout: Duration) {
        started = clock.now
        self.loadedText = loadedText
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
        if firstLoadedFrame == nil, inner.screenContains(loadedText) { firstLoadedFrame = now - started }
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

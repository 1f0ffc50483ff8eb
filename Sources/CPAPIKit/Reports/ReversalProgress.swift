import Foundation

/// What a reversals download is doing, window by window (for the command line's stderr and a console).
public struct ReversalProgress: Sendable, Equatable {
    /// What happened to the window.
    public enum Event: Sendable, Equatable {
        /// Already stored from an earlier download: not asked again.
        case skipped
        /// Waiting for the endpoint's slot until then.
        case waiting(until: Date)
        /// Downloaded and stored: `received` listed, `added` of them new.
        case stored(received: Int, added: Int)
    }

    public var window: ReportWindow
    /// 1-based position of the window in the download.
    public var index: Int
    public var total: Int
    public var event: Event

    public init(window: ReportWindow, index: Int, total: Int, event: Event) {
        self.window = window; self.index = index; self.total = total; self.event = event
    }
}

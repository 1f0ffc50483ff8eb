import Foundation

/// A window of the Reversals API already downloaded and stored.
public struct StoredReversalWindow: Sendable, Equatable {
    public var window: ReportWindow
    public var fetchedAt: Date
    /// Reversals the API listed for it.
    public var received: Int

    public init(window: ReportWindow, fetchedAt: Date, received: Int) {
        self.window = window; self.fetchedAt = fetchedAt; self.received = received
    }

    /// Whether `window` needs no new call: it lies inside this one, and this one was fetched after its
    /// last day was over (a window that was still running when fetched may have gained reversals since).
    public func completes(_ window: ReportWindow) -> Bool {
        window.isCovered(by: self.window) && ReportDay(fetchedAt) > self.window.end
    }
}

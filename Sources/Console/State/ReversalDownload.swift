import CPAPIKit
import Foundation

/// A reversals download of one source started from the console: its windows and how each went, live,
/// then how the whole ended. Kept after it ends, so the Reports view still shows what happened.
public struct ReversalDownload: Sendable {
    /// Where one window of the download is.
    public enum WindowState: Sendable, Equatable {
        case pending
        case waiting(until: Date)
        case skipped
        case stored(received: Int, added: Int)
    }

    public var sourceID: String
    public var range: ReportWindow
    public var windows: [ReportWindow]
    public var states: [WindowState]
    public var running = true
    /// The operator asked it to stop; it ends at its next wait or call.
    public var stopping = false
    /// Why it ended early (failed or stopped); the windows stored before stay stored.
    public var failure: String?

    public init(sourceID: String, range: ReportWindow) {
        self.sourceID = sourceID
        self.range = range
        windows = ReportWindow.months(from: range.start, to: range.end)
        states = Array(repeating: .pending, count: windows.count)
    }

    /// Records a progress event of the kit's downloader.
    public mutating func record(_ progress: ReversalProgress) {
        let index = progress.index - 1
        guard states.indices.contains(index) else { return }
        switch progress.event {
        case .skipped: states[index] = .skipped
        case .waiting(let until): states[index] = .waiting(until: until)
        case .stored(let received, let added): states[index] = .stored(received: received, added: added)
        }
    }

    /// The window being asked now: the first one not done while running.
    public var currentIndex: Int? {
        guard running else { return nil }
        return states.firstIndex {
            if case .pending = $0 { return true }; if case .waiting = $0 { return true }; return false
        }
    }

    /// Reversals new to the workspace so far.
    public var added: Int {
        states.reduce(0) {
            if case .stored(_, let added) = $1 { return $0 + added }; return $0
        }
    }

    public var fetchedCount: Int {
        states.filter {
            if case .stored = $0 { return true }; return false
        }.count
    }
    public var skippedCount: Int { states.filter { $0 == .skipped }.count }

    /// "2 months fetched, 1 already stored, 5 new reversals".
    public var summary: String {
        "\(fetchedCount) month\(fetchedCount == 1 ? "" : "s") fetched, \(skippedCount) already stored, "
            + "\(added) new reversal\(added == 1 ? "" : "s")"
    }
}

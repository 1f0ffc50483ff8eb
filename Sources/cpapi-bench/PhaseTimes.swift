import Console
import CPAPIKit
import Foundation
import Synchronization

/// Sums, per sync phase, the time each source's run spent in it (from the runs' progress messages).
/// Sources run side by side, so the sums can exceed the wall time; they show where the time goes.
final class PhaseTimes: Sendable {
    private struct State {
        var started: [String: ContinuousClock.Instant] = [:]
        var total: [SyncPhase: Duration] = [:]
    }
    private let state = Mutex(State())
    /// `CPAPI_BENCH_TRACE=1`: also print every phase start and end to stderr, to see where a run is.
    private let trace = ProcessInfo.processInfo.environment["CPAPI_BENCH_TRACE"] == "1"

    /// The progress callback to hand to `syncOnce`.
    var recorder: @Sendable (SyncProgress) -> Void {
        { [self] progress in record(progress) }
    }

    private func record(_ progress: SyncProgress) {
        let now = ContinuousClock.now
        if trace, progress.step != .advanced {
            let rss = PeakMemory.currentResidentMegabytes().map { String(format: "%.0f MB", $0) } ?? "?"
            FileHandle.standardError.write(
                Data(
                    "\(Date().formatted(.iso8601)) RSS \(rss) \(progress.sourceID) \(progress.phase.rawValue) \(progress.step.rawValue): \(progress.message)\n"
                        .utf8))
        }
        let key = "\(progress.sourceID)\u{1F}\(progress.phase.rawValue)"
        state.withLock { state in
            switch progress.step {
            case .started:
                state.started[key] = now
            case .finished, .failed:
                if let start = state.started.removeValue(forKey: key) {
                    state.total[progress.phase, default: .zero] += now - start
                }
            case .advanced:
                break
            }
        }
    }

    /// One figure line per phase that took time, in phase order.
    func figures(label: String) -> [BenchFigure] {
        let total = state.withLock { $0.total }
        return SyncPhase.allCases.compactMap { phase in
            total[phase].map { BenchFigure(name: "  \(label): \(phase.rawValue) (sum)", value: String(format: "%.2f s", $0.seconds)) }
        }
    }
}

import CPAPIKit

/// Prints one line per source per phase to stderr (stdout keeps the result, or the `--json` document).
enum SyncProgressPrinter {
    static func print(_ progress: SyncProgress) {
        switch progress.step {
        case .finished:
            Output.error("\(progress.sourceID) \(progress.phase.rawValue): \(progress.message)")
        case .failed:
            Output.error("\(progress.sourceID) \(progress.phase.rawValue) FAILED: \(progress.message)")
        case .started, .advanced:
            break
        }
    }
}

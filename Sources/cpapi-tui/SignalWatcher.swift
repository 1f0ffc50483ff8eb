import Dispatch
import Foundation
import Synchronization

/// Turns SIGINT/SIGTERM into a callback (with how many signals came so far) instead of killing the
/// process, so a long-running command can stop gracefully. Keep it alive while watching.
final class SignalWatcher {
    private let sources: [any DispatchSourceSignal]

    init(signals: [Int32], _ handler: @escaping @Sendable (Int) -> Void) {
        let counter = SignalCounter()
        sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { handler(counter.increment()) }
            source.resume()
            return source
        }
    }

    deinit {
        for source in sources { source.cancel() }
    }
}

/// How many signals came, counted across the handlers' queue.
private final class SignalCounter: Sendable {
    private let count = Mutex(0)

    func increment() -> Int {
        count.withLock {
            $0 += 1; return $0
        }
    }
}

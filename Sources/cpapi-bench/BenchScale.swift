import Foundation

/// A benchmark's scale from the environment, for profiling or bisecting at a smaller one.
enum BenchScale {
    static func value(_ name: String, default fallback: Int) -> Int {
        ProcessInfo.processInfo.environment[name].flatMap(Int.init).map { max(1, $0) } ?? fallback
    }
}

import Foundation

/// The CPU time this process has used (user + system, every thread): what a figure cost the tool,
/// whatever else the shared machine was running meanwhile.
enum ProcessCPUTime {
    static func seconds() -> Double {
        var usage = rusage()
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1_000_000 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// "12.3 s CPU (1.4 cores on average)" for `cpu` seconds used over `wall` seconds.
    static func describe(cpu: Double, wall: Double) -> String {
        String(format: "%.2f s CPU (%.1f cores on average)", cpu, wall > 0 ? cpu / wall : 0)
    }
}

import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// The process's resident memory: its peak (VmHWM in `/proc/self/status`, Linux) and its current size (VmRSS).
public enum PeakMemory {
    public static func residentMegabytes() -> Double? { statusMegabytes("VmHWM:") }

    public static func currentResidentMegabytes() -> Double? { statusMegabytes("VmRSS:") }

    /// Resets the peak to the current resident size (writing 5 to `/proc/self/clear_refs`), so
    /// what follows is measured on its own. Freed heap is handed back to the system first
    /// (`malloc_trim`): what the process filled and let go of before must not count as in use.
    /// Does nothing where that is not supported.
    public static func reset() {
        trimHeap()
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return }
        defer { try? handle.close() }
        try? handle.write(contentsOf: Data("5".utf8))
    }

    /// glibc's `malloc_trim(0)`, looked up at run time (Swift's Glibc module does not export it).
    private static func trimHeap() {
        #if canImport(Glibc)
            typealias MallocTrim = @convention(c) (Int) -> Int32
            guard let symbol = dlsym(nil, "malloc_trim") else { return }
            _ = unsafeBitCast(symbol, to: MallocTrim.self)(0)
        #endif
    }

    private static func statusMegabytes(_ field: String) -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix(field) {
            let digits = line.split(separator: " ").dropFirst().first.flatMap { Double($0) }
            return digits.map { $0 / 1024 }  // kB
        }
        return nil
    }
}

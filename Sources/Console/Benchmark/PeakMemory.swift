import Foundation

/// The process's peak resident set size (VmHWM in `/proc/self/status`, Linux).
public enum PeakMemory {
    public static func residentMegabytes() -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let digits = line.split(separator: " ").dropFirst().first.flatMap { Double($0) }
            return digits.map { $0 / 1024 }  // kB
        }
        return nil
    }

    /// Resets the peak to the current resident size (writing 5 to `/proc/self/clear_refs`), so
    /// what follows is measured on its own. Does nothing where that is not supported.
    public static func reset() {
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return }
        defer { try? handle.close() }
        try? handle.write(contentsOf: Data("5".utf8))
    }
}

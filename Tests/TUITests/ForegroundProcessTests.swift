import Foundation
import Testing
@testable import TUI

/// A program run on the terminal stays in our process group (the terminal's foreground, so it may set
/// the terminal up) and gets ^C and ^\ at their default action; its status comes back as a shell's.
@Suite(.serialized) struct ForegroundProcessTests {
    @Test func theProgramRunsInOurProcessGroupWithTheKeyboardSignalsAtDefault() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("fg-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        // Field 5 of /proc/PID/stat is the process group; SigIgn is the mask of ignored signals.
        let status = try ForegroundProcess.run(
            "/bin/sh", ["-c", "cut -d' ' -f5 /proc/$$/stat > \"$1\"; grep SigIgn /proc/$$/status >> \"$1\"", "sh", out])
        #expect(status == 0)
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        #expect(lines.first.flatMap { Int32($0) } == getpgrp(), "the child is in our process group: \(lines)")
        let ignored = UInt64(lines.last?.split(separator: "\t").last ?? "", radix: 16) ?? .max
        #expect(ignored & (1 << (UInt64(SIGINT) - 1)) == 0, "SIGINT is not ignored in the child: \(lines)")
        #expect(ignored & (1 << (UInt64(SIGQUIT) - 1)) == 0, "SIGQUIT is not ignored in the child: \(lines)")
    }

    @Test func statusIsTheExitCodeOr128PlusTheSignal() throws {
        #expect(try ForegroundProcess.run("/bin/sh", ["-c", "exit 3"]) == 3)
        #expect(try ForegroundProcess.run("/bin/sh", ["-c", "kill -TERM $$"]) == 128 + SIGTERM)
        #expect(throws: ForegroundProcess.SpawnError.self) { try ForegroundProcess.run("/nonexistent/editor", []) }
    }

    @Test func ourKeyboardSignalHandlingIsBackAfterwards() throws {
        var before = sigaction()
        sigaction(SIGINT, nil, &before)
        _ = try ForegroundProcess.run("/bin/sh", ["-c", "exit 0"])
        var after = sigaction()
        sigaction(SIGINT, nil, &after)
        #expect(handler(before) == handler(after))
    }

    private func handler(_ action: sigaction) -> UInt {
        #if canImport(Darwin)
            unsafeBitCast(action.__sigaction_u.__sa_handler, to: UInt.self)
        #else
            unsafeBitCast(action.__sigaction_handler.sa_handler, to: UInt.self)
        #endif
    }
}

import Foundation
import Testing

/// Runs the real `tui-example` binary in a real terminal (tmux) and reads the screen back:
/// ncurses setup, wide characters, the background clock, key dispatch, the help overlay,
/// resizing and a clean exit. Requires tmux (CI installs it): without it the test fails.
@Suite(.serialized) struct TmuxExampleTests {
    @Test(.timeLimit(.minutes(5))) func exampleRunsInARealTerminal() async throws {
        let tmuxPath = try #require(Self.findExecutable("tmux"), "tmux is not installed: install it (apt-get install tmux) to run the real-terminal test")
        let binary = try Self.exampleBinary()
        // A private tmux server, so the test never touches anyone else's sessions.
        let tmux = Tmux(path: tmuxPath, socket: "tui-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        let session = "example"
        defer { _ = try? tmux.run(["kill-server"]) }

        // A shell runs the example, then reports its exit status on the restored screen and stays
        // alive so the screen can still be read (tmux clears dead panes).
        let command = "'\(binary.path)'; echo \"tui-example exited with status $?\"; exec sleep 600"
        _ = try tmux.run(["new-session", "-d", "-x", "100", "-y", "30", "-s", session, command])

        var screen = try await tmux.waitFor(session, "the first frame") { $0.contains("Row 1 of 1000") && $0.contains("┌ Rows") }
        let lines = screen.components(separatedBy: "\n")
        #expect(lines[0].hasPrefix("┌ Rows ─") && lines[0].hasSuffix("┐"))
        #expect(lines[0].count == 100)
        #expect(lines[2].hasPrefix("│▶     0 Row 0"))
        #expect(lines.contains { $0.hasPrefix("j/↓ down  k/↑ up  ? help  q quit") })

        _ = try tmux.run(["send-keys", "-t", session, "j", "j", "j", "Down", "k"])
        screen = try await tmux.waitFor(session, "the selection to move") { $0.contains("Row 4 of 1000") }
        #expect(screen.contains("│▶     3 Row 3"))

        _ = try await tmux.waitFor(session, "the background clock to tick") { s in
            s.range(of: #"Uptime [1-9][0-9]*s"#, options: .regularExpression) != nil
        }

        _ = try tmux.run(["send-keys", "-t", session, "?"])
        screen = try await tmux.waitFor(session, "the help overlay") { $0.contains("┌ Help") && $0.contains("page down") }
        #expect(screen.contains("Global"))
        _ = try tmux.run(["send-keys", "-t", session, "Escape"])
        _ = try await tmux.waitFor(session, "the help to close") { !$0.contains("┌ Help") }

        _ = try tmux.run(["resize-window", "-t", session, "-x", "80", "-y", "24"])
        screen = try await tmux.waitFor(session, "the 80×24 relayout") { s in
            let l = s.components(separatedBy: "\n")
            return l.count >= 24 && l[0].count == 80 && l[0].hasSuffix("┐") && l[22].hasPrefix("Row 4 of 1000")
        }
        #expect(screen.components(separatedBy: "\n")[23].hasPrefix("j/↓ down"))
        #expect(screen.contains("│▶     3 Row 3"), "the selection survives the resize")

        _ = try tmux.run(["send-keys", "-t", session, "q"])
        let after = try await tmux.waitFor(session, "the program to exit") { $0.contains("tui-example exited with status") }
        #expect(after.contains("tui-example exited with status 0"), "tui-example exits cleanly")
        #expect(!after.contains("┌ Rows"), "the alternate screen is gone: the terminal is restored")
    }

    // MARK: Helpers

    struct Tmux {
        let path: String
        let socket: String

        @discardableResult
        func run(_ arguments: [String]) throws -> String {
            try TmuxExampleTests.run(path, ["-L", socket] + arguments)
        }

        /// Polls the screen every 50 ms until `condition` holds; fails after 30 s with the last screen.
        /// Waits with `Task.sleep`, never `Thread.sleep`: a blocked thread of the cooperative pool
        /// (two on this machine) would starve every other test's background tasks meanwhile.
        @discardableResult
        func waitFor(_ session: String, _ what: String, _ condition: (String) -> Bool) async throws -> String {
            let deadline = ContinuousClock.now + .seconds(30)
            var last = ""
            while ContinuousClock.now < deadline {
                last = try run(["capture-pane", "-p", "-t", session])
                if condition(last) { return last }
                try await Task.sleep(for: .milliseconds(50))
            }
            Issue.record("timed out waiting for \(what); screen:\n\(last)")
            throw CancellationError()
        }
    }

    /// Runs a program to completion and returns its output. Uses posix_spawn + waitpid rather than
    /// Foundation's Process: test threads run with signals blocked, which both stalls Process'
    /// exit monitoring and would be inherited by tmux and the example; here the child gets a clean
    /// signal mask, and output goes to a file (`tmux new-session` leaves a server running that
    /// would keep a pipe open forever).
    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("tui-test-\(UUID().uuidString).out").path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let rc = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EINVAL) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    }

    static func findExecutable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin:/usr/local/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The package root: the nearest directory above this file holding a Package.swift.
    static func packageRoot() -> URL {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while dir.path != "/" {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) { return dir }
            dir = dir.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }

    /// `tui-example` from the same build as this test (next to the test bundle), else from the
    /// package's `.build`, else built on demand.
    static func exampleBinary() throws -> URL {
        let fm = FileManager.default
        var candidates: [URL] = []
        if let argument0 = CommandLine.arguments.first {
            var dir = URL(fileURLWithPath: argument0).resolvingSymlinksInPath()
            // The test executable sits in .build/<triple>/debug/, possibly inside an .xctest bundle.
            for _ in 0..<4 {
                dir = dir.deletingLastPathComponent()
                candidates.append(dir.appendingPathComponent("tui-example"))
            }
        }
        let root = packageRoot()
        candidates.append(root.appendingPathComponent(".build/debug/tui-example"))
        if let found = candidates.first(where: { fm.isExecutableFile(atPath: $0.path) }) { return found }

        // Not built yet (e.g. only the test product was built): build it in a scratch path of its
        // own so we never wait on the lock of the build running this test.
        let scratch = root.appendingPathComponent(".build-tui-example")
        let swift = findExecutable("swift") ?? "/usr/bin/swift"
        let output = try run(swift, ["build", "--package-path", root.path, "--product", "tui-example", "--scratch-path", scratch.path])
        let built = scratch.appendingPathComponent("debug/tui-example")
        guard fm.isExecutableFile(atPath: built.path) else {
            Issue.record("could not build tui-example:\n\(output)")
            throw CancellationError()
        }
        return built
    }
}

import Foundation
import Testing

/// Runs the real `cpapi-tui demo` in a real terminal (tmux) and reads the screen back: the demo's
/// loopback advertiser fills the Offers table, filtering, pausing an offer in every campaign,
/// excluding one behind its confirmation, help, resizing and a clean exit that restores the
/// terminal. Requires tmux (CI installs it): without it the test fails.
@Suite(.serialized) struct TmuxConsoleTests {
    @Test(.timeLimit(.minutes(5))) func demoConsoleRunsInARealTerminal() async throws {
        let tmuxPath = try #require(Self.findExecutable("tmux"), "tmux is not installed: install it (apt-get install tmux) to run the real-terminal test")
        let binary = try Self.consoleBinary()
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("cpapi-tmux-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: workspace) }
        // A private tmux server, so the test never touches anyone else's sessions.
        let tmux = Tmux(path: tmuxPath, socket: "cpapi-console-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        let session = "console"
        defer { _ = try? tmux.run(["kill-server"]) }

        // A shell runs the demo, then reports its exit status on the restored screen and stays
        // alive so the screen can still be read (tmux clears dead panes).
        let command = "'\(binary.path)' demo --workspace '\(workspace)'; echo \"cpapi-tui exited with status $?\"; exec sleep 600"
        _ = try tmux.run(["new-session", "-d", "-x", "120", "-y", "40", "-s", session, command])

        // The first sync fills the table: rows with a payout and a live placement.
        var screen = try await tmux.waitFor(session, "offers with payouts") { s in
            s.contains("┌ Offers") && Self.offerLines(s).count >= 10 && s.contains(" USD live")
        }
        let lines = screen.components(separatedBy: "\n")
        #expect(lines[0].contains("cpapi-tui ·") && lines[0].contains("local platform"))
        #expect(lines.contains { $0.contains("Demo Apps") } && lines.contains { $0.contains("Demo Surveys") })

        // Filter as you type: the count of matches shows while typing; Esc clears it.
        _ = try tmux.run(["send-keys", "-t", session, "/"])
        _ = try tmux.run(["send-keys", "-t", session, "-l", "candy crush"])
        screen = try await tmux.waitFor(session, "the filter's match count") { s in
            s.contains("/candy crush") && Self.matchCount(s).map { $0 > 0 } == true
        }
        let filtered = Self.offerLines(screen)
        #expect(!filtered.isEmpty && filtered.allSatisfy { $0.contains("Candy Crush") }, "only matching offers are listed:\n\(screen)")
        _ = try tmux.run(["send-keys", "-t", session, "Escape"])
        screen = try await tmux.waitFor(session, "the filter to clear") { s in
            !s.contains("/candy crush") && Self.offerLines(s).contains { !$0.contains("Candy Crush") }
        }

        // Pause the selected offer (in every campaign it is placed by: the demo places many offers
        // twice). Pausing is easily undone, so it is not asked about.
        _ = try tmux.run(["send-keys", "-t", session, "3"])  // focus Offers
        screen = try await tmux.waitFor(session, "a selected offer") { Self.selectedOfferID($0) != nil }
        let selected = try #require(Self.selectedOfferID(screen))
        _ = try tmux.run(["send-keys", "-t", session, "p"])
        screen = try await tmux.waitFor(session, "offer \(selected) to be held") { s in
            Self.offerLines(s).contains { $0.contains(" \(selected) ") && $0.contains(" held") }
        }

        // Exclude asks first; the answer starts on No, `y` says yes.
        _ = try tmux.run(["send-keys", "-t", session, "x"])
        screen = try await tmux.waitFor(session, "the exclude confirmation") { $0.contains("Exclude ") && $0.contains("\(selected)?") }
        _ = try tmux.run(["send-keys", "-t", session, "y"])
        screen = try await tmux.waitFor(session, "offer \(selected) to be excluded") { s in
            Self.offerLines(s).contains { $0.contains(" \(selected) ") && $0.contains(" excluded") }
        }

        _ = try tmux.run(["send-keys", "-t", session, "?"])
        screen = try await tmux.waitFor(session, "the help overlay") { $0.contains("┌ Keys") }
        #expect(screen.contains("pause"))
        _ = try tmux.run(["send-keys", "-t", session, "Escape"])
        _ = try await tmux.waitFor(session, "the help to close") { !$0.contains("┌ Keys") }

        _ = try tmux.run(["resize-window", "-t", session, "-x", "80", "-y", "24"])
        screen = try await tmux.waitFor(session, "the 80×24 relayout") { s in
            let l = s.components(separatedBy: "\n")
            return l.count < 30 && l.prefix(3).contains { $0.count == 80 && $0.hasSuffix("┐") } && s.contains("┌ Offers")
        }
        _ = try tmux.run(["resize-window", "-t", session, "-x", "120", "-y", "40"])
        screen = try await tmux.waitFor(session, "the 120×40 relayout") { s in
            let l = s.components(separatedBy: "\n")
            return l.count >= 40 && l.prefix(3).contains { $0.count == 120 && $0.hasSuffix("┐") } && Self.offerLines(s).count >= 10
        }
        #expect(Self.offerLines(screen).contains { $0.contains(" \(selected) ") && $0.contains(" excluded") },
                "the table is the same after the resizes")

        _ = try tmux.run(["send-keys", "-t", session, "q"])
        let after = try await tmux.waitFor(session, "the program to exit") { $0.contains("cpapi-tui exited with status") }
        #expect(after.contains("cpapi-tui exited with status 0"), "cpapi-tui exits cleanly:\n\(after)")
        #expect(!after.contains("┌ Offers"), "the alternate screen is gone: the terminal is restored")
    }

    // MARK: Reading the screen

    /// The Offers table's rows: lines holding a payout in USD.
    static func offerLines(_ screen: String) -> [String] {
        screen.components(separatedBy: "\n").filter { $0.range(of: #"[0-9]\.[0-9]{2} USD"#, options: .regularExpression) != nil }
    }

    /// The count the filter line shows ("12 matches").
    static func matchCount(_ screen: String) -> Int? {
        guard let range = screen.range(of: #"[0-9,]+ match(es)?"#, options: .regularExpression) else { return nil }
        return Int(screen[range].prefix { $0 != " " }.replacingOccurrences(of: ",", with: ""))
    }

    /// The external id of the offer on the row marked ▶ in the Offers table.
    static func selectedOfferID(_ screen: String) -> String? {
        guard let line = offerLines(screen).first(where: { $0.contains("▶") }),
              let marker = line.range(of: "▶", options: .backwards) else { return nil }
        return line[marker.upperBound...].split(separator: " ").dropFirst().first.map(String.init)
    }

    // MARK: Helpers

    struct Tmux {
        let path: String
        let socket: String

        @discardableResult
        func run(_ arguments: [String]) throws -> String {
            try TmuxConsoleTests.run(path, ["-L", socket] + arguments)
        }

        /// Polls the screen every 50 ms until `condition` holds; fails after 60 s with the last screen.
        /// Waits with `Task.sleep`, never `Thread.sleep`: a blocked thread of the cooperative pool
        /// (two on this machine) would starve every other test's background tasks meanwhile.
        @discardableResult
        func waitFor(_ session: String, _ what: String, _ condition: (String) -> Bool) async throws -> String {
            let deadline = ContinuousClock.now + .seconds(60)
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
    /// exit monitoring and would be inherited by tmux and the console; here the child gets a clean
    /// signal mask, and output goes to a file (`tmux new-session` leaves a server running that
    /// would keep a pipe open forever).
    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("cpapi-tmux-\(UUID().uuidString).out").path
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

    /// `cpapi-tui` from the same build as this test (next to the test bundle), else from the
    /// package's `.build`, else built on demand.
    static func consoleBinary() throws -> URL {
        let fm = FileManager.default
        var candidates: [URL] = []
        if let argument0 = CommandLine.arguments.first {
            var dir = URL(fileURLWithPath: argument0).resolvingSymlinksInPath()
            // The test executable sits in .build/<triple>/debug/, possibly inside an .xctest bundle.
            for _ in 0..<4 {
                dir = dir.deletingLastPathComponent()
                candidates.append(dir.appendingPathComponent("cpapi-tui"))
            }
        }
        let root = packageRoot()
        candidates.append(root.appendingPathComponent(".build/debug/cpapi-tui"))
        if let found = candidates.first(where: { fm.isExecutableFile(atPath: $0.path) }) { return found }

        // Not built yet (e.g. only the test product was built): build it in a scratch path of its
        // own so we never wait on the lock of the build running this test.
        let scratch = root.appendingPathComponent(".build-cpapi-tui")
        let swift = findExecutable("swift") ?? "/usr/bin/swift"
        let output = try run(swift, ["build", "--package-path", root.path, "--product", "cpapi-tui", "--scratch-path", scratch.path])
        let built = scratch.appendingPathComponent("debug/cpapi-tui")
        guard fm.isExecutableFile(atPath: built.path) else {
            Issue.record("could not build cpapi-tui:\n\(output)")
            throw CancellationError()
        }
        return built
    }
}

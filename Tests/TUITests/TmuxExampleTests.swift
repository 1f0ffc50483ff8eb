import Foundation
import TerminalTestSupport
import Testing

/// Runs the real `tui-example` binary in a real terminal (tmux) and reads the screen back:
/// ncurses setup, wide characters, the background clock, key dispatch, the help overlay,
/// resizing and a clean exit. Requires tmux (CI installs it): without it the test fails.
@Suite(.serialized) struct TmuxExampleTests {
    @Test(.timeLimit(.minutes(5))) func exampleRunsInARealTerminal() async throws {
        let tmux = try TmuxDriver(socketPrefix: "tui-test")
        let binary = try TmuxDriver.productBinary("tui-example")
        let session = "example"
        defer { tmux.killServer() }

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
}

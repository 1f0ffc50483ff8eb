import Foundation
import TerminalTestSupport
import Testing

/// `e` hands the terminal to a real `vi` (the fallback when `$VISUAL` and `$EDITOR` are unset) in a
/// real terminal (tmux): vi draws its screen and takes the keys, the edit is applied when it closes,
/// and the console's screen comes back with nothing typed into it meanwhile. Requires tmux and vi
/// (CI installs both).
@Suite(.serialized) struct TmuxEditorTests {
    @Test(.timeLimit(.minutes(5))) func viEditsASourceAndGivesTheTerminalBack() async throws {
        try #require(
            TmuxDriver.findExecutable("vi") != nil, "vi is not installed: install it (apt-get install vim-tiny) to run this test")
        let tmux = try TmuxDriver(socketPrefix: "cpapi-editor-test")
        defer { tmux.killServer() }
        let binary = try TmuxDriver.productBinary("cpapi-tui")
        let scratch = try CommandLineTests.Scratch()
        defer { scratch.remove() }
        let config = try scratch.write(
            "cfg.toml",
            """
            [[sources]]
            id = "alpha"
            kind = "cpalead"
            url = "http://127.0.0.1:9"
            publisher_id = "1"

            [[campaigns]]
            id = "all"
            sources = ["alpha"]
            """)
        let applied = try await BinaryProcess.run(["--workspace", scratch.workspace, "apply", config])
        #expect(applied.status == 0, "\(applied.stderr)")

        // No $VISUAL/$EDITOR: the console falls back to vi. A home of its own keeps the user's vimrc out.
        let home = scratch.root
        let command =
            "env -u VISUAL -u EDITOR HOME='\(home)' '\(binary.path)' --workspace '\(scratch.workspace)';"
            + " echo \"cpapi-tui exited with status $?\"; exec sleep 600"
        let session = "editor"
        _ = try tmux.run(["new-session", "-d", "-x", "120", "-y", "40", "-s", session, command])
        _ = try await tmux.waitFor(session, "the Sources pane") { $0.contains("┌ Sources") && $0.contains("alpha") }

        _ = try tmux.run(["send-keys", "-t", session, "1"])
        _ = try tmux.run(["send-keys", "-t", session, "e"])
        // vi's screen: the fragment, without the console around it. Before the fix vi was stopped
        // (SIGTTOU) before it drew anything, and this timed out.
        _ = try await tmux.waitFor(session, "vi's screen with the source's fragment") { s in
            !s.contains("┌ Sources") && s.contains("id = \"alpha\"") && s.contains("~")
        }
        // ^C is the editor's while it runs (before the fix it went to the console too and killed it):
        // the edit below still comes back to a living console. vi drops the keys typed ahead of its
        // handling of ^C, so the substitution is typed again until vi shows it.
        _ = try tmux.run(["send-keys", "-t", session, "C-c"])
        var substituted = false
        for _ in 0..<10 where !substituted {
            _ = try tmux.run(["send-keys", "-t", session, "-l", ":%s/^title = .*/title = \"Edited in vi\"/"])
            _ = try tmux.run(["send-keys", "-t", session, "Enter"])
            substituted =
                (try? await tmux.waitFor(session, "the substituted title in vi", timeout: .seconds(3)) {
                    $0.contains("title = \"Edited in vi\"")
                }) != nil
        }
        #expect(substituted, "vi took the edit")
        _ = try tmux.run(["send-keys", "-t", session, "-l", ":wq"])
        _ = try tmux.run(["send-keys", "-t", session, "Enter"])

        let back = try await tmux.waitFor(session, "the console's screen with the edit applied") { s in
            s.contains("┌ Sources") && s.contains("Edited in vi") && s.contains("source alpha applied")
        }
        let lines = back.components(separatedBy: "\n")
        #expect(lines[0].contains("cpapi-tui ·"), "the whole screen is redrawn:\n\(back)")
        #expect(!back.contains("Edited in vi\"") && !back.contains(":wq"), "no leftover of vi's screen:\n\(back)")
        // Nothing reached the console as keys meanwhile: no prompt or dialog opened, no key refused.
        #expect(!back.contains("┌ Keys") && !back.contains("┌ Welcome"), "\(back)")
        #expect(
            !lines.contains { $0.hasPrefix(":") || $0.hasPrefix("/") }, "no command line or filter was opened:\n\(back)")

        // The console still has the keys: quit, and the shell is back with a clean exit.
        _ = try tmux.run(["send-keys", "-t", session, "q"])
        let after = try await tmux.waitFor(session, "the program to exit") { $0.contains("cpapi-tui exited with status") }
        #expect(after.contains("cpapi-tui exited with status 0"), "\(after)")
    }
}

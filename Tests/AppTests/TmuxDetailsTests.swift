import Foundation
import TerminalTestSupport
import Testing

/// `i` on a source and on a campaign of the real `cpapi-tui demo` in a real terminal (tmux): the
/// details open over the panes, `/` finds in them, Esc and `q` go back, and the console quits cleanly.
@Suite(.serialized) struct TmuxDetailsTests {
    @Test(.timeLimit(.minutes(5))) func sourceAndCampaignDetailsInARealTerminal() async throws {
        let tmux = try TmuxDriver(socketPrefix: "cpapi-details-test")
        let binary = try TmuxDriver.productBinary("cpapi-tui")
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("cpapi-tmux-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: workspace) }
        let session = "details"
        defer { tmux.killServer() }
        let command = "'\(binary.path)' demo --workspace '\(workspace)'; echo \"cpapi-tui exited with status $?\"; exec sleep 600"
        _ = try tmux.run(["new-session", "-d", "-x", "120", "-y", "40", "-s", session, command])

        // After the first sync (offers listed and placed), the first source's details list its run.
        _ = try await tmux.waitFor(session, "offers with payouts") { s in
            TmuxConsoleTests.offerLines(s).count >= 10 && TmuxConsoleTests.offerLines(s).contains { $0.contains(" live") }
        }
        _ = try tmux.run(["send-keys", "-t", session, "1"])
        _ = try tmux.run(["send-keys", "-t", session, "i"])
        var screen = try await tmux.waitFor(session, "the source's details") { s in
            s.contains("┌ Source demo-") && s.contains("Last runs") && s.contains("succeeded")
        }
        #expect(screen.contains("status            ready"), "the demo's sources answer:\n\(screen)")
        #expect(screen.contains("next try          in "), "this console syncs: a countdown:\n\(screen)")

        // `/` finds in the details; Enter keeps the text, Esc then closes the screen.
        _ = try tmux.run(["send-keys", "-t", session, "/"])
        _ = try tmux.run(["send-keys", "-t", session, "-l", "succeeded"])
        screen = try await tmux.waitFor(session, "the find's count") { $0.contains("/succeeded: ") }
        _ = try tmux.run(["send-keys", "-t", session, "Enter"])
        _ = try tmux.run(["send-keys", "-t", session, "Escape"])
        _ = try await tmux.waitFor(session, "the details to close") { !$0.contains("┌ Source demo-") && $0.contains("┌ Sources") }

        _ = try tmux.run(["send-keys", "-t", session, "2"])
        _ = try tmux.run(["send-keys", "-t", session, "i"])
        screen = try await tmux.waitFor(session, "the campaign's details") { s in
            s.contains("┌ Campaign ") && s.contains("Placements (") && s.contains("Sync rules")
        }
        #expect(
            screen.components(separatedBy: "\n").contains {
                $0.contains("live ") && $0.range(of: #"live +[1-9]"#, options: .regularExpression) != nil
            })
        _ = try tmux.run(["send-keys", "-t", session, "q"])
        _ = try await tmux.waitFor(session, "the campaign's details to close") { !$0.contains("┌ Campaign ") && $0.contains("┌ Campaigns") }

        _ = try tmux.run(["send-keys", "-t", session, "q"])
        let after = try await tmux.waitFor(session, "the program to exit") { $0.contains("cpapi-tui exited with status") }
        #expect(after.contains("cpapi-tui exited with status 0"), "cpapi-tui exits cleanly:\n\(after)")
    }
}

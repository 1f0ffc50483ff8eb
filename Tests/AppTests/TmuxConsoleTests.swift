import Foundation
import TerminalTestSupport
import Testing

/// Runs the real `cpapi-tui demo` in a real terminal (tmux) and reads the screen back: the demo's
/// loopback advertiser fills the Offers table, filtering, pausing an offer in every campaign,
/// excluding one behind its confirmation, help, resizing and a clean exit that restores the
/// terminal. Requires tmux (CI installs it): without it the test fails.
@Suite(.serialized) struct TmuxConsoleTests {
    @Test(.timeLimit(.minutes(5))) func demoConsoleRunsInARealTerminal() async throws {
        let tmux = try TmuxDriver(socketPrefix: "cpapi-console-test")
        let binary = try TmuxDriver.productBinary("cpapi-tui")
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("cpapi-tmux-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: workspace) }
        let session = "console"
        defer { tmux.killServer() }

        // A shell runs the demo, then reports its exit status on the restored screen and stays
        // alive so the screen can still be read (tmux clears dead panes).
        let command = "'\(binary.path)' demo --workspace '\(workspace)'; echo \"cpapi-tui exited with status $?\"; exec sleep 600"
        _ = try tmux.run(["new-session", "-d", "-x", "120", "-y", "40", "-s", session, command])

        // The first sync fills the table: rows with a payout and a live placement.
        var screen = try await tmux.waitFor(session, "offers with payouts") { s in
            s.contains("┌ Offers") && Self.offerLines(s).count >= 10 && Self.offerLines(s).contains { $0.contains(" live") }
        }
        let lines = screen.components(separatedBy: "\n")
        #expect(lines[0].contains("cpapi-tui ·") && lines[0].contains("local platform"))
        #expect(lines.contains { $0.contains("Demo Apps") } && lines.contains { $0.contains("Demo Surveys") })

        // Filter as you type: the count of matches shows while typing; Esc clears it.
        _ = try tmux.run(["send-keys", "-t", session, "/"])
        _ = try tmux.run(["send-keys", "-t", session, "-l", "candy crush"])
        // The filter line itself (the Offers border says "/candy crush" too, but it is drawn before the
        // rows: a screen caught mid-frame could show it over rows not yet filtered).
        screen = try await tmux.waitFor(session, "the filter's match count") { s in
            s.components(separatedBy: "\n").contains { $0.contains("/candy crush") && Self.matchCount($0).map { $0 > 0 } == true }
        }
        let filtered = Self.offerLines(screen)
        #expect(!filtered.isEmpty && filtered.allSatisfy { $0.contains("Candy Crush") }, "only matching offers are listed:\n\(screen)")
        _ = try tmux.run(["send-keys", "-t", session, "Escape"])
        screen = try await tmux.waitFor(session, "the filter to clear") { s in
            !s.contains("/candy crush") && Self.offerLines(s).contains { !$0.contains("Candy Crush") }
        }

        // Pause the selected offer (the demo places many offers twice: then the console asks which
        // campaign, and Enter takes the first listed). Pausing is easily undone, so it is not asked about.
        _ = try tmux.run(["send-keys", "-t", session, "3"])  // focus Offers
        screen = try await tmux.waitFor(session, "a selected offer") { Self.selectedOfferID($0) != nil }
        let selected = try #require(Self.selectedOfferID(screen))
        _ = try tmux.run(["send-keys", "-t", session, "p"])
        screen = try await tmux.waitFor(session, "offer \(selected) held or the campaign picker") { s in
            s.contains("in which campaign?") || Self.offerLines(s).contains { $0.contains(" \(selected) ") && $0.contains(" held") }
        }
        if screen.contains("in which campaign?") { _ = try tmux.run(["send-keys", "-t", session, "Enter"]) }
        screen = try await tmux.waitFor(session, "offer \(selected) to be held") { s in
            Self.offerLines(s).contains { $0.contains(" \(selected) ") && $0.contains(" held") }
        }

        // Exclude asks first; the answer starts on No, `y` says yes.
        _ = try tmux.run(["send-keys", "-t", session, "x"])
        screen = try await tmux.waitFor(session, "the exclude confirmation or the campaign picker") { s in
            s.contains("in which campaign?") || (s.contains("Exclude ") && s.contains("\(selected)?"))
        }
        if screen.contains("in which campaign?") { _ = try tmux.run(["send-keys", "-t", session, "Enter"]) }
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
        #expect(
            Self.offerLines(screen).contains { $0.contains(" \(selected) ") && $0.contains(" excluded") },
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
            let marker = line.range(of: "▶", options: .backwards)
        else { return nil }
        return line[marker.upperBound...].split(separator: " ").dropFirst().first.map(String.init)
    }
}

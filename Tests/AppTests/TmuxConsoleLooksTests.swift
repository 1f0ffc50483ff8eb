import Foundation
import TerminalTestSupport
import Testing

/// The built `cpapi-tui demo` under tmux, for what only a real terminal shows: colour on
/// xterm-256color (the escapes `capture-pane -e` keeps), none with `NO_COLOR`, and ASCII borders
/// and marks when the locale is not UTF-8 (`LANG=C`). Requires tmux.
@Suite(.serialized) struct TmuxConsoleLooksTests {
    /// Runs the demo in a fresh tmux server with `environment` (`NAME=value …` for `env`), waits
    /// for the offers, and returns the screen as text and with its escapes.
    static func demoScreen(_ environment: String, offersShown: @escaping (String) -> Bool) async throws -> (text: String, escaped: String) {
        let tmux = try TmuxDriver(socketPrefix: "cpapi-looks-test")
        let binary = try TmuxDriver.productBinary("cpapi-tui")
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("cpapi-looks-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: workspace) }
        defer { tmux.killServer() }
        let command = "env -u NO_COLOR \(environment) '\(binary.path)' demo --workspace '\(workspace)'; exec sleep 600"
        _ = try tmux.run(["new-session", "-d", "-x", "120", "-y", "40", "-s", "looks", command])
        let text = try await tmux.waitFor("looks", "the demo's offers", offersShown)
        let escaped = try tmux.run(["capture-pane", "-p", "-e", "-t", "looks"])
        _ = try tmux.run(["send-keys", "-t", "looks", "q"])
        return (text, escaped)
    }

    /// The parameters of every SGR sequence (`ESC [ … m`) on the screen.
    static func sgrParameters(_ escaped: String) -> [[Int]] {
        let pattern = try! NSRegularExpression(pattern: "\u{1B}\\[([0-9;]*)m")
        return pattern.matches(in: escaped, range: NSRange(escaped.startIndex..., in: escaped)).compactMap { match in
            Range(match.range(at: 1), in: escaped).map { escaped[$0].split(separator: ";").compactMap { Int($0) } }
        }
    }

    /// Sets a foreground or background colour other than the default (30–38, 40–48, 90–97, 100–107).
    static func setsAColour(_ parameters: [Int]) -> Bool {
        parameters.contains { (30...38).contains($0) || (40...48).contains($0) || (90...97).contains($0) || (100...107).contains($0) }
    }

    static func offersWithLiveRows(_ screen: String) -> Bool {
        TmuxConsoleTests.offerLines(screen).filter { $0.contains(" live") }.count >= 5
    }

    @Test(.timeLimit(.minutes(3))) func xterm256ShowsColours() async throws {
        let screen = try await Self.demoScreen("TERM=xterm-256color", offersShown: Self.offersWithLiveRows)
        let sgr = Self.sgrParameters(screen.escaped)
        #expect(sgr.contains { $0.starts(with: [38, 5]) }, "256-colour foregrounds:\n\(screen.escaped.prefix(2000))")
        #expect(sgr.contains { $0 == [38, 5, 78] || $0.suffix(3) == [38, 5, 78] }, "live in the standard theme's green")
        #expect(screen.text.contains("┌ Offers"), "a UTF-8 locale keeps the line drawing")
    }

    @Test(.timeLimit(.minutes(3))) func noColorLeavesOnlyAttributes() async throws {
        let screen = try await Self.demoScreen("TERM=xterm-256color NO_COLOR=1", offersShown: Self.offersWithLiveRows)
        let sgr = Self.sgrParameters(screen.escaped)
        #expect(!sgr.isEmpty, "attributes are still drawn (reverse for the selection)")
        #expect(!sgr.contains(where: Self.setsAColour), "no colour at all:\n\(screen.escaped.prefix(2000))")
        #expect(sgr.contains { $0.contains(7) }, "the selection in reverse video")
    }

    @Test(.timeLimit(.minutes(3))) func aCLocaleGetsASCII() async throws {
        let screen = try await Self.demoScreen("LANG=C LC_ALL=C") { s in
            s.contains("+ Offers -") && TmuxConsoleTests.offerLines(s).count >= 5
        }
        let ascii = screen.text.unicodeScalars.allSatisfy { $0.isASCII }
        #expect(ascii, "nothing but ASCII:\n\(screen.text)")
        #expect(screen.text.contains("+ Sources -") && screen.text.contains("Src ^"), "borders and the sort arrow")
        #expect(TmuxConsoleTests.offerLines(screen.text).contains { $0.contains("> ") }, "the selection mark")
        #expect(
            // Each offer's row between the Offers pane's borders (columns 41 and 120), none shifted.
            TmuxConsoleTests.offerLines(screen.text).allSatisfy { $0.count == 120 && Array($0)[40] == "|" && $0.hasSuffix("|") },
            "nothing misplaced:\n\(screen.text)")
    }
}

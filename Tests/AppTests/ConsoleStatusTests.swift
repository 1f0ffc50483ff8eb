import CPAPIKit
import Foundation
import Testing
import TUI
@testable import Console

/// The status line's messages: they expire, and background work never hides the answer to the
/// operator's own action. Pure `ConsoleUpdate.update` tests, like `ConsolePromptTests`.
@Suite struct ConsoleStatusTests {
    typealias P = ConsolePromptTests

    static func at(_ seconds: TimeInterval) -> Date { P.now.addingTimeInterval(seconds) }

    @Test func aBackgroundFailureWaitsUntilTheOperatorsAnswerIsRead() async throws {
        var (s, _) = try await P.loaded()
        let effects = P.press(&s, [.character("p"), .enter])  // apps:1000 is in two campaigns: the first is picked
        let key = OfferKey(sourceID: "apps", externalID: "1000")
        #expect(effects == [.perform(.pause(key, campaignID: "all"))])
        _ = ConsoleUpdate.update(&s, .message(.actionFinished(.pause(key, campaignID: "all"), .success("paused apps:1000"))), now: Self.at(1))
        _ = ConsoleUpdate.update(&s, .message(.scheduler(.finished(sourceID: "games", error: "HTTP 503"))), now: Self.at(2))
        #expect(s.status?.text == "paused apps:1000", "the scheduled run's failure does not hide the answer")
        #expect(s.backgroundStatus?.text == "sync games failed: HTTP 503")
        _ = ConsoleUpdate.update(&s, .tick, now: Self.at(10.5))
        #expect(s.status?.text == "paused apps:1000", "an outcome stays 10 s")
        _ = ConsoleUpdate.update(&s, .tick, now: Self.at(11))
        #expect(s.status == nil, "then it expires")
        #expect(s.backgroundStatus?.text == "sync games failed: HTTP 503", "and the failure shows")
        _ = ConsoleUpdate.update(&s, .tick, now: Self.at(32))
        #expect(s.backgroundStatus == nil, "an error stays 30 s")
    }

    @Test func aStatusStaysWhileTheActionItCountsRuns() async throws {
        var (s, _) = try await P.loaded()
        P.press(&s, [.character("S")])
        #expect(s.inFlight == ["sync all sources"] && s.status?.text == "sync all sources…")
        _ = ConsoleUpdate.update(&s, .tick, now: Self.at(60))
        #expect(s.status?.text == "sync all sources…", "not dropped while the action runs")
    }

    @Test func theRangeInputStartsEmptyWithTheRangeAsItsPlaceholder() async throws {
        var (s, _) = try await P.loaded()
        P.press(&s, [.character("1"), .character("v"), .character("f")])
        #expect(s.prompt == .range)
        #expect(s.reports.view?.rangeInput?.text == "", "typing starts a new range at once")
        P.press(&s, P.type("2026-03-01 2026-03-05") + [.enter])
        #expect(s.reports.view.map { ReportRanges.text($0.range) } == "2026-03-01 2026-03-05")
    }
}

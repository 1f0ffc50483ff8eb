import CPAPIKit
import Foundation
import Testing
import TUI
@testable import Console

/// `i` on a source or a campaign: its details screen on the headless terminal over the in-memory
/// workspace (the real workspace's reads are in `WorkspaceDetailsScreenTests`).
@Suite struct SubjectDetailsScreenTests {
    typealias Step = HeadlessBackend.Step
    typealias T = ConsoleScreenTests

    static let failedAt = Date(timeIntervalSince1970: 1_699_999_700)

    /// `games` failed its last three runs with a 503 (headers and a JSON body kept); `tier1` is a
    /// filtered campaign with placements in several states.
    static func workspace() -> ConsoleTestWorkspace {
        let ws = ConsoleTestWorkspace.standard()
        let failure = FetchFailure(
            at: failedAt, reason: "source games: HTTP 503 from the API", httpStatus: 503,
            headers: ["Content-Type": "application/json", "Retry-After": "120"],
            body: #"{"status":"error","message":"maintenance until 12:00","key":"[redacted]"}"#)
        var config = SourceConfig(id: "games", title: "Games", baseURL: "https://www.cpalead.com", publisherID: "6")
        config.pollInterval = 1800
        let source = Source(config: config, state: SourceState(status: .invalid, failure: failure, lastSuccessAt: failedAt.addingTimeInterval(-3600)))
        var runs: [SyncRun] = []
        for i in 0..<3 {
            let started = failedAt.addingTimeInterval(-600 * Double(i))
            runs.append(
                SyncRun(
                    id: 10 - Int64(i), sourceID: "games", kind: .full, startedAt: started, endedAt: started.addingTimeInterval(2),
                    phase: .fetch, status: .failed, error: "source games: HTTP 503 from the API"))
        }
        var succeeded = SyncRun(
            id: 7, sourceID: "games", kind: .full, startedAt: failedAt.addingTimeInterval(-3600),
            endedAt: failedAt.addingTimeInterval(-3596), phase: .done, status: .succeeded)
        succeeded.counts.fetched = 20
        succeeded.counts.changed = 3
        runs.append(succeeded)
        let entry = SyncSchedulerEntry(sourceID: "games", nextRunAt: ws.now.addingTimeInterval(222), consecutiveFailures: 3)
        ws.subjects[.source("games")] = .source(
            SourceDetails(source: source, pollInterval: 1800, runs: runs, schedule: .here(entry, retryBase: 60)))

        var counts = WorkspaceStore.PlacementCounts()
        counts.live = 17
        counts.held = 2
        counts.excluded = 1
        counts.outOfFilter = 4
        ws.subjects[.campaign("tier1")] = .campaign(
            CampaignDetails(
                campaign: Campaign(
                    id: "tier1", title: "Tier 1", sources: ["apps", "surveys"],
                    defaults: CampaignDefaults(payoutPercent: 70, status: .paused),
                    filters: CampaignFilters(countries: ["US", "CA"], payoutMin: 0.1), syncRules: [.title: .firstSync]),
                counts: counts))
        return ws
    }

    /// A step that hands the screen's lines to `body` (the script ends by quitting, which clears it).
    static func capture(_ body: @escaping ([String]) -> Void) -> Step {
        .waitUntil("the screen is read") { screen in
            body(screen.lines)
            return true
        }
    }

    @Test func iOnASourceShowsItsStatusBackoffFailedCallAndRuns() async throws {
        var lines: [String] = []
        try await T.run(
            Self.workspace(),
            [
                T.loaded, .key(.character("1")), .key(.down), .key(.character("i")), T.waitFor("┌ Source games"),
                T.waitFor("HTTP status       503"), T.waitFor("Last runs"), Self.capture { lines = $0 },
                .key(.character("q")), .key(.character("q"))
            ])
        let text = lines.joined(separator: "\n")
        #expect(text.contains("status            invalid: source games: HTTP 503 from the API"))
        #expect(text.contains("next try          in 3:42"))
        #expect(text.contains("backoff           3 runs failed in a row: retried after 4m (1m doubled per failure, at most the poll interval)"))
        #expect(text.contains("Content-Type: application/json") && text.contains("Retry-After: 120"))
        #expect(text.contains(#""message" : "maintenance until 12:00""#), "a JSON body is shown pretty-printed")
        #expect(lines.filter { $0.contains("full         failed") }.count == 3)
        #expect(text.contains("succeeded  4s     fetched 20 changed 3"))
    }

    @Test func sourceDetailsScrollFindAndCloseWithEscOrQ() async throws {
        let (screen, outcome) = try await T.run(
            Self.workspace(), size: Size(width: 100, height: 24),
            [
                T.loaded, .key(.character("1")), .key(.down), .key(.character("i")), T.waitFor("┌ Source games"),
                T.waitFor("of 3"), .key(.character("/"))
            ] + T.keys("poll") + [
                T.waitFor("/poll: 2 lines"), .key(.enter), .key(.character("n")),
                T.waitFor("poll interval     30m"),
                .key(.escape), T.waitUntilGone("┌ Source games"),
                .key(.character("i")), T.waitFor("┌ Source games"), .key(.character("q")), T.waitUntilGone("┌ Source games"),
                .key(.character("q"))
            ])
        #expect(outcome.finalState.overlays.isEmpty && outcome.finalState.focus == .sources, "back where it was opened")
        #expect(!screen.screenContains("┌ Source games"))
    }

    @Test func iOnACampaignShowsSettingsFiltersRulesAndCounts() async throws {
        var lines: [String] = []
        try await T.run(
            Self.workspace(), size: Size(width: 120, height: 60),
            [
                T.loaded, .key(.character("2")), .key(.down), .key(.character("i")), T.waitFor("┌ Campaign tier1"),
                T.waitFor("Placements (20 matched)"), Self.capture { lines = $0 }, .key(.character("q")), .key(.character("q"))
            ])
        let text = lines.joined(separator: "\n")
        #expect(text.contains("sources           apps, surveys"))
        #expect(text.contains("payout            70% of the advertiser's payout"))
        #expect(text.contains("status            paused: always paused"))
        #expect(text.contains("countries         US, CA"))
        #expect(text.contains("payout            at least 0.10"))
        #expect(text.contains("title             first_sync: written when the offer is created only"))
        #expect(text.contains("payments          always: written on every sync"))
        #expect(text.contains("live              17") && text.contains("held              2") && text.contains("excluded          1"))
        #expect(text.contains("out of filter     4 (left as they are)"))
    }

    @Test func aSubjectNoLongerStoredClosesAndSaysSo() async throws {
        let (_, outcome) = try await T.run(
            Self.workspace(),
            [
                T.loaded, .key(.character("2")), .key(.character("i")),
                T.waitFor("campaign all is no longer in the workspace"), .key(.character("q"))
            ])
        #expect(outcome.finalState.overlays.isEmpty)
    }

    @Test func anotherProcesssScheduleIsReadFromTheStatusItPublishes() {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let source = Source(config: SourceConfig(id: "games", baseURL: "https://www.cpalead.com", publisherID: "6"))
        func lines(_ status: SyncLiveStatus.SourceStatus?) -> [String] {
            SourceDetailsView.lines(
                SourceDetails(source: source, pollInterval: 2700, runs: [], schedule: .elsewhere("pid 4242 on host", status)), now: now)
        }
        let failing = lines(.init(sourceID: "games", nextRunAt: now.addingTimeInterval(75), consecutiveFailures: 2))
        #expect(failing.contains { $0.hasPrefix("  next try          in 1:15 (") && $0.hasSuffix("), by pid 4242 on host") })
        #expect(failing.contains("  backoff           2 runs failed in a row: retried sooner than the poll interval, the wait doubling per failure"))
        #expect(lines(.init(sourceID: "games", phase: .push)).contains("  next try          running now in pid 4242 on host (push)"))
        #expect(lines(nil).contains("  next try          as pid 4242 on host schedules it (that process syncs this workspace)"))
    }

    @Test func longLinesWrapUnderTheirValueColumnOrTheirIndentation() {
        #expect(
            SubjectDetailsView.wrapped("  reason            source games: HTTP 503 from the API", width: 40) == [
                "  reason            source games: HTTP", "                    503 from the API"
            ])
        #expect(
            SubjectDetailsView.wrapped("    <p>the server is down for maintenance</p>", width: 30) == [
                "    <p>the server is down for", "        maintenance</p>"
            ])
        #expect(SubjectDetailsView.wrapped("  short", width: 30) == ["  short"])
        #expect(SubjectDetailsView.wrapped("  a narrow box", width: 8) == ["  a narrow box"], "too narrow: cut as drawn")
        #expect(
            SubjectDetailsView.wrapped("  2026-12-04 12:00:00  full         failed     2s     fetched 20 changed 3", width: 60) == [
                "  2026-12-04 12:00:00  full         failed     2s", "      fetched 20 changed 3"
            ], "the first piece keeps its columns")
    }

    @Test func iIsOfferedInSourcesAndCampaignsAndSaysWhyWithNothingSelected() {
        var state = ConsoleState(workspace: "test")
        /// Why `i` does nothing in the focused pane now (nil: it acts).
        func reason(_ state: ConsoleState) -> String? {
            if case .disabled(_, let reason) = ConsoleBindings.keyMap(for: state).lookup(
                .character("i"), in: ConsoleBindings.contexts(for: state))
            {
                return reason
            }
            return nil
        }
        state.focus = .sources
        #expect(reason(state) == "no source selected")
        state.focus = .campaigns
        #expect(reason(state) == "no campaign selected")
        state.campaigns = [CampaignRow(id: "all", title: "All", enabled: true)]
        #expect(reason(state) == nil)
        let effects = ConsoleUpdate.update(&state, .key(.character("i")), now: Date())
        #expect(effects == [.loadSubjectDetails(.campaign("all"))])
        let hints = ConsoleView.hints(state, ConsoleBindings.keyMap(for: state))
        #expect(hints.contains { $0.description == "back" })
        #expect(hints.contains { $0.description == "find" })
    }
}

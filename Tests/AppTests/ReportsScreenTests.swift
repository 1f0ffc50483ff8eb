import CPAPIKit
import Foundation
import Testing
import TUI
@testable import Console

/// The Reports view, the conversion lookup and the details screen's reversal lines, on the headless
/// terminal over a real workspace and the loopback CPAlead fake.
@Suite struct ReportsScreenTests {
    typealias Step = HeadlessBackend.Step
    static func waitFor(_ text: String) -> Step { ConsoleScreenTests.waitFor(text) }
    static func waitUntilGone(_ text: String) -> Step { ConsoleScreenTests.waitUntilGone(text) }
    static func keys(_ text: String) -> [Step] { Step.text(text) }
    static func command(_ text: String) -> [Step] { [.key(.character(":"))] + Step.text(text) + [.key(.enter)] }

    /// The screen line holding `text` (empty when none does).
    static func line(_ screen: HeadlessBackend, _ text: String) -> String {
        screen.lines.first { $0.contains(text) } ?? ""
    }

    static func row(_ screen: HeadlessBackend, offer: String) -> Int? {
        screen.lines.firstIndex { $0.contains(" \(offer) ") && ($0.contains("%") || $0.contains("—")) }
    }

    @Test func reportsOpenFromTheSourcesKeyAndFromTheCommandLine() async throws {
        try await ReportsConsoleWorld.with { world in
            let (screen, _) = try await world.run(
                interval: 60,
                [
                    .key(.character("1")), Self.waitFor("v reports"),
                    .key(.character("v")), Self.waitFor("Reports · apps (Apps)"), Self.waitFor("Range 2026-02-19…2026-03-20 (30 days)"),
                    Self.waitFor("d download range"), .key(.escape), Self.waitUntilGone("Reports ·")
                ] + Self.command("reports nope") + [
                    Self.waitFor("reports: no source \"nope\" in the workspace")
                ] + Self.command("reports games") + [
                    Self.waitFor("Reports · games (Games)"),
                    Self.waitFor("no reversals downloaded for this range — press d to download it"),
                    .key(.character("q")), Self.waitUntilGone("Reports ·"), .key(.character("q"))
                ])
            #expect(!screen.isActive)
        }
    }

    @Test func reportsTableListsCountsAmountsAndTitlesPerOfferAndSortsByColumn() async throws {
        try await ReportsConsoleWorld.with { world in
            var byCount: [Int?] = [], byTitle: [Int?] = []
            let (screen, outcome) = try await world.run(
                interval: 60,
                Self.command("reports apps") + [
                    Self.waitFor("Solitaire Deluxe 1000"), Self.waitFor("(not in the stored feed)"), Self.waitFor("Reversals ▼"),
                    .waitUntil("rows in count order") { screen in
                        byCount = ["1000", "9999", "1001"].map { Self.row(screen, offer: $0) }
                        return true
                    },
                    .key(.character("j")), Self.waitFor("Offer 9999"), .key(.enter),
                    Self.waitFor("Enter: offer 9999 is not in the stored feed"),
                    .key(.character("<")), Self.waitFor("Title ▲"),
                    .waitUntil("rows in title order") { screen in
                        byTitle = ["9999", "1001", "1000"].map { Self.row(screen, offer: $0) }
                        return true
                    },
                    .key(.character("r")), Self.waitFor("Title ▼"), .key(.ctrl("c"))
                ])
            #expect(byCount.allSatisfy { $0 != nil } && byCount == byCount.sorted { ($0 ?? 0) < ($1 ?? 0) }, "most reversed first")
            #expect(byTitle.allSatisfy { $0 != nil } && byTitle == byTitle.sorted { ($0 ?? 0) < ($1 ?? 0) }, "titles A to Z")
            let solitaire = Self.line(screen, "Solitaire Deluxe 1000")
            #expect(solitaire.contains("3") && solitaire.contains("7.50 USD") && solitaire.contains("50%"))
            let unknown = Self.line(screen, "(not in the stored feed)")
            #expect(unknown.contains("9999") && unknown.contains("2.00") && unknown.contains("33%"))
            let coin = Self.line(screen, "Coin Master 1001")
            #expect(coin.contains("4.00 USD") && coin.contains("17%"), "the reversal of 2026-02-05 is outside the range")
            let view = try #require(outcome.finalState.reports.view)
            #expect(view.rows.map(\.offerID) == ["1000", "1001", "9999"], "Title ▼: Z to A")
        }
    }

    @Test func sparklinesShowReversalsPerDayForTheSourceAndTheSelectedOffer() async throws {
        try await ReportsConsoleWorld.with { world in
            var offerLine = ""
            let (screen, _) = try await world.run(
                interval: 60,
                Self.command("reports apps") + [
                    Self.waitFor("Offer 1000"),
                    .waitUntil("the offer's line read") {
                        offerLine = Self.line($0, "Offer 1000"); return true
                    },
                    .key(.character("j")), Self.waitFor("Offer 9999"), .key(.ctrl("c"))
                ])
            // Days from 2026-02-19: 9999 twice on the 20th (day 1), 1000 twice on 03-01 (day 10) and once on
            // 03-10 (day 19), 1001 once on 03-05 (day 14).
            let source = Self.line(screen, "Source")
            #expect(source.contains(" █        █   ▄    ▄          "), "source: \(source)")
            #expect(source.contains("6 reversals · 13.50"), "no currency when the offers' differ or are unknown")
            #expect(offerLine.contains("          █        ▄          "), "offer 1000: \(offerLine)")
            #expect(offerLine.contains("3 reversals · 7.50 USD"))
            #expect(Self.line(screen, "Offer 9999").contains(" █                            "))
        }
    }

    @Test func sparklineSumsDaysWhenTheyOutnumberTheColumnsAndShowsAnyReversal() {
        #expect(ReversalSparkline.text([0, 1, 0, 2], width: 10) == " ▄ █")
        #expect(ReversalSparkline.text([1, 1, 0, 0, 3, 0], width: 3) == "▆ █")
        #expect(ReversalSparkline.text([1, 0, 40], width: 3) == "▁ █", "a single reversal stays visible beside a busy day")
        #expect(ReversalSparkline.text([0, 0], width: 5) == "  ")
    }

    @Test func rangeStepsWithBracketsAndATypedRangeIsValidated() async throws {
        try await ReportsConsoleWorld.with { world in
            let (_, outcome) = try await world.run(
                interval: 60,
                Self.command("reports apps") + [
                    Self.waitFor("Range 2026-02-19…2026-03-20"),
                    .key(.character("[")), Self.waitFor("Range 2026-01-20…2026-02-18 (30 days)"), Self.waitFor("1 offer · 1 reversal"),
                    .key(.character("]")), Self.waitFor("Range 2026-02-19…2026-03-20"),
                    .key(.character("]")), Self.waitFor("]: the range already ends today"),
                    .key(.character("f")), Self.waitFor("range FROM TO: 2026-02-19 2026-03-20"), Self.waitFor("Enter apply range"),
                    .key(.ctrl("u"))
                ] + Self.keys("2026-03-01 2026-02-01") + [
                    .key(.enter), Self.waitFor("range: 2026-03-01 is after 2026-02-01: the range must start first"), .key(.ctrl("u"))
                ] + Self.keys("2026-02-30 2026-03-05") + [
                    .key(.enter), Self.waitFor("\"2026-02-30\" is not a day of the calendar"), .key(.ctrl("u"))
                ] + Self.keys("2026-03-01..2026-03-05") + [
                    // The border counts the offers once the new range's report is in.
                    .key(.enter), Self.waitFor("Range 2026-03-01…2026-03-05 (5 days)"), Self.waitFor("2 offers · 3 reversals"),
                    .key(.ctrl("c"))
                ])
            let view = try #require(outcome.finalState.reports.view)
            #expect(view.rows.map(\.offerID) == ["1000", "1001"])
            #expect(view.rows.map(\.count) == [2, 1])
        }
    }

    @Test func slashInReportsFiltersTheRowsAndDStartsNoDownload() async throws {
        try await ReportsConsoleWorld.with { world in
            let (_, outcome) = try await world.run(
                interval: 60,
                Self.command("reports apps") + [
                    Self.waitFor("Solitaire Deluxe 1000"), Self.waitFor("/ filter"),
                    .key(.character("/")), .key(.character("d")), Self.waitFor("/d"),
                    .key(.backspace)
                ] + Self.keys("deluxe") + [
                    Self.waitFor("/deluxe: 1 of 3 offers"), Self.waitUntilGone("(not in the stored feed)"),
                    .key(.escape), Self.waitFor("(not in the stored feed)"), Self.waitFor("Reports ·"),
                    .key(.escape), Self.waitUntilGone("Reports ·"), .key(.ctrl("c"))
                ])
            #expect(outcome.finalState.reports.downloads.isEmpty, "d typed into the filter downloaded nothing")
            #expect(outcome.finalState.overlays.isEmpty && outcome.finalState.prompt == nil)
        }
    }

    @Test func downloadFetchesTheRangeMonthByMonthShowingEachWindowThenTheRows() async throws {
        try await ReportsConsoleWorld.with { world in
            try await world.server.setReversals(
                ReportsConsoleWorld.apiReversals([
                    ("G1", 2000, 1.5, "2026-02-25"), ("G2", 2000, 1.5, "2026-03-02"), ("G3", 2000, 1.5, "2026-03-03"),
                    ("G4", 2000, 1.5, "2026-04-10")
                ]), publisherID: "6")
            let (screen, outcome) = try await world.run(
                interval: 0.05,
                Self.command("reports games") + [
                    Self.waitFor("no reversals downloaded for this range"),
                    .key(.character("d")),
                    Self.waitFor("1/2 2026-02-19…2026-02-28  stored 1 (1 new)"),
                    Self.waitFor("2/2 2026-03-01…2026-03-20  stored 2 (2 new)"),
                    Self.waitFor("done: 2 months fetched, 0 already stored, 3 new reversals"),
                    Self.waitFor("Bingo Blitz 2000"), Self.waitFor("downloaded: 2026-02-19…2026-03-20"),
                    .key(.character("d")), Self.waitFor("done: 0 months fetched, 2 already stored, 0 new reversals"),
                    .key(.ctrl("c"))
                ])
            let asked = await world.server.requests().filter { $0.path == "/api/reversals" }
            #expect(
                asked.map { "\($0.value("start_date") ?? "")…\($0.value("end_date") ?? "")" }
                    == ["2026-02-19…2026-02-28", "2026-03-01…2026-03-20"], "each month once; the second download skips both")
            #expect(await world.server.reportRefusals() == 0)
            #expect(Self.line(screen, "Bingo Blitz 2000").contains("4.50 USD"))
            #expect(outcome.finalState.reports.view?.rows.map(\.count) == [3])
            #expect(try world.store.reversals(sourceID: "games").map(\.leadID) == ["G1", "G2", "G3"])
        }
    }

    @Test func aFailedDownloadShowsWhyInPlaceKeepsTheMonthsBeforeAndResumes() async throws {
        try await ReportsConsoleWorld.with { world in
            try await world.server.setReversals(
                ReportsConsoleWorld.apiReversals([
                    ("G1", 2000, 1.5, "2026-02-25"), ("G2", 2000, 1.5, "2026-03-02")
                ]), publisherID: "6")
            await world.server.inject(.status(500), .once) { $0.path == "/api/reversals" && $0.value("start_date") == "2026-03-01" }
            let (screen, _) = try await world.run(
                interval: 0.05,
                Self.command("reports games") + [
                    Self.waitFor("no reversals downloaded for this range"), .key(.character("d")),
                    Self.waitFor("failed — the months stored before are kept; d resumes"),
                    Self.waitFor("source games: reversals 2026-03-01…2026-03-20: answered HTTP 500"),
                    Self.waitFor("1/2 2026-02-19…2026-02-28  stored 1 (1 new)"), Self.waitFor("2/2 2026-03-01…2026-03-20  not fetched"),
                    Self.waitFor("only 10 of these 30 days are downloaded — press d to download the rest"),
                    .key(.character("d")), Self.waitFor("done: 1 month fetched, 1 already stored, 1 new reversal"),
                    .key(.ctrl("c"))
                ])
            #expect(!screen.screenContains(ReportsConsoleWorld.apiKey), "the key in the failed call's URL is masked")
            #expect(try world.store.reversals(sourceID: "games").map(\.leadID) == ["G1", "G2"])
        }
    }

    @Test func aDownloadWaitingForItsSlotCountsDownAndXStopsItLosingNothing() async throws {
        try await ReportsConsoleWorld.with { world in
            // Another process took the slot: the next call is ten minutes away.
            _ = try world.store.reserveRateLimitSlot(sourceID: "games", endpoint: .reversals, now: Date(), interval: 600)
            let (_, outcome) = try await world.run(
                interval: 600, clock: { Date() },
                Self.command("reports games") + [
                    Self.waitFor("reversals API: next call allowed in "),
                    .key(.character("d")), Self.waitFor("waiting for the API's slot: next call allowed in "),
                    Self.waitFor("running, x stops it"),
                    .key(.character("x")),
                    Self.waitFor("stopped — the months stored before are kept; d resumes"),
                    Self.waitFor("source games: cancelled while waiting for the reversals API's slot"), .key(.ctrl("c"))
                ])
            #expect(await world.server.requests().filter { $0.path == "/api/reversals" }.isEmpty)
            let download = try #require(outcome.finalState.reports.downloads["games"])
            #expect(!download.running && download.stopping)
            #expect(outcome.finalState.status?.text.contains("reversals games stopped") == true)
        }
    }

    @Test func conversionLookupDialogAnswersThenCountsDownToTheNextSlotAndEscCancels() async throws {
        try await ReportsConsoleWorld.with { world in
            try await world.server.setConversions(
                [
                    #"{"lead_id":"L-77","subid":"t1","offer_id":1000,"amount":"1.25","date":"2026-03-02 10:00:00"}"#
                ], publisherID: "5")
            try await world.run(
                interval: 600, clock: { Date() },
                Self.command("reports apps") + [
                    Self.waitFor("Reports · apps"), .key(.character("c")), Self.waitFor("Conversions · apps")
                ] + Self.keys("t1") + [.key(.tab)] + Self.keys("1000") + [
                    .key(.enter), Self.waitFor("t1 on offer 1000: converted (1 listed)"), Self.waitFor("L-77"),
                    Self.waitFor("1.25"), .key(.escape), Self.waitUntilGone("Conversions · apps"), .key(.escape)
                ] + Self.command("conversions apps t1") + [
                    Self.waitFor("waiting for the Conversions API's slot: next call allowed in "), Self.waitFor("Esc cancel"),
                    .key(.escape), Self.waitFor("source apps: cancelled while waiting for the conversions API's slot"),
                    .key(.escape), Self.waitUntilGone("Conversions · apps"), .key(.character("q"))
                ])
            let asked = await world.server.requests().filter { $0.path == "/api/conversions" }
            #expect(asked.count == 1, "the cancelled lookup never called")
            #expect(asked.first?.value("subid") == "t1" && asked.first?.value("offer_id") == "1000")
        }
    }

    @Test func conversionLookupRefusesAnEmptySubidInPlace() async throws {
        try await ReportsConsoleWorld.with { world in
            try await world.run(
                interval: 600,
                Self.command("reports apps") + [
                    Self.waitFor("Solitaire Deluxe 1000"), .key(.character("c")), Self.waitFor("Conversions · apps"),
                    .key(.enter), Self.waitFor("give a subid, an IP address, or user"), .key(.escape), .key(.escape),
                    Self.waitUntilGone("Reports · apps")
                ] + Self.command("conversions apps") + [
                    Self.waitFor(":conversions: write conversions SOURCE SUBID [OFFER]"), .key(.character("q"))
                ])
            #expect(await world.server.requests().filter { $0.path == "/api/conversions" }.isEmpty)
        }
    }

    @Test func detailsShowTheOffersReversalRateOrSayNothingIsDownloaded() async throws {
        try await ReportsConsoleWorld.with { world in
            try await world.run(
                interval: 60,
                Self.command("reports apps") + [
                    Self.waitFor("Solitaire Deluxe 1000"), .key(.enter), Self.waitFor("Offer apps:1000"),
                    Self.waitFor("reversed          3 reversals · 7.50 USD (downloaded: 2026-01-01…2026-03-20)"),
                    Self.waitFor("reversal rate     0.038 a day (3 in 79 downloaded days)"),
                    Self.waitFor("reversals per downloaded day: the API gives no lead count"),
                    Self.waitFor("share of source   43% of the source's 7 stored reversals"),
                    .key(.escape), Self.waitFor("Reports · apps"), .key(.escape), Self.waitUntilGone("Reports · apps"),
                    .key(.character("/"))
                ] + Self.keys("Bingo") + [
                    .key(.enter), Self.waitFor("1 of 3"), .key(.enter), Self.waitFor("Offer games:2000"),
                    Self.waitFor("no reversal data for this source — press d in Reports (v on the source) to download"),
                    .key(.escape), .key(.character("q"))
                ])
        }
    }

    @Test func reportRangesParseStepAndRefuseClearly() throws {
        let range = ReportRanges.lastDays(30, endingOn: ReportsConsoleWorld.day("2026-03-20"))
        #expect(range.description == "2026-02-19…2026-03-20")
        #expect(ReportRanges.earlier(range).description == "2026-01-20…2026-02-18")
        #expect(ReportRanges.later(range, today: ReportsConsoleWorld.day("2026-03-20")) == nil)
        #expect(
            ReportRanges.later(ReportRanges.earlier(range), today: ReportsConsoleWorld.day("2026-03-25"))?.description
                == "2026-02-19…2026-03-20")
        #expect(
            ReportRanges.later(range, today: ReportsConsoleWorld.day("2026-03-25"))?.description == "2026-02-24…2026-03-25",
            "never past today")
        #expect(try ReportRanges.parse("2026-01-01 2026-01-31").get().description == "2026-01-01…2026-01-31")
        #expect(try ReportRanges.parse("2026-01-01…2026-01-31").get().description == "2026-01-01…2026-01-31")
        guard case .failure(let one) = ReportRanges.parse("2026-01-01") else { Issue.record("one day is not a range"); return }
        #expect(one.message.contains("write two days, FROM TO"))
        guard case .failure(let bad) = ReportRanges.parse("2026-1-01 2026-01-31") else { Issue.record("a bad day"); return }
        #expect(bad.message == "range: from: \"2026-1-01\" is not a date: expected YYYY-MM-DD")
    }

    @Test func coverageCountsWindowsUpToTheDayTheyWereFetchedAndMergesThem() {
        func stored(_ start: String, _ end: String, fetched: String) -> StoredReversalWindow {
            StoredReversalWindow(
                window: ReportWindow(start: ReportsConsoleWorld.day(start), end: ReportsConsoleWorld.day(end)),
                fetchedAt: ReportsConsoleWorld.day(fetched).startDate, received: 0)
        }
        let coverage = ReversalCoverage([
            stored("2026-03-01", "2026-03-31", fetched: "2026-03-10"), stored("2026-01-01", "2026-01-31", fetched: "2026-02-01"),
            stored("2026-02-01", "2026-02-28", fetched: "2026-03-01"), stored("2026-05-01", "2026-05-31", fetched: "2026-04-01")
        ])
        #expect(coverage.description == "2026-01-01…2026-03-10", "a window fetched before it began covers nothing")
        #expect(coverage.days == 31 + 28 + 10)
        let march = ReportWindow(start: ReportsConsoleWorld.day("2026-03-01"), end: ReportsConsoleWorld.day("2026-03-31"))
        #expect(coverage.days(in: march) == 10)
        #expect(!coverage.covers(march))
    }
}

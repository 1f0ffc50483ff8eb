import Foundation
import LoopbackServers
import Testing
@testable import CPAPIKit

@Suite struct ReversalDownloadTests {
    func day(_ text: String) throws -> ReportDay { try ReportDay(parsing: text) }

    @Test func monthWindowsCoverTheRangeExactly() throws {
        let windows = ReportWindow.months(from: try day("2026-01-15"), to: try day("2026-03-10"))
        #expect(windows.map(\.description) == ["2026-01-15…2026-01-31", "2026-02-01…2026-02-28", "2026-03-01…2026-03-10"])
        #expect(ReportWindow.months(from: try day("2024-02-10"), to: try day("2024-02-29")).map(\.description) == ["2024-02-10…2024-02-29"])
        #expect(ReportWindow.months(from: try day("2026-12-31"), to: try day("2027-01-01")).count == 2)
        #expect(throws: ReportDay.ParseError.self) { try ReportDay(parsing: "2026-02-30") }
        #expect(throws: ReportDay.ParseError.self) { try ReportDay(parsing: "26-1-5") }
    }

    @Test func longRangeIsSplitIntoMonthWindowsFetchedInOrder() async throws {
        try await ReportsWorld.with { world in
            try await world.server.setReversals(
                ReportsWorld.reversalEntries([
                    ("a", 1, "2026-01-20", 1), ("b", 1, "2026-02-11", 2), ("c", 2, "2026-03-09", 0.5), ("d", 2, "2026-03-11", 9)
                ]), publisherID: ReportsWorld.publisherID)
            let outcomes = try await ReversalDownloader(client: try world.client())
                .download(from: try day("2026-01-15"), to: try day("2026-03-10"))
            #expect(outcomes.map(\.received) == [1, 1, 1] && outcomes.allSatisfy(\.fetched))
            #expect(
                await world.reversalRequests().map { "\($0.0)…\($0.1)" }
                    == ["2026-01-15…2026-01-31", "2026-02-01…2026-02-28", "2026-03-01…2026-03-10"])
            #expect(await world.server.reportRefusals() == 0)
            #expect(world.waits.all.count == 2)
            #expect(try world.store.reversals(sourceID: "cpalead").map(\.leadID) == ["a", "b", "c"])
        }
    }

    @Test func interruptedDownloadResumesWhereItStopped() async throws {
        try await ReportsWorld.with { world in
            try await world.server.setReversals(
                ReportsWorld.reversalEntries([
                    ("a", 1, "2026-01-20", 1), ("b", 1, "2026-02-11", 2), ("c", 2, "2026-03-09", 0.5)
                ]), publisherID: ReportsWorld.publisherID)
            await world.server.inject(.status(500), .untilCleared) { $0.value("start_date") == "2026-02-01" }
            let downloader = ReversalDownloader(client: try world.client())
            await #expect(throws: ReportFailure.self) {
                try await downloader.download(from: try day("2026-01-01"), to: try day("2026-03-31"))
            }
            // The first window is stored; the failing one and the rest are not.
            #expect(try world.store.storedReversalWindows(sourceID: "cpalead").map(\.window.description) == ["2026-01-01…2026-01-31"])
            #expect(try world.store.reversals(sourceID: "cpalead").map(\.leadID) == ["a"])

            await world.server.clearFaults(); await world.server.clearRequests()
            let outcomes = try await downloader.download(from: try day("2026-01-01"), to: try day("2026-03-31"))
            #expect(outcomes.map(\.fetched) == [false, true, true])
            #expect(await world.reversalRequests().map(\.0) == ["2026-02-01", "2026-03-01"])
            #expect(try world.store.reversals(sourceID: "cpalead").map(\.leadID) == ["a", "b", "c"])
            #expect(await world.server.reportRefusals() == 0)
        }
    }

    @Test func reversalsAreDeduplicated() async throws {
        try await ReportsWorld.with { world in
            var entries = ReportsWorld.reversalEntries([("a", 1, "2026-01-20", 1), ("b", 2, "2026-01-21", 2)])
            entries.append(#"{"offer_id":3,"amount":1,"date":"2026-01-22"}"#)  // no lead id: kept by content
            try await world.server.setReversals(entries, publisherID: ReportsWorld.publisherID)
            let downloader = ReversalDownloader(client: try world.client())
            let first = try await downloader.download(from: try day("2026-01-01"), to: try day("2026-01-31"))
            let again = try await downloader.download(from: try day("2026-01-01"), to: try day("2026-01-31"), refresh: true)
            #expect(first.map(\.added) == [3] && again.map(\.received) == [3] && again.map(\.added) == [0])
            #expect(try world.store.reversals(sourceID: "cpalead").count == 3)
        }
    }

    @Test func summaryAndPerDayCountsAreFiguredFromTheStoredReversals() async throws {
        try await ReportsWorld.with { world in
            try await world.server.setReversals(
                ReportsWorld.reversalEntries([
                    ("a", 1, "2026-01-02", 1), ("b", 1, "2026-01-02", 2.5), ("c", 2, "2026-01-04", 4)
                ]), publisherID: ReportsWorld.publisherID)
            _ = try await ReversalDownloader(client: try world.client()).download(from: try day("2026-01-01"), to: try day("2026-01-31"))
            let summary = try world.store.reversalSummary(sourceID: "cpalead")
            #expect(summary == [OfferReversalSummary(offerID: "1", count: 2, amount: 3.5), OfferReversalSummary(offerID: "2", count: 1, amount: 4)])
            #expect(
                try world.store.reversalSummary(sourceID: "cpalead", from: try day("2026-01-03"), to: try day("2026-01-31"))
                    == [OfferReversalSummary(offerID: "2", count: 1, amount: 4)])
            let perDay = try world.store.reversalsPerDay(sourceID: "cpalead", from: try day("2026-01-01"), to: try day("2026-01-05"))
            #expect(perDay.map(\.count) == [0, 2, 0, 1, 0])
        }
    }

    @Test func rangeThatEndsBeforeItStartsIsRefused() async throws {
        try await ReportsWorld.with { world in
            await #expect(throws: ReportFailure.invalidRequest("reversals from 2026-02-01 to 2026-01-01: the range ends before it starts")) {
                try await ReversalDownloader(client: try world.client()).download(from: try day("2026-02-01"), to: try day("2026-01-01"))
            }
        }
    }
}

import Foundation
import Logging
import Synchronization
import Testing
@testable import CPAPIKit

/// The scheduled sync's log lines: one JSON object (or one text line) per event, with the documented keys.
@Suite struct StructuredLogTests {
    /// Lines written through a logger, kept.
    final class Lines: Sendable {
        private let lines = Mutex<[String]>([])
        var all: [String] { lines.withLock { $0 } }
        func logger(_ format: StructuredLogFormat) -> Logger {
            Logger(label: "test") { _ in
                StructuredLogHandler(
                    format: format, sink: { line in self.lines.withLock { $0.append(line) } },
                    now: { Date(timeIntervalSince1970: 1_777_000_000.25) })
            }
        }
    }

    static func run(status: SyncRunStatus = .succeeded, error: String? = nil, note: String? = nil) -> SyncRun {
        var counts = SyncCounts()
        counts.fetched = 5; counts.new = 5; counts.created = 4; counts.failed = status == .partial ? 1 : 0
        return SyncRun(
            id: 42, sourceID: "alpha", kind: .full, startedAt: Date(timeIntervalSince1970: 1_777_000_000),
            endedAt: Date(timeIntervalSince1970: 1_777_000_001.5), phase: .done, status: status, counts: counts,
            error: error, missingNote: note)
    }

    static func object(_ line: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test func aRunIsOneJSONObjectWithTheDocumentedKeys() throws {
        let lines = Lines()
        SyncRunLog.log(Self.run(status: .partial, error: "1 writes failed, the first: HTTP 500"), to: lines.logger(.json))
        #expect(lines.all.count == 1)
        let line = try #require(lines.all.first)
        #expect(!line.contains("\n"))
        #expect(line.hasPrefix(#"{"ts":"2026-04-24T03:06:40.250Z","level":"warning","msg":"alpha partial: 5 fetched, 4 created"#), "\(line)")
        let object = try Self.object(line)
        #expect(
            Set(object.keys) == [
                "ts", "level", "msg", "event", "source", "run_id", "status", "phase", "kind", "counts",
                "started_at", "duration_s", "error"
            ])
        #expect(object["event"] as? String == "run")
        #expect(object["source"] as? String == "alpha")
        #expect(object["run_id"] as? Int == 42)
        #expect(object["status"] as? String == "partial")
        #expect(object["duration_s"] as? Double == 1.5)
        #expect(object["error"] as? String == "1 writes failed, the first: HTTP 500")
        let counts = try #require(object["counts"] as? [String: Int])
        #expect(counts.count == 12 && counts["fetched"] == 5 && counts["created"] == 4 && counts["failed"] == 1)
    }

    @Test func levelsFollowTheRunsStatus() throws {
        let lines = Lines()
        let logger = lines.logger(.json)
        SyncRunLog.log(Self.run(), to: logger)
        SyncRunLog.log(Self.run(status: .failed, error: "HTTP 500 from the source"), to: logger)
        SyncRunLog.log(Self.run(status: .failed, error: "interrupted: the process that ran it stopped during the fetch phase"), to: logger)
        #expect(try lines.all.map { try Self.object($0)["level"] as? String } == ["info", "error", "warning"])
    }

    @Test func stringsAreEscapedAndMetadataTypesKept() throws {
        let line = StructuredLogHandler.line(
            format: .json, at: Date(timeIntervalSince1970: 0), level: .error,
            message: "quote \" backslash \\ newline \n tab \t bell \u{7}",
            metadata: [
                "flag": .stringConvertible(true), "n": .stringConvertible(3),
                "list": .array(["a", .stringConvertible(2)]), "text": "x=y"
            ])
        let object = try Self.object(line)
        #expect(object["msg"] as? String == "quote \" backslash \\ newline \n tab \t bell \u{7}")
        #expect(object["flag"] as? Bool == true && object["n"] as? Int == 3 && object["text"] as? String == "x=y")
        #expect((object["list"] as? [Any])?.count == 2)
        #expect(!line.contains("\n"))
    }

    @Test func textLinesReadAsTimeLevelMessageThenPairs() {
        let lines = Lines()
        SyncRunLog.log(Self.run(status: .failed, error: "HTTP 500 from the source"), to: lines.logger(.text))
        let line = lines.all.first ?? ""
        #expect(
            line.hasPrefix(
                "2026-04-24T03:06:40.250Z error alpha failed: 5 fetched, 4 created, 0 updated, 0 paused, "
                    + "0 excluded, 0 failed (HTTP 500 from the source) counts=changed:0,"), "\(line)")
        #expect(line.contains(" duration_s=1.5 error=\"HTTP 500 from the source\" event=run kind=full phase=done run_id=42 "), "\(line)")
        #expect(line.hasSuffix(" source=alpha started_at=2026-04-24T03:06:40.000Z status=failed"), "\(line)")
    }

    @Test func aFailureOutsideARunIsItsOwnLine() throws {
        let lines = Lines()
        SyncRunLog.logFailure(
            SyncProgress(sourceID: "*", runID: nil, phase: .fetch, step: .failed, message: "reading the workspace failed"),
            to: lines.logger(.json))
        let object = try Self.object(try #require(lines.all.first))
        #expect(object["level"] as? String == "error" && object["event"] as? String == "failure")
        #expect(object["source"] as? String == "*" && object["error"] as? String == "reading the workspace failed")
    }

    // MARK: Alerts

    static func failed(_ source: String, at seconds: TimeInterval, error: String = "HTTP 500 from the source") -> SyncRun {
        SyncRun(
            id: 1, sourceID: source, kind: .full, startedAt: Date(timeIntervalSince1970: seconds),
            endedAt: Date(timeIntervalSince1970: seconds + 1), phase: .fetch, status: .failed, error: error)
    }

    @Test func aSourceFailingLongerThanTheLimitIsAlertedOncePerStreak() {
        var alerts = SyncAlerts(invalidAfter: 1800)
        #expect(alerts.alerts(after: Self.failed("a", at: 0)).alerts.isEmpty)
        #expect(alerts.alerts(after: Self.failed("a", at: 900)).alerts.isEmpty)
        let raised = alerts.alerts(after: Self.failed("a", at: 1800)).alerts
        #expect(raised.map(\.kind) == [.sourceInvalid])
        #expect(raised.first?.message.hasPrefix("a has been failing for 30m1s (longer than 30m): HTTP 500") == true, "\(raised)")
        #expect(alerts.alerts(after: Self.failed("a", at: 3600)).alerts.isEmpty, "once per streak")
        var back = Self.failed("a", at: 4000)
        back.status = .succeeded; back.error = nil
        #expect(alerts.alerts(after: back).recoveredAfter == 4001)
        #expect(alerts.alerts(after: Self.failed("a", at: 5000)).alerts.isEmpty, "a new streak starts")
    }

    @Test func anInterruptedRunNeitherStartsNorEndsAStreak() {
        var alerts = SyncAlerts(invalidAfter: 60)
        let interrupted = Self.failed("a", at: 0, error: "interrupted: the process that ran it stopped during the fetch phase")
        #expect(alerts.alerts(after: interrupted).alerts.isEmpty)
        #expect(alerts.failingSince.isEmpty)
    }

    @Test func aSourceInvalidAtTheStartCountsFromItsLastSuccess() {
        var alerts = SyncAlerts(invalidAfter: 1800)
        let source = Source(
            config: SourceConfig(id: "a", baseURL: "http://127.0.0.1:1", publisherID: "1"),
            state: SourceState(status: .invalid, lastSuccessAt: Date(timeIntervalSince1970: 0)))
        alerts.seed([source])
        #expect(alerts.alerts(after: Self.failed("a", at: 2000)).alerts.map(\.kind) == [.sourceInvalid])
    }

    @Test func theMissingMarkingGuardsAndEveryWriteFailedAreAlerted() {
        var alerts = SyncAlerts(invalidAfter: 1800)
        let policy = MissingMarkingPolicy(fetchKind: .full, mayBeCutShort: false, limit: 2500, maxMissingShare: 0.5)
        guard case .markNothing(let share) = policy.decision(inFeedCount: 10, notReturnedCount: 8) else { Issue.record(); return }
        var cut = policy; cut.mayBeCutShort = true
        guard case .markNothing(let cutShort) = cut.decision(inFeedCount: 10, notReturnedCount: 1) else { Issue.record(); return }
        var incremental = policy; incremental.fetchKind = .incremental
        guard case .markNothing(let quiet) = incremental.decision(inFeedCount: 10, notReturnedCount: 1) else { Issue.record(); return }

        var run = Self.run(note: share)
        #expect(alerts.alerts(after: run).alerts.map(\.kind) == [.missingMarkingStopped])
        run.missingNote = cutShort
        #expect(alerts.alerts(after: run).alerts.map(\.kind) == [.missingMarkingStopped])
        run.missingNote = quiet
        #expect(alerts.alerts(after: run).alerts.isEmpty, "an incremental fetch never marks: no alert")

        let everyWrite = Self.failed("b", at: 0, error: "every write failed (3), the first: HTTP 500")
        #expect(alerts.alerts(after: everyWrite).alerts.map(\.kind) == [.everyWriteFailed])
    }
}

import Foundation

/// One run over one source: record the run, fetch, store (and mark missing), reconcile, finish.
///
/// A failed fetch leaves the stored feed untouched: the source becomes invalid with the failure,
/// the run is recorded as failed with its one-line reason. A later success makes it ready again.
public struct SourceSync: Sendable {
    public let store: any SyncStore
    public let makeSource: DemandSourceMaker
    public let reconciler: (any FeedReconciler)?
    public let clock: any SyncClock

    public init(
        store: any SyncStore, makeSource: @escaping DemandSourceMaker,
        reconciler: (any FeedReconciler)? = nil, clock: any SyncClock = SystemClock()
    ) {
        self.store = store; self.makeSource = makeSource; self.reconciler = reconciler; self.clock = clock
    }

    /// Runs once over `source` and returns the finished run. Never throws: every failure is recorded on the run.
    public func run(
        _ source: Source, settings: SyncSettings,
        progress: @escaping @Sendable (SyncProgress) -> Void = { _ in }
    ) async -> SyncRun {
        let startedAt = clock.now()
        let request = FetchSchedule.request(for: source, now: startedAt)
        var run = SyncRun(sourceID: source.id, kind: request.kind, startedAt: startedAt)
        do {
            let started = run
            run = try await store.beginRun(started)
        } catch {
            run.status = .failed
            run.error = "cannot record the run: \(error)"
            progress(post(run, .failed, run.error!))
            return run
        }
        let since = request.updatedSince.map { " updated since \(Self.timestamp($0))" } ?? ""
        progress(post(run, .started, "\(request.kind.rawValue) fetch\(since)"))

        // Fetch: entries as they were stored are passed over unparsed (an unreadable list only costs time).
        var asked = request
        asked.knownEntries = (try? await store.knownEntries(sourceID: source.id)) ?? [:]
        let result: FetchResult
        do {
            let adapter: any DemandSource
            do {
                adapter = try makeSource(source.config)
            } catch {
                throw FetchFailure(at: clock.now(), reason: "\(error)")
            }
            // The source's request timeout and fetch deadline hold for every request the adapter makes.
            let limits = source.config.fetchLimits(settings, startedAt: clock.now())
            result = try await limits.applying { [asked] in try await adapter.fetchOffers(asked) }
        } catch let failure as FetchFailure {
            return await finishFailed(run, source: source, failure: failure, progress: progress)
        } catch {
            return await finishFailed(run, source: source, failure: FetchFailure(at: clock.now(), reason: "\(error)"), progress: progress)
        }
        run.counts.fetched = result.offerCount
        let skipped = result.skipped.isEmpty ? "" : ", \(result.skipped.count) entries that are not offers skipped"
        progress(
            post(
                run, .finished,
                "fetched \(result.offerCount) offers (\(Self.size(result.bytes)))\(skipped)"
                    + (result.mayBeCutShort ? ", as many as the limit: the answer may be cut short" : "")))

        // Store.
        run.phase = .store
        let policy = MissingMarkingPolicy(
            fetchKind: request.kind, mayBeCutShort: result.mayBeCutShort,
            limit: source.config.effectiveLimit, maxMissingShare: settings.maxMissingShare)
        do {
            try await record(run)
            progress(post(run, .started, "storing \(result.offerCount) offers"))
            let outcome = try await store.storeFetch(
                sourceID: source.id, result: result, policy: policy, runID: run.id,
                startedAt: startedAt, now: clock.now())
            run.counts.fetched = outcome.fetched
            run.counts.new = outcome.new
            run.counts.changed = outcome.changed
            run.counts.unchanged = outcome.unchanged
            run.counts.invalid = outcome.invalid
            run.counts.missing = outcome.missing
            run.counts.returned = outcome.back
            run.missingNote = outcome.missingNote
            var events = [
                SyncEvent(
                    at: clock.now(), runID: run.id, sourceID: source.id, kind: .fetchSucceeded,
                    message: "\(request.kind.rawValue) fetch of \(source.id): \(Self.summary(run.counts))")
            ]
            if !result.skipped.isEmpty {
                // Entries that are not offers at all (no id, not an object): shown so the operator can tell the advertiser.
                let examples = result.skipped.prefix(3).map { "#\($0.index): \($0.reason)" }.joined(separator: "; ")
                events.append(
                    SyncEvent(
                        at: clock.now(), runID: run.id, sourceID: source.id, kind: .fetchSucceeded,
                        message: "\(result.skipped.count) feed entries were not offers and were skipped (\(examples))"))
            }
            try await record(run, events: events)
        } catch {
            let failure = FetchFailure(
                at: clock.now(),
                reason: "storing the fetched offers failed: "
                    + WorkspaceInspection.words(for: error, storePath: store.path))
            return await finishFailed(run, source: source, failure: failure, progress: progress)
        }
        progress(post(run, .finished, Self.summary(run.counts) + (run.missingNote.map { "; \($0)" } ?? "")))

        // Match, observe, plan, push.
        if let reconciler {
            run.phase = .match
            try? await record(run)
            let reconciled = await reconciler.reconcile(run: run, source: source, fetched: result.offers, progress: progress)
            run.counts.created += reconciled.created
            run.counts.updated += reconciled.updated
            run.counts.paused += reconciled.paused
            run.counts.excluded += reconciled.excluded
            run.counts.failed += reconciled.failed
            run.status = reconciled.status == .running ? .succeeded : reconciled.status
            run.error = reconciled.error
        } else {
            run.status = .succeeded
        }

        if Task.isCancelled { return await finishInterrupted(run, progress: progress) }
        run.phase = .done
        run.endedAt = clock.now()
        do {
            try await record(run)
        } catch {
            run.status = .failed
            run.error = "cannot record the end of the run: \(error)"
        }
        progress(
            post(
                run, run.status == .failed ? .failed : .finished,
                run.status.rawValue + (run.error.map { ": \($0)" } ?? "")))
        return run
    }

    private func finishFailed(
        _ run: SyncRun, source: Source, failure: FetchFailure,
        progress: @Sendable (SyncProgress) -> Void
    ) async -> SyncRun {
        if Task.isCancelled { return await finishInterrupted(run, progress: progress) }
        var run = run
        run.status = .failed
        run.error = failure.reason
        run.endedAt = clock.now()
        do {
            try await store.markSourceInvalid(id: source.id, failure: failure)
            try await record(
                run,
                events: [
                    SyncEvent(
                        at: run.endedAt!, runID: run.id, sourceID: source.id, kind: .fetchFailed,
                        message: "\(run.phase.rawValue) of \(source.id) failed: \(failure.reason)")
                ])
        } catch {
            run.error = "\(failure.reason); recording it failed too: \(error)"
        }
        progress(post(run, .failed, run.error ?? failure.reason))
        return run
    }

    /// A run whose process is stopping (the console's `q`, a signal): its source is left as it was
    /// (not invalid: nothing failed there) and the run is left `running` in the store, for the
    /// lease holder to close as interrupted (`closeInterruptedRuns`, which also sets its source back
    /// to ready) as it gives the lease back, or the next holder as it starts; the next run finishes
    /// the work. The store refuses writes from a cancelled task anyway.
    private func finishInterrupted(_ run: SyncRun, progress: @Sendable (SyncProgress) -> Void) async -> SyncRun {
        var run = run
        run.status = .failed
        run.error = "interrupted: the process that ran it stopped during the \(run.phase.rawValue) phase"
        run.endedAt = clock.now()
        progress(post(run, .failed, run.error!))
        return run
    }

    /// Records the run (and events) without blocking a thread of the cooperative pool while another
    /// source's write holds the workspace's single writer: with two threads, one blocked halves a sync.
    private func record(_ run: SyncRun, events: [SyncEvent] = []) async throws {
        try await store.recordRun(run, events: events)
    }

    private func post(_ run: SyncRun, _ step: SyncProgress.Step, _ message: String) -> SyncProgress {
        SyncProgress(
            sourceID: run.sourceID, runID: run.id, phase: run.phase, step: step, counts: run.counts,
            fraction: step == .finished ? 1 : nil, message: message)
    }

    static func summary(_ counts: SyncCounts) -> String {
        var parts = [
            "\(counts.fetched) fetched", "\(counts.new) new", "\(counts.changed) changed",
            "\(counts.unchanged) unchanged", "\(counts.invalid) invalid", "\(counts.missing) missing"
        ]
        if counts.returned > 0 { parts.append("\(counts.returned) back") }
        return parts.joined(separator: ", ")
    }

    private static func size(_ bytes: Int) -> String {
        bytes >= 1_048_576
            ? String(format: "%.1f MB", Double(bytes) / 1_048_576)
            : bytes >= 1024 ? String(format: "%.1f KB", Double(bytes) / 1024) : "\(bytes) B"
    }

    private static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}

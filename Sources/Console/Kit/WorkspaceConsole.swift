import CPAPIKit
import Foundation

/// The console over a real workspace: reads through the store's APIs (in the background tasks the
/// console runs them in), acts through the kit's workflows, and runs the sync scheduler in this
/// process when it gets the workspace's sync lease.
public final class WorkspaceConsole: ConsoleDataSource, ConsoleActions, Sendable {
    public let workspace: Workspace
    public let engine: WorkspaceEngine
    let makeSource: DemandSourceMaker
    let scheduler: SchedulerSlot

    public init(workspace: Workspace, engine: WorkspaceEngine, makeSource: @escaping DemandSourceMaker) {
        self.workspace = workspace
        self.engine = engine
        self.makeSource = makeSource
        self.scheduler = SchedulerSlot()
    }

    /// What the console reads (it runs no SQL of its own).
    var store: any ConsoleStore { workspace.store }

    // MARK: Reading

    public func snapshot(offerLimit: Int?) async throws -> ConsoleSnapshot {
        let sources = try store.sources()
        let campaigns = try store.campaigns()
        let activeCampaigns = Set(campaigns.filter(\.isActive).map(\.id))
        let offers = try await store.offerRows(limit: offerLimit, activeCampaigns: activeCampaigns)
        let complete = offers.rows.count >= offers.total  // counted in the same read transaction
        // Counting placements reads every placement: a first page leaves it to the full read.
        let placementCounts = complete ? try store.campaignRunCounts() : nil
        let me = SyncLeaseHolder.currentProcess
        let holder = try store.syncLeaseHolder()
        let other = holder.flatMap { $0.pid == me.pid && $0.host == me.host ? nil : "pid \($0.pid) on \($0.host)" }
        return ConsoleSnapshot(
            workspace: (workspace.directory as NSString).lastPathComponent,
            platform: try store.platformConfig() ?? PlatformConfig(),
            sources: sources.map { s in
                SourceRow(
                    id: s.id, title: s.config.title, kind: s.config.kind, status: s.state.status,
                    offerCount: offers.inFeedBySource[s.id] ?? 0, lastUpdate: s.state.lastSuccessAt,
                    invalidReason: s.state.status == .invalid ? s.state.failure?.reason : nil)
            },
            campaigns: campaigns.map { c in
                let n = placementCounts?[c.id] ?? CampaignRunCounts()
                return CampaignRow(
                    id: c.id, title: c.title, enabled: c.enabled, matched: n.matched, live: n.live,
                    paused: n.paused, excluded: n.excluded, countsPending: placementCounts == nil)
            },
            offers: offers.rows,
            offerTotal: offers.total,
            offersComplete: complete,
            events: try store.recentEvents(limit: 200),
            runningRuns: try store.recentRuns(limit: 50).filter { $0.status == .running },
            otherSyncHolder: other,
            nextRunAt: await scheduler.nextRun(),
            ui: try store.uiSettings())
    }

    public func offerDetails(_ key: OfferKey) async throws -> OfferDetails? {
        guard let offer = try store.offer(key) else { return nil }
        let source = try store.source(id: key.sourceID)
        let campaigns = Dictionary(uniqueKeysWithValues: try store.campaigns(includeDeleted: true).map { ($0.id, $0) })
        let placements = try store.placements(for: key).map { p in
            let c = campaigns[p.campaignID]
            return PlacementDetail(
                placement: p, campaignTitle: c?.title ?? p.campaignID, campaignEnabled: c?.enabled ?? false,
                campaignDeleted: c?.deletedAt != nil, statusDefault: c?.defaults.status ?? .source)
        }
        return OfferDetails(
            offer: offer, sourceTitle: source?.config.title ?? key.sourceID,
            builtTrackingURL: offer.trackingURL.map { DesiredOfferBuilder.trackingURL($0, appending: source?.config.trackingParams) },
            placements: placements, events: try store.events(for: key, limit: 200).sorted { $0.at < $1.at },
            campaignChecks: CampaignCheck.all(offer, campaigns: campaigns.values))
    }

    /// Moves whenever any process records an event or a run moves on (every write does one of both).
    public func changeToken() async throws -> Int {
        var hasher = Hasher()
        hasher.combine(try store.recentEvents(limit: 1).first?.id)
        if let run = try store.recentRuns(limit: 1).first {
            hasher.combine(run.id)
            hasher.combine(run.phase)
            hasher.combine(run.status)
            hasher.combine(run.counts.fetched)
        }
        for source in try store.sources() { hasher.combine(source.state.status) }
        for campaign in try store.campaigns() { hasher.combine(campaign.enabled) }
        return hasher.finalize()
    }

    /// The lease's holder, whether it is gone (stale heartbeat, or its process gone from this host:
    /// `SyncLeaseHolder.isGone`), and the live status it publishes (only the current holder's).
    public func syncWatch() async throws -> SyncWatch? {
        let holder = try store.syncLeaseHolder()
        let live = try await store.syncLiveStatus()
        return SyncWatch(
            holder: holder, isSelf: holder?.isCurrentProcess ?? false,
            holderGone: holder?.isGone(at: engine.clock.now()) ?? false,
            live: holder.flatMap { h in live.flatMap { $0.isPublished(by: h) ? $0 : nil } })
    }

    public func localPlatformOffers() async throws -> [PlatformOfferRow]? {
        guard engine.platform is LocalPlatform else { return nil }
        return try await store.localPlatformOfferRows()
    }

    // MARK: Acting

    /// How long an action waits to be applied by the process that syncs before it is given up.
    static let actionTimeout: Duration = .seconds(30)

    /// The operator's actions on offers, campaigns and sources (and "sync now") are queued in the
    /// workspace and applied by whichever process holds the sync lease (this console's scheduler,
    /// another console, `cpapi-tui sync`), or by this console when none does; the answer is the
    /// action's result message, shown in the status line.
    public func perform(_ action: OperatorAction) async throws -> String {
        switch action {
        case .pause(let key, let campaign): return try await queued(.offer(.pause, key, campaignID: campaign))
        case .resume(let key, let campaign): return try await queued(.offer(.resume, key, campaignID: campaign))
        case .exclude(let key, let campaign): return try await queued(.offer(.exclude, key, campaignID: campaign))
        case .duplicate(let key, let campaign): return try await queued(.offer(.duplicate, key, campaignID: campaign))
        case .detach(let key, let campaign): return try await queued(.offer(.detach, key, campaignID: campaign))
        case .sync(let sourceID): return try await queued(.syncNow(sourceID: sourceID))
        case .setCampaignEnabled(let id, let enabled): return try await queued(.campaign(enabled ? .enable : .disable, id))
        case .retireCampaign(let id): return try await queued(.campaign(.retire, id))
        case .deleteSource(let id): return try await queued(.deleteSource(id))
        case .platformDisable(let id):
            guard let local = engine.platform as? LocalPlatform else { throw ConsoleFailure("the platform is not the local one") }
            try await local.disableByHand(id: id)
            return "platform offer \(id) disabled by hand: the next sync excludes it"
        case .platformDelete(let id):
            guard let local = engine.platform as? LocalPlatform else { throw ConsoleFailure("the platform is not the local one") }
            try await local.deleteByHand(id: id)
            return "platform offer \(id) deleted by hand: the next sync excludes it"
        }
    }

    /// Queues `request`, waits for its result (`actionTimeout`), answers its message or throws it.
    private func queued(_ request: OperatorActionRequest) async throws -> String {
        let scheduler = self.scheduler
        // Applied in this process (it holds the lease): the scheduler here runs the source now.
        let syncNow: OperatorActionApplier.SyncNow = { sourceID in
            try await scheduler.syncNow(sourceID)
            return "sync of " + (sourceID ?? "every source") + " started"
        }
        let record: OperatorActionRecord
        do {
            record = try await engine.actions.perform(request, timeout: Self.actionTimeout, syncNow: syncNow)
        } catch {
            throw ConsoleFailure(error.description)
        }
        guard record.state == .done else { throw ConsoleFailure(record.result ?? "action \(record.id) failed") }
        return record.result ?? "done"
    }

    public func fragment(for target: EditTarget) async throws -> String {
        switch target {
        case .source(let id):
            guard let source = try store.source(id: id) else { throw ConsoleFailure("source \(id) is not in the workspace") }
            return ConfigFragmentWriter.toml(for: source.config)
        case .campaign(let id):
            guard let campaign = try store.campaign(id: id) else { throw ConsoleFailure("campaign \(id) is not in the workspace") }
            return ConfigFragmentWriter.toml(for: campaign)
        }
    }

    /// Validates the edited fragment like `apply` and applies it. It must still describe exactly the
    /// edited source or campaign: renaming its id would create a second one instead.
    public func apply(fragment toml: String, for target: EditTarget) async throws {
        var config = try ConfigParser.parse(
            text: toml, path: "\(target.label) (edited)",
            knownSourceIDs: Set(try store.sources().map(\.id)))
        switch target {
        case .source(let id):
            guard config.sources.map(\.id) == [id], config.campaigns.isEmpty else {
                throw ConsoleFailure("the fragment must hold exactly one [[sources]] table with id = \"\(id)\"")
            }
            // A key kept in a config file is left out of the fragment (it is never copied): keep its reference.
            if config.sources[0].apiKey == nil, let stored = try store.source(id: id)?.config.apiKey,
                case .configFile = stored
            {
                config.sources[0].apiKey = stored
            }
        case .campaign(let id):
            guard config.campaigns.map(\.id) == [id], config.sources.isEmpty else {
                throw ConsoleFailure("the fragment must hold exactly one [[campaigns]] table with id = \"\(id)\"")
            }
        }
        guard config.platform == nil, config.sync == nil else {
            throw ConsoleFailure("the fragment edits \(target.label) only: [platform] and [sync] belong in your config file")
        }
        _ = try ConfigApplier(store: workspace.store, clock: engine.clock).apply(config)
    }

    public func startScheduler(progress: @escaping @Sendable (SchedulerEvent) -> Void) async -> SchedulerStart {
        let scheduler = engine.scheduler(
            makeSource: makeSource,
            onProgress: { p in
                switch p.step {
                case .finished where p.phase == .done, .failed:
                    progress(.finished(sourceID: p.sourceID, error: p.step == .failed ? p.message : nil))
                default:
                    progress(.activity(SyncActivity(p)))
                }
            },
            onRun: { run in
                progress(.finished(sourceID: run.sourceID, error: run.status == .failed ? run.error : nil))
            })
        do {
            try await scheduler.start()
        } catch let refusal as SyncCoordinator.Refusal {
            return .heldElsewhere(refusal.description.replacingOccurrences(of: "the workspace is being synced by ", with: ""))
        } catch {
            return .unavailable(String(describing: error))
        }
        await self.scheduler.set(scheduler)
        return .running
    }

    /// On the way out (`q`): at once, the runs in flight cancelled and recorded as interrupted.
    public func stopScheduler() async {
        await scheduler.stop()
    }
}

/// The scheduler this console started, if any.
actor SchedulerSlot {
    private var scheduler: SyncScheduler?
    private var stopped = false

    /// Holds `scheduler`; one started after the console stopped (a takeover racing the `q`) is stopped at once.
    func set(_ scheduler: SyncScheduler) async {
        guard !stopped else {
            await scheduler.stop(cancellingRuns: true)
            return
        }
        self.scheduler = scheduler
    }

    func nextRun() async -> Date? {
        guard let scheduler else { return nil }
        return await scheduler.nextRunTimes().values.min()
    }

    /// Where `sourceID` stands in this console's scheduler and the scheduler's first retry delay; nil when it runs none.
    func entry(of sourceID: String) async -> (entry: SyncSchedulerEntry, retryBase: TimeInterval)? {
        guard let scheduler, let entry = await scheduler.schedule().first(where: { $0.sourceID == sourceID }) else { return nil }
        return (entry, await scheduler.options.retryBase)
    }

    func syncNow(_ sourceID: String?) async throws {
        guard let scheduler else { throw ConsoleFailure("this console does not sync (another process holds the sync lease)") }
        if let sourceID { try await scheduler.syncNow(sourceID: sourceID) } else { await scheduler.syncAllNow() }
    }

    func stop() async {
        stopped = true
        await scheduler?.stop(cancellingRuns: true)
        scheduler = nil
    }
}

import Foundation

/// Everything that writes to a workspace's platform, assembled once from the workspace's settings:
/// the platform (`[platform]`, its key resolved now and never stored), the sync engine, the operator's
/// workflows and the scheduler, all sharing one `SourceWriteGate` so that, in this process, a workflow
/// and a sync run never write the same source's placements at once; the operator action queue
/// (`actions`), applied by whichever of them holds the sync lease. The CLI and the console both
/// start here.
public struct WorkspaceEngine: Sendable {
    public let store: WorkspaceStore
    public let platform: any Platform
    public let clock: any SyncClock
    public let gate: SourceWriteGate
    /// Plan → observe → push after each source's store phase.
    public let reconciler: Reconciler
    public let offers: OfferWorkflows
    public let campaigns: CampaignWorkflows
    /// Applies queued operator actions through `offers` and `campaigns` (the lease holder's side).
    public let applier: OperatorActionApplier
    /// The operator's actions from this process: queued, and applied here or by the lease holder.
    public let actions: OperatorActionQueue

    public init(store: WorkspaceStore, platform: any Platform, clock: any SyncClock = SystemClock(), concurrency: Int = 8) {
        let gate = SourceWriteGate()
        self.store = store; self.platform = platform; self.clock = clock; self.gate = gate
        self.reconciler = Reconciler(store: store, platform: platform, clock: clock, concurrency: concurrency)
        self.offers = OfferWorkflows(store: store, platform: platform, clock: clock, gate: gate)
        self.campaigns = CampaignWorkflows(store: store, platform: platform, clock: clock, gate: gate)
        self.applier = OperatorActionApplier(queue: store, store: store, offers: offers, campaigns: campaigns, clock: clock)
        self.actions = OperatorActionQueue(store: store, applier: applier, clock: clock)
    }

    /// The engine of the platform the workspace's settings name (the local one when `[platform]` was never applied).
    public static func open(
        store: WorkspaceStore, resolver: SecretResolver = SecretResolver(), fetcher: HTTPFetcher = .shared,
        clock: any SyncClock = SystemClock()
    ) throws(WorkflowError) -> WorkspaceEngine {
        let config: PlatformConfig
        do { config = try store.platformConfig() ?? PlatformConfig() } catch {
            throw .store(WorkspaceInspection.words(for: error, storePath: store.path))
        }
        var apiKey: String?
        if config.kind == .affise, let ref = config.apiKey {
            do { apiKey = try resolver.resolve(ref, for: "platform") } catch { throw .setup("platform: \(error)") }
        }
        do {
            let platform = try PlatformFactory.make(config: config, apiKey: apiKey, store: store, fetcher: fetcher, clock: clock)
            return WorkspaceEngine(store: store, platform: platform, clock: clock, concurrency: config.concurrency)
        } catch {
            throw .setup("\(error)")
        }
    }

    /// A coordinator for one-off runs (`sync --once`), pushing through this engine.
    public func coordinator(makeSource: @escaping DemandSourceMaker) -> SyncCoordinator {
        SyncCoordinator(store: store, makeSource: makeSource, reconciler: reconciler, clock: clock, gate: gate, actions: applier)
    }

    /// The scheduler that syncs this workspace until stopped, sharing this engine's gate with its workflows.
    public func scheduler(
        makeSource: @escaping DemandSourceMaker, options: SyncScheduler.Options = .init(),
        sleeper: any SyncSchedulerSleeper = SystemSyncSleeper(),
        onProgress: @escaping @Sendable (SyncProgress) -> Void = { _ in },
        onRun: @escaping @Sendable (SyncRun) -> Void = { _ in }
    ) -> SyncScheduler {
        SyncScheduler(
            store: store, sourceSync: SourceSync(store: store, makeSource: makeSource, reconciler: reconciler, clock: clock),
            gate: gate, clock: clock, sleeper: sleeper, options: options, actions: applier,
            onProgress: onProgress, onRun: onRun)
    }
}

import CPAPIKit
import Foundation

/// Everything the main screen shows, read from the workspace in one go (in a background task,
/// through the store's readers). The console swaps the whole snapshot in when it arrives.
public struct ConsoleSnapshot: Sendable {
    /// The workspace folder's name (or path) for the title bar.
    public var workspace: String
    public var platform: PlatformConfig
    public var sources: [SourceRow]
    public var campaigns: [CampaignRow]
    /// The offers, in key order: every one, or only the first page (see `offersComplete`).
    public var offers: [OfferRow]
    /// How many offers the workspace holds (`offers` may hold only the first of them).
    public var offerTotal: Int
    /// Whether `offers` holds every offer; false for the quick first read of a large workspace.
    public var offersComplete: Bool
    /// The latest events, newest first.
    public var events: [SyncEvent]
    /// Runs still in progress according to the store (ours or another process's).
    public var runningRuns: [SyncRun]
    /// Who else holds the workspace's sync lease ("pid 4242 on host"), nil when nobody or we do.
    public var otherSyncHolder: String?
    /// When the scheduler will next sync a source, if known.
    public var nextRunAt: Date?
    /// `[ui]`: the theme the console draws with.
    public var ui: UISettings

    public init(
        workspace: String, platform: PlatformConfig = PlatformConfig(), sources: [SourceRow] = [],
        campaigns: [CampaignRow] = [], offers: [OfferRow] = [], offerTotal: Int? = nil, offersComplete: Bool = true,
        events: [SyncEvent] = [], runningRuns: [SyncRun] = [], otherSyncHolder: String? = nil, nextRunAt: Date? = nil,
        ui: UISettings = UISettings()
    ) {
        self.workspace = workspace; self.platform = platform; self.sources = sources; self.campaigns = campaigns
        self.offers = offers; self.offerTotal = offerTotal ?? offers.count; self.offersComplete = offersComplete
        self.events = events; self.runningRuns = runningRuns
        self.otherSyncHolder = otherSyncHolder; self.nextRunAt = nextRunAt; self.ui = ui
    }

    /// Nothing configured yet: the console shows its welcome screen.
    public var isEmptyWorkspace: Bool { sources.isEmpty && campaigns.isEmpty }
}

/// One source as the Sources pane shows it.
public struct SourceRow: Sendable, Equatable {
    public var id: String
    public var title: String
    public var kind: SourceKind
    public var status: SourceStatus
    public var offerCount: Int
    /// The last successful fetch.
    public var lastUpdate: Date?
    /// Why the last fetch failed, when the source is invalid.
    public var invalidReason: String?

    public init(
        id: String, title: String, kind: SourceKind = .cpalead, status: SourceStatus = .ready,
        offerCount: Int = 0, lastUpdate: Date? = nil, invalidReason: String? = nil
    ) {
        self.id = id; self.title = title; self.kind = kind; self.status = status; self.offerCount = offerCount
        self.lastUpdate = lastUpdate; self.invalidReason = invalidReason
    }
}

/// One campaign as the Campaigns pane shows it.
public struct CampaignRow: Sendable, Equatable {
    public var id: String
    public var title: String
    public var enabled: Bool
    public var matched: Int
    public var live: Int
    /// Paused for any reason: missing, source gone or held by the operator.
    public var paused: Int
    public var excluded: Int
    /// The counts are not read yet (the first page of a large workspace): the pane shows "…".
    public var countsPending: Bool

    public init(
        id: String, title: String, enabled: Bool, matched: Int = 0, live: Int = 0, paused: Int = 0, excluded: Int = 0,
        countsPending: Bool = false
    ) {
        self.id = id; self.title = title; self.enabled = enabled; self.matched = matched; self.live = live
        self.paused = paused; self.excluded = excluded; self.countsPending = countsPending
    }
}

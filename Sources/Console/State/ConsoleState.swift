import CPAPIKit
import Foundation
import TUI

/// The console's whole state, a value: `ConsoleUpdate` changes it, the views draw it.
public struct ConsoleState: Sendable {
    public var size = Size(width: 80, height: 24)
    public var now: Date

    // Data (from the last snapshot)
    public var hasSnapshot = false
    public var workspace: String
    public var platform = PlatformConfig()
    public var sources: [SourceRow] = []
    public var campaigns: [CampaignRow] = []
    public var offers = OfferBrowser()
    /// How many offers the workspace holds; more than the browser's while the first page is shown.
    public var offerTotal = 0
    /// Only the first page of offers is in: the rest is being read (the first read of a workspace
    /// draws its first page at once, then completes).
    public var offersLoading = false
    public var events: [SyncEvent] = []
    public var runningRuns: [SyncRun] = []
    public var otherSyncHolder: String?
    public var nextRunAt: Date?
    /// `[ui]` of the workspace (its theme), from the last snapshot.
    public var ui = UISettings()
    /// Why the last read failed, shown until a read works again.
    public var loadError: String?

    // Live sync
    public var scheduler: SchedulerStart?
    /// Who syncs and how far its runs are (another process's live status), polled.
    public var syncWatch: SyncWatch?
    /// The other process that synced and stopped, until this console has taken the schedule over.
    public var stoppedHolder: StoppedHolder?
    /// Runs in progress in this process, in the order they started.
    public var activities: [SyncActivity] = []

    // Browsing
    public var focus: Pane = .offers
    public var sourceList = ListState()
    public var campaignList = ListState()
    public var offerTable = TableState()
    public var syncList = ListState()
    /// The offer the selection stays on when the rows change.
    public var selectedOffer: OfferKey?
    public var filter = InputState()
    public var filterOpen = false
    public var command = InputState()
    public var commandOpen = false
    /// `/` in offer details: the text found (highlighted) in the details on top.
    public var detailsFind = ScreenFilter()
    /// `/` in `:platform`: the filter of its rows.
    public var platformFilter = ScreenFilter()
    /// `:platform ID` (or `P` in details): the platform offer to select once `:platform` has read its rows.
    public var platformJump: Int?
    /// Top of the stack is shown and gets the keys.
    public var overlays: [Overlay] = []
    /// The Reports view, reversal downloads and the conversion lookup.
    public var reports = ReportsState()

    /// One line above the hints: an outcome, an error, or why a key does nothing now (the answers
    /// to the operator's own keys and actions). It expires (`StatusMessage.lifetime`).
    public var status: StatusMessage?
    /// What background work said (a scheduled sync failed, who syncs the workspace): shown only
    /// while `status` is not, so it never hides the answer to the operator's own action.
    public var backgroundStatus: StatusMessage?
    /// Actions started and not finished yet (their labels), shown in the status line.
    public var inFlight: [String] = []

    // Loading
    /// How many offers the first read of a workspace shows before the rest arrive.
    public static let firstOfferPage = 500
    /// A snapshot read is running: an action or a sync finishing meanwhile only marks
    /// `reloadWanted`; a polled change counter is compared with the read's when it finishes.
    public var loading = false
    public var reloadWanted = false
    /// The newest change counter polled.
    public var lastChangeToken: Int?
    /// The change counter the last complete read covers: a poll that finds it is nothing new.
    public var loadedChangeToken: Int?
    /// The operator asked the welcome screen for the demo: the command starts it after the console closes.
    public var startDemoOnExit = false

    public init(workspace: String, now: Date = Date()) {
        self.workspace = workspace
        self.now = now
    }

    /// The row under the Offers selection.
    public var selectedRow: OfferRow? {
        offers.count == 0 ? nil : offers.row(at: min(offerTable.selected, offers.count - 1))
    }

    public var selectedSource: SourceRow? {
        sources.isEmpty ? nil : sources[min(sourceList.selected, sources.count - 1)]
    }

    public var selectedCampaign: CampaignRow? {
        campaigns.isEmpty ? nil : campaigns[min(campaignList.selected, campaigns.count - 1)]
    }

    /// The campaign the offer actions apply to: the one the table is narrowed to, if any.
    public var scopeCampaign: String? {
        if case .campaign(let id) = offers.scope { return id }
        return nil
    }

    public var topOverlay: Overlay? { overlays.last }

    /// The live activity of a source in this process, if it is syncing.
    public func activity(of sourceID: String) -> SyncActivity? {
        activities.first { $0.sourceID == sourceID }
    }
}

/// A line of feedback for the operator.
public struct StatusMessage: Sendable, Equatable {
    public var text: String
    public var isError: Bool
    /// When it was first shown (stamped by `ConsoleUpdate`), for its expiry.
    public var shownAt: Date?
    public init(_ text: String, isError: Bool = false) { self.text = text; self.isError = isError }

    /// How long a message stays: an outcome long enough to read, an error longer.
    public var lifetime: TimeInterval { isError ? 30 : 10 }

    public func hasExpired(at now: Date) -> Bool {
        shownAt.map { now.timeIntervalSince($0) >= lifetime } ?? false
    }
}

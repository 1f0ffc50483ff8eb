import Foundation

/// What happened to which offer and why: the operator's audit log and the UI's feed.
public struct SyncEvent: Sendable, Codable, Equatable {
    public var id: Int64?
    public var at: Date
    public var runID: Int64?
    public var sourceID: String?
    public var offerExternalID: String?
    public var campaignID: String?
    public var platformOfferID: Int?
    public var kind: SyncEventKind
    /// A sentence for the operator: what and why.
    public var message: String

    public init(
        id: Int64? = nil, at: Date, runID: Int64? = nil, sourceID: String? = nil,
        offerExternalID: String? = nil, campaignID: String? = nil, platformOfferID: Int? = nil,
        kind: SyncEventKind, message: String
    ) {
        self.id = id; self.at = at; self.runID = runID; self.sourceID = sourceID
        self.offerExternalID = offerExternalID; self.campaignID = campaignID
        self.platformOfferID = platformOfferID; self.kind = kind; self.message = message
    }
}

/// The kinds of event a sync or an operator action records.
public enum SyncEventKind: String, Sendable, Codable, CaseIterable {
    // Feed
    case fetchSucceeded = "fetch_succeeded", fetchFailed = "fetch_failed"
    case offerNew = "offer_new", offerChanged = "offer_changed", offerMissing = "offer_missing"
    case offerBack = "offer_back", missingNotMarked = "missing_not_marked"
    // Platform writes
    case created, updated, statusPushed = "status_pushed", writeFailed = "write_failed"
    case foundExisting = "found_existing"
    // Rules
    case excluded, pausedMissing = "paused_missing", pausedSourceGone = "paused_source_gone", resumed
    case outOfFilter = "out_of_filter"
    // Operator
    case held, released, duplicated, detached, campaignChanged = "campaign_changed", sourceArchived = "source_archived"
    case configApplied = "config_applied"
}

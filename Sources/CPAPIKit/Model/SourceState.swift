import Foundation

/// A source's health as the last fetch left it.
public enum SourceStatus: String, Sendable, Codable {
    case ready, processing, invalid
}

/// The stored state of a source besides its configuration.
public struct SourceState: Sendable, Codable, Equatable {
    public var status: SourceStatus
    /// The failed call, when `invalid`.
    public var failure: FetchFailure?
    public var lastSuccessAt: Date?
    /// Start of the last successful full fetch (what "last seen" means for offers in the feed).
    public var lastFullFetchAt: Date?
    /// Start of the last successful fetch of any kind (the base of the next `updated_since`).
    public var lastFetchStartAt: Date?
    public var archivedAt: Date?

    public init(
        status: SourceStatus = .ready, failure: FetchFailure? = nil, lastSuccessAt: Date? = nil,
        lastFullFetchAt: Date? = nil, lastFetchStartAt: Date? = nil, archivedAt: Date? = nil
    ) {
        self.status = status; self.failure = failure; self.lastSuccessAt = lastSuccessAt
        self.lastFullFetchAt = lastFullFetchAt; self.lastFetchStartAt = lastFetchStartAt; self.archivedAt = archivedAt
    }
}

/// What a failed call to a source answered: kept to show the operator (credentials redacted, body size-capped).
public struct FetchFailure: Sendable, Codable, Equatable, Error {
    public var at: Date
    /// One line: what went wrong.
    public var reason: String
    public var httpStatus: Int?
    public var headers: [String: String]
    public var body: String?

    public init(at: Date, reason: String, httpStatus: Int? = nil, headers: [String: String] = [:], body: String? = nil) {
        self.at = at; self.reason = reason; self.httpStatus = httpStatus; self.headers = headers; self.body = body
    }
}

/// A source with its configuration and state, as the store holds it.
public struct Source: Sendable, Codable, Equatable {
    public var config: SourceConfig
    public var state: SourceState
    public var id: String { config.id }
    public var isArchived: Bool { state.archivedAt != nil }

    public init(config: SourceConfig, state: SourceState = SourceState()) {
        self.config = config; self.state = state
    }
}

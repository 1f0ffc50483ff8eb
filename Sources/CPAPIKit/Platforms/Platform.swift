import Foundation

/// Why a platform call failed.
public enum PlatformError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The offer does not exist (deleted): HTTP 404 or `status: 2` saying so.
    case notFound(id: Int)
    /// The platform refused the call (`status: 2` or a non-2xx with a message).
    case rejected(httpStatus: Int?, message: String)
    /// The call may or may not have reached the platform (timeout, dropped connection):
    /// a create that ends like this must be looked up by external id before it is sent again.
    case outcomeUnknown(String)
    /// The call never reached the platform (connection refused, bad URL).
    case unreachable(String)
    /// The answer could not be understood.
    case badResponse(String)

    /// The platform refused the caller, not the call (HTTP 401 "Token is necessary": a wrong key or
    /// tenant; 403 "Auth Denied": the key's role lacks the right): every other call will fail the same way.
    public var refusesCredentials: Bool {
        if case .rejected(let status?, _) = self { return status == 401 || status == 403 }
        return false
    }

    public var description: String {
        switch self {
        case .notFound(let id): return "offer \(id) not found in the platform"
        case .rejected(let status, let message):
            return "platform refused" + (status.map { " (HTTP \($0))" } ?? "") + ": \(message)"
        case .outcomeUnknown(let why): return "no answer from the platform (\(why)); the write may have happened"
        case .unreachable(let why): return "platform unreachable: \(why)"
        case .badResponse(let why): return "platform answered something unexpected: \(why)"
        }
    }
}

/// The operator's affiliate platform: where campaigns' offers live. Two implementations:
/// `AffisePlatform` (Admin API 3.0 over HTTP) and `LocalPlatform` (embedded in the workspace).
public protocol Platform: Sendable {
    /// `affise` or `local`, and where (for the title bar).
    var displayName: String { get }
    /// Which platform this is, the same from run to run (its kind and where it is): the workspace
    /// records under it that it took this platform's inventory (`offers(advertisers:externalOfferIDs:)`).
    var identity: String { get }
    /// Creates an offer; answers its platform id.
    func createOffer(_ fields: PlatformOfferFields) async throws(PlatformError) -> Int
    /// Changes only the fields that are set.
    func editOffer(id: Int, _ fields: PlatformOfferFields) async throws(PlatformError)
    /// Sets the status of many offers in one call.
    func setStatus(_ status: PlatformStatus, offerIDs: [Int]) async throws(PlatformError)
    func deleteOffers(ids: [Int]) async throws(PlatformError)
    /// Reads the offers with these ids (paged internally); ids that do not exist are simply absent.
    func offers(ids: [Int]) async throws(PlatformError) -> [PlatformOffer]
    /// The states of the offers with these ids (what observe needs); ids that do not exist are absent.
    /// Default: `offers(ids:)`, reduced (`Platform+Batches.swift`); the local platform reads only those columns.
    func offerStates(ids: [Int]) async throws(PlatformError) -> [PlatformOfferState]
    /// Offers whose external offer id is this one.
    func offers(externalOfferID: String) async throws(PlatformError) -> [PlatformOffer]
    /// Every offer of these advertisers, whatever its status, all pages (every offer when nil): the
    /// inventory a workspace takes once per platform to adopt the offers a lost workspace made.
    /// `externalOfferIDs`: the only external ids the caller looks for, which a platform that can
    /// filter by them uses (the local one: a first sync must not read every offer the run made so
    /// far once per source); others may answer more, and the caller filters.
    func offers(advertisers: [String]?, externalOfferIDs: Set<String>) async throws(PlatformError) -> [PlatformOffer]
    /// One offer, nil when it does not exist.
    func offer(id: Int) async throws(PlatformError) -> PlatformOffer?
    /// Creates many offers; answers each one's id or error, in order (one failure never stops the rest).
    /// Default: single creates side by side (`Platform+Batches.swift`); the local platform uses one transaction.
    func createOffers(_ offers: [PlatformOfferFields]) async -> [Result<Int, PlatformError>]
    /// Applies many edits (each changes only its sent fields); answers each one's outcome, in order.
    func editOffers(_ edits: [PlatformOfferEdit]) async -> [Result<Void, PlatformError>]
}

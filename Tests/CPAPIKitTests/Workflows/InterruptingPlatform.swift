import Foundation
import Synchronization
@testable import CPAPIKit

/// Wraps a platform and fails chosen calls once each, to interrupt a workflow between its steps
/// (the same for the local platform and the fake Affise).
final class InterruptingPlatform: Platform, Sendable {
    enum Call: Sendable, Hashable {
        /// The create is done, then its answer is lost.
        case createAnswerLost
        case lookUpByExternalID
        case edit
        case setStatus
    }

    let inner: any Platform
    private let armed = Mutex<[Call: (skip: Int, count: Int)]>([:])

    init(_ inner: any Platform) { self.inner = inner }

    /// Fails `count` calls of this kind, after letting the next `skip` through.
    func fail(_ call: Call, times count: Int = 1, after skip: Int = 0) {
        armed.withLock { $0[call] = (skip, count) }
    }

    private func take(_ call: Call) -> Bool {
        armed.withLock { armed in
            guard let plan = armed[call], plan.count > 0 else { return false }
            if plan.skip > 0 {
                armed[call] = (plan.skip - 1, plan.count)
                return false
            }
            armed[call] = (0, plan.count - 1)
            return true
        }
    }

    var displayName: String { inner.displayName }
    var identity: String { inner.identity }

    func createOffer(_ fields: PlatformOfferFields) async throws(PlatformError) -> Int {
        let id = try await inner.createOffer(fields)
        if take(.createAnswerLost) { throw .outcomeUnknown("scripted: answer lost") }
        return id
    }

    func editOffer(id: Int, _ fields: PlatformOfferFields) async throws(PlatformError) {
        if take(.edit) { throw .rejected(httpStatus: 500, message: "scripted: edit failed") }
        try await inner.editOffer(id: id, fields)
    }

    func setStatus(_ status: PlatformStatus, offerIDs: [Int]) async throws(PlatformError) {
        if take(.setStatus) { throw .rejected(httpStatus: 500, message: "scripted: status change failed") }
        try await inner.setStatus(status, offerIDs: offerIDs)
    }

    func deleteOffers(ids: [Int]) async throws(PlatformError) { try await inner.deleteOffers(ids: ids) }
    func offers(ids: [Int]) async throws(PlatformError) -> [PlatformOffer] { try await inner.offers(ids: ids) }

    func offers(externalOfferID: String) async throws(PlatformError) -> [PlatformOffer] {
        if take(.lookUpByExternalID) { throw .unreachable("scripted: lookup failed") }
        return try await inner.offers(externalOfferID: externalOfferID)
    }

    func offers(advertisers: [String]?, externalOfferIDs: Set<String>) async throws(PlatformError) -> [PlatformOffer] {
        try await inner.offers(advertisers: advertisers, externalOfferIDs: externalOfferIDs)
    }

    func offer(id: Int) async throws(PlatformError) -> PlatformOffer? { try await inner.offer(id: id) }
}

import Foundation
import Synchronization
@testable import CPAPIKit

/// Wraps a platform: counts the writes the engine sends, and plays scripted faults on them
/// (for the local platform, which has no fault switches of its own).
final class RecordingPlatform: Platform, Sendable {
    /// A fault played on the next matching write.
    enum Fault: Sendable, Equatable {
        /// Refused with HTTP 500; nothing is done.
        case serverError
        /// Done, then the answer is lost.
        case answerDropped
    }

    struct Counts: Sendable, Equatable {
        var creates = 0, edits = 0, statusCalls = 0, deletes = 0
        /// Inventories taken (`offers(advertisers:externalOfferIDs:)`): reads, not counted in `writes`.
        var inventories = 0
        var writes: Int { creates + edits + statusCalls + deletes }
    }

    let inner: any Platform
    private let state = Mutex<(counts: Counts, createFaults: [Fault], editFaults: [Fault])>((Counts(), [], []))
    /// Called as each create arrives, before it is done (to see what the store holds at that moment).
    private let createHook = Mutex<(@Sendable () -> Void)?>(nil)
    /// Ids that `offerStates` leaves out of its answer, as a list call can (they still exist).
    private let leftOutOfLists = Mutex<Set<Int>>([])

    init(_ inner: any Platform) { self.inner = inner }

    var counts: Counts { state.withLock { $0.counts } }
    func resetCounts() { state.withLock { $0.counts = Counts() } }
    func failNextCreate(_ fault: Fault) { state.withLock { $0.createFaults.append(fault) } }
    func failNextEdit(_ fault: Fault) { state.withLock { $0.editFaults.append(fault) } }
    func beforeEachCreate(_ hook: @escaping @Sendable () -> Void) { createHook.withLock { $0 = hook } }
    func leaveOutOfLists(_ ids: Set<Int>) { leftOutOfLists.withLock { $0 = ids } }

    var displayName: String { inner.displayName }
    var identity: String { inner.identity }

    func createOffer(_ fields: PlatformOfferFields) async throws(PlatformError) -> Int {
        createHook.withLock { $0 }?()
        let fault = state.withLock { state -> Fault? in
            state.counts.creates += 1
            return state.createFaults.isEmpty ? nil : state.createFaults.removeFirst()
        }
        switch fault {
        case .serverError: throw .rejected(httpStatus: 500, message: "scripted server error")
        case .answerDropped:
            _ = try await inner.createOffer(fields)
            throw .outcomeUnknown("scripted: answer dropped")
        case nil: return try await inner.createOffer(fields)
        }
    }

    func editOffer(id: Int, _ fields: PlatformOfferFields) async throws(PlatformError) {
        let fault = state.withLock { state -> Fault? in
            state.counts.edits += 1
            return state.editFaults.isEmpty ? nil : state.editFaults.removeFirst()
        }
        switch fault {
        case .serverError: throw .rejected(httpStatus: 500, message: "scripted server error")
        case .answerDropped:
            try await inner.editOffer(id: id, fields)
            throw .outcomeUnknown("scripted: answer dropped")
        case nil: try await inner.editOffer(id: id, fields)
        }
    }

    func setStatus(_ status: PlatformStatus, offerIDs: [Int]) async throws(PlatformError) {
        state.withLock { $0.counts.statusCalls += 1 }
        try await inner.setStatus(status, offerIDs: offerIDs)
    }

    func deleteOffers(ids: [Int]) async throws(PlatformError) {
        state.withLock { $0.counts.deletes += 1 }
        try await inner.deleteOffers(ids: ids)
    }

    func offers(ids: [Int]) async throws(PlatformError) -> [PlatformOffer] { try await inner.offers(ids: ids) }
    func offerStates(ids: [Int]) async throws(PlatformError) -> [PlatformOfferState] {
        let leftOut = leftOutOfLists.withLock { $0 }
        return try await inner.offerStates(ids: ids).filter { !leftOut.contains($0.id) }
    }
    func offers(externalOfferID: String) async throws(PlatformError) -> [PlatformOffer] {
        try await inner.offers(externalOfferID: externalOfferID)
    }
    func offers(advertisers: [String]?, externalOfferIDs: Set<String>) async throws(PlatformError) -> [PlatformOffer] {
        state.withLock { $0.counts.inventories += 1 }
        return try await inner.offers(advertisers: advertisers, externalOfferIDs: externalOfferIDs)
    }
    func offer(id: Int) async throws(PlatformError) -> PlatformOffer? { try await inner.offer(id: id) }
}

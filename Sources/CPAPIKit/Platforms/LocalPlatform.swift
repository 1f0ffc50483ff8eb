import Foundation

/// The embedded platform: offers kept in the workspace database (`local_platform_offers`), behaving
/// as Affise does (growing ids never reused, statuses, external offer id, edits of the sent fields
/// only, mass status, real deletes), so the tool does its whole job on a fresh machine.
///
/// It also offers the actions an operator takes by hand in a platform's own UI (disable, pause,
/// delete, remove the external id) so the sync's rules can be seen acting, and a paged listing.
public struct LocalPlatform: Platform {
    /// One page of the listing of all offers.
    public struct Page: Sendable, Equatable {
        public var offers: [PlatformOffer]
        /// Offers matching the filter in all pages.
        public var totalCount: Int
        public var page: Int
        public var limit: Int

        /// The next page's number, nil on the last page.
        public var nextPage: Int? { page * limit < totalCount ? page + 1 : nil }
    }

    private let store: any LocalPlatformStore
    private let clock: any SyncClock

    /// - Parameters:
    ///   - store: the workspace whose database holds the offers.
    ///   - clock: stamps `updated_at`.
    public init(store: any LocalPlatformStore, clock: any SyncClock = SystemClock()) {
        self.store = store
        self.clock = clock
    }

    public var displayName: String { "local (\(store.path))" }

    /// Its offers live in the workspace: a workspace only ever meets its own.
    public var identity: String { "local \(store.path)" }

    // MARK: Platform

    public func createOffer(_ fields: PlatformOfferFields) async throws(PlatformError) -> Int {
        if let missing = fields.missingFieldsForCreate {
            throw .rejected(httpStatus: nil, message: missing)
        }
        return try await database { try await store.insertLocalPlatformOffer(fields, at: clock.now()) }.get()
    }

    public func editOffer(id: Int, _ fields: PlatformOfferFields) async throws(PlatformError) {
        let found = try await database { try await store.updateLocalPlatformOffer(id: id, with: fields, at: clock.now()) }.get()
        guard found else { throw .notFound(id: id) }
    }

    public func setStatus(_ status: PlatformStatus, offerIDs: [Int]) async throws(PlatformError) {
        guard !offerIDs.isEmpty else { return }
        _ = try await database { try await store.setLocalPlatformStatus(status, ids: offerIDs, at: clock.now()) }.get()
    }

    public func deleteOffers(ids: [Int]) async throws(PlatformError) {
        guard !ids.isEmpty else { return }
        _ = try await database { try await store.deleteLocalPlatformOffers(ids: ids) }.get()
    }

    public func offers(ids: [Int]) async throws(PlatformError) -> [PlatformOffer] {
        guard !ids.isEmpty else { return [] }
        return try await database { try await store.localPlatformOffers(ids: ids) }.get()
    }

    public func offerStates(ids: [Int]) async throws(PlatformError) -> [PlatformOfferState] {
        guard !ids.isEmpty else { return [] }
        return try await database { try await store.localPlatformOfferStates(ids: ids) }.get()
    }

    public func offers(externalOfferID: String) async throws(PlatformError) -> [PlatformOffer] {
        guard !externalOfferID.isEmpty else { return [] }
        return try await database { try await store.localPlatformOffers(externalOfferID: externalOfferID) }.get()
    }

    public func offers(advertisers: [String]?, externalOfferIDs: Set<String>) async throws(PlatformError) -> [PlatformOffer] {
        if let advertisers, advertisers.isEmpty { return [] }
        return try await database {
            try await store.localPlatformOffers(advertisers: advertisers.map(Set.init), externalOfferIDs: externalOfferIDs)
        }.get()
    }

    public func offer(id: Int) async throws(PlatformError) -> PlatformOffer? {
        try await offers(ids: [id]).first
    }

    /// All valid offers in one transaction (what makes a first sync of 100k offers fast).
    public func createOffers(_ offers: [PlatformOfferFields]) async -> [Result<Int, PlatformError>] {
        var results = offers.map { fields -> Result<Int, PlatformError> in
            fields.missingFieldsForCreate.map { .failure(.rejected(httpStatus: nil, message: $0)) } ?? .success(0)
        }
        let valid = results.indices.filter { if case .success = results[$0] { return true } else { return false } }
        do throws(PlatformError) {
            let ids = try await database { try await store.insertLocalPlatformOffers(valid.map { offers[$0] }, at: clock.now()) }.get()
            for (index, id) in zip(valid, ids) { results[index] = .success(id) }
        } catch {
            for index in valid { results[index] = .failure(error) }
        }
        return results
    }

    /// All edits in one transaction.
    public func editOffers(_ edits: [PlatformOfferEdit]) async -> [Result<Void, PlatformError>] {
        do throws(PlatformError) {
            let found = try await database { try await store.updateLocalPlatformOffers(edits, at: clock.now()) }.get()
            return zip(edits, found).map { edit, exists in exists ? .success(()) : .failure(.notFound(id: edit.id)) }
        } catch {
            return edits.map { _ in .failure(error) }
        }
    }

    // MARK: By hand, as in a platform's own UI

    /// Disables the offer (`stopped`) as an operator would in the platform.
    public func disableByHand(id: Int) async throws(PlatformError) {
        try await setStatusByHand(.stopped, id: id)
    }

    /// Pauses the offer (`suspended`) as an operator would in the platform.
    public func pauseByHand(id: Int) async throws(PlatformError) {
        try await setStatusByHand(.suspended, id: id)
    }

    /// Deletes the offer as an operator would in the platform.
    public func deleteByHand(id: Int) async throws(PlatformError) {
        let deleted = try await database { try await store.deleteLocalPlatformOffers(ids: [id]) }.get()
        guard deleted > 0 else { throw .notFound(id: id) }
    }

    /// Clears the offer's external offer id as an operator would in the platform.
    public func removeExternalIDByHand(id: Int) async throws(PlatformError) {
        let found = try await database { try await store.removeLocalPlatformExternalID(id: id, at: clock.now()) }.get()
        guard found else { throw .notFound(id: id) }
    }

    /// All offers by id, a page at a time (pages count from 1), optionally only those with one status.
    public func allOffers(status: PlatformStatus? = nil, page: Int = 1, limit: Int = 100) async throws(PlatformError) -> Page {
        guard page >= 1, limit >= 1 else {
            throw .rejected(httpStatus: nil, message: "page must be ≥ 1 and limit ≥ 1 (got page \(page), limit \(limit))")
        }
        let (offers, total) = try await database {
            try await store.localPlatformOfferPage(status: status, offset: (page - 1) * limit, limit: limit)
        }.get()
        return Page(offers: offers, totalCount: total, page: page, limit: limit)
    }

    // MARK: -

    private func setStatusByHand(_ status: PlatformStatus, id: Int) async throws(PlatformError) {
        let changed = try await database { try await store.setLocalPlatformStatus(status, ids: [id], at: clock.now()) }.get()
        guard changed > 0 else { throw .notFound(id: id) }
    }

    /// Runs a database call; a failure means the call did not happen (the transaction rolled back).
    ///
    /// Answers a `Result` rather than throwing `PlatformError` itself: a generic async function with a
    /// typed throw was miscompiled in release builds (a task group's result copy crashed reading back
    /// offers); callers unwrap it with `get()`.
    private func database<T: Sendable>(_ body: () async throws -> T) async -> Result<T, PlatformError> {
        do {
            return .success(try await body())
        } catch {
            return .failure(.unreachable("local platform database: \(error)"))
        }
    }
}

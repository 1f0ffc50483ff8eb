/// Batches and observe reads for platforms without a cheaper way: the single calls side by side, and
/// offer states reduced from whole offers. The platform's own bound (Affise's limiter) still decides
/// how many calls are in flight; at most `window` tasks wait at once so a batch of 100k offers does
/// not make 100k tasks.
extension Platform {
    public func offerStates(ids: [Int]) async throws(PlatformError) -> [PlatformOfferState] {
        try await offers(ids: ids).map(PlatformOfferState.init)
    }

    public func createOffers(_ offers: [PlatformOfferFields]) async -> [Result<Int, PlatformError>] {
        await Self.eachSideBySide(offers) { fields throws(PlatformError) in try await createOffer(fields) }
    }

    public func editOffers(_ edits: [PlatformOfferEdit]) async -> [Result<Void, PlatformError>] {
        await Self.eachSideBySide(edits) { edit throws(PlatformError) in try await editOffer(id: edit.id, edit.fields) }
    }

    /// Runs `call` on every item, at most `window` at once; the outcomes in the items' order.
    static func eachSideBySide<Item: Sendable, Value: Sendable>(
        _ items: [Item], window: Int = 64, _ call: @escaping @Sendable (Item) async throws(PlatformError) -> Value
    ) async -> [Result<Value, PlatformError>] {
        guard !items.isEmpty else { return [] }
        var results = [Result<Value, PlatformError>?](repeating: nil, count: items.count)
        await withTaskGroup(of: (Int, Result<Value, PlatformError>).self) { group in
            func add(_ index: Int) {
                let item = items[index]
                group.addTask { (index, await .of { () async throws(PlatformError) in try await call(item) }) }
            }
            var next = 0
            while next < min(window, items.count) { add(next); next += 1 }
            for await (index, result) in group {
                results[index] = result
                if next < items.count { add(next); next += 1 }
            }
        }
        // Every index got its outcome when the group finished.
        return results.map { $0! }
    }
}

import Foundation
@testable import CPAPIKit

/// Small demand offers for store and sync tests; the hash follows the content like an adapter's would.
enum OfferFixtures {
    static func offer(
        _ id: String, source: String = "s1", title: String? = nil, payout: Double = 1.5,
        valid: Bool = true
    ) -> DemandOffer {
        let title = title ?? "Offer \(id)"
        return DemandOffer(
            key: OfferKey(sourceID: source, externalID: id), title: title,
            previewURL: "https://example.com/p/\(id)", trackingURL: "https://example.com/t/\(id)",
            payout: Payout(amount: payout, currency: "USD", model: "CPI"),
            countries: ["US"], devices: ["android"], rawJSON: "{\"id\":\"\(id)\"}",
            invalidReasons: valid ? [] : ["no payout"], contentHash: "\(title)|\(payout)|\(valid)")
    }

    static func offers(_ ids: ClosedRange<Int>, source: String = "s1") -> [DemandOffer] {
        ids.map { offer("\($0)", source: source) }
    }

    static func sourceConfig(_ id: String = "s1", incremental: Bool = false, limit: Int? = nil) -> SourceConfig {
        SourceConfig(
            id: id, baseURL: "http://127.0.0.1:1", publisherID: "1", apiKey: .environment("KEY_\(id)"),
            limit: limit, incremental: incremental)
    }

    /// Stores source configs as `apply` would.
    static func addSources(_ configs: [SourceConfig], to store: WorkspaceStore, at date: Date) throws {
        _ = try ConfigApplier(store: store, clock: StoppedClock(date: date))
            .apply(WorkspaceConfig(path: "/test.toml", sources: configs))
    }
}

/// A clock stopped at one instant.
struct StoppedClock: SyncClock {
    let date: Date
    func now() -> Date { date }
}

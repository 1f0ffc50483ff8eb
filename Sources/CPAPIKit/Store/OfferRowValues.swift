import Foundation
import GRDB

/// The values of one `demand_offers` row as the store phase's upsert binds them: `source_id` through
/// `entry_hash`, in the statement's column order (`missing_since` and `last_seen_at` are NULL there).
///
/// Built as `DatabaseValue`s directly, without boxing each value as an `any DatabaseValueConvertible`
/// (docs/PERFORMANCE.md).
struct OfferRowValues {
    /// How many values `values(of:)` gives.
    static let count = 25

    private let sourceID: DatabaseValue
    /// `first_seen_at` and `updated_at`, formatted once for the whole fetch.
    private let now: DatabaseValue

    init(sourceID: String, now: Date) {
        self.sourceID = sourceID.databaseValue
        self.now = now.databaseValue
    }

    /// The list columns go through `JSONColumn`'s writer; an empty list, the most frequent, is a constant.
    /// `entryHash`: the `FeedEntryHash` of the entry the offer was made from, if known.
    func values(of offer: DemandOffer, entryHash: Int64?) -> [DatabaseValue] {
        var values: [DatabaseValue] = []
        values.reserveCapacity(Self.count)
        values.append(sourceID)
        values.append(offer.key.externalID.databaseValue)
        values.append(offer.title.databaseValue)
        values.append(offer.description.databaseValue)
        values.append(offer.conversion.databaseValue)
        values.append(offer.previewURL.databaseValue)
        values.append(offer.trackingURL.databaseValue)
        values.append(offer.payout.amount.databaseValue)
        values.append(offer.payout.currency.databaseValue)
        values.append(offer.payout.model.databaseValue)
        values.append(Self.list(offer.countryPayouts))
        values.append(Self.list(offer.countries))
        values.append(Self.list(offer.devices))
        values.append(Self.list(offer.caps))
        values.append(Self.list(offer.categories))
        values.append(offer.statusAtSource.databaseValue)
        values.append(offer.logoURL.databaseValue)
        values.append(offer.rank.databaseValue)
        values.append(offer.rawJSON.databaseValue)
        values.append(Self.list(offer.invalidReasons))
        values.append(offer.isValid.databaseValue)
        values.append(offer.contentHash.databaseValue)
        values.append(now)
        values.append(now)
        values.append(entryHash.databaseValue)
        assert(values.count == Self.count)
        return values
    }

    private static let emptyList = "[]".databaseValue

    private static func list<T: JSONColumnValue>(_ items: [T]) -> DatabaseValue {
        items.isEmpty ? emptyList : JSONColumn.encode(items).databaseValue
    }
}

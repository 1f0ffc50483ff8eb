import CPAPIKit
import Foundation

/// The offers of one snapshot, ready for fast browsing: the rows, each row's lower-cased text
/// packed into one byte buffer (`PackedRowText`: what the sort compares), the filter's index of the
/// same rows (`OfferFilterFields`), the row of each offer key and each row's rank in key order.
/// Immutable once built; built off the loop.
public final class OfferIndex: Sendable {
    public let rows: [OfferRow]
    /// Every row's cells (in `OfferColumn` order), lower-cased and packed.
    private let text: PackedRowText
    private let rowOfKey: [OfferKey: Int32]
    /// Each row's place in offer-key order: what a sort falls back to for equal values.
    private let keyRank: [Int32]
    /// What the filter language scans.
    let filter: FilterIndex

    public init(rows: [OfferRow]) {
        self.rows = rows
        var keys: [OfferKey: Int32] = [:]
        keys.reserveCapacity(rows.count)
        for (i, row) in rows.enumerated() { keys[row.key] = Int32(i) }
        let columns = OfferColumn.allCases
        self.text = PackedRowText(rowCount: rows.count, columns: columns.count) { i, c in columns[c].text(of: rows[i]) }
        self.rowOfKey = keys
        self.keyRank = Self.ranks(rows)
        self.filter = OfferFilterFields.index(of: rows)
    }

    /// Ranks in key order: the rows' own order when they come sorted (a workspace read does).
    private static func ranks(_ rows: [OfferRow]) -> [Int32] {
        let inOrder = (0..<Int32(rows.count)).map { $0 }
        if zip(rows, rows.dropFirst()).allSatisfy({ !($1.key < $0.key) }) { return inOrder }
        var ranks = inOrder
        for (rank, row) in inOrder.sorted(by: { rows[Int($0)].key < rows[Int($1)].key }).enumerated() { ranks[Int(row)] = Int32(rank) }
        return ranks
    }

    public var count: Int { rows.count }

    public func row(of key: OfferKey) -> Int? { rowOfKey[key].map(Int.init) }

    /// Every row, in the order of `column`: numbers (payouts, ids that are numbers) before text,
    /// text by its lower-cased UTF-8 bytes; equal values in key order (also when descending).
    func order(by column: OfferColumn, ascending: Bool) -> [Int32] {
        text.order(byCell: column.rawValue, ascending: ascending, rank: keyRank) { i in
            switch column {
            case .payout: return rows[i].payout ?? -.infinity
            case .externalID: return Double(rows[i].key.externalID) ?? .nan
            default: return .nan
            }
        }
    }
}

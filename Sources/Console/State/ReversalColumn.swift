import CPAPIKit
import TUI

/// The columns of the Reports view's per-offer table, in order: titles, widths, text and sort order.
public enum ReversalColumn: Int, CaseIterable, Sendable {
    case offer, title, count, amount, share

    public var title: String {
        switch self {
        case .offer: return "Offer"
        case .title: return "Title"
        case .count: return "Reversals"
        case .amount: return "Amount"
        case .share: return "Share"
        }
    }

    var width: Constraint {
        switch self {
        case .offer: return .length(10)
        case .title: return .min(12)
        case .count: return .length(11)
        case .amount: return .length(14)
        case .share: return .length(7)
        }
    }

    var alignment: Alignment {
        switch self {
        case .offer, .title: return .left
        case .count, .amount, .share: return .right
        }
    }

    /// The cell text; `total` is the range's reversal count (for the share).
    public func text(of line: ReversedOffer, total: Int) -> String {
        switch self {
        case .offer: return line.offerID ?? "—"
        case .title:
            if line.offerID == nil { return "(reversals that name no offer)" }
            return line.isStored ? line.title ?? "(no title)" : "(not in the stored feed)"
        case .count: return Formatting.count(line.count)
        case .amount: return OfferRow.twoDecimals(line.amount) + (line.currency.map { " \($0)" } ?? "")
        case .share: return Self.percent(line.count, of: total)
        }
    }

    /// "12%", "<1%"; "—" of nothing.
    static func percent(_ part: Int, of total: Int) -> String {
        guard total > 0 else { return "—" }
        let value = Double(part) * 100 / Double(total)
        return part > 0 && value < 1 ? "<1%" : "\(Int(value.rounded()))%"
    }

    /// What rows are sorted by in this column.
    func sortKey(of line: ReversedOffer) -> OfferSortKey {
        switch self {
        case .offer:
            guard let id = line.offerID else { return .text("") }
            return Double(id).map(OfferSortKey.number) ?? .text(id.lowercased())
        case .title: return .text(text(of: line, total: 0).lowercased())
        case .count, .share: return .number(Double(line.count))
        case .amount: return .number(line.amount)
        }
    }
}

import CPAPIKit
import TUI

/// The columns of `:platform`'s table, in order: their titles, widths and text (also what its
/// filter searches and its sort compares).
public enum PlatformColumn: Int, CaseIterable, Sendable {
    case id, externalID, source, campaign, title, status, payout

    var title: String {
        switch self {
        case .id: return "ID"
        case .externalID: return "External ID"
        case .source: return "Source"
        case .campaign: return "Campaign"
        case .title: return "Title"
        case .status: return "Status"
        case .payout: return "Payout"
        }
    }

    var width: Constraint {
        switch self {
        case .id: return .length(7)
        case .externalID: return .length(16)
        case .source: return .length(10)
        case .campaign: return .length(10)
        case .title: return .fill
        case .status: return .length(9)
        case .payout: return .length(12)
        }
    }

    var alignment: Alignment { self == .id || self == .payout ? .right : .left }

    public func text(of row: PlatformOfferRow) -> String {
        switch self {
        case .id: return String(row.id)
        case .externalID: return row.externalOfferID ?? "(none)"
        // A copy or an offer made by hand belongs to no synced offer.
        case .source: return row.offer?.sourceID ?? "—"
        case .campaign: return row.campaignID ?? "—"
        case .title: return row.title
        case .status: return row.status?.rawValue ?? "—"
        case .payout: return row.payout.map { OfferRow.twoDecimals($0) + (row.currency.isEmpty ? "" : " " + row.currency) } ?? "—"
        }
    }

    /// What the sort compares as a number (NaN: the text).
    func number(of row: PlatformOfferRow) -> Double {
        switch self {
        case .id: return Double(row.id)
        case .payout: return row.payout ?? -.infinity
        default: return .nan
        }
    }
}

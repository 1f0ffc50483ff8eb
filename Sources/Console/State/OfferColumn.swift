import CPAPIKit
import TUI

/// The columns of the Offers table, in order: their titles, widths, text and sort order.
public enum OfferColumn: Int, CaseIterable, Sendable {
    case source, externalID, title, payout, countries, devices, valid, inFeed, platformStatus, state

    public var title: String {
        switch self {
        case .source: return "Source"
        case .externalID: return "ID"
        case .title: return "Title"
        case .payout: return "Payout"
        case .countries: return "Countries"
        case .devices: return "Devices"
        case .valid: return "Valid"
        case .inFeed: return "Feed"
        case .platformStatus: return "Platform"
        case .state: return "State"
        }
    }

    /// The columns shown: everything on a wide screen, the essentials on a narrow one (80 columns).
    public static func visible(narrow: Bool) -> [OfferColumn] {
        narrow ? [.source, .externalID, .title, .payout, .state] : allCases
    }

    var width: Constraint {
        switch self {
        case .source: return .length(8)
        case .externalID: return .length(7)
        case .title: return .min(12)
        case .payout: return .length(10)
        case .countries: return .length(12)
        case .devices: return .length(9)
        case .valid: return .length(5)
        case .inFeed: return .length(4)
        case .platformStatus: return .length(9)
        case .state: return .length(15)
        }
    }

    var alignment: Alignment { self == .payout ? .right : .left }

    public func text(of row: OfferRow) -> String {
        switch self {
        case .source: return row.key.sourceID
        case .externalID: return row.key.externalID
        case .title: return row.title
        case .payout: return row.payoutText
        case .countries: return row.countriesText
        case .devices: return row.devicesText
        case .valid: return row.isValid ? "yes" : "no"
        case .inFeed: return row.inFeed ? "yes" : "no"
        case .platformStatus: return row.platformStatusText
        case .state: return row.stateText
        }
    }

    /// What rows are sorted by in this column (ties are broken by offer key by the caller).
    func sortKey(of row: OfferRow) -> OfferSortKey {
        switch self {
        case .payout: return .number(row.payout ?? -.infinity)
        case .externalID:
            if let n = Double(row.key.externalID) { return .number(n) }
            return .text(row.key.externalID.lowercased())
        default: return .text(text(of: row).lowercased())
        }
    }
}

/// A sort key: numbers sort before text, numerically.
enum OfferSortKey: Comparable, Sendable {
    case number(Double)
    case text(String)
}

import CPAPIKit
import TUI

/// The columns of the Offers table, in order: their titles, widths and text, for each
/// `OfferTableFit`.
public enum OfferColumn: Int, CaseIterable, Sendable {
    case source, externalID, title, payout, countries, devices, valid, inFeed, platformStatus, state

    /// The columns shown: all ten unless the pane is too narrow even for their compact form (an
    /// 80-column terminal), then the essentials.
    public static func visible(in fit: OfferTableFit) -> [OfferColumn] {
        fit == .essentials ? [.source, .externalID, .title, .payout, .state] : allCases
    }

    public func title(in fit: OfferTableFit) -> String {
        switch self {
        case .source: return fit == .roomy ? "Source" : "Src"
        case .externalID: return "ID"
        case .title: return "Title"
        case .payout: return "Payout"
        case .countries: return fit == .roomy ? "Countries" : "Ctry"
        case .devices: return fit == .roomy ? "Devices" : "Dev"
        case .valid: return fit == .roomy ? "Valid" : "V"
        case .inFeed: return fit == .roomy ? "Feed" : "F"
        case .platformStatus: return fit == .roomy ? "Platform" : "Plat"
        case .state: return "State"
        }
    }

    /// The column's width; the title takes what the others leave.
    func width(in fit: OfferTableFit) -> Constraint {
        if self == .title { return .min(fit == .roomy ? OfferTableFit.roomyTitle : OfferTableFit.compactTitle) }
        return .length(fixedWidth(in: fit))
    }

    /// The width of a column other than the title.
    func fixedWidth(in fit: OfferTableFit) -> Int {
        let roomy = fit == .roomy
        switch self {
        case .source: return roomy ? 8 : 7
        case .externalID: return roomy ? 7 : 6
        case .title: return 0
        case .payout: return roomy ? 10 : 9
        case .countries: return roomy ? 12 : 6
        case .devices: return roomy ? 9 : 7
        case .valid: return roomy ? 5 : 1
        case .inFeed: return roomy ? 4 : 1
        case .platformStatus: return roomy ? 9 : 7
        case .state: return roomy ? 15 : 9
        }
    }

    var alignment: Alignment { self == .payout ? .right : .left }

    /// The cell's text: in full when roomy (also what the filter searches and the sort compares),
    /// shortened to the compact column otherwise.
    public func text(of row: OfferRow, in fit: OfferTableFit = .roomy) -> String {
        let roomy = fit == .roomy
        switch self {
        case .source: return row.key.sourceID
        case .externalID: return row.key.externalID
        case .title: return row.title
        case .payout: return row.payoutText
        case .countries: return roomy ? row.countriesText : row.countriesShortText
        case .devices: return roomy ? row.devicesText : row.devicesShortText
        case .valid: return roomy ? (row.isValid ? "yes" : "no") : (row.isValid ? "✓" : "✗")
        case .inFeed: return roomy ? (row.inFeed ? "yes" : "no") : (row.inFeed ? "●" : "○")
        case .platformStatus: return roomy ? row.platformStatusText : row.placements.first.map { $0.platformStatus?.rawValue ?? "—" } ?? "—"
        case .state:
            // Compact: "+N" (more placements) only where it fits; the details list them all.
            let text = row.stateText
            guard !roomy, text.count > fixedWidth(in: fit), let first = row.placements.first else { return text }
            return first.state.rawValue
        }
    }
}

/// A sort key: numbers sort before text, numerically (the Reports table's; the Offers table sorts
/// through `OfferIndex.order(by:ascending:)`).
enum OfferSortKey: Comparable, Sendable {
    case number(Double)
    case text(String)
}

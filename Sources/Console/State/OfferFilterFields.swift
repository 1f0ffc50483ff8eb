import CPAPIKit

/// The fields of the Offers filter (`/`): what each holds of an offer row, how it is matched, and
/// which table column shows it (for the highlight). A bare term looks in every column shown but
/// V and F; codes (countries, currency) match as whole tokens, everything else from a word's start.
public enum OfferFilterFields: Int, CaseIterable, Sendable {
    case source, id, title, payout, currency, countries, devices, valid, feed, platform, state, campaign

    public static let schema = FilterSchema(allCases.map(\.field))

    var field: FilterField {
        switch self {
        case .source: return FilterField("src", aliases: ["source"], summary: "source id (src:apps)")
        case .id: return FilterField("id", isNumeric: true, summary: "offer id, a number too (id:2000, id>=1000)")
        case .title: return FilterField("title", summary: "title (title:survey)")
        // Whole, like a code: the column also shows the currency, which a bare `us` must not mark.
        case .payout: return FilterField("payout", rule: .token, isNumeric: true, summary: "payout amount (payout>5, payout<=0.5)")
        case .currency: return FilterField("cur", aliases: ["currency"], rule: .token, summary: "payout currency, whole (cur:USD)")
        case .countries:
            return FilterField("ctry", aliases: ["country", "countries"], rule: .token, summary: "any of its countries, whole codes (ctry:US,CA)")
        case .devices: return FilterField("dev", aliases: ["device", "devices"], summary: "devices (dev:ios)")
        case .valid: return FilterField("valid", rule: .token, isSearchedByBareTerms: false, summary: "yes or no (valid:no)")
        case .feed: return FilterField("feed", rule: .token, isSearchedByBareTerms: false, summary: "in the feed: yes or no (feed:no)")
        case .platform: return FilterField("plat", aliases: ["platform"], summary: "platform status of any placement (plat:stopped)")
        case .state:
            return FilterField("state", summary: "state of any placement, or unplaced (state:held, state:paused)")
        case .campaign:
            return FilterField("camp", aliases: ["campaign"], isSearchedByBareTerms: false, summary: "campaign of any placement (camp:tier1)")
        }
    }

    /// What the field holds of `row`: in full (every country, every placement), not as the
    /// compact columns shorten it.
    func text(of row: OfferRow) -> String {
        switch self {
        case .source: return row.key.sourceID
        case .id: return row.key.externalID
        case .title: return row.title
        case .payout: return row.payout.map(OfferRow.twoDecimals) ?? ""
        case .currency: return row.currency
        case .countries: return row.countries.joined(separator: " ")
        case .devices: return row.devicesText
        case .valid: return row.isValid ? "yes" : "no"
        case .feed: return row.inFeed ? "yes" : "no"
        case .platform: return row.placements.compactMap { $0.platformStatus?.rawValue }.joined(separator: " ")
        case .state: return row.placements.isEmpty ? "unplaced" : row.placements.map(\.state.rawValue).joined(separator: " ")
        case .campaign: return row.placements.map(\.campaignID).joined(separator: " ")
        }
    }

    func number(of row: OfferRow) -> Double? {
        switch self {
        case .payout: return row.payout
        case .id: return Double(row.key.externalID)
        default: return nil
        }
    }

    /// The fields a table column shows, whose matches it highlights.
    static func shown(in column: OfferColumn) -> [Int] {
        let fields: [OfferFilterFields]
        switch column {
        case .source: fields = [.source]
        case .externalID: fields = [.id]
        case .title: fields = [.title]
        case .payout: fields = [.payout, .currency]
        case .countries: fields = [.countries]
        case .devices: fields = [.devices]
        case .valid: fields = [.valid]
        case .inFeed: fields = [.feed]
        case .platformStatus: fields = [.platform]
        case .state: fields = [.state]
        }
        return fields.map(\.rawValue)
    }

    /// The filter index of `rows`.
    static func index(of rows: [OfferRow]) -> FilterIndex {
        let all = allCases
        return FilterIndex(
            schema: schema, rowCount: rows.count, text: { all[$1].text(of: rows[$0]) }, number: { all[$1].number(of: rows[$0]) })
    }
}

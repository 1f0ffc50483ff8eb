import CPAPIKit

/// What the Offers table is narrowed to: everything, one source, or one campaign's placements.
public enum OfferScope: Sendable, Hashable {
    case all
    case source(String)
    case campaign(String)

    func includes(_ row: OfferRow) -> Bool {
        switch self {
        case .all: return true
        case .source(let id): return row.key.sourceID == id
        case .campaign(let id): return row.placements.contains { $0.campaignID == id }
        }
    }

    public var label: String? {
        switch self {
        case .all: return nil
        case .source(let id): return "source \(id)"
        case .campaign(let id): return "campaign \(id)"
        }
    }
}

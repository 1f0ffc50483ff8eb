import CPAPIKit

/// One offer as the Offers table shows it: small strings and flags only, so 100k of them stay
/// compact in memory. Built by the data source from the store; the table formats only the rows on
/// screen.
public struct OfferRow: Sendable, Equatable {
    public var key: OfferKey
    public var title: String
    public var payout: Double?
    public var currency: String
    /// Country codes as sent, already sorted.
    public var countries: [String]
    public var devices: [String]
    public var isValid: Bool
    public var inFeed: Bool
    /// One entry per campaign that placed this offer.
    public var placements: [PlacementBrief]

    public init(key: OfferKey, title: String, payout: Double?, currency: String, countries: [String],
                devices: [String], isValid: Bool, inFeed: Bool, placements: [PlacementBrief] = []) {
        self.key = key; self.title = title; self.payout = payout; self.currency = currency
        self.countries = countries; self.devices = devices; self.isValid = isValid; self.inFeed = inFeed
        self.placements = placements
    }

    /// "12.50 USD", or "—" when the source sent no amount.
    public var payoutText: String {
        guard let payout else { return "—" }
        return OfferRow.twoDecimals(payout) + (currency.isEmpty ? "" : " " + currency)
    }

    public var countriesText: String {
        countries.count <= 4 ? countries.joined(separator: " ") : countries.prefix(3).joined(separator: " ") + " +\(countries.count - 3)"
    }

    /// The countries in six cells: "US CA", or the first and how many more ("US +4").
    public var countriesShortText: String {
        countries.count <= 2 ? countries.joined(separator: " ") : "\(countries[0]) +\(countries.count - 1)"
    }

    public var devicesText: String { devices.joined(separator: " ") }

    /// The devices in seven cells: one in full ("android"), two by their first three letters
    /// ("and ios"), more as the first and how many more ("and +2").
    public var devicesShortText: String {
        switch devices.count {
        case 0: return ""
        case 1: return devices[0]
        case 2: return devices.map { String($0.prefix(3)) }.joined(separator: " ")
        default: return "\(devices[0].prefix(3)) +\(devices.count - 1)"
        }
    }

    /// The platform status of the first placement (and how many more there are).
    public var platformStatusText: String {
        guard let first = placements.first else { return "—" }
        return (first.platformStatus?.rawValue ?? "—") + (placements.count > 1 ? " +\(placements.count - 1)" : "")
    }

    /// The placement state, or "unplaced" when no campaign covers the offer.
    public var stateText: String {
        guard let first = placements.first else { return "unplaced" }
        return first.state.rawValue + (placements.count > 1 ? " +\(placements.count - 1)" : "")
    }

    /// The placement of `campaignID`, or the only one when `campaignID` is nil.
    public func placement(in campaignID: String?) -> PlacementBrief? {
        if let campaignID { return placements.first { $0.campaignID == campaignID } }
        return placements.count == 1 ? placements[0] : nil
    }

    /// `amount` with two decimals, without Foundation's locale-dependent formatting.
    public static func twoDecimals(_ amount: Double) -> String {
        let cents = (amount * 100).rounded()
        let negative = cents < 0
        let whole = Int(abs(cents)) / 100, fraction = Int(abs(cents)) % 100
        return (negative ? "-" : "") + "\(whole)." + (fraction < 10 ? "0" : "") + "\(fraction)"
    }
}

/// One campaign's placement of an offer, as much as the table and the actions need.
public struct PlacementBrief: Sendable, Equatable {
    public var campaignID: String
    public var state: PlacementState
    public var platformOfferID: Int?
    /// What the platform last reported (or what was last pushed when nothing was observed yet).
    public var platformStatus: PlatformStatus?
    /// Whether the campaign is on (an off campaign's placements are frozen).
    public var campaignEnabled: Bool

    public init(campaignID: String, state: PlacementState, platformOfferID: Int? = nil,
                platformStatus: PlatformStatus? = nil, campaignEnabled: Bool = true) {
        self.campaignID = campaignID; self.state = state; self.platformOfferID = platformOfferID
        self.platformStatus = platformStatus; self.campaignEnabled = campaignEnabled
    }
}

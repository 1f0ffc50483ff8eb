import CPAPIKit

/// How the Offers table writes a row's values.
extension OfferRow {
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

    /// The platform status of the first placement (and how many more there are); narrowed to a
    /// campaign, the table shows its placement first (`seen(from:)`).
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

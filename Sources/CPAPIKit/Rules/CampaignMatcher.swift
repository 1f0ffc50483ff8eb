/// Whether a campaign takes a demand offer: its scope covers the offer, the offer is valid, and it
/// passes the campaign's filters. Pure: a function of the campaign and the offer only.
///
/// Filter semantics (an empty list or a nil bound means "any"):
/// - countries: the offer's countries (its list and its per-country payouts) meet the filter; an offer
///   with no countries is worldwide and so meets any country filter;
/// - devices: the offer's devices/OS meet the filter, where `android` and `ios` count as `mobile` and
///   `mobile` counts as both; an offer with no devices runs on all and meets any device filter;
/// - currencies: the offer's payout currency is in the list;
/// - payout min/max: bounds on the offer's default amount (an offer without one fails a bound).
public enum CampaignMatcher {
    /// The matcher's verdict, with the reasons when it says no.
    public enum Verdict: Sendable, Equatable {
        case matches
        /// Outside the campaign's scope (neither its sources nor its single offers).
        case notCovered
        /// Covered, but the offer is invalid (the source's reasons).
        case invalid([String])
        /// Covered and valid, but outside the filters (one reason per failed filter).
        case outOfFilter([String])

        public var isMatch: Bool { self == .matches }
    }

    /// True when the campaign's scope names the offer's source or the offer itself.
    public static func covers(_ campaign: Campaign, _ key: OfferKey) -> Bool {
        campaign.sources.contains(key.sourceID) || campaign.offers.contains(key)
    }

    /// The full verdict: scope, then validity, then filters.
    public static func verdict(_ campaign: Campaign, _ offer: DemandOffer) -> Verdict {
        guard covers(campaign, offer.key) else { return .notCovered }
        guard offer.isValid else { return .invalid(offer.invalidReasons) }
        let failures = filterFailures(campaign.filters, offer)
        return failures.isEmpty ? .matches : .outOfFilter(failures)
    }

    /// Why the offer fails the filters; empty when it passes them all.
    public static func filterFailures(_ filters: CampaignFilters, _ offer: DemandOffer) -> [String] {
        var failures: [String] = []
        if !filters.countries.isEmpty {
            let wanted = Set(filters.countries.map { $0.uppercased() })
            let offered = Set(offer.countries.map { $0.uppercased() } + offer.countryPayouts.map { $0.country.uppercased() })
            if !offered.isEmpty && offered.isDisjoint(with: wanted) {
                failures.append("countries \(offered.sorted().joined(separator: ",")) are not in the filter \(wanted.sorted().joined(separator: ","))")
            }
        }
        if !filters.devices.isEmpty {
            let wanted = Set(filters.devices.map { $0.lowercased() })
            let offered = expandedDevices(offer.devices)
            if !offered.isEmpty && offered.isDisjoint(with: wanted) {
                failures.append("devices \(offer.devices.joined(separator: ",")) are not in the filter \(wanted.sorted().joined(separator: ","))")
            }
        }
        if !filters.currencies.isEmpty {
            let wanted = Set(filters.currencies.map { $0.uppercased() })
            let currency = offer.payout.currency?.uppercased()
            if currency.map({ !wanted.contains($0) }) ?? true {
                failures.append("currency \(currency ?? "none") is not in the filter \(wanted.sorted().joined(separator: ","))")
            }
        }
        if let min = filters.payoutMin {
            if let amount = offer.payout.amount {
                if amount < min { failures.append("payout \(amount) is below the minimum \(min)") }
            } else {
                failures.append("no default payout to compare with the minimum \(min)")
            }
        }
        if let max = filters.payoutMax {
            if let amount = offer.payout.amount {
                if amount > max { failures.append("payout \(amount) is above the maximum \(max)") }
            } else {
                failures.append("no default payout to compare with the maximum \(max)")
            }
        }
        return failures
    }

    /// An offer's devices with their implications: a phone OS is mobile, and mobile is both phone OSes.
    static func expandedDevices(_ devices: [String]) -> Set<String> {
        var result = Set<String>()
        for device in devices.map({ $0.lowercased() }) {
            result.insert(device)
            switch device {
            case "android", "ios": result.insert("mobile")
            case "mobile": result.formUnion(["android", "ios"])
            default: break
            }
        }
        return result
    }
}

import Foundation

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
        /// Covered and valid, but outside the filters (one failure per failed filter).
        case outOfFilter([FilterFailure])

        public var isMatch: Bool { self == .matches }

        /// The verdict in a few words, with the values: "countries BR not in US, CA", "invalid (no
        /// tracking link)", "matches".
        public var summary: String {
            switch self {
            case .matches: return "matches"
            case .notCovered: return "not in the campaign's scope"
            case .invalid(let reasons): return "invalid (\(reasons.joined(separator: "; ")))"
            case .outOfFilter(let failures): return failures.map(\.summary).joined(separator: "; ")
            }
        }
    }

    /// One filter an offer fails, with the offer's value and the campaign's.
    public enum FilterFailure: Sendable, Equatable, CustomStringConvertible {
        /// None of the offer's countries (sorted, upper-cased) is among the filter's (as configured).
        case countries(offered: [String], wanted: [String])
        /// None of the offer's devices (as the source sent them) meets the filter's.
        case devices(offered: [String], wanted: [String])
        /// The offer's payout currency (nil: none) is not among the filter's.
        case currency(offered: String?, wanted: [String])
        /// The default payout (nil: none) is below `payout_min`.
        case payoutMin(amount: Double?, min: Double)
        /// The default payout (nil: none) is above `payout_max`.
        case payoutMax(amount: Double?, max: Double)

        /// The campaign's filter key that failed, as the config names it.
        public var rule: String {
            switch self {
            case .countries: return "countries"
            case .devices: return "devices"
            case .currency: return "currencies"
            case .payoutMin: return "payout_min"
            case .payoutMax: return "payout_max"
            }
        }

        /// Short, with the values: "countries BR not in US, CA", "payout 0.05 below payout_min 0.10".
        public var summary: String {
            switch self {
            case .countries(let offered, let wanted):
                return "countries \(offered.joined(separator: " ")) not in \(wanted.joined(separator: ", "))"
            case .devices(let offered, let wanted):
                return "devices \(offered.joined(separator: " ")) not in \(wanted.joined(separator: ", "))"
            case .currency(let offered, let wanted):
                return "currency \(offered ?? "none") not in \(wanted.joined(separator: ", "))"
            case .payoutMin(let amount?, let min):
                return "payout \(Self.amount(amount)) below payout_min \(Self.amount(min))"
            case .payoutMax(let amount?, let max):
                return "payout \(Self.amount(amount)) above payout_max \(Self.amount(max))"
            case .payoutMin(nil, let bound), .payoutMax(nil, let bound):
                return "no default payout to compare with \(rule) \(Self.amount(bound))"
            }
        }

        /// The sentence the planner records in a placement's reason (kept word for word: stored reasons
        /// and plan fingerprints depend on it).
        public var description: String {
            switch self {
            case .countries(let offered, let wanted):
                return "countries \(offered.joined(separator: ",")) are not in the filter \(Set(wanted).sorted().joined(separator: ","))"
            case .devices(let offered, let wanted):
                return "devices \(offered.joined(separator: ",")) are not in the filter \(Set(wanted).sorted().joined(separator: ","))"
            case .currency(let offered, let wanted):
                return "currency \(offered ?? "none") is not in the filter \(Set(wanted).sorted().joined(separator: ","))"
            case .payoutMin(let amount?, let min): return "payout \(amount) is below the minimum \(min)"
            case .payoutMax(let amount?, let max): return "payout \(amount) is above the maximum \(max)"
            case .payoutMin(nil, let min): return "no default payout to compare with the minimum \(min)"
            case .payoutMax(nil, let max): return "no default payout to compare with the maximum \(max)"
            }
        }

        /// Two decimals ("0.10"), or every decimal the figure has when two would round it ("0.125").
        static func amount(_ value: Double) -> String {
            let two = String(format: "%.2f", value)
            return Double(two) == value ? two : "\(value)"
        }
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
    public static func filterFailures(_ filters: CampaignFilters, _ offer: DemandOffer) -> [FilterFailure] {
        var failures: [FilterFailure] = []
        if !filters.countries.isEmpty {
            let wanted = unique(filters.countries.map { $0.uppercased() })
            let offered = Set(offer.countries.map { $0.uppercased() } + offer.countryPayouts.map { $0.country.uppercased() })
            if !offered.isEmpty && offered.isDisjoint(with: wanted) {
                failures.append(.countries(offered: offered.sorted(), wanted: wanted))
            }
        }
        if !filters.devices.isEmpty {
            let wanted = unique(filters.devices.map { $0.lowercased() })
            let offered = expandedDevices(offer.devices)
            if !offered.isEmpty && offered.isDisjoint(with: wanted) {
                failures.append(.devices(offered: offer.devices, wanted: wanted))
            }
        }
        if !filters.currencies.isEmpty {
            let wanted = unique(filters.currencies.map { $0.uppercased() })
            let currency = offer.payout.currency?.uppercased()
            if currency.map({ !wanted.contains($0) }) ?? true {
                failures.append(.currency(offered: currency, wanted: wanted))
            }
        }
        if let min = filters.payoutMin {
            let amount = offer.payout.amount
            if amount.map({ $0 < min }) ?? true { failures.append(.payoutMin(amount: amount, min: min)) }
        }
        if let max = filters.payoutMax {
            let amount = offer.payout.amount
            if amount.map({ $0 > max }) ?? true { failures.append(.payoutMax(amount: amount, max: max)) }
        }
        return failures
    }

    /// The values in their first order, each once.
    static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
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

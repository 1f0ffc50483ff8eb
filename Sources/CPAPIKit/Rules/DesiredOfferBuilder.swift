import Foundation

/// Computes the platform offer a campaign wants for a demand offer: every field at its desired
/// value, before the sync rules decide which of them a write sends. Pure.
public enum DesiredOfferBuilder {
    /// Payments rows carry `os` for these names and `devices` for the device kinds below; other names are dropped.
    static let operatingSystems: Set<String> = ["android", "ios", "windows", "macos", "linux"]
    static let deviceKinds: Set<String> = ["mobile", "desktop", "tablet"]
    /// The currency of a payout sent without one (CPAlead pays in US dollars).
    static let fallbackCurrency = "USD"

    /// The desired fields of the platform offer that `campaign` makes for `offer`.
    /// `trackingParams` are the source's (`SourceConfig.trackingParams`).
    public static func desired(campaign: Campaign, offer: DemandOffer, trackingParams: String?) -> PlatformOfferFields {
        let defaults = campaign.defaults
        return PlatformOfferFields(
            title: offer.title,
            description: offer.description ?? offer.conversion,
            url: offer.trackingURL.map { trackingURL($0, appending: trackingParams) },
            previewURL: offer.previewURL,
            externalOfferID: offer.key.externalID,
            advertiser: defaults.advertiser,
            status: campaignStatus(defaults.status, offer: offer),
            privacy: defaults.privacy,
            categories: defaults.categories.isEmpty ? offer.categories : defaults.categories,
            redirectType: defaults.redirectType,
            isRedirectOvercap: defaults.overcap,
            strictlyCountry: defaults.geoRestriction,
            logo: offer.logoURL,
            payments: payments(for: offer, payoutPercent: defaults.payoutPercent),
            caps: offer.caps.map { PlatformCap(period: $0.period, type: $0.type, value: $0.value) }
        )
    }

    /// The status the campaign gives a live offer: forced by its default, or according to the source
    /// (active while the source offers it, paused otherwise). Absence from the feed is not judged here:
    /// the planner pauses a missing offer only once the grace has passed.
    public static func campaignStatus(_ statusDefault: StatusDefault, offer: DemandOffer) -> PlatformStatus {
        switch statusDefault {
        case .active: return .active
        case .paused: return .suspended
        case .disabled: return .stopped
        case .source: return isOfferedBySource(offer) ? .active : .suspended
        }
    }

    /// The source offers it: its status there is `active` (or not stated, which the adapters use for "listed").
    static func isOfferedBySource(_ offer: DemandOffer) -> Bool {
        guard let status = offer.statusAtSource?.lowercased() else { return true }
        return status == "active"
    }

    /// The offer's tracking link with the source's params added, `?` or `&` as needed, before any
    /// `#fragment`. A param the link already carries is set in place rather than repeated (CPAlead's
    /// links come with an empty `subid=` for exactly this); the others are appended. The params are
    /// kept byte for byte: platform macros such as `{clickid}` must reach the platform unencoded.
    public static func trackingURL(_ url: String, appending params: String?) -> String {
        let additions = (params ?? "").split(separator: "&").map(String.init).filter {
            !$0.trimmingCharacters(in: .whitespaces).isEmpty && $0 != "?"
        }.map { $0.hasPrefix("?") ? String($0.dropFirst()) : $0 }
        guard !additions.isEmpty else { return url }
        var base = url
        var fragment = ""
        if let hash = url.firstIndex(of: "#") {
            base = String(url[..<hash])
            fragment = String(url[hash...])
        }
        let path: String
        var query: [String]
        if let mark = base.firstIndex(of: "?") {
            path = String(base[..<mark])
            query = base[base.index(after: mark)...].split(separator: "&", omittingEmptySubsequences: false).map(String.init)
            if query.last == "" { query.removeLast() }
        } else {
            path = base
            query = []
        }
        func name(_ pair: String) -> Substring { pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)[0] }
        for addition in additions {
            if let index = query.firstIndex(where: { name($0) == name(addition) }) {
                query[index] = addition
            } else {
                query.append(addition)
            }
        }
        return path + "?" + query.joined(separator: "&") + fragment
    }

    /// Payments rows: one per per-country payout, and the default amount for the offer's other countries
    /// (worldwide when the offer names none). The payout percent applies to every row.
    public static func payments(for offer: DemandOffer, payoutPercent: Double) -> [PlatformPayment] {
        let currency = offer.payout.currency?.uppercased() ?? fallbackCurrency
        let lowered = offer.devices.map { $0.lowercased() }
        let os = lowered.filter { operatingSystems.contains($0) }
        let devices = lowered.filter { deviceKinds.contains($0) }
        func row(_ countries: [String], _ total: Double) -> PlatformPayment {
            PlatformPayment(
                countries: countries, devices: devices, os: os, total: total,
                revenue: revenue(total: total, payoutPercent: payoutPercent), currency: currency, type: "fixed")
        }
        var rows = offer.countryPayouts.map { row([$0.country.uppercased()], $0.amount) }
        if let amount = offer.payout.amount {
            let covered = Set(offer.countryPayouts.map { $0.country.uppercased() })
            let countries = offer.countries.map { $0.uppercased() }
            let remaining = countries.filter { !covered.contains($0) }
            if countries.isEmpty {
                rows.append(row([], amount))
            } else if !remaining.isEmpty {
                rows.append(row(remaining, amount))
            }
        }
        return rows
    }

    /// The affiliate's share of a payout, rounded to 4 decimals. The percent is held to
    /// 0…`Payout.maximumPercent` (a campaign stored before `apply` refused more): a share must stay
    /// finite, or the push would store what no JSON column can read back.
    public static func revenue(total: Double, payoutPercent: Double) -> Double {
        let percent = min(max(payoutPercent, 0), Payout.maximumPercent)
        let share = (total * percent / 100 * 10_000).rounded() / 10_000
        return share.isFinite ? share : 0
    }
}

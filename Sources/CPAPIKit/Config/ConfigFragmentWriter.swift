import Foundation

/// Writes one stored source or campaign back out as a TOML fragment in the config file's own
/// shape (`[[sources]]` / `[[campaigns]]`), so an operator can edit it and `ConfigParser` reads it
/// back to the same value. Secrets stay references: `api_key_env` names the variable; a key kept
/// in a config file is not copied here (a comment says where it lives).
public enum ConfigFragmentWriter {
    public static func toml(for source: SourceConfig) -> String {
        var lines = ["[[sources]]"]
        lines.append("id = \(quoted(source.id))")
        lines.append("kind = \(quoted(source.kind.rawValue))")
        lines.append("title = \(quoted(source.title))")
        lines.append("url = \(quoted(source.baseURL))")
        lines.append("publisher_id = \(quoted(source.publisherID))")
        switch source.apiKey {
        case .environment(let name)?:
            lines.append("api_key_env = \(quoted(name))")
        case .configFile(let path, let table)?:
            lines.append("# api_key: kept in \(path) [\(table)]; left out here, so it stays as it is")
        case nil:
            break
        }
        if !source.types.isEmpty { lines.append("types = \(list(source.types))") }
        if let country = source.country { lines.append("country = \(quoted(country))") }
        if !source.devices.isEmpty { lines.append("devices = \(list(source.devices))") }
        if let offerwall = source.offerwallOffers { lines.append("offerwall_offers = \(offerwall)") }
        if let limit = source.limit { lines.append("limit = \(limit)") }
        if let params = source.trackingParams { lines.append("tracking_params = \(quoted(params))") }
        if source.incremental {
            lines.append("incremental = true")
            lines.append("full_every = \(quoted(duration(source.fullEvery)))")
        }
        if let poll = source.pollInterval { lines.append("poll_interval = \(quoted(duration(poll)))") }
        if let timeout = source.requestTimeout { lines.append("request_timeout = \(quoted(duration(timeout)))") }
        if let deadline = source.fetchDeadline { lines.append("fetch_deadline = \(quoted(duration(deadline)))") }
        if source.jsonp { lines.append("jsonp = true") }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func toml(for campaign: Campaign) -> String {
        var lines = ["[[campaigns]]"]
        lines.append("id = \(quoted(campaign.id))")
        lines.append("title = \(quoted(campaign.title))")
        lines.append("enabled = \(campaign.enabled)")
        if !campaign.sources.isEmpty { lines.append("sources = \(list(campaign.sources))") }
        if !campaign.offers.isEmpty { lines.append("offers = \(list(campaign.offers.map(\.description)))") }

        let defaults = campaign.defaults
        lines.append("")
        lines.append("[campaigns.defaults]")
        if let advertiser = defaults.advertiser { lines.append("advertiser = \(quoted(advertiser))") }
        lines.append("payout_percent = \(number(defaults.payoutPercent))")
        lines.append("status = \(quoted(defaults.status.rawValue))")
        lines.append("privacy = \(quoted(defaults.privacy.rawValue))")
        if !defaults.categories.isEmpty { lines.append("categories = \(list(defaults.categories))") }
        if let redirect = defaults.redirectType { lines.append("redirect_type = \(quoted(redirect))") }
        if let overcap = defaults.overcap { lines.append("overcap = \(overcap)") }
        if let geo = defaults.geoRestriction { lines.append("geo_restriction = \(geo)") }

        let filters = campaign.filters
        lines.append("")
        lines.append("[campaigns.filters]")
        if !filters.countries.isEmpty { lines.append("countries = \(list(filters.countries))") }
        if !filters.devices.isEmpty { lines.append("devices = \(list(filters.devices))") }
        if !filters.currencies.isEmpty { lines.append("currencies = \(list(filters.currencies))") }
        if let min = filters.payoutMin { lines.append("payout_min = \(number(min))") }
        if let max = filters.payoutMax { lines.append("payout_max = \(number(max))") }

        lines.append("")
        lines.append("[campaigns.sync_rules]             # first_sync | always | disabled; a field left out is always")
        for field in SyncField.allCases where campaign.syncRules[field] != nil {
            lines.append("\(field.rawValue) = \(quoted(campaign.rule(for: field).rawValue))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A duration in the file's units, largest first: 5400 → `1h30m`, 45 → `45s`.
    static func duration(_ seconds: Double) -> String {
        var rest = Int(seconds.rounded())
        var text = ""
        for (suffix, size) in [("h", 3600), ("m", 60), ("s", 1)] where rest >= size {
            text += "\(rest / size)\(suffix)"
            rest %= size
        }
        return text.isEmpty ? "1s" : text
    }

    /// A TOML basic string.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += String(format: "\\u%04X", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    private static func list(_ items: [String]) -> String {
        "[" + items.map(quoted).joined(separator: ", ") + "]"
    }

    /// Whole numbers without a fraction (`70`), others as Swift prints them (`0.1`).
    private static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}

import Foundation

/// What changed in an offer between the version stored and the one a fetch returned, in words:
/// `payout 2.52 → 2.82 USD; countries +NZ`. The store phase writes it as the `offer_changed`
/// event's message, so the audit log says what changed, not only that something did.
///
/// Values are shown where they are short (payout, status, countries, devices, categories, title);
/// long or sensitive ones (links, which may carry tokens, and texts) are only said to have changed.
public struct OfferChangeSummary: Sendable, Equatable {
    /// One entry per changed field, in a fixed order.
    public var changes: [String]

    /// The changes from `old` to `new` (their keys are not compared).
    public init(from old: DemandOffer, to new: DemandOffer) {
        var changes: [String] = []
        if old.title != new.title { changes.append("title \(Self.quoted(old.title)) → \(Self.quoted(new.title))") }
        if let payout = Self.payoutChange(old.payout, new.payout) { changes.append(payout) }
        if old.payout.model != new.payout.model {
            changes.append("model \(old.payout.model ?? "—") → \(new.payout.model ?? "—")")
        }
        if let perCountry = Self.countryPayoutChange(old.countryPayouts, new.countryPayouts) { changes.append(perCountry) }
        if let countries = Self.listChange("countries", old.countries, new.countries) { changes.append(countries) }
        if let devices = Self.listChange("devices", old.devices, new.devices) { changes.append(devices) }
        if old.statusAtSource != new.statusAtSource {
            changes.append("status at source \(old.statusAtSource ?? "—") → \(new.statusAtSource ?? "—")")
        }
        if old.invalidReasons != new.invalidReasons {
            changes.append(new.isValid ? "valid again" : "invalid: " + new.invalidReasons.joined(separator: "; "))
        }
        if old.trackingURL != new.trackingURL { changes.append("tracking link changed") }
        if old.previewURL != new.previewURL { changes.append("preview link changed") }
        if old.caps != new.caps { changes.append("caps " + Self.capsText(old.caps) + " → " + Self.capsText(new.caps)) }
        if let categories = Self.listChange("categories", old.categories, new.categories) { changes.append(categories) }
        if old.description != new.description { changes.append("description changed") }
        if old.conversion != new.conversion { changes.append("conversion text changed") }
        if old.logoURL != new.logoURL { changes.append("logo changed") }
        self.changes = changes
    }

    /// The sentence stored with the event; a change in no compared field (the hash covers what is
    /// compared, so only an older hash) says so rather than nothing.
    public var text: String {
        changes.isEmpty ? "changed at the source" : changes.joined(separator: "; ")
    }

    /// `payout 2.52 → 2.82 USD` (one currency), `payout 2.52 USD → 2.40 EUR`, nil when equal.
    static func payoutChange(_ old: Payout, _ new: Payout) -> String? {
        guard old.amount != new.amount || old.currency != new.currency else { return nil }
        if old.currency == new.currency {
            return "payout \(amountText(old.amount)) → \(amountText(new.amount))" + (new.currency.map { " \($0)" } ?? "")
        }
        return "payout \(moneyText(old)) → \(moneyText(new))"
    }

    /// `per-country US 1.00 → 1.20, +CA 0.80, -DE`: changed amounts, added and removed countries
    /// (at most `shown` of them, then how many more).
    static func countryPayoutChange(_ old: [CountryPayout], _ new: [CountryPayout], shown: Int = 4) -> String? {
        guard old != new else { return nil }
        let before = Dictionary(old.map { ($0.country, $0.amount) }, uniquingKeysWith: { _, last in last })
        let after = Dictionary(new.map { ($0.country, $0.amount) }, uniquingKeysWith: { _, last in last })
        var parts: [String] = []
        for country in Set(before.keys).union(after.keys).sorted() {
            switch (before[country], after[country]) {
            case (let was?, let now?) where was != now: parts.append("\(country) \(amountText(was)) → \(amountText(now))")
            case (nil, let now?): parts.append("+\(country) \(amountText(now))")
            case (_?, nil): parts.append("-\(country)")
            default: break
            }
        }
        guard !parts.isEmpty else { return nil }
        return "per-country " + limited(parts, shown: shown)
    }

    /// `countries +NZ -DE`: what was added and removed (at most `shown`, then how many more).
    static func listChange(_ name: String, _ old: [String], _ new: [String], shown: Int = 6) -> String? {
        let before = Set(old), after = Set(new)
        let added = after.subtracting(before).sorted().map { "+" + $0 }
        let removed = before.subtracting(after).sorted().map { "-" + $0 }
        guard !added.isEmpty || !removed.isEmpty else { return nil }
        return name + " " + limited(added + removed, shown: shown, separator: " ")
    }

    static func limited(_ parts: [String], shown: Int, separator: String = ", ") -> String {
        let more = parts.count - shown
        return parts.prefix(shown).joined(separator: separator) + (more > 0 ? " (+\(more) more)" : "")
    }

    static func capsText(_ caps: [OfferCap]) -> String {
        caps.isEmpty ? "none" : caps.map { "\(amountText($0.value)) \($0.type)/\($0.period)" }.joined(separator: ", ")
    }

    static func moneyText(_ payout: Payout) -> String {
        amountText(payout.amount) + (payout.currency.map { " \($0)" } ?? "")
    }

    static func quoted(_ text: String?) -> String { text.map { "“\($0)”" } ?? "—" }

    /// Two decimals, more when they would hide a difference of a fraction of a cent (at most six).
    static func amountText(_ amount: Double?) -> String {
        guard let amount else { return "—" }
        var text = String(format: "%.6f", amount)
        while text.hasSuffix("0"), let dot = text.firstIndex(of: "."), text.distance(from: dot, to: text.endIndex) > 3 {
            text.removeLast()
        }
        return text
    }
}

import CPAPIKit
import Foundation

/// The text of a campaign's details screen: on or off, its scope, the defaults it gives every
/// offer, its filters, its sync rule per field, and its placements counted by state.
enum CampaignDetailsView {
    static func lines(_ d: CampaignDetails) -> [String] {
        let c = d.campaign, n = d.counts
        var out = ["\(c.title) · campaign \(c.id)", ""]
        out.append("Settings")
        out.append("  on?               " + onText(c))
        out.append("  sources           " + (c.sources.isEmpty ? "none" : c.sources.joined(separator: ", ")))
        if !c.offers.isEmpty { out.append("  single offers     " + c.offers.map(\.description).joined(separator: ", ")) }
        out.append("  advertiser        " + (c.defaults.advertiser ?? "—"))
        out.append("  privacy           " + c.defaults.privacy.rawValue)
        out.append("  payout            \(number(c.defaults.payoutPercent))% of the advertiser's payout")
        out.append("  status            " + statusText(c.defaults.status))
        out.append("  categories        " + list(c.defaults.categories, none: "none"))
        out.append("  redirect          " + (c.defaults.redirectType ?? "the platform's default"))
        out.append("  over cap          " + flag(c.defaults.overcap, on: "redirect traffic over the cap"))
        out.append("  geo restriction   " + flag(c.defaults.geoRestriction, on: "the offer's countries only"))
        out.append("")
        out.append("Filters")
        out.append("  countries         " + list(c.filters.countries, none: "any"))
        out.append("  devices           " + list(c.filters.devices, none: "any"))
        out.append("  currencies        " + list(c.filters.currencies, none: "any"))
        out.append("  payout            " + payoutRange(c.filters))
        out.append("")
        out.append("Sync rules")
        for field in SyncField.allCases {
            let rule = c.rule(for: field)
            out.append("  " + field.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0) + ruleText(rule))
        }
        out.append("")
        out.append("Placements (\(Formatting.count(n.matched)) matched)")
        for (label, count) in [
            ("pending", n.pending), ("live", n.live), ("paused missing", n.pausedMissing), ("paused source gone", n.pausedSourceGone),
            ("held", n.held), ("excluded", n.excluded)
        ] {
            out.append("  " + label.padding(toLength: 18, withPad: " ", startingAt: 0) + Formatting.count(count))
        }
        out.append("  out of filter     \(Formatting.count(n.outOfFilter)) (left as they are)")
        out.append("  last write failed \(Formatting.count(n.failing)) (retried next run)")
        return out
    }

    static func onText(_ c: Campaign) -> String {
        if let deleted = c.deletedAt { return "deleted \(Formatting.timestamp(deleted)): its placements are frozen" }
        return c.enabled ? "on" : "off: its placements are frozen, it creates nothing"
    }

    static func statusText(_ status: StatusDefault) -> String {
        switch status {
        case .source: return "source: follows the status at the source"
        case .active: return "active: always active"
        case .paused: return "paused: always paused"
        case .disabled: return "disabled: always disabled"
        }
    }

    static func ruleText(_ rule: SyncRule) -> String {
        switch rule {
        case .always: return "always: written on every sync"
        case .firstSync: return "first_sync: written when the offer is created only"
        case .disabled: return "disabled: never written"
        }
    }

    static func payoutRange(_ f: CampaignFilters) -> String {
        switch (f.payoutMin, f.payoutMax) {
        case (nil, nil): return "any"
        case (let min?, nil): return "at least \(number(min))"
        case (nil, let max?): return "at most \(number(max))"
        case (let min?, let max?): return "\(number(min)) to \(number(max))"
        }
    }

    static func list(_ items: [String], none: String) -> String { items.isEmpty ? none : items.joined(separator: ", ") }

    static func flag(_ value: Bool?, on: String) -> String {
        value.map { $0 ? "yes: \(on)" : "no" } ?? "the platform's default"
    }

    /// `70`, `0.10`: whole numbers bare, others with two decimals.
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e12 ? String(Int(value)) : OfferRow.twoDecimals(value)
    }
}

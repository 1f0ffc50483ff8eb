import Foundation

/// The words of the push's events: a status set, with what it was and why
/// (`status active → suspended (missing since 10:02 UTC)`), and the payout of an update
/// (`payments 1.26 → 1.47 USD`).
enum PushEventWording {
    /// `before`: the platform's status as best known before the push (nil: unknown).
    static func text(from before: PlatformStatus?, to after: PlatformStatus, plan: PlacementPlan, offer: DemandOffer?, at now: Date) -> String {
        "status \(before?.rawValue ?? "—") → \(after.rawValue) (\(why(plan, offer: offer, at: now)))"
    }

    static func why(_ plan: PlacementPlan, offer: DemandOffer?, at now: Date) -> String {
        if plan.state == .pausedMissing, let missing = offer?.missingSince { return "missing since " + time(missing, at: now) }
        return plan.reason
    }

    /// `10:02 UTC` on the day of `now` (UTC), else `2026-12-03 10:02 UTC`: stored in the message, so in one zone.
    static func time(_ date: Date, at now: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let clock = String(format: "%02d:%02d UTC", c.hour ?? 0, c.minute ?? 0)
        guard !calendar.isDate(date, inSameDayAs: now) else { return clock }
        return String(format: "%04d-%02d-%02d ", c.year ?? 0, c.month ?? 0, c.day ?? 0) + clock
    }

    /// `payments US 1.40 → 1.51, CA DE 1.10 → 1.20 USD`: the affiliate's share of each payment row
    /// (by its countries) that changed, at most `shown`; `payments` alone when none of them did (rows
    /// came or went) or nothing was pushed before.
    static func payments(from before: [PlatformPayment]?, to after: [PlatformPayment], shown: Int = 3) -> String {
        func key(_ p: PlatformPayment) -> String { p.countries.isEmpty ? "all countries" : p.countries.joined(separator: " ") }
        func amount(_ p: PlatformPayment) -> String { OfferChangeSummary.amountText(p.revenue) }
        var was: [String: PlatformPayment] = [:]
        for p in before ?? [] where was[key(p)] == nil { was[key(p)] = p }
        var parts: [String] = []
        for p in after {
            guard let old = was[key(p)], old.revenue != p.revenue || old.currency != p.currency else { continue }
            parts.append(
                old.currency == p.currency
                    ? "\(key(p)) \(amount(old)) → \(amount(p))" : "\(key(p)) \(amount(old)) \(old.currency) → \(amount(p)) \(p.currency)")
        }
        guard !parts.isEmpty else { return "payments" }
        let currencies = Set(after.map(\.currency))
        let oneCurrency = currencies.count == 1 && was.values.allSatisfy { currencies.contains($0.currency) }
        return "payments " + OfferChangeSummary.limited(parts, shown: shown) + (oneCurrency ? " \(currencies.first!)" : "")
    }
}

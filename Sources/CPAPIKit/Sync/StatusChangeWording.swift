import Foundation

/// The words of a status the push set, with what it was and why:
/// `status active → suspended (missing since 10:02 UTC)`.
enum StatusChangeWording {
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
}

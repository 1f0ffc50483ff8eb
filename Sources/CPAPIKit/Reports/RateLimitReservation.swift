import Foundation

/// What asking for a report API's slot gave: the call may go now, or not before `until`.
public enum RateLimitReservation: Sendable, Equatable {
    /// The slot is this caller's; the next one opens at `nextAllowedAt`.
    case granted(nextAllowedAt: Date)
    /// Another call holds the slot (or the API asked us to back off) until then.
    case wait(until: Date)
}

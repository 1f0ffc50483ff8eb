/// What the planner decided for one placement: the platform write to make (if any), the state the
/// placement is in once that write succeeded (or at once, when there is no write), and why.
public struct PlacementPlan: Sendable, Equatable {
    /// One write to the platform.
    public enum Write: Sendable, Equatable {
        /// Create the offer with these fields.
        case create(PlatformOfferFields)
        /// Edit the offer: only the fields that are set (status included when it must change too).
        case update(PlatformOfferFields)
        /// Only the status changes: batched with others into one mass update.
        case setStatus(PlatformStatus)
    }

    public var write: Write?
    /// The placement's state after the write (unchanged when the write fails).
    public var state: PlacementState
    /// The offer is matched by scope but fails the filters (or is invalid): left as it is.
    public var outOfFilter: Bool
    /// Why, in words, for the placement's reason and the events.
    public var reason: String
    /// A change of state the operator should see besides the write itself (`paused_missing`, `resumed`…).
    public var event: SyncEventKind?

    public init(
        write: Write? = nil, state: PlacementState, outOfFilter: Bool = false, reason: String,
        event: SyncEventKind? = nil
    ) {
        self.write = write; self.state = state; self.outOfFilter = outOfFilter; self.reason = reason; self.event = event
    }

    /// The status this plan sends, if it sends one.
    public var pushedStatus: PlatformStatus? {
        switch write {
        case .create(let fields), .update(let fields): return fields.status
        case .setStatus(let status): return status
        case nil: return nil
        }
    }
}

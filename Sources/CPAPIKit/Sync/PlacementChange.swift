import Foundation

/// A placement's new state and the events that explain it, written in one transaction
/// (`recordPlacementChanges` of the store).
public struct PlacementChange: Sendable {
    public var placement: Placement
    public var events: [SyncEvent]

    public init(placement: Placement, events: [SyncEvent]) {
        self.placement = placement; self.events = events
    }
}

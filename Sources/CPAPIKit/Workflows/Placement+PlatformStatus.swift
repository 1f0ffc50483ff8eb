extension Placement {
    /// The platform offer's status as best known: what observe last read back, unless a later push
    /// changed it (nil before the first push).
    public var knownPlatformStatus: PlatformStatus? { PlacementPlanner.currentStatus(self) }
}

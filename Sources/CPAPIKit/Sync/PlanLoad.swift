/// What a run's plan phase loaded of one source: the placements to plan, in full, and those found
/// settled, each with the platform state that confirms it (observe reads it; a placement whose
/// platform offer differs is loaded in full then and takes the full path).
struct PlanLoad: Sendable {
    var works: [PlacementWork] = []
    /// Settled placements by row id: the state their platform offer has if nothing happened to it there.
    var settled: [Int64: PlatformOfferState] = [:]
}

import CPAPIKit
import Foundation

/// The `--json` shapes shared by several commands. Keys become snake_case; no dictionary with
/// free-form keys is encoded (the key strategy would rewrite them), so headers are a list.
enum JSONShapes {
    struct Failure: Encodable {
        var at: Date
        var reason: String
        var httpStatus: Nullable<Int>
        var headers: [Header]
        var body: Nullable<String>

        init(_ failure: FetchFailure) {
            at = failure.at; reason = failure.reason; httpStatus = Nullable(failure.httpStatus)
            headers = failure.headers.sorted { $0.key < $1.key }.map { Header(name: $0.key, value: $0.value) }
            body = Nullable(failure.body)
        }
    }

    struct Header: Encodable {
        var name: String
        var value: String
    }

    struct OfferCounts: Encodable {
        var total: Int
        var inFeed: Int
        var missing: Int
        var invalid: Int

        init(_ counts: WorkspaceStore.OfferCounts) {
            total = counts.total; inFeed = counts.inFeed; missing = counts.missing; invalid = counts.invalid
        }
    }

    struct Run: Encodable {
        var id: Nullable<Int64>
        var source: String
        var kind: String
        var startedAt: Date
        var endedAt: Nullable<Date>
        var phase: String
        var status: String
        var counts: SyncCounts
        var error: Nullable<String>
        var missingNote: Nullable<String>

        init(_ run: SyncRun) {
            id = Nullable(run.id); source = run.sourceID; kind = run.kind.rawValue; startedAt = run.startedAt
            endedAt = Nullable(run.endedAt); phase = run.phase.rawValue; status = run.status.rawValue
            counts = run.counts; error = Nullable(run.error); missingNote = Nullable(run.missingNote)
        }
    }

    /// One campaign's platform offer for a demand offer (`offers --json`, `offer … --json`).
    struct PlacementItem: Encodable {
        var campaign: String
        var platformOfferId: Nullable<Int>
        var platformStatus: Nullable<String>
        var state: String
        var outOfFilter: Bool
        var reason: Nullable<String>
        var lastError: Nullable<String>
        var lastPushedAt: Nullable<Date>
        var copyPlatformOfferId: Nullable<Int>
        var workflowStep: Nullable<String>

        init(_ placement: Placement) {
            campaign = placement.campaignID; platformOfferId = Nullable(placement.platformOfferID)
            platformStatus = Nullable(placement.knownPlatformStatus?.rawValue); state = placement.state.rawValue
            outOfFilter = placement.outOfFilter; reason = Nullable(placement.reason); lastError = Nullable(placement.lastError)
            lastPushedAt = Nullable(placement.lastPushedAt); copyPlatformOfferId = Nullable(placement.copyPlatformOfferID)
            workflowStep = Nullable(placement.workflowStep)
        }
    }
}

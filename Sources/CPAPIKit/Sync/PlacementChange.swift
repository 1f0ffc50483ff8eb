import Foundation
import GRDB

/// A placement's new state and the events that explain it, written in one transaction.
struct PlacementChange: Sendable {
    var placement: Placement
    var events: [SyncEvent]

    /// Writes changes a batch at a time: each placement with its events, all in one transaction.
    /// The rows' values are made first, outside the transaction: the workspace has one writer, and
    /// while it encodes JSON every other source's write waits.
    static func write(_ changes: [PlacementChange], store: WorkspaceStore, at date: Date) async throws {
        guard !changes.isEmpty else { return }
        var dates = DatabaseDates()
        let rows = try changes.map { change in
            (placement: try WorkspaceStore.updateValues(change.placement, at: date, dates: &dates),
             events: change.events.map { WorkspaceStore.eventValues($0, dates: &dates) })
        }
        try await store.pool.write { db in
            for row in rows { try WorkspaceStore.updatePlacement(values: row.placement, db: db) }
            try WorkspaceStore.insertEvents(values: rows.flatMap(\.events), db: db)
        }
    }
}

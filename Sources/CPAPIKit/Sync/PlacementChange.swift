import Foundation
import GRDB

/// A placement's new state and the events that explain it, written in one transaction.
struct PlacementChange: Sendable {
    var placement: Placement
    var events: [SyncEvent]

    /// Writes changes a batch at a time: each placement with its events, all in one transaction.
    static func write(_ changes: [PlacementChange], store: WorkspaceStore, at date: Date) async throws {
        guard !changes.isEmpty else { return }
        try await store.pool.write { db in
            var dates = DatabaseDates()
            for change in changes {
                try WorkspaceStore.updatePlacement(change.placement, at: date, db: db, dates: &dates)
                try WorkspaceStore.insertEvents(change.events, db: db, dates: &dates)
            }
        }
    }
}

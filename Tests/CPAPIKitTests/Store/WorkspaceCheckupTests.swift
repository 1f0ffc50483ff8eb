import Foundation
import GRDB
import Testing
@testable import CPAPIKit

/// The doctor's checks over a workspace's database.
@Suite struct WorkspaceCheckupTests {
    @Test func checkupFindsInconsistentPlacements() throws {
        let dir = try ScratchFolder(); defer { dir.remove() }
        let store = try dir.makeStore()
        func levels() -> [String: WorkspaceCheckup.Level] {
            Dictionary(uniqueKeysWithValues: WorkspaceCheckup.examine(path: store.path).map { ($0.check, $0.level) })
        }
        #expect(levels().values.allSatisfy { $0 == .ok }, "\(WorkspaceCheckup.examine(path: store.path))")
        try store.pool.write { db in
            for (offer, platformID, attempted) in [("1", 7 as Int?, false), ("2", 7, false), ("3", nil, true)] {
                try db.execute(
                    sql: """
                        INSERT INTO placements (campaign_id, source_id, external_id, platform_offer_id, state, create_attempted_at,
                                                created_at, updated_at)
                        VALUES ('gone', 's', ?, ?, 'live', ?, ?, ?)
                        """, arguments: [offer, platformID, attempted ? Date() : nil, Date(), Date()])
            }
        }
        let found = levels()
        #expect(found["placements' campaigns"] == .problem && found["placements' offers"] == .problem)
        #expect(found["platform offer ids"] == .problem && found["lost creates"] == .note)
        #expect(found["integrity"] == .ok && found["schema"] == .ok)
        let shared = try #require(WorkspaceCheckup.examine(path: store.path).first { $0.check == "platform offer ids" })
        #expect(shared.detail.contains("7 (gone s:1, gone s:2)"), "\(shared.detail)")
    }
}

import Foundation
import GRDB
import LoopbackServers
import Testing
@testable import CPAPIKit

/// `doctor` as the built `cpapi-tui`, over workspaces made as in `WorkspaceSafetyTests`.
@Suite struct DoctorCommandTests: WorkspaceProcessFixture {
    // MARK: B. doctor

    @Test func doctorSaysHealthyThenNamesWhatIsInconsistent() async throws {
        let scratch = try await syncedWorkspace(); defer { scratch.remove() }
        let healthy = try await BinaryProcess.run(["--workspace", scratch.workspace, "doctor"])
        #expect(healthy.status == 0, "\(healthy.stdout)\(healthy.stderr)")
        #expect(healthy.stdout.hasSuffix("healthy\n") && healthy.stdout.contains("integrity"))

        try edit(database(scratch)) { db in
            let ids = try Int64.fetchAll(db, sql: "SELECT id FROM placements ORDER BY id LIMIT 3")
            try db.execute(
                sql: "UPDATE placements SET platform_offer_id = (SELECT platform_offer_id FROM placements WHERE id = ?) WHERE id = ?",
                arguments: [ids[0], ids[1]])
            try db.execute(
                sql: "UPDATE placements SET platform_offer_id = NULL, create_attempted_at = updated_at WHERE id = ?",
                arguments: [ids[2]])
            try db.execute(sql: "DELETE FROM campaigns")
        }
        let sick = try await BinaryProcess.run(["--workspace", scratch.workspace, "doctor"])
        #expect(sick.status == 1)
        #expect(sick.stdout.contains("placements name a campaign the workspace does not have"), "\(sick.stdout)")
        #expect(sick.stdout.contains("platform offers are each shared by several placements"), "\(sick.stdout)")
        #expect(sick.stdout.contains("1 lost creates to look up"), "\(sick.stdout)")
        #expect(sick.errorLines.count == 1 && sick.stderr.contains("problems found"))
    }

    @Test func doctorNamesAMalformedDatabaseWithoutWritingIt() async throws {
        let scratch = try await syncedWorkspace(); defer { scratch.remove() }
        try malform(scratch)
        let before = bytes(scratch)
        let doctor = try await BinaryProcess.run(["--workspace", scratch.workspace, "doctor"])
        #expect(doctor.status == 1 && doctor.stdout.contains("PROBLEM") && doctor.stdout.contains("malformed"), "\(doctor.stdout)")
        #expect(bytes(scratch) == before)
    }
}

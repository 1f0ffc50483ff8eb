import Foundation
import Testing
@testable import CPAPIKit

/// What is particular to the embedded platform: its listing for the `:platform` view, its clock,
/// its hand actions on missing offers, and that it lives in the workspace file.
@Suite struct LocalPlatformTests {
    private struct FixedClock: SyncClock {
        let date: Date
        func now() -> Date { date }
    }

    private func withLocalPlatform(
        clock: any SyncClock = SystemClock(),
        _ body: (LocalPlatform, WorkspaceStore) async throws -> Void
    ) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try WorkspaceStore(path: WorkspaceStore.databasePath(inWorkspace: directory.path))
        try await body(LocalPlatform(store: store, clock: clock), store)
    }

    @Test func allOffersListsPagesFilteredByStatus() async throws {
        try await withLocalPlatform { platform, _ in
            var ids: [Int] = []
            for index in 0..<7 {
                var fields = sampleOffer(externalID: "l-\(index)")
                fields.status = index.isMultiple(of: 3) ? .suspended : .active
                ids.append(try await platform.createOffer(fields))
            }
            let first = try await platform.allOffers(page: 1, limit: 3)
            #expect(first.offers.map(\.id) == Array(ids[0..<3]))
            #expect(first.totalCount == 7)
            #expect(first.nextPage == 2)
            let last = try await platform.allOffers(page: 3, limit: 3)
            #expect(last.offers.map(\.id) == [ids[6]])
            #expect(last.nextPage == nil)

            let suspended = try await platform.allOffers(status: .suspended, page: 1, limit: 10)
            #expect(suspended.offers.map(\.id) == [ids[0], ids[3], ids[6]])
            #expect(suspended.totalCount == 3)
            await #expect(throws: PlatformError.self) { _ = try await platform.allOffers(page: 0) }
        }
    }

    @Test func batchCreatesAnswerEachOfferItsOwnIDAndNeverReuseOne() async throws {
        try await withLocalPlatform { platform, _ in
            let single = try await platform.createOffer(sampleOffer(externalID: "single"))
            try await platform.deleteOffers(ids: [single])
            let batch = (0..<150).map { sampleOffer(externalID: "b-\($0)") }
            let ids = try await platform.createOffers(batch).map { try $0.get() }
            #expect(ids == Array((single + 1)...(single + 150)), "next after the deleted one, in order")
            for (fields, id) in zip(batch, ids) {
                #expect(try await platform.offer(id: id)?.fields.externalOfferID == fields.externalOfferID)
            }
            try await platform.deleteOffers(ids: [ids[149]])
            #expect(try await platform.createOffer(sampleOffer(externalID: "after")) == single + 151, "a deleted id is not used again")
        }
    }

    @Test func updatedAtIsReadFromTheClock() async throws {
        let moment = Date(timeIntervalSince1970: 1_800_000_000)
        try await withLocalPlatform(clock: FixedClock(date: moment)) { platform, _ in
            let id = try await platform.createOffer(sampleOffer())
            #expect(try await platform.offer(id: id)?.updatedAt == moment)
        }
    }

    @Test func handActionsOnAMissingOfferAreNotFound() async throws {
        try await withLocalPlatform { platform, _ in
            await #expect(throws: PlatformError.notFound(id: 5)) { try await platform.disableByHand(id: 5) }
            await #expect(throws: PlatformError.notFound(id: 5)) { try await platform.pauseByHand(id: 5) }
            await #expect(throws: PlatformError.notFound(id: 5)) { try await platform.removeExternalIDByHand(id: 5) }
            await #expect(throws: PlatformError.notFound(id: 5)) { try await platform.deleteByHand(id: 5) }
        }
    }

    @Test func offersOutliveReopeningTheWorkspace() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = WorkspaceStore.databasePath(inWorkspace: directory.path)
        let id = try await LocalPlatform(store: try WorkspaceStore(path: path)).createOffer(sampleOffer())
        let reopened = LocalPlatform(store: try WorkspaceStore(path: path))
        #expect(try await reopened.offer(id: id)?.fields == sampleOffer())
    }

    @Test func massStatusSkipsMissingIDs() async throws {
        try await withLocalPlatform { platform, _ in
            let id = try await platform.createOffer(sampleOffer())
            try await platform.setStatus(.stopped, offerIDs: [id, id + 100])
            #expect(try await platform.offer(id: id)?.status == .stopped)
        }
    }
}

import Foundation
import Testing
@testable import CPAPIKit
import LoopbackServers

/// The behaviour the sync relies on, checked against both platforms alike.
@Suite struct PlatformConformanceTests {
    @Test(arguments: PlatformUnderTest.allCases)
    func createdOfferReadsBackWithTheSameFields(_ kind: PlatformUnderTest) async throws {
        try await PlatformHarness.with(kind) { harness in
            let fields = sampleOffer()
            let id = try await harness.platform.createOffer(fields)

            let one = try #require(try await harness.platform.offer(id: id))
            #expect(one.id == id)
            #expect(one.fields == fields)
            #expect(one.updatedAt != nil)
            let listed = try await harness.platform.offers(ids: [id])
            #expect(listed.map(\.fields) == [fields])
            let byExternalID = try await harness.platform.offers(externalOfferID: "cpalead-18231")
            #expect(byExternalID.map(\.id) == [id])
        }
    }

    @Test(arguments: PlatformUnderTest.allCases)
    func newOfferWithoutStatusIsStopped(_ kind: PlatformUnderTest) async throws {
        try await PlatformHarness.with(kind) { harness in
            var fields = sampleOffer()
            fields.status = nil
            let id = try await harness.platform.createOffer(fields)
            #expect(try await harness.platform.offer(id: id)?.status == .stopped)
        }
    }

    @Test(arguments: PlatformUnderTest.allCases)
    func createWithoutTitleOrURLIsRejected(_ kind: PlatformUnderTest) async throws {
        try await PlatformHarness.with(kind) { harness in
            var fields = sampleOffer()
            fields.title = nil
            await #expect {
                _ = try await harness.platform.createOffer(fields)
            } throws: { error in
                guard case .rejected(_, let message) = error as? PlatformError else { return false }
                return message.contains("title")
            }
        }
    }

    @Test(arguments: PlatformUnderTest.allCases)
    func editChangesOnlyTheSentFields(_ kind: PlatformUnderTest) async throws {
        try await PlatformHarness.with(kind) { harness in
            let id = try await harness.platform.createOffer(sampleOffer())
            let newPayments = [PlatformPayment(countries: ["DE"], total: 2, revenue: 1.4, currency: "EUR")]
            try await harness.platform.editOffer(id: id, PlatformOfferFields(title: "Renamed", payments: newPayments))

            var expected = sampleOffer()
            expected.title = "Renamed"
            expected.payments = newPayments
            #expect(try await harness.platform.offer(id: id)?.fields == expected)
        }
    }

    @Test(arguments: PlatformUnderTest.allCases)
    func emptyExternalIDRemovesIt(_ kind: PlatformUnderTest) async throws {
        try await PlatformHarness.with(kind) { harness in
            let id = try await harness.platform.createOffer(sampleOffer(externalID: "x-1"))
            try await harness.platform.editOffer(id: id, PlatformOfferFields(externalOfferID: ""))
            let offer = try #require(try await harness.platform.offer(id: id))
            #expect(offer.externalOfferID == nil)
            #expect(offer.fields.title == "Cash Quest – Install & reach level 5")
            #expect(try await harness.platform.offers(externalOfferID: "x-1").isEmpty)
        }
    }

    @Test(arguments: PlatformUnderTest.allCases)
    func editOfAMissingOfferIsNotFound(_ kind: PlatformUnderTest) async throws {
        try await PlatformHarness.with(kind) { harness in
            await #expect(throws: PlatformError.notFound(id: 987_654)) {
                try await harness.platform.editOffer(id: 987_654, PlatformOfferFields(title: "x"))
            }
            let missing = try await harness.platform.offer(id: 987_654)
            #expect(missing == nil)
        }
    }

    @Test(arguments: PlatformUnderTest.allCases)
    func massStatusUpdateSetsEveryGivenOfferAndNoOther(_ kind: PlatformUnderTest) async throws {
        try await PlatformHarness.with(kind) { harness in
            var ids: [Int] = []
            for index in 0..<4 { ids.append(try await harness.platform.createOffer(sampleOffer(externalID: "m-\(index)"))) }
            try await harness.platform.setStatus(.suspended, offerIDs: Array(ids.prefix(3)))

            let statuses = try await harness.platform.offers(ids: ids).map(\.status)
            #expect(statuses == [.suspended, .suspended, .suspended, .active])
        }
    }

    @Test(arguments: PlatformUnderTest.allCases)
    func deletedOfferIsNotFoundAndAbsentFromLists(_ kind: PlatformUnderTest) async throws {
        try await PlatformHarness.with(kind) { harness in
            let kept = try await harness.platform.createOffer(sampleOffer(externalID: "d-1"))
            let deleted = try await harness.platform.createOffer(sampleOffer(externalID: "d-2"))
            try await harness.platform.deleteOffers(ids: [deleted])

            #expect(try await harness.platform.offer(id: deleted) == nil)
            #expect(try await harness.platform.offers(ids: [kept, deleted]).map(\.id) == [kept])
            #expect(try await harness.platform.offers(externalOfferID: "d-2").isEmpty)
            await #expect(throws: PlatformError.notFound(id: deleted)) {
                try await harness.platform.editOffer(id: deleted, PlatformOfferFields(status: .active))
            }
        }
    }

    @Test(arguments: PlatformUnderTest.allCases)
    func idsAreNeverReusedAfterADelete(_ kind: PlatformUnderTest) async throws {
        try await PlatformHarness.with(kind) { harness in
            let first = try await harness.platform.createOffer(sampleOffer())
            try await harness.platform.deleteOffers(ids: [first])
            let second = try await harness.platform.createOffer(sampleOffer())
            #expect(second > first)
        }
    }

    @Test(arguments: PlatformUnderTest.allCases)
    func listByIDsReturnsEveryOfferAcrossPages(_ kind: PlatformUnderTest) async throws {
        // A small page on Affise so that each list call needs several pages.
        let options = AffisePlatform.Options(pageSize: 40, idsPerListCall: 100)
        try await PlatformHarness.with(kind, affiseOptions: options) { harness in
            let created = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<520 {
                    group.addTask { try await harness.platform.createOffer(sampleOffer(externalID: "p-\(index)")) }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            let listed = try await harness.platform.offers(ids: created + [999_999])
            #expect(listed.map(\.id) == created.sorted())
            #expect(Set(listed.compactMap(\.externalOfferID)).count == 520)

            if let affise = harness.affise {
                let lists = await affise.requests().filter { $0.endpoint == .list }
                #expect(lists.contains { $0.values("page") == ["3"] })
                #expect(lists.allSatisfy { $0.values("int_id[]").count <= 100 && $0.values("limit") == ["40"] })
            }
        }
    }

    @Test(arguments: PlatformUnderTest.allCases)
    func listByExternalIDFindsOnlyExactMatches(_ kind: PlatformUnderTest) async throws {
        try await PlatformHarness.with(kind) { harness in
            let a = try await harness.platform.createOffer(sampleOffer(externalID: "ext-1"))
            let b = try await harness.platform.createOffer(sampleOffer(externalID: "ext-1"))
            _ = try await harness.platform.createOffer(sampleOffer(externalID: "ext-10"))
            #expect(try await harness.platform.offers(externalOfferID: "ext-1").map(\.id) == [a, b])
            #expect(try await harness.platform.offers(externalOfferID: "ext-2").isEmpty)
        }
    }

    @Test(arguments: PlatformUnderTest.allCases)
    func handActionsAreVisibleInReads(_ kind: PlatformUnderTest) async throws {
        try await PlatformHarness.with(kind) { harness in
            let disabled = try await harness.platform.createOffer(sampleOffer(externalID: "h-1"))
            let paused = try await harness.platform.createOffer(sampleOffer(externalID: "h-2"))
            let detached = try await harness.platform.createOffer(sampleOffer(externalID: "h-3"))
            let deleted = try await harness.platform.createOffer(sampleOffer(externalID: "h-4"))

            try await harness.disableByHand(disabled)
            try await harness.pauseByHand(paused)
            try await harness.removeExternalIDByHand(detached)
            try await harness.deleteByHand(deleted)

            let offers = try await harness.platform.offers(ids: [disabled, paused, detached, deleted])
            #expect(offers.map(\.id) == [disabled, paused, detached])
            #expect(offers.map(\.status) == [.stopped, .suspended, .active])
            #expect(offers.map(\.externalOfferID) == ["h-1", "h-2", nil])
            #expect(try await harness.platform.offers(externalOfferID: "h-3").isEmpty)
            #expect(try await harness.platform.offer(id: deleted) == nil)
            await #expect(throws: PlatformError.notFound(id: deleted)) { try await harness.deleteByHand(deleted) }
        }
    }

    @Test(arguments: PlatformUnderTest.allCases)
    func batchesGiveEachOfferItsOwnOutcome(_ kind: PlatformUnderTest) async throws {
        try await PlatformHarness.with(kind) { harness in
            var untitled = sampleOffer(externalID: "b-2")
            untitled.title = nil
            let created = await harness.platform.createOffers([
                sampleOffer(externalID: "b-1"), untitled,
                sampleOffer(externalID: "b-3")
            ])
            let first = try created[0].get()
            let third = try created[2].get()
            guard case .failure(.rejected) = created[1] else {
                Issue.record("an offer without a title was not refused: \(created[1])")
                return
            }
            // The batch's creates run side by side, so ids need not follow the input order:
            // what matters is that each outcome names its own offer.
            let read = try await harness.platform.offers(ids: [first, third])
            let externalIDByPlatformID = Dictionary(uniqueKeysWithValues: read.map { ($0.id, $0.externalOfferID) })
            #expect(externalIDByPlatformID == [first: "b-1", third: "b-3"])

            let edited = await harness.platform.editOffers([
                PlatformOfferEdit(id: third, fields: PlatformOfferFields(title: "B3")),
                PlatformOfferEdit(id: 424_242, fields: PlatformOfferFields(title: "x"))
            ])
            #expect(throws: Never.self) { try edited[0].get() }
            #expect(throws: PlatformError.notFound(id: 424_242)) { try edited[1].get() }
            #expect(try await harness.platform.offer(id: third)?.fields.title == "B3")
            #expect(try await harness.platform.offer(id: first)?.fields.title == sampleOffer().title)
        }
    }
}

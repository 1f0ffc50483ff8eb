import Foundation
import Testing
@testable import CPAPIKit
import LoopbackServers

/// A lost workspace must not double the platform (rule 12 of docs/RULES.md): a fresh workspace with
/// the same config adopts the offers the lost one made, from the platform's inventory, on both platforms.
@Suite struct AdoptionRulesTests {
    typealias W = RulesWorld
    static let offers = [W.offer("1", amount: 2), W.offer("2"), W.offer("3")]

    @Test(arguments: PlatformUnderTest.allCases)
    func freshWorkspaceAdoptsWhatTheLostOneMadeAndUpdatesIt(kind: PlatformUnderTest) async throws {
        try await W.with(kind) { lost in
            try lost.apply(W.campaign())
            try lost.feed(Self.offers)
            #expect(try await lost.sync().created == 3)
            let made = try ["1", "2", "3"].map { try #require(try lost.placement($0).platformOfferID) }
            let before = try await lost.allPlatformOffers()

            try await lost.withFreshWorkspace { fresh in
                try fresh.apply(W.campaign())
                try fresh.feed(Self.offers)
                let first = try await fresh.sync()
                #expect(first.created == 0 && first.adopted == 3 && first.failed == 0 && first.status == .succeeded)
                #expect(fresh.platform.counts.writes == 0, "the platform holds what the campaign wants: nothing to write")
                #expect(try ["1", "2", "3"].map { try fresh.placement($0).platformOfferID } == made)
                #expect(try fresh.placement("1").state == .live)
                let events = try fresh.store.events(for: OfferKey(sourceID: W.sourceID, externalID: "1"))
                #expect(events.contains { $0.kind == .foundExisting && $0.message.contains("adopted offer \(made[0]) already in the platform") })

                try fresh.feed([W.offer("1", title: "Renamed", amount: 3), W.offer("2"), W.offer("3")])
                let second = try await fresh.sync()
                #expect(second.created == 0 && second.updated == 1 && second.failed == 0)
                let renamed = try #require(try await fresh.platformOffer("1"))
                #expect(renamed.id == made[0] && renamed.fields.title == "Renamed")
                #expect(renamed.fields.payments?.map(\.revenue) == [2.1])
            }
            #expect(try await lost.allPlatformOffers().count == before.count, "no duplicate")
        }
    }

    @Test(arguments: PlatformUnderTest.allCases)
    func theInventoryIsTakenOnce(kind: PlatformUnderTest) async throws {
        try await W.with(kind) { lost in
            try lost.apply(W.campaign())
            try lost.feed([W.offer("1")])
            try await lost.sync()
            try await lost.withFreshWorkspace { fresh in
                try fresh.apply(W.campaign())
                try fresh.feed([W.offer("1")])
                await fresh.harness.affise?.clearRequests()
                #expect(try await fresh.sync().adopted == 1)
                #expect(fresh.platform.counts.inventories == 1)
                if let affise = fresh.harness.affise {
                    let listings = await affise.requests().filter { !$0.values("advertiser[]").isEmpty }
                    #expect(listings.count == 1)
                    #expect(listings.first?.values("advertiser[]") == ["5a0c0f5e8a1b2c3d4e5f6a7b"])
                    #expect(listings.first?.values("status[]").count == PlatformStatus.allCases.count)
                }
                let record = try #require(try await fresh.store.platformInventoryRecord())
                #expect(record.platform == fresh.platform.identity && record.campaigns[W.sourceID] == ["tier1"])

                fresh.platform.resetCounts()
                await fresh.harness.affise?.clearRequests()
                try fresh.feed([W.offer("1"), W.offer("new")])
                let second = try await fresh.sync()
                #expect(second.created == 1 && second.adopted == 0)
                #expect(fresh.platform.counts.inventories == 0, "not listed again")
                if let affise = fresh.harness.affise {
                    #expect(await affise.requests().allSatisfy { $0.values("advertiser[]").isEmpty })
                }
            }
        }
    }

    @Test(arguments: PlatformUnderTest.allCases)
    func twoFittingOffersAreAmbiguousNeitherAdoptedNorCreated(kind: PlatformUnderTest) async throws {
        try await W.with(kind) { lost in
            try lost.apply(W.campaign())
            try lost.feed([W.offer("1")])
            try await lost.sync()
            let original = try #require(try await lost.platformOffer("1"))
            let duplicate = try await lost.harness.platform.createOffer(original.fields)
            try await lost.withFreshWorkspace { fresh in
                try fresh.apply(W.campaign())
                try fresh.feed([W.offer("1")])
                let first = try await fresh.sync()
                #expect(first.created == 0 && first.adopted == 0 && first.failed == 1 && first.status == .partial)
                let placement = try fresh.placement("1")
                #expect(placement.platformOfferID == nil && placement.createAttemptedAt == nil)
                #expect(placement.workflowStep == ExistingOfferAdoption.ambiguousStep)
                #expect(placement.reason?.contains("offers \(original.id), \(duplicate)") == true)
                let key = OfferKey(sourceID: W.sourceID, externalID: "1")
                let events = try fresh.store.events(for: key)
                #expect(events.filter { $0.kind == .writeFailed && $0.message.contains("not created") }.count == 1)

                // Still ambiguous: left alone again, said once.
                fresh.platform.resetCounts()
                let second = try await fresh.sync()
                #expect(second.created == 0 && second.failed == 1 && fresh.platform.counts.writes == 0)
                #expect(try fresh.store.events(for: key).count == events.count)
                #expect(try await fresh.platformOffers(external: "1").count == 2)

                // The operator deletes the extra one: the next run adopts the one left.
                try await fresh.harness.deleteByHand(duplicate)
                let third = try await fresh.sync()
                #expect(third.created == 0 && third.adopted == 1 && third.failed == 0)
                #expect(try fresh.placement("1").platformOfferID == original.id)
                #expect(try fresh.placement("1").workflowStep == nil)
            }
        }
    }

    @Test(arguments: PlatformUnderTest.allCases)
    func anotherAdvertisersOfferIsNotOursSoOursIsCreated(kind: PlatformUnderTest) async throws {
        try await W.with(kind) { world in
            var theirs = DesiredOfferBuilder.desired(campaign: W.campaign(), offer: W.offer("1"), trackingParams: nil)
            theirs.advertiser = "another-advertiser"
            let other = try await world.harness.platform.createOffer(theirs)
            let otherBefore = try #require(try await world.harness.platform.offer(id: other))
            try world.apply(W.campaign())
            try world.feed([W.offer("1")])
            let outcome = try await world.sync()
            #expect(outcome.created == 1 && outcome.adopted == 0 && outcome.failed == 0)
            #expect(try world.placement("1").platformOfferID != other)
            #expect(try await world.harness.platform.offer(id: other) == otherBefore, "left as it was")
        }
    }

    @Test(arguments: PlatformUnderTest.allCases)
    func ourOfferAtAnotherPercentIsAdoptedAndUpdated(kind: PlatformUnderTest) async throws {
        try await W.with(kind) { lost in
            try lost.apply(W.campaign(percent: 50))
            try lost.feed([W.offer("1", amount: 2)])
            try await lost.sync()
            let made = try #require(try lost.placement("1").platformOfferID)
            try await lost.withFreshWorkspace { fresh in
                try fresh.apply(W.campaign(percent: 70))
                try fresh.feed([W.offer("1", amount: 2)])
                let outcome = try await fresh.sync()
                #expect(outcome.created == 0 && outcome.adopted == 1 && outcome.updated == 1)
                #expect(try fresh.placement("1").platformOfferID == made)
                #expect(try await fresh.platformOffer("1")?.fields.payments?.map(\.revenue) == [1.4])
                #expect(try await fresh.platformOffers(external: "1").count == 1)
            }
        }
    }

    /// Two campaigns at other percents, the platform holding one offer at neither: it could be either's.
    @Test(arguments: PlatformUnderTest.allCases)
    func anOfferFittingNoneOfTwoCampaignsIsLeftAlone(kind: PlatformUnderTest) async throws {
        try await W.with(kind) { lost in
            try lost.apply(W.campaign(percent: 60))
            try lost.feed([W.offer("1", amount: 2)])
            try await lost.sync()
            try await lost.withFreshWorkspace { fresh in
                try fresh.apply(W.campaign("tier1", percent: 70))
                try fresh.apply(W.campaign("tier2", percent: 50))
                try fresh.feed([W.offer("1", amount: 2)])
                let outcome = try await fresh.sync()
                #expect(outcome.created == 0 && outcome.adopted == 0 && outcome.failed == 2)
                #expect(try fresh.placement("1", campaign: "tier1").reason?.contains("other campaigns place it too") == true)
                #expect(try await fresh.platformOffers(external: "1").count == 1)
            }
        }
    }

    /// Disabled by hand in its first life (excluded there, rule 3): the fresh workspace excludes it too.
    @Test(arguments: PlatformUnderTest.allCases)
    func anOfferDisabledByHandIsAdoptedAsExcluded(kind: PlatformUnderTest) async throws {
        try await W.with(kind) { lost in
            try lost.apply(W.campaign(status: .active))
            try lost.feed([W.offer("1")])
            try await lost.sync()
            try await lost.harness.disableByHand(try #require(try lost.placement("1").platformOfferID))
            try await lost.withFreshWorkspace { fresh in
                try fresh.apply(W.campaign(status: .active))
                try fresh.feed([W.offer("1")])
                let outcome = try await fresh.sync()
                #expect(outcome.created == 0 && outcome.excluded == 1 && fresh.platform.counts.writes == 0)
                #expect(try fresh.placement("1").state == .excluded)
                #expect(try await fresh.platformOffers(external: "1").map(\.status) == [.stopped])
            }
        }
    }

    /// Without the inventory nothing is created blind: the run fails those offers, the next one adopts.
    @Test func aFailedListingCreatesNothing() async throws {
        try await W.with(.affise) { lost in
            try lost.apply(W.campaign())
            try lost.feed([W.offer("1")])
            try await lost.sync()
            try await lost.withFreshWorkspace { fresh in
                try fresh.apply(W.campaign())
                try fresh.feed([W.offer("1")])
                await fresh.harness.affise?.inject(.rejected(httpStatus: 400, message: "scripted: list refused"), on: .list)
                let first = try await fresh.sync()
                #expect(first.created == 0 && first.failed == 1 && first.status == .partial)
                #expect(first.error?.contains("listing the platform's offers") == true)
                #expect(try await fresh.store.platformInventoryRecord() == nil, "taken again next run")
                let second = try await fresh.sync()
                #expect(second.created == 0 && second.adopted == 1 && second.failed == 0)
                #expect(try await fresh.platformOffers(external: "1").count == 1)
            }
        }
    }

    @Test func anotherPlatformStartsTheRecordOver() {
        let record = PlatformInventoryRecord(platform: "affise https://a").adding(["tier1"], sourceID: "cpalead", platform: "affise https://a")
        #expect(record.campaignsToInventory(["tier1", "tier2"], sourceID: "cpalead", platform: "affise https://a") == ["tier2"])
        #expect(record.campaignsToInventory(["tier1"], sourceID: "other", platform: "affise https://a") == ["tier1"])
        #expect(record.campaignsToInventory(["tier1"], sourceID: "cpalead", platform: "affise https://b") == ["tier1"])
        let moved = record.adding(["tier2"], sourceID: "cpalead", platform: "affise https://b")
        #expect(moved == PlatformInventoryRecord(platform: "affise https://b", campaigns: ["cpalead": ["tier2"]]))
    }
}

import Foundation
import LoopbackServers
import Testing
@testable import CPAPIKit

/// The feed sync through the real CPAlead adapter and HTTP client against the loopback fake server.
@Suite struct FeedSyncIntegrationTests {
    struct Fixture {
        let folder: ScratchFolder
        let store: WorkspaceStore
        let server: FakeCPAleadServer
        let clock = SteppedClock()
        let generator = OfferFeedGenerator(seed: 7, firstID: 10_000, publisherID: "77")

        static func start(count: Int = 200) async throws -> Fixture {
            let folder = try ScratchFolder()
            let store = try folder.makeStore()
            let server = try await FakeCPAleadServer.start()
            let fixture = Fixture(folder: folder, store: store, server: server)
            await server.setFeed(publisherID: "77", offers: fixture.generator.feed(count: count, step: 0))
            try OfferFixtures.addSources(
                [SourceConfig(id: "cpalead", baseURL: server.baseURL, publisherID: "77")],
                to: store, at: fixture.clock.now())
            return fixture
        }

        func sync() async throws -> SyncRun {
            let coordinator = SyncCoordinator(store: store, makeSource: DemandSourceMakers.live(clock: clock), clock: clock)
            let run = try await coordinator.syncOnce()[0]
            clock.advance(by: 3600)
            return run
        }

        func stop() async {
            await server.stop()
            folder.remove()
        }
    }

    @Test func fullFetchStoresTheFeedAndTheNextStepMarksOffersThatLeft() async throws {
        let f = try await Fixture.start()
        let first = try await f.sync()
        #expect(first.status == .succeeded && first.counts.new == 200)
        let step2 = f.generator.feed(count: 200, step: 1)
        await f.server.setFeed(publisherID: "77", offers: step2)
        let second = try await f.sync()
        await f.stop()
        let returned = Set(step2.map { String($0.id) })
        let stored = try f.store.offers(sourceID: "cpalead")
        let missing = stored.filter { !$0.inFeed }.map(\.key.externalID)
        #expect(second.counts.missing == missing.count)
        #expect(missing.allSatisfy { !returned.contains($0) })
        #expect(stored.filter(\.inFeed).count == returned.count)
        #expect(second.counts.unchanged + second.counts.changed + second.counts.new == returned.count)
    }

    @Test(arguments: [
        FakeCPAleadFault.htmlPage(status: 200), .truncatedBody, .errorStatus(message: "Invalid publisher"), .status(404)
    ])
    func failedFetchLeavesFeedUntouched(fault: FakeCPAleadFault) async throws {
        let f = try await Fixture.start(count: 30)
        _ = try await f.sync()
        let before = try f.store.offers(sourceID: "cpalead")
        await f.server.inject(fault, .untilCleared)
        let run = try await f.sync()
        await f.stop()
        #expect(run.status == .failed && run.error?.isEmpty == false)
        #expect(try f.store.offers(sourceID: "cpalead") == before)
        let source = try #require(try f.store.source(id: "cpalead"))
        #expect(source.state.status == .invalid && source.state.failure?.reason == run.error)
    }

    @Test func emptyFeedMarksNothing() async throws {
        let f = try await Fixture.start(count: 20)
        _ = try await f.sync()
        await f.server.inject(.emptyFeed, .untilCleared)
        let run = try await f.sync()
        await f.stop()
        #expect(run.status == .succeeded && run.counts.missing == 0 && run.missingNote != nil)
        #expect(try f.store.offerCounts()["cpalead"]?.inFeed == 20)
    }

    @Test func unchangedFeedResyncsAsUnchanged() async throws {
        let f = try await Fixture.start(count: 50)
        _ = try await f.sync()
        let before = try f.store.offers(sourceID: "cpalead")
        let run = try await f.sync()
        await f.stop()
        #expect(run.counts.unchanged == 50 && run.counts.new == 0 && run.counts.changed == 0)
        #expect(try f.store.offers(sourceID: "cpalead") == before)
    }
}

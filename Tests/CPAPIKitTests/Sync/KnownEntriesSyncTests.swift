import Foundation
import LoopbackServers
import Synchronization
import Testing
@testable import CPAPIKit

/// Passing over the entries stored as they were (`FetchRequest.knownEntries`) changes nothing that is
/// written: a sync through it and a sync that parses every entry store the same offers and count the
/// same, step after step of a feed whose offers change, leave and come back.
@Suite struct KnownEntriesSyncTests {
    /// An adapter that is never told of known entries: it parses every entry, as before.
    struct ParsingEverything: DemandSource {
        let inner: any DemandSource
        var config: SourceConfig { inner.config }
        func fetchOffers(_ request: FetchRequest) async throws(FetchFailure) -> FetchResult {
            try await inner.fetchOffers(FetchRequest(kind: request.kind, updatedSince: request.updatedSince))
        }
    }

    /// The live adapter, counting the entries it passed over.
    struct Counting: DemandSource {
        let inner: any DemandSource
        let tally: Tally
        var config: SourceConfig { inner.config }
        func fetchOffers(_ request: FetchRequest) async throws(FetchFailure) -> FetchResult {
            let result = try await inner.fetchOffers(request)
            tally.passedOver.withLock { $0 += result.unchanged.count }
            return result
        }
    }

    final class Tally: Sendable { let passedOver = Mutex(0) }

    @Test func passingOverKnownEntriesStoresWhatParsingThemStores() async throws {
        let server = try await FakeCPAleadServer.start()
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let generator = OfferFeedGenerator(seed: 11, firstID: 50_000, publisherID: "88")
        let live = DemandSourceMakers.live()
        let skipping = try folder.makeStore("skipping"), parsing = try folder.makeStore("parsing")
        let clock = SteppedClock()
        for store in [skipping, parsing] {
            try OfferFixtures.addSources([SourceConfig(id: "cpalead", baseURL: server.baseURL, publisherID: "88")], to: store, at: clock.now())
        }
        let tally = Tally()
        for step in 0..<6 {
            await server.setFeed(publisherID: "88", offers: generator.feed(count: 300, step: step))
            let counted = SyncCoordinator(
                store: skipping, makeSource: { Counting(inner: try live($0), tally: tally) }, clock: clock)
            let everything = SyncCoordinator(store: parsing, makeSource: { ParsingEverything(inner: try live($0)) }, clock: clock)
            let fast = try await counted.syncOnce()[0], slow = try await everything.syncOnce()[0]
            #expect(fast.status == .succeeded && slow.status == .succeeded)
            #expect(fast.counts == slow.counts, "step \(step)")
            #expect(try skipping.offers(sourceID: "cpalead") == parsing.offers(sourceID: "cpalead"), "step \(step)")
            clock.advance(by: 3600)
        }
        await server.stop()
        #expect(tally.passedOver.withLock { $0 } > 1000, "most entries were unchanged, so passed over")
    }
}

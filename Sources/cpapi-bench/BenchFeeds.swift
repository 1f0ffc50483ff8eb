import CPAPIKit
import Foundation
import LoopbackServers

/// The benchmark's demand side: `sourceCount` generated feeds of `offersPerSource` offers served by one
/// loopback CPAlead server, and the source configurations pointing at them.
struct BenchFeeds {
    let server: FakeCPAleadServer
    let sources: [SourceConfig]

    static func start(sourceCount: Int = 20, offersPerSource: Int = 5000) async throws -> BenchFeeds {
        let server = try await FakeCPAleadServer.start()
        var sources: [SourceConfig] = []
        for index in 0..<sourceCount {
            let publisher = "\(9000 + index)"
            let generator = OfferFeedGenerator(seed: UInt64(index + 1), firstID: (index + 1) * 1_000_000, publisherID: publisher)
            await server.setFeed(publisherID: publisher, offers: generator.offers(count: offersPerSource))
            // A limit above the feed's size, so that a full answer is not taken as cut short.
            sources.append(SourceConfig(id: "bench-\(index + 1)", baseURL: server.baseURL, publisherID: publisher,
                                        limit: offersPerSource + 1))
        }
        return BenchFeeds(server: server, sources: sources)
    }

    func stop() async { await server.stop() }
}

import CPAPIKit
import Foundation

/// The benchmark's demand side: `sourceCount` generated feeds of `offersPerSource` offers (`BenchFeed`)
/// served by a loopback CPAlead server in a child process (`cpapi-bench serve-feeds`), and the source
/// configurations pointing at them. The feeds' offers and encoded answers (about 190 MB at 100k
/// offers) stay out of this process, and so does the work of serving them: its RSS is the tool's alone.
struct BenchFeeds {
    let sources: [SourceConfig]
    private let server: FeedServerProcess

    /// Starts the feed server, runs `body` with its feeds, and stops the server whether `body` throws or not.
    static func serving<Result>(
        sourceCount: Int, offersPerSource: Int,
        _ body: (BenchFeeds) async throws -> Result
    ) async throws -> Result {
        let server = try await FeedServerProcess.start(
            arguments: ServeFeedsCommand.arguments(sourceCount: sourceCount, offersPerSource: offersPerSource))
        let baseURL = "http://127.0.0.1:\(server.port)"
        let feeds = BenchFeeds(
            sources: BenchFeed.all(sourceCount: sourceCount, offersPerSource: offersPerSource)
                .map { $0.source(baseURL: baseURL) },
            server: server)
        do {
            let result = try await body(feeds)
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }

    /// Switches every feed to its changed variant (`BenchFeed.changedOffers`) and returns once it is served.
    func change() async throws {
        try await server.send("change", expecting: "changed")
    }

    /// Switches every feed to `BenchFeed.touchedOffers` (1% of the changed feed updated now).
    func touch() async throws {
        try await server.send("touch", expecting: "touched")
    }

    /// The feed server's peak RSS so far: information, not the tool's.
    var serverFigure: BenchFigure {
        BenchFigure(
            name: "feed server's peak RSS (child)",
            value: server.peakResidentMegabytes.map { String(format: "%.0f MB (not counted as the tool's)", $0) } ?? "unknown")
    }
}

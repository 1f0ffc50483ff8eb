import Foundation
import LoopbackServers

/// `cpapi-bench serve-feeds --sources N --offers M`: serves the benchmark's generated feeds (`BenchFeed`)
/// from a loopback CPAlead server, writes `port PORT` as its one line on stdout, and serves until its
/// stdin reaches its end (so it goes with the process that started it, even one that crashed) or it
/// gets SIGTERM or SIGINT. `BenchFeeds` runs it as a child, so that the generated offers, their
/// encoded answers and the CPU that serves them are not counted as the tool's.
enum ServeFeedsCommand {
    static let name = "serve-feeds"
    static let usage = """
        usage: cpapi-bench \(name) [--sources N] [--offers M]
            Internal (the feed and engine sections run it as a child process): serves N generated CPAlead
            feeds of M offers each (default 20 × 5000) on a loopback port, prints "port PORT" on stdout,
            and serves until stdin is closed or it gets SIGTERM.
        """

    /// The arguments that follow the command's name to serve `sourceCount` feeds of `offersPerSource` offers.
    static func arguments(sourceCount: Int, offersPerSource: Int) -> [String] {
        [name, "--sources", "\(sourceCount)", "--offers", "\(offersPerSource)"]
    }

    /// Runs the command with the arguments after its name.
    static func run(arguments: [String]) async throws {
        let (sourceCount, offersPerSource) = try parse(arguments)
        let server = try await FakeCPAleadServer.start()
        for feed in BenchFeed.all(sourceCount: sourceCount, offersPerSource: offersPerSource) {
            await server.setFeed(publisherID: feed.publisherID, offers: feed.offers())
        }
        // Unbuffered: the parent waits for this line.
        FileHandle.standardOutput.write(Data("port \(server.port)\n".utf8))
        await untilInputEndsOrTerminated()
        await server.stop()
    }

    private static func parse(_ arguments: [String]) throws -> (sources: Int, offers: Int) {
        var values = ["--sources": 20, "--offers": 5000]
        var rest = arguments[...]
        while let option = rest.popFirst() {
            guard values[option] != nil else {
                throw BenchError(description: "unknown argument '\(option)'\n\(usage)")
            }
            guard let text = rest.popFirst(), let value = Int(text), value > 0 else {
                throw BenchError(description: "\(option) needs a whole number above 0 after it")
            }
            values[option] = value
        }
        return (values["--sources"]!, values["--offers"]!)
    }

    /// Returns once stdin reaches its end or SIGTERM or SIGINT arrives.
    private static func untilInputEndsOrTerminated() async {
        let (ended, end) = AsyncStream<Void>.makeStream()
        // Reading blocks: a thread of its own, not one of the cooperative pool's.
        Thread {
            _ = FileHandle.standardInput.readDataToEndOfFile()
            end.finish()
        }.start()
        let signals = [SIGTERM, SIGINT].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number)
            source.setEventHandler { end.finish() }
            source.resume()
            return source
        }
        for await _ in ended {}
        for source in signals { source.cancel() }
    }
}

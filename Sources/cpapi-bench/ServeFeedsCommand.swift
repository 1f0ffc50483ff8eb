import Foundation
import LoopbackServers

/// `cpapi-bench serve-feeds --sources N --offers M`: serves the benchmark's generated feeds (`BenchFeed`)
/// from a loopback CPAlead server, writes `port PORT` as its first line on stdout, and serves until its
/// stdin reaches its end (so it goes with the process that started it, even one that crashed) or it
/// gets SIGTERM or SIGINT. A line `change` on stdin serves every feed's changed variant
/// (`BenchFeed.changedOffers`) from then on and is answered `changed` on stdout; `touch` serves
/// `BenchFeed.touchedOffers` (1% of it updated now) and is answered `touched`. `BenchFeeds` runs it as a child, so that the generated offers, their
/// encoded answers and the CPU that serves them are not counted as the tool's.
enum ServeFeedsCommand {
    static let name = "serve-feeds"
    static let usage = """
        usage: cpapi-bench \(name) [--sources N] [--offers M]
            Internal (the feed and engine sections run it as a child process): serves N generated CPAlead
            feeds of M offers each (default 20 × 5000) on a loopback port, prints "port PORT" on stdout,
            and serves until stdin is closed or it gets SIGTERM. A line "change" on stdin switches every
            feed to its changed variant (10% of offers pay more, 1% gone) and is answered "changed";
            "touch" updates 1% of that feed now (for updated_since) and is answered "touched".
        """

    /// The arguments that follow the command's name to serve `sourceCount` feeds of `offersPerSource` offers.
    static func arguments(sourceCount: Int, offersPerSource: Int) -> [String] {
        [name, "--sources", "\(sourceCount)", "--offers", "\(offersPerSource)"]
    }

    /// Runs the command with the arguments after its name.
    static func run(arguments: [String]) async throws {
        let (sourceCount, offersPerSource) = try parse(arguments)
        let server = try await FakeCPAleadServer.start()
        let feeds = BenchFeed.all(sourceCount: sourceCount, offersPerSource: offersPerSource)
        for feed in feeds {
            await server.setFeed(publisherID: feed.publisherID, offers: feed.offers())
        }
        // Unbuffered: the parent waits for this line.
        FileHandle.standardOutput.write(Data("port \(server.port)\n".utf8))
        let (commands, signals) = commandsUntilInputEndsOrTerminated()
        let replies = ["change": "changed", "touch": "touched"]
        for await command in commands {
            guard let reply = replies[command] else { continue }
            let now = Date()
            for feed in feeds {
                let offers = command == "touch" ? feed.touchedOffers(at: now) : feed.changedOffers()
                await server.setFeed(publisherID: feed.publisherID, offers: offers)
            }
            FileHandle.standardOutput.write(Data("\(reply)\n".utf8))
        }
        for source in signals { source.cancel() }
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

    /// The lines of stdin, ending when stdin reaches its end or SIGTERM or SIGINT arrives, and the
    /// signal sources to cancel after.
    private static func commandsUntilInputEndsOrTerminated() -> (AsyncStream<String>, [any DispatchSourceSignal]) {
        let (commands, end) = AsyncStream<String>.makeStream()
        // Reading blocks: a thread of its own, not one of the cooperative pool's.
        Thread {
            while let line = readLine() { end.yield(line) }
            end.finish()
        }.start()
        let signals = [SIGTERM, SIGINT].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number)
            source.setEventHandler { end.finish() }
            source.resume()
            return source
        }
        return (commands, signals)
    }
}

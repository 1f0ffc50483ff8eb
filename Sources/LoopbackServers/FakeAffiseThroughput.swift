import CPAPIKit
import Foundation

/// Push throughput of the Affise client against the loopback fake Affise: how many creates and
/// edits per second go through `AffisePlatform` at a given concurrency (the benchmark's figure).
public enum FakeAffiseThroughput {
    /// One measurement.
    public struct Result: Sendable, CustomStringConvertible {
        public let offers: Int
        public let concurrency: Int
        public let createsPerSecond: Double
        public let editsPerSecond: Double

        public var description: String {
            String(
                format: "push to fake Affise, %d offers at concurrency %d: %.0f creates/s, %.0f edits/s",
                offers, concurrency, createsPerSecond, editsPerSecond)
        }
    }

    /// Creates `offers` offers, then edits each once (title and payments), timing both phases.
    public static func measure(offers: Int = 2_000, concurrency: Int = 8) async throws -> Result {
        let apiKey = "throughput-key"
        let affise = try await FakeAffiseServer.start(apiKey: apiKey, keepsRequestLog: false)
        let fetcher = HTTPFetcher(configuration: .init(maxConnectionsPerHost: max(concurrency, 1)))
        do {
            let platform = try AffisePlatform(
                baseURL: affise.baseURL, apiKey: apiKey,
                options: .init(concurrency: concurrency), fetcher: fetcher)
            let clock = ContinuousClock()
            var ids: [Int] = []
            let createTime = try await clock.measure {
                ids = try await withThrowingTaskGroup(of: Int.self) { group in
                    for index in 0..<offers {
                        group.addTask { try await platform.createOffer(offer(index)) }
                    }
                    return try await group.reduce(into: [Int]()) { $0.append($1) }
                }
            }
            let editTime = try await clock.measure {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for id in ids {
                        group.addTask {
                            try await platform.editOffer(
                                id: id,
                                PlatformOfferFields(
                                    title: "Offer \(id), edited",
                                    payments: [PlatformPayment(countries: ["US"], total: 2, revenue: 1.4, currency: "USD")]))
                        }
                    }
                    try await group.waitForAll()
                }
            }
            try await fetcher.shutdown()
            await affise.stop()
            return Result(
                offers: offers, concurrency: concurrency,
                createsPerSecond: Double(offers) / seconds(createTime),
                editsPerSecond: Double(offers) / seconds(editTime))
        } catch {
            try? await fetcher.shutdown()
            await affise.stop()
            throw error
        }
    }

    private static func offer(_ index: Int) -> PlatformOfferFields {
        PlatformOfferFields(
            title: "Offer \(index)", description: "Install and open.",
            url: "https://www.cpalead.com/view.php?id=\(index)&subid={clickid}",
            previewURL: "https://play.google.com/store/apps/details?id=com.example.o\(index)",
            externalOfferID: "bench-\(index)", advertiser: "5a0c0f5e8a1b2c3d4e5f6a7b", status: .active, privacy: .public,
            categories: ["Games"],
            payments: [PlatformPayment(countries: ["US", "CA"], os: ["android"], total: 1.5, revenue: 1.05, currency: "USD")],
            caps: [PlatformCap(period: "day", type: "conversions", value: 100)])
    }

    private static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return max(Double(parts.seconds) + Double(parts.attoseconds) / 1e18, 1e-9)
    }
}

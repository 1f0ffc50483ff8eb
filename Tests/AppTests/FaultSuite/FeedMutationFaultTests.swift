import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
import LoopbackServers
import Testing
@testable import CPAPIKit

extension FaultSuite {
    /// Mutated CPAlead answers, batched: one workspace with `sources` sources (each its own campaign
    /// and advertiser), each served its own mutation of its real answer in the same `sync --once`,
    /// then its good feed again. `CPAPI_FAULT_TRIALS` batches, so `sources` × trials mutations.
    @Suite struct FeedMutations: WorkspaceProcessFixture {
        static let sources = 40
        static let offersPerSource = 3

        static func publisher(_ index: Int) -> String { String(index + 1) }
        static func advertiser(_ index: Int) -> String { String(format: "%024x", 0xFEED_0000 + index) }

        @Test func mutatedFeedAnswers() async throws {
            var figures = FaultFigures("mutated feed answers", caseSeed: 0x5EED_0003)
            let cpalead = try await FakeCPAleadServer.start()
            let feeds = (0..<Self.sources).map {
                OfferFeedGenerator(seed: UInt64(10 + $0), firstID: ($0 + 1) * 1000, publisherID: Self.publisher($0))
                    .offers(count: Self.offersPerSource)
            }
            var expected = Set<FaultPlatform.Key>()
            for (index, feed) in feeds.enumerated() {
                await cpalead.setFeed(publisherID: Self.publisher(index), offers: feed)
                for offer in feed { expected.insert(.init(advertiser: Self.advertiser(index), externalID: String(offer.id))) }
            }
            let answers = try await (0..<Self.sources).asyncMap { try await Self.answer(cpalead, publisher: Self.publisher($0)) }
            let workspace = FaultWorkspace(); defer { workspace.remove() }

            try await withFakeAffise { affise in
                try await workspace.apply(config(cpalead, affise), into: &figures)
                try await workspace.expectSuccess(["sync", "--once"], into: &figures)

                for _ in 0..<FaultTrials.count {
                    let kinds = (0..<Self.sources).map { _ in FeedMutator.Kind.allCases.randomElement(using: &figures.random)! }
                    let mutated = kinds.enumerated().map { FeedMutator.mutate(answers[$0.offset], $0.element, using: &figures.random) }
                    await figures.run { figures in
                        for (index, text) in mutated.enumerated() { await cpalead.setRawAnswer(text, publisherID: Self.publisher(index)) }
                        try await mutatedSync(workspace, affise, kinds, into: &figures)
                        for (index, feed) in feeds.enumerated() {
                            await cpalead.removeFeed(publisherID: Self.publisher(index))
                            await cpalead.setFeed(publisherID: Self.publisher(index), offers: feed)
                        }
                        try await workspace.expectSuccess(["sync", "--once"], into: &figures)
                        let tally = FaultPlatform.tally(await affise.offers(), expected: expected)
                        figures.lost += tally.lost
                        figures.duplicated += tally.duplicated
                        figures.add("offers made from mutated ids", tally.foreign)
                        if tally.notActive > 0 { figures.problem("\(tally.notActive) feed offers not active after the good feed") }
                        try await workspace.expectHealthy(into: &figures)
                    }
                }
            }
            await cpalead.stop()
            figures.add("mutations", figures.tried * Self.sources)
            figures.finish()
        }

        /// One `sync --once` over the mutated answers: an exit status (never a signal), sources whose
        /// run failed leave their offers as they were, no offer is paused or stopped (the missing
        /// grace is hours), and the workspace stays readable.
        private func mutatedSync(
            _ workspace: FaultWorkspace, _ affise: FakeAffiseServer, _ kinds: [FeedMutator.Kind],
            into figures: inout FaultFigures
        ) async throws {
            let before = await affise.offers()
            let synced = try await workspace.run(["sync", "--once", "--json"])
            guard synced.status == 0 || synced.status == 1 else {
                figures.problem("sync --once over mutated answers ended \(synced.status): \(synced.stderr.suffix(2000))")
                return
            }
            let failed = Set((try? JSONDecoder().decode(SyncOnceDocument.self, from: Data(synced.stdout.utf8)))?.failed ?? [])
            figures.add("runs failed", failed.count)
            let after = Dictionary(await affise.offers().map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            for offer in before {
                let index = (0..<Self.sources).first { Self.advertiser($0) == offer.fields.advertiser }
                let source = index.map { "m\($0)" } ?? "?"
                let mutation = index.map { kinds[$0].rawValue } ?? "?"
                guard let now = after[offer.id] else { figures.problem("offer \(offer.id) of \(source) gone (\(mutation))"); continue }
                if now.status != offer.status {
                    figures.problem(
                        "offer \(offer.id) of \(source) went \(offer.status?.rawValue ?? "-") → \(now.status?.rawValue ?? "-") (\(mutation))")
                }
                if failed.contains(source), now.fields != offer.fields {
                    figures.problem("offer \(offer.id) of \(source) changed although its fetch failed (\(mutation))")
                }
            }
            let listed = try await workspace.run(["offers", "--json"])
            if listed.status != 0 { figures.problem("offers --json exited \(listed.status): \(listed.stderr)") }
        }

        struct SyncOnceDocument: Decodable { var failed: [String] }

        /// Sources `m0`… (publisher 1…), each with a campaign of its own advertiser.
        private func config(_ cpalead: FakeCPAleadServer, _ affise: FakeAffiseServer) -> String {
            var text = """
                [platform]
                kind = "affise"
                url = "\(affise.baseURL)"
                api_key = "\(FaultPlatform.apiKey)"

                [sync]
                source_concurrency = 8

                """
            for index in 0..<Self.sources {
                text += """

                    [[sources]]
                    id = "m\(index)"
                    kind = "cpalead"
                    url = "\(cpalead.baseURL)"
                    publisher_id = "\(Self.publisher(index))"

                    [[campaigns]]
                    id = "c\(index)"
                    sources = ["m\(index)"]
                    [campaigns.defaults]
                    advertiser = "\(Self.advertiser(index))"
                    payout_percent = 70

                    """
            }
            return text
        }

        /// The fake's own answer for `publisher`: the real shape the mutations start from.
        static func answer(_ cpalead: FakeCPAleadServer, publisher: String) async throws -> Data {
            let url = try #require(URL(string: "\(cpalead.baseURL)/api/offers?id=\(publisher)"))
            let (data, _) = try await URLSession.shared.data(from: url)
            return data
        }
    }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}

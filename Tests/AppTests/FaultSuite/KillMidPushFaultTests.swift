import Foundation
import LoopbackServers
import Testing
@testable import CPAPIKit

extension FaultSuite {
    /// SIGKILL while a sync or an exclude is talking to Affise, at a request the seeded generator
    /// picks; the creates held at the fake when the process dies are then done (the answer never
    /// reaches anyone: a lost create). Running the same command again must finish the job with
    /// nothing lost and nothing made twice, and leave `doctor` with nothing to say.
    @Suite struct KillMidPush: WorkspaceProcessFixture {
        static let advertiser = "5a0c0f5e8a1b2c3d4e5f6a7b"

        /// `sync --once` of 300 offers killed after N creates (0 ≤ N < 300) reached the fake, then
        /// `sync --once` to the end: one platform offer per feed offer.
        @Test func killNineMidSync() async throws {
            var figures = FaultFigures("kill -9 mid-sync", caseSeed: 0x5EED_0001)
            let feed = OfferFeedGenerator(seed: 4, firstID: 1, publisherID: "1").offers(count: 300)
            let cpalead = try await fakeCPAlead(serving: feed)
            let expected = Set(feed.map { FaultPlatform.Key(advertiser: Self.advertiser, externalID: String($0.id)) })

            for _ in 0..<FaultTrials.count {
                let createsBefore = Int.random(in: 0..<feed.count, using: &figures.random)
                await figures.run { figures in
                    let workspace = FaultWorkspace(); defer { workspace.remove() }
                    try await withFakeAffise { affise in
                        try await workspace.apply(alphaConfig(cpalead, affise: affise, affiseKey: FaultPlatform.apiKey), into: &figures)
                        let held = try await killWhileHeld(
                            workspace, ["sync", "--once"], affise, on: .create,
                            after: createsBefore, into: &figures)
                        figures.add("creates done after the kill", held)
                        try await workspace.expectSuccess(["sync", "--once"], into: &figures)
                        let tally = FaultPlatform.tally(await affise.offers(), expected: expected)
                        figures.lost += tally.lost
                        figures.duplicated += tally.duplicated
                        if tally.foreign > 0 { figures.problem("\(tally.foreign) platform offers for no feed offer") }
                        try await workspace.expectHealthy(into: &figures)
                    }
                }
            }
            await cpalead.stop()
            figures.finish()
        }

        /// `offer exclude` killed at its k-th platform call (lookup, read, copy, detach the copy,
        /// disable), then run again: exactly one copy, without an external id, and the original disabled.
        @Test func killNineMidExclude() async throws {
            var figures = FaultFigures("kill -9 mid-exclude", caseSeed: 0x5EED_0002)
            let feed = OfferFeedGenerator(seed: 5, firstID: 700, publisherID: "1").offers(count: 3)
            let cpalead = try await fakeCPAlead(serving: feed)

            for _ in 0..<FaultTrials.count {
                let callsBefore = Int.random(in: 0..<Self.excludeCalls, using: &figures.random)
                let offer = feed.randomElement(using: &figures.random)!
                await figures.run { figures in
                    let workspace = FaultWorkspace(); defer { workspace.remove() }
                    try await withFakeAffise { affise in
                        try await workspace.apply(alphaConfig(cpalead, affise: affise, affiseKey: FaultPlatform.apiKey), into: &figures)
                        try await workspace.expectSuccess(["sync", "--once"], into: &figures)
                        let synced = await affise.offers()
                        let exclude = ["offer", "exclude", "alpha:\(offer.id)"]
                        figures.add(
                            "calls done after the kill",
                            try await killWhileHeld(workspace, exclude, affise, on: nil, after: callsBefore, into: &figures))
                        try await workspace.expectSuccess(exclude, into: &figures)

                        let original = synced.first { $0.externalOfferID == String(offer.id) }
                        let copies = await affise.offers().filter { offer in !synced.contains { $0.id == offer.id } }
                        if copies.isEmpty { figures.lost += 1 }
                        figures.duplicated += max(0, copies.count - 1)
                        if let copy = copies.first, copy.externalOfferID != nil {
                            figures.problem("copy \(copy.id) still carries external id \(copy.externalOfferID!)")
                        }
                        var disabled: PlatformStatus?
                        if let original { disabled = await affise.offer(id: original.id)?.status }
                        if disabled != .stopped { figures.problem("original of \(offer.id) is \(disabled.map(\.rawValue) ?? "gone"), not stopped") }
                        try await workspace.expectHealthy(into: &figures)
                    }
                }
            }
            await cpalead.stop()
            figures.finish()
        }

        /// An exclude's platform calls: look up an earlier copy, read the original, create the copy,
        /// remove the copy's external id, disable the original.
        static let excludeCalls = 5

        /// Starts `arguments` with every call to `endpoint` (nil: any) held at the fake, lets the first
        /// `count` through, SIGKILLs the process once the next one is held, then lets the held ones be
        /// done (their answers go nowhere). Answers how many were done after the kill.
        private func killWhileHeld(
            _ workspace: FaultWorkspace, _ arguments: [String], _ affise: FakeAffiseServer,
            on endpoint: FakeAffiseEndpoint?, after count: Int,
            into figures: inout FaultFigures
        ) async throws -> Int {
            await affise.inject(.held, on: endpoint, repeat: .untilCleared)
            // Releases given ahead let the first `count` calls through at once, in order.
            for _ in 0..<count { await affise.release() }
            let process = try workspace.start(arguments)
            try await waitUntil("call \(count + 1) held at the fake", process: process) { await affise.heldCount() > 0 }
            let killed = try await process.kill9()
            if killed.status != 128 + SIGKILL { figures.problem("\(arguments) ended \(killed.status) before the kill") }

            let answeredBefore = await affise.requests().count
            let held = await affise.heldCount()
            await FaultPlatform.releaseAll(affise)
            try await waitUntil("the \(held) held calls done") { await affise.requests().count >= answeredBefore + held }
            return held
        }
    }
}

import ArgumentParser
import Foundation
import LoopbackServers
import Testing
@testable import CPAPIKit
@testable import cpapi_tui

/// `apply` + `sync --once` through the command line's code path against a loopback CPAlead and a
/// loopback Affise: the platform ends up with exactly the offers, payments and statuses the rules say.
@Suite struct EndToEndTests {
    static let apiKey = "e2e-affise-key-31d7"
    static let publisher = "777"

    func run(_ arguments: [String]) async throws {
        var command = try CPAPITUI.parseAsRoot(arguments)
        if var asyncCommand = command as? any AsyncParsableCommand {
            try await asyncCommand.run()
        } else {
            try command.run()
        }
    }

    func config(cpalead: FakeCPAleadServer, affise: FakeAffiseServer) -> String {
        """
        [platform]
        kind = "affise"
        url = "\(affise.baseURL)"
        api_key = "\(Self.apiKey)"

        [sync]
        missing_grace = "2h"
        max_missing_share = 0.5

        [[sources]]
        id = "cpalead"
        kind = "cpalead"
        url = "\(cpalead.baseURL)"
        publisher_id = "\(Self.publisher)"
        tracking_params = "subid={clickid}"

        [[campaigns]]
        id = "tier1"
        sources = ["cpalead"]
        [campaigns.defaults]
        advertiser = "5a0c0f5e8a1b2c3d4e5f6a7b"
        payout_percent = 70
        status = "source"
        """
    }

    /// Who a payment row is for and what the advertiser pays.
    struct PaymentRow: Equatable {
        var countries: [String]
        var total: Double
    }

    /// A clock set by the test, for the syncs that must see time pass.
    struct FixedClock: SyncClock {
        let instant: Date
        func now() -> Date { instant }
    }

    @Test func applyAndSyncOnceGiveAffiseExactlyTheOffersPaymentsAndStatusesTheRulesSay() async throws {
        let scratch = try CommandLineTests.Scratch(); defer { scratch.remove() }
        let cpalead = try await FakeCPAleadServer.start()
        let affise = try await FakeAffiseServer.start(apiKey: Self.apiKey)
        do {
            try await scenario(scratch: scratch, cpalead: cpalead, affise: affise)
        } catch {
            await cpalead.stop(); await affise.stop()
            throw error
        }
        await cpalead.stop(); await affise.stop()
    }

    /// A cron job must not read "the platform refused the key, nothing was pushed" as a success.
    @Test func syncOnceExitsNonZeroWhenThePlatformRefusesTheKey() async throws {
        let scratch = try CommandLineTests.Scratch(); defer { scratch.remove() }
        let cpalead = try await FakeCPAleadServer.start()
        let affise = try await FakeAffiseServer.start(apiKey: "the-tenant-key-is-another-one")
        do {
            let feed = OfferFeedGenerator(seed: 3, firstID: 1, publisherID: Self.publisher).offers(count: 5)
            await cpalead.setFeed(publisherID: Self.publisher, offers: feed)
            try await run([
                "--workspace", scratch.workspace, "apply",
                try scratch.write("refused.toml", config(cpalead: cpalead, affise: affise))
            ])
            await #expect(throws: ExitCode.failure) {
                try await run(["--workspace", scratch.workspace, "sync", "--once"])
            }
            #expect(await affise.createdCount() == 0)
            let last = try #require(try scratch.store().recentRuns().first)
            #expect(last.status == .failed)
            #expect(last.error?.contains("the platform refused the API key") == true, "\(last.error ?? "")")
            #expect(last.error?.contains("Token is necessary") == true)
        } catch {
            await cpalead.stop(); await affise.stop()
            throw error
        }
        await cpalead.stop(); await affise.stop()
    }

    private func scenario(scratch: CommandLineTests.Scratch, cpalead: FakeCPAleadServer, affise: FakeAffiseServer) async throws {
        let feed = OfferFeedGenerator(seed: 7, firstID: 40_000, publisherID: Self.publisher).offers(count: 30)
        await cpalead.setFeed(publisherID: Self.publisher, offers: feed)
        let file = try scratch.write("e2e.toml", config(cpalead: cpalead, affise: affise))
        try await run(["--workspace", scratch.workspace, "apply", file])

        // First sync: one create is stored by Affise but its answer is dropped.
        await affise.inject(.answerDropped, on: .create)
        try await run(["sync", "--once", "--workspace", scratch.workspace])
        let store = try scratch.store()
        #expect(try store.recentRuns().first?.counts.failed == 1)
        // Second sync: the lost create is found by its external id, not made again.
        try await run(["sync", "--once", "--workspace", scratch.workspace])

        let valid = try store.offers(sourceID: "cpalead").filter(\.isValid)
        #expect(!valid.isEmpty)
        let offers = await affise.offers()
        let externalIDs = offers.compactMap(\.externalOfferID)
        #expect(externalIDs.count == Set(externalIDs).count, "no duplicate under the dropped create answer")
        #expect(Set(externalIDs) == Set(valid.map(\.key.externalID)), "exactly the valid offers of the feed")
        let feedByID = Dictionary(uniqueKeysWithValues: feed.map { (String($0.id), $0) })
        for offer in offers {
            let id = try #require(offer.externalOfferID)
            let source = try #require(feedByID[id])
            #expect(offer.status == .active, "status default `source`: active for an offer the source offers")
            #expect(offer.fields.url?.hasSuffix("subid={clickid}") == true, "tracking params appended, macros kept")
            let payments = offer.fields.payments ?? []
            var expectedRows = source.payoutsPerCountry.map { PaymentRow(countries: [$0.country.uppercased()], total: $0.amount) }
            let covered = Set(source.payoutsPerCountry.map { $0.country.uppercased() })
            let rest = source.countries.map { $0.uppercased() }.filter { !covered.contains($0) }
            if source.countries.isEmpty || !rest.isEmpty { expectedRows.append(PaymentRow(countries: rest, total: source.amount)) }
            #expect(
                payments.map { PaymentRow(countries: $0.countries, total: $0.total) } == expectedRows,
                "offer \(id): a row per per-country payout and one for the default amount")
            for payment in payments {
                #expect(abs(payment.revenue - (payment.total * 0.7 * 10_000).rounded() / 10_000) < 1e-9, "offer \(id): 70%")
            }
        }
        for placement in try store.placements(campaignID: "tier1") {
            #expect(placement.state == .live && placement.lastError == nil)
        }

        // An offer leaves the feed: marked missing now, paused once `missing_grace` has passed.
        let gone = try #require(valid.first?.key)
        await cpalead.setFeed(publisherID: Self.publisher, offers: feed.filter { String($0.id) != gone.externalID })
        let start = Date()
        _ = try await SyncCommand.syncOnce(
            store: store, sourceIDs: nil, makeSource: DemandSourceMakers.live(),
            clock: FixedClock(instant: start.addingTimeInterval(60)))
        let goneID = try #require(try store.placements(for: gone).first?.platformOfferID)
        #expect(await affise.offer(id: goneID)?.status == .active, "within the grace: left as it is")
        _ = try await SyncCommand.syncOnce(
            store: store, sourceIDs: nil, makeSource: DemandSourceMakers.live(),
            clock: FixedClock(instant: start.addingTimeInterval(60 + 7200 + 1)))
        #expect(await affise.offer(id: goneID)?.status == .suspended)
        #expect(try store.placements(for: gone).first?.state == .pausedMissing)
        let stillActive = await affise.offers().filter { $0.id != goneID }.allSatisfy { $0.status == .active }
        #expect(stillActive)
        #expect(await affise.offers().count == offers.count, "nothing created meanwhile")
    }
}

@testable import CPAPIKit
import Foundation
import LoopbackServers
import Testing
@testable import Console

/// The Offers table's rows read straight from a real workspace (SQLite in a temp folder, synced from
/// a loopback advertiser into the local platform) are the stored offers and placements, as the
/// table shows them; a first page is the first offers in key order and says more are coming.
@Suite struct WorkspaceConsoleOfferRowsTests {
    /// Two sources, campaign "one" over both and "two" over alpha, synced twice (the second time
    /// alpha's feed lacks its last offer: missing); one placement held by hand, one excluded, campaign
    /// "two" off.
    private func withSyncedWorkspace(_ body: (WorkspaceConsole, WorkspaceStore) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("console-rows-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let workspace = try Workspace.openOrCreate(directory: folder)
        let server = try await FakeCPAleadServer.start()
        do {
            let alpha = OfferFeedGenerator(seed: 7, firstID: 1000, publisherID: "1").offers(count: 12)
            await server.setFeed(publisherID: "1", offers: alpha)
            await server.setFeed(publisherID: "2", offers: OfferFeedGenerator(seed: 8, firstID: 5000, publisherID: "2").offers(count: 9))
            let sources = [
                SourceConfig(id: "alpha", baseURL: server.baseURL, publisherID: "1"),
                SourceConfig(id: "beta", baseURL: server.baseURL, publisherID: "2")
            ]
            let campaigns = [Campaign(id: "one", sources: ["alpha", "beta"]), Campaign(id: "two", sources: ["alpha"])]
            _ = try ConfigApplier(store: workspace.store).apply(WorkspaceConfig(path: "test.toml", sources: sources, campaigns: campaigns))
            let engine = try WorkspaceEngine.open(store: workspace.store)
            let coordinator = engine.coordinator(makeSource: DemandSourceMakers.live())
            _ = try await coordinator.syncOnce()
            await server.setFeed(publisherID: "1", offers: Array(alpha.dropLast()))
            _ = try await coordinator.syncOnce()
            let held = try #require(try workspace.store.placements(campaignID: "one").first { $0.state == .live })
            _ = try await engine.offers.pause(held.offerKey, campaignID: "one")
            let excluded = try #require(try workspace.store.placements(campaignID: "one").last { $0.state == .live })
            _ = try await engine.offers.exclude(excluded.offerKey, campaignID: "one")
            _ = try await engine.campaigns.disable("two")
            await server.stop()
            try await body(WorkspaceConsole(workspace: workspace, engine: engine, makeSource: DemandSourceMakers.live()), workspace.store)
        } catch {
            await server.stop()
            throw error
        }
    }

    /// The row the table shows for an offer, built from the whole stored records.
    private func expectedRows(_ store: WorkspaceStore) throws -> [OfferRow] {
        let active = Set(try store.campaigns().filter(\.isActive).map(\.id))
        return try store.sources().flatMap { try store.offers(sourceID: $0.id) }.sorted { $0.key < $1.key }.map { offer in
            OfferRow(
                key: offer.key, title: offer.title ?? "", payout: offer.payout.amount, currency: offer.payout.currency ?? "",
                countries: offer.countries, devices: offer.devices, isValid: offer.isValid, inFeed: offer.inFeed,
                placements: try store.placements(for: offer.key).sorted { $0.campaignID < $1.campaignID }.map { p in
                    PlacementBrief(
                        campaignID: p.campaignID, state: p.state, platformOfferID: p.platformOfferID,
                        platformStatus: p.lastObserved?.status ?? p.lastPushed?.status,
                        campaignEnabled: active.contains(p.campaignID),
                        reason: p.platformOfferID == nil || p.state == .excluded ? p.reason : nil,
                        excludeInProgress: ExcludeStep.isInProgress(p.workflowStep))
                })
        }
    }

    @Test func offerRowsReadFromTheDatabaseAreTheStoredOffersAndPlacements() async throws {
        try await withSyncedWorkspace { console, store in
            let snapshot = try await console.snapshot(offerLimit: nil)
            let expected = try expectedRows(store)
            #expect(snapshot.offers == expected)
            #expect(snapshot.offersComplete && snapshot.offerTotal == 21)
            // What the fixture set up is really there to be read.
            #expect(snapshot.offers.contains { !$0.inFeed }, "alpha's last offer is missing")
            #expect(snapshot.offers.contains { $0.placements.contains { $0.state == .held } })
            #expect(snapshot.offers.contains { $0.placements.contains { $0.campaignID == "two" && !$0.campaignEnabled } })
            #expect(snapshot.offers.contains { $0.placements.count == 2 })
            #expect(
                snapshot.offers.contains { $0.placements.contains { $0.state == .excluded && $0.reason?.hasPrefix("excluded by") == true } },
                "an excluded placement carries its reason (the actions' rule quotes it)")
        }
    }

    @Test func firstPageIsTheFirstOffersInKeyOrderAndSaysMoreAreComing() async throws {
        try await withSyncedWorkspace { console, store in
            let page = try await console.snapshot(offerLimit: 5)
            #expect(page.offers == Array(try expectedRows(store).prefix(5)))
            #expect(!page.offersComplete)
            #expect(page.offerTotal == 21)
            let everything = try await console.snapshot(offerLimit: 21)
            #expect(everything.offersComplete && everything.offers.count == 21, "a page as large as the workspace is all of it")
            #expect(everything.campaigns.allSatisfy { !$0.countsPending }, "and counts the campaigns")
            #expect(page.campaigns.allSatisfy { $0.countsPending }, "a first page leaves the campaigns' counts to the full read")
        }
    }

    @Test func platformRowsAreTheLocalPlatformOffersWithThePlacementThatMadeEach() async throws {
        try await withSyncedWorkspace { console, store in
            let page = try await store.localPlatformOfferPage(status: nil, offset: 0, limit: 1000)
            let madeBy = Dictionary(
                uniqueKeysWithValues: try store.campaigns(includeDeleted: true).flatMap { try store.placements(campaignID: $0.id) }
                    .compactMap { p in p.platformOfferID.map { ($0, p) } })
            let expected = page.offers.map { o in
                PlatformOfferRow(
                    id: o.id, externalOfferID: o.externalOfferID, title: o.fields.title ?? "", status: o.status,
                    payout: o.fields.payments?.first?.revenue, currency: o.fields.payments?.first?.currency ?? "",
                    offer: madeBy[o.id]?.offerKey, campaignID: madeBy[o.id]?.campaignID)
            }
            let rows = try await store.localPlatformOfferRows()
            #expect(rows == expected)
            #expect(rows.count == page.totalCount && rows.allSatisfy { $0.payout != nil && !$0.title.isEmpty })
            #expect(rows.filter { $0.externalOfferID != nil }.allSatisfy { $0.offer != nil }, "a synced platform offer names its offer")
            #expect(rows.contains { $0.externalOfferID == nil && $0.offer == nil }, "the excluded placement's copy belongs to no offer")
            #expect(Set(rows.compactMap(\.campaignID)) == ["one", "two"])
            #expect(try await console.localPlatformOffers() == rows, "the console reads them through its store seam")
        }
    }

    @Test func campaignCountsFollowWhatThePlatformRunsARetiredCampaignsOffersArePaused() async throws {
        try await withSyncedWorkspace { console, store in
            let states = try store.placementCounts()
            var counts = try store.campaignRunCounts()
            #expect(
                counts["one"]
                    == CampaignRunCounts(
                        matched: states["one"]!.matched, live: states["one"]!.live, paused: states["one"]!.paused,
                        excluded: states["one"]!.excluded))
            // Retired: its placements stay live, but the platform runs none of its offers.
            _ = try await console.engine.campaigns.enable("two")
            let retirement = try await console.engine.campaigns.retire("two")
            #expect(retirement.pushed > 0)
            #expect(try store.placementCounts()["two"]?.live == retirement.pushed, "by state alone they are live")
            counts = try store.campaignRunCounts()
            #expect(counts["two"] == CampaignRunCounts(matched: states["two"]!.matched, live: 0, paused: states["two"]!.matched))
            let row = try #require(try await console.snapshot(offerLimit: nil).campaigns.first { $0.id == "two" })
            #expect(row.live == 0 && row.paused == row.matched && !row.enabled, "the Campaigns pane shows them paused")
        }
    }

    @Test func storedListsParseWithOrWithoutEscapes() {
        #expect(StringListColumn.parse("[]") == [])
        #expect(StringListColumn.parse(#"["US","CA"]"#) == ["US", "CA"])
        #expect(StringListColumn.parse(#" [ "US" , "CA" ] "#) == ["US", "CA"])
        #expect(StringListColumn.parse(#"["say \"hi\"","a\\b","\u00e9"]"#) == ["say \"hi\"", "a\\b", "é"])
        #expect(StringListColumn.parse(#"["US","CA""#) == nil)
        #expect(StringListColumn.parse(#"["US",3]"#) == nil)
        #expect(StringListColumn.parse("US") == nil)
    }
}

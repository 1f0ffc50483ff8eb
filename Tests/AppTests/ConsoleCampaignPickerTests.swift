import CPAPIKit
import Foundation
import Testing
import TUI
@testable import Console

/// Offer actions on an offer several campaigns placed act on the campaign the view is narrowed to,
/// else ask which; an offer in one campaign is acted on at once. `ConsoleUpdate.update` fed events.
@Suite struct ConsoleCampaignPickerTests {
    typealias P = ConsolePromptTests

    /// apps:1000, the first row, is placed by `all` and `tier1`; games:2000 by `all` alone.
    static let twoCampaigns = OfferKey(sourceID: "apps", externalID: "1000")
    static let oneCampaign = OfferKey(sourceID: "games", externalID: "2000")

    static func picker(_ s: ConsoleState) -> CampaignPicker? {
        if case .campaignPicker(let picker)? = s.topOverlay { return picker }
        return nil
    }

    @Test func narrowedToACampaignTheKeysActOnItWithoutAsking() async throws {
        var (s, _) = try await P.loaded()
        P.press(&s, [.character("2"), .down, .enter])  // Campaigns: tier1, narrowed
        #expect(s.scopeCampaign == "tier1" && s.selectedRow?.key == Self.twoCampaigns)
        let effects = P.press(&s, [.character("p")])
        #expect(Self.picker(s) == nil, "no picker while narrowed")
        #expect(effects == [.perform(.pause(Self.twoCampaigns, campaignID: "tier1"))])
        P.press(&s, [.character("x")])
        guard case .confirm(let pending)? = s.topOverlay else { Issue.record("x asks to confirm"); return }
        #expect(pending.action == .exclude(Self.twoCampaigns, campaignID: "tier1"))
    }

    @Test func notNarrowedAnOfferInTwoCampaignsAsksWhichAndActsOnTheChosenOne() async throws {
        var (s, _) = try await P.loaded()
        var effects = P.press(&s, [.character("x")])
        #expect(effects.isEmpty, "nothing is chosen for the operator")
        let picker = try #require(Self.picker(s))
        #expect(picker.choices.map(\.campaignID) == ["all", "tier1"])
        #expect(s.prompt == .dialog)
        var frame = Frame(buffer: Buffer(size: s.size), theme: .monochrome)
        ConsoleView.render(s, into: &frame)
        let screen = frame.buffer.lines.joined(separator: "\n")
        #expect(screen.contains("Exclude apps:1000 in which campaign?"))
        #expect(screen.contains("▶ all    live  offer 101 active") && screen.contains("  tier1  live  offer 102 active"), "\(screen)")
        // ↓ then Enter: tier1's placement, asked about as usual.
        effects = P.press(&s, [.down, .enter])
        guard case .confirm(let pending)? = s.topOverlay else { Issue.record("the exclude is confirmed next"); return }
        #expect(pending.action == .exclude(Self.twoCampaigns, campaignID: "tier1"))
        #expect(pending.message.contains("Platform offer 102 (campaign tier1)"))
        effects = P.press(&s, [.character("y")])
        #expect(effects == [.perform(.exclude(Self.twoCampaigns, campaignID: "tier1"))])
    }

    @Test func escCancelsThePickerAndNothingIsDone() async throws {
        var (s, _) = try await P.loaded()
        P.press(&s, [.character("p")])
        #expect(Self.picker(s)?.command == .pauseResume)
        let effects = P.press(&s, [.escape])
        #expect(effects.isEmpty && s.topOverlay == nil && s.prompt == nil)
        #expect(s.status?.text == "pause/resume apps:1000: cancelled, nothing changed")
    }

    @Test func aChoiceTheActionCannotActOnSaysWhyAndStaysOpen() async throws {
        var (s, ws) = try await P.loaded()
        ws.mutate { offers, _, _ in offers[0].placements[1].state = .excluded }  // tier1's placement of apps:1000
        let snapshot = try await ws.snapshot(offerLimit: nil)
        _ = ConsoleUpdate.update(
            &s, .message(.snapshotLoaded(snapshot, OfferBrowser(index: OfferIndex(rows: snapshot.offers)), changeToken: 2)), now: P.now)
        let effects = P.press(&s, [.character("u"), .down, .enter])
        #expect(effects.isEmpty)
        #expect(Self.picker(s)?.selected == 1, "the picker stays open on the choice")
        #expect(s.status?.text == "tier1: already excluded")
        #expect(P.press(&s, [.up, .enter]).isEmpty && Self.picker(s) == nil)
        guard case .confirm(let pending)? = s.topOverlay else { Issue.record("all's placement can be detached"); return }
        #expect(pending.action == .detach(Self.twoCampaigns, campaignID: "all"))
    }

    @Test func anOfferInOneCampaignIsActedOnAtOnce() async throws {
        var (s, _) = try await P.loaded()
        P.press(&s, [.character("1"), .down, .enter])  // Sources: games, narrowed to the source
        #expect(s.selectedRow?.key == Self.oneCampaign)
        let effects = P.press(&s, [.character("p")])
        #expect(Self.picker(s) == nil)
        #expect(effects == [.perform(.pause(Self.oneCampaign, campaignID: nil))])
    }

    @Test func detailsPGoesToTheChosenCampaignsPlatformOffer() async throws {
        var (s, ws) = try await P.loaded()
        try await P.openDetails(&s, ws)
        var effects = P.press(&s, [.character("P")])
        #expect(Self.picker(s)?.command == .openPlatformOffer)
        effects = P.press(&s, [.down, .enter])
        #expect(effects == [.loadPlatformOffers])
        let rows = try await ws.localPlatformOffers()
        _ = ConsoleUpdate.update(&s, .message(.platformOffersLoaded(.success(rows.map(PlatformBrowser.init)))), now: P.now)
        #expect(ConsoleRules.selectedPlatformRow(s)?.id == 102, "tier1's platform offer of apps:1000 is selected")
    }

    /// The screen's lines as drawn now.
    static func screen(_ s: ConsoleState) -> [String] {
        var frame = Frame(buffer: Buffer(size: s.size), theme: .monochrome)
        ConsoleView.render(s, into: &frame)
        return frame.buffer.lines
    }

    @Test func narrowedToACampaignTheRowShowsThatCampaignsPlacement() async throws {
        var (s, ws) = try await P.loaded()
        ws.mutate { offers, _, _ in
            offers[0].placements[1].state = .held  // tier1's placement of apps:1000
            offers[0].placements[1].platformStatus = .stopped
        }
        let snapshot = try await ws.snapshot(offerLimit: nil)
        _ = ConsoleUpdate.update(
            &s, .message(.snapshotLoaded(snapshot, OfferBrowser(index: OfferIndex(rows: snapshot.offers)), changeToken: 2)), now: P.now)
        func row1000() -> String? { Self.screen(s).first { $0.contains("▶ apps    1000") } }
        #expect(row1000()?.contains("active  live +1") == true, "not narrowed: the first placement (all)")
        P.press(&s, [.character("2"), .down, .enter])  // narrowed to tier1
        #expect(row1000()?.contains("stopped held +1") == true, "narrowed: tier1's placement: \(row1000() ?? "no row")")
        P.press(&s, [.character("2"), .up, .enter])  // narrowed to all
        #expect(row1000()?.contains("active  live +1") == true)
    }
}

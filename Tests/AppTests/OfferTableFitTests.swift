import CPAPIKit
import Foundation
import Testing
import TUI
@testable import Console

/// The Offers table at the demo's 120 columns shows all ten columns in their compact form; at 80
/// it keeps the essentials; on a wide screen, everything in full.
@Suite struct OfferTableFitTests {
    typealias Screen = ConsoleScreenTests

    /// The Offers pane's part of a screen line (it starts at column 40 at 120 columns, 28 at 80).
    static func offersPart(of line: String, from column: Int) -> String { String(line.dropFirst(column)) }

    @Test func offersTableAt120ColumnsShowsAllTenColumns() async throws {
        let (screen, _) = try await Screen.run(.standard(), [Screen.loaded, .key(.character("q"))])
        let lines = screen.lines.map { Self.offersPart(of: $0, from: 40) }
        #expect(lines[2] == "│  Src ▲   ID     Title             Payout Ctry   Dev     V F Plat    State    │")
        #expect(lines[3] == "│▶ apps    1000   Solitaire Del…  0.00 USD US CA  android ✓ ● active  live +1  │")
        #expect(lines[8] == "│  apps    1005   Word Trip 1005  3.75 USD DE +2  android ✓ ○ active  live     │", "○: not in the feed")
        #expect(lines[10] == "│  apps    1007   Cash App Sign…  5.25 USD DE +2  android ✗ ● active  live     │", "✗: invalid")
    }

    @Test func offersTableAt80ColumnsKeepsTheEssentials() async throws {
        let (screen, _) = try await Screen.run(.standard(), size: Size(width: 80, height: 24), [Screen.loaded, .key(.character("q"))])
        let lines = screen.lines.map { Self.offersPart(of: $0, from: 28) }
        #expect(lines[2] == "│  Src ▲   ID     Title            Payout State    │")
        #expect(lines[3] == "│▶ apps    1000   Solitaire De…  0.00 USD live +1  │")
    }

    @Test func wideScreenShowsEveryColumnInFull() async throws {
        let (screen, _) = try await Screen.run(.standard(), size: Size(width: 170, height: 30), [Screen.loaded, .key(.character("q"))])
        let header = try #require(screen.lines.first { $0.contains("Source ▲") })
        for title in ["ID", "Title", "Payout", "Countries", "Devices", "Valid", "Feed", "Platform", "State"] {
            #expect(header.contains(title), "\(title) in \(header)")
        }
        #expect(screen.lines.contains { $0.contains("Solitaire Deluxe 1000") && $0.contains("US CA") && $0.contains("yes") })
    }

    @Test func fitFollowsThePaneWidth() {
        #expect(OfferTableFit(paneWidth: 52) == .essentials, "an 80-column terminal")
        #expect(OfferTableFit(paneWidth: 80) == .compact, "the demo's 120 columns")
        #expect(OfferTableFit(paneWidth: 130) == .roomy)
        // The edges docs/CONSOLE.md names: compact from 118 terminal columns, roomy from 156 (left column 40).
        #expect(OfferTableFit(paneWidth: 77) == .essentials)
        #expect(OfferTableFit(paneWidth: 78) == .compact)
        #expect(OfferTableFit(paneWidth: 115) == .compact)
        #expect(OfferTableFit(paneWidth: 116) == .roomy)
    }

    @Test func compactCellsFitTheirColumns() {
        let row = OfferRow(
            key: OfferKey(sourceID: "demo-apps", externalID: "200476"), title: "InboxDollars", payout: 21.5,
            currency: "USD", countries: ["US", "CA", "GB", "DE"], devices: ["android", "desktop", "ios"],
            isValid: true, inFeed: false,
            placements: [
                PlacementBrief(campaignID: "a", state: .held, platformStatus: .suspended),
                PlacementBrief(campaignID: "b", state: .live, platformStatus: .active)
            ])
        #expect(OfferColumn.countries.text(of: row, in: .compact) == "US +3")
        #expect(OfferColumn.countries.text(of: row) == "US CA GB DE")
        #expect(OfferColumn.devices.text(of: row, in: .compact) == "and +2")
        var two = row
        two.devices = ["android", "ios"]
        #expect(OfferColumn.devices.text(of: two, in: .compact) == "and ios")
        #expect(
            OfferColumn.devices.text(
                of: OfferRow(
                    key: row.key, title: "", payout: nil, currency: "", countries: [],
                    devices: ["android"], isValid: true, inFeed: true), in: .compact) == "android")
        #expect(OfferColumn.valid.text(of: row, in: .compact) == "✓")
        #expect(OfferColumn.inFeed.text(of: row, in: .compact) == "○")
        #expect(OfferColumn.platformStatus.text(of: row, in: .compact) == "suspended", "the count of placements is in State")
        #expect(OfferColumn.state.text(of: row, in: .compact) == "held +1")
        var excluded = row
        excluded.placements[0].state = .excluded
        #expect(OfferColumn.state.text(of: excluded, in: .compact) == "excluded", "no room for +1")
        #expect(OfferColumn.state.text(of: excluded) == "excluded +1")
        #expect(OfferColumn.payout.text(of: row, in: .compact) == "21.50 USD")
    }
}

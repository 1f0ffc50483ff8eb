import TUI

/// Where everything goes on a screen of a given size. Computed from the size and the few facts
/// that change the layout, so `update` (viewport heights, mouse hits) and the views agree.
public struct ConsoleLayout: Sendable, Equatable {
    public var titleBar: Rect
    public var sources: Rect
    public var campaigns: Rect
    public var offers: Rect
    public var sync: Rect
    /// The status line, or the filter / command line while one is open.
    public var statusLine: Rect
    public var hints: Rect
    /// How the Offers table shows its columns in its pane.
    public var offerFit: OfferTableFit

    public init(size: Size, sourceCount: Int) {
        let area = Rect(size: size)
        let syncHeight = size.height >= 36 ? 9 : (size.height >= 28 ? 7 : 5)
        let rows = Layout.vertical([.length(1), .fill, .length(syncHeight), .length(1), .length(1)]).split(area)
        titleBar = rows[0]
        sync = rows[2]
        statusLine = rows[3]
        hints = rows[4]
        let leftWidth = size.width >= 110 ? 40 : (size.width >= 90 ? 32 : 28)
        let columns = Layout.horizontal([.length(leftWidth), .fill]).split(rows[1])
        offers = columns[1]
        offerFit = OfferTableFit(paneWidth: columns[1].width)
        // Sources get the lines they need (up to half the column); campaigns take the rest.
        let sourcesHeight = min(max(5, sourceCount + 3), max(5, columns[0].height / 2))
        let left = Layout.vertical([.length(sourcesHeight), .fill]).split(columns[0])
        sources = left[0]
        campaigns = left[1]
    }

    public func rect(of pane: Pane) -> Rect {
        switch pane {
        case .sources: return sources
        case .campaigns: return campaigns
        case .offers: return offers
        case .sync: return sync
        }
    }

    /// Rows of data each table shows (inside the border, under the header).
    public var offerRows: Int { max(1, offers.height - 3) }
    public var sourceRows: Int { max(1, sources.height - 3) }
    public var campaignRows: Int { max(1, campaigns.height - 3) }
    public var syncRows: Int { max(1, sync.height - 2) }
    /// The full-screen overlays (details, platform) leave the title bar, the status line and the hints visible.
    public var overlayArea: Rect { Rect(x: 0, y: 1, width: hints.width, height: max(0, statusLine.y - 1)) }
}

/// How much room the Offers table has, and so how it shows its columns.
public enum OfferTableFit: Sendable, Equatable {
    /// Every column with its full header and text.
    case roomy
    /// Every column, narrower: short headers, glyphs for valid (✓ ✗) and in feed (● ○), fewer
    /// countries and abbreviated devices; the title takes what is left (a 120-column terminal).
    case compact
    /// Only source, id, title, payout and state, in their compact widths.
    case essentials

    static let roomyTitle = 24
    static let compactTitle = 12

    /// The fit for an Offers pane `paneWidth` cells wide (its border included): the roomiest whose
    /// columns leave the title its minimum.
    public init(paneWidth: Int) {
        // Border (2), the selection mark (2), one space between columns.
        func titleRoom(_ fit: OfferTableFit) -> Int {
            let columns = OfferColumn.visible(in: fit)
            return paneWidth - 4 - (columns.count - 1) - columns.reduce(0) { $0 + $1.fixedWidth(in: fit) }
        }
        if titleRoom(.roomy) >= Self.roomyTitle {
            self = .roomy
        } else if titleRoom(.compact) >= Self.compactTitle {
            self = .compact
        } else {
            self = .essentials
        }
    }
}

import CPAPIKit
import TUI

/// `:platform` at scale: its rows sorted and filtered like the Offers table's (`PlatformBrowser`),
/// Enter to the offer a row belongs to, `:platform ID` to one platform offer.
extension ConsoleUpdate {
    /// `:platform`'s own commands, when it is on top; nil for any other command or screen.
    static func runPlatform(_ s: inout ConsoleState, _ command: ConsoleCommand) -> [ConsoleEffect]? {
        guard case .platform? = s.topOverlay else { return nil }
        switch command {
        case .sortPrevious, .sortNext, .reverseSort:
            updatePlatform(&s) { offers in
                let columns = PlatformColumn.allCases
                if command == .reverseSort {
                    offers.sort(by: offers.sortColumn, ascending: !offers.sortAscending)
                } else {
                    let step = command == .sortNext ? 1 : columns.count - 1
                    offers.sort(by: columns[(offers.sortColumn.rawValue + step) % columns.count], ascending: true)
                }
            }
            return []
        case .platformOfferDetails:
            guard let key = ConsoleRules.selectedPlatformRow(s)?.offer else { return [] }
            return openDetails(&s, key)
        default:
            return nil
        }
    }

    /// Changes the top `:platform`'s rows by `body`, keeping the selection on the same platform offer.
    static func updatePlatform(_ s: inout ConsoleState, _ body: (inout PlatformBrowser) -> Void) {
        guard case .platform(var offers?, var table)? = s.topOverlay else { return }
        let selected = ConsoleRules.selectedPlatformRow(s)?.id
        body(&offers)
        select(&table, in: offers, id: selected, s)
        s.overlays[s.overlays.count - 1] = .platform(offers: offers, table: table)
    }

    /// Fresh rows for every `:platform` on the stack: each keeps its sort, the filter and the
    /// selected platform offer; the top one then selects `platformJump`, when asked for.
    static func platformLoaded(_ s: inout ConsoleState, _ loaded: PlatformBrowser) {
        for i in s.overlays.indices {
            guard case .platform(let old, var table) = s.overlays[i] else { continue }
            var offers = loaded
            if let old { offers.sort(by: old.sortColumn, ascending: old.sortAscending) }
            let isTop = i == s.overlays.count - 1
            if isTop, s.platformJump != nil { s.platformFilter = ScreenFilter() }
            offers.setQuery(s.platformFilter.text)
            let wanted = isTop ? s.platformJump : nil
            let selected = old.flatMap { $0.isEmpty ? nil : $0[min(table.selected, $0.count - 1)].id }
            select(&table, in: offers, id: wanted ?? selected, s)
            s.overlays[i] = .platform(offers: offers, table: table)
            if let wanted, offers.position(of: wanted) == nil {
                s.status = StatusMessage("platform offer \(wanted) is not in the local platform", isError: true)
            }
        }
        s.platformJump = nil
    }

    /// Selects platform offer `id` when shown, else keeps the selection within the rows.
    private static func select(_ table: inout TableState, in offers: PlatformBrowser, id: Int?, _ s: ConsoleState) {
        let layout = ConsoleLayout(size: s.size, sourceCount: s.sources.count)
        table.setViewportHeight(max(1, layout.overlayArea.height - 3), rowCount: offers.count)
        if let id, let position = offers.position(of: id) {
            table.select(position, rowCount: offers.count)
        } else {
            table.clamp(rowCount: offers.count)
        }
    }
}

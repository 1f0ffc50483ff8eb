/// Selection and scroll position of a table or list, kept by the app between frames.
///
/// The state keeps the selected row visible: moving the selection scrolls just enough, and a
/// new viewport height (after a resize) keeps both the selection and, as far as possible, the
/// scroll position. Tell it the viewport height with `setViewportHeight` when the layout
/// changes (on `.resize`); rendering also corrects a stale offset, without mutating the state.
public struct TableState: Sendable, Hashable {
    /// Index of the selected row (meaningless while the table is empty).
    public private(set) var selected: Int
    /// Index of the first visible row.
    public private(set) var offset: Int
    /// Rows visible at once, as last told by the app.
    public private(set) var viewportHeight: Int

    public init(selected: Int = 0, offset: Int = 0, viewportHeight: Int = 1) {
        self.selected = max(0, selected)
        self.offset = max(0, offset)
        self.viewportHeight = max(1, viewportHeight)
    }

    /// Selects `index` (clamped to the rows) and scrolls it into view.
    public mutating func select(_ index: Int, rowCount: Int) {
        selected = rowCount == 0 ? 0 : min(max(0, index), rowCount - 1)
        offset = TableState.offset(keeping: selected, visibleFrom: offset, height: viewportHeight, rowCount: rowCount)
    }

    public mutating func moveBy(_ delta: Int, rowCount: Int) { select(selected + delta, rowCount: rowCount) }
    public mutating func moveDown(rowCount: Int) { moveBy(1, rowCount: rowCount) }
    public mutating func moveUp(rowCount: Int) { moveBy(-1, rowCount: rowCount) }
    public mutating func pageDown(rowCount: Int) { moveBy(max(1, viewportHeight - 1), rowCount: rowCount) }
    public mutating func pageUp(rowCount: Int) { moveBy(-max(1, viewportHeight - 1), rowCount: rowCount) }
    public mutating func selectFirst(rowCount: Int) { select(0, rowCount: rowCount) }
    public mutating func selectLast(rowCount: Int) { select(rowCount - 1, rowCount: rowCount) }

    /// Call when the number of visible rows changes (a resize, a panel opening).
    public mutating func setViewportHeight(_ height: Int, rowCount: Int) {
        viewportHeight = max(1, height)
        clamp(rowCount: rowCount)
    }

    /// Call when the rows change (filtering, reloading): keeps selection and offset in range.
    public mutating func clamp(rowCount: Int) {
        select(selected, rowCount: rowCount)
    }

    /// The first row to draw for a viewport of `height` rows: the stored offset, moved only as
    /// much as needed to show the selection and not to leave empty rows at the bottom.
    public func visibleOffset(rowCount: Int, height: Int) -> Int {
        let sel = rowCount == 0 ? 0 : min(selected, rowCount - 1)
        return TableState.offset(keeping: sel, visibleFrom: offset, height: max(1, height), rowCount: rowCount)
    }

    static func offset(keeping selected: Int, visibleFrom offset: Int, height: Int, rowCount: Int) -> Int {
        var o = offset
        if selected < o { o = selected }
        if selected >= o + height { o = selected - height + 1 }
        return max(0, min(o, rowCount - height))
    }
}

/// Lists use the same selection-and-scroll state as tables.
public typealias ListState = TableState

import CPAPIKit

/// The Offers table's model: the index of all offers, the sort order, the scope and the filter,
/// and the resulting visible rows. Filtering is incremental: when the query only grows (and is
/// not inverted) the new matches are searched among the previous ones.
public struct OfferBrowser: Sendable {
    public private(set) var index: OfferIndex
    public private(set) var sortColumn: OfferColumn
    public private(set) var sortAscending: Bool
    public private(set) var scope: OfferScope
    /// The filter as typed; a leading `!` inverts it.
    public private(set) var query: String
    /// Every row, in sort order.
    private var order: [Int32]
    /// The rows of `order` inside the scope.
    private var scoped: [Int32]
    /// The rows shown: `scoped` filtered by the query.
    public private(set) var visible: [Int32]

    public init(
        index: OfferIndex = OfferIndex(rows: []), sortColumn: OfferColumn = .source, ascending: Bool = true,
        scope: OfferScope = .all, query: String = ""
    ) {
        self.index = index
        self.sortColumn = sortColumn
        self.sortAscending = ascending
        self.scope = scope
        self.query = query
        self.order = index.order(by: sortColumn, ascending: ascending)
        self.scoped = []
        self.visible = []
        rescope()
    }

    public var count: Int { visible.count }
    public func row(at position: Int) -> OfferRow { index.rows[Int(visible[position])] }

    /// Where the offer `key` is among the visible rows.
    public func position(of key: OfferKey) -> Int? {
        guard let row = index.row(of: key) else { return nil }
        let target = Int32(row)
        return visible.firstIndex(of: target)
    }

    /// New data: keeps sort, scope and filter.
    public mutating func replaceIndex(_ newIndex: OfferIndex) {
        index = newIndex
        order = index.order(by: sortColumn, ascending: sortAscending)
        rescope()
    }

    public mutating func sort(by column: OfferColumn, ascending: Bool) {
        guard column != sortColumn || ascending != sortAscending else { return }
        if column == sortColumn {
            order.reverse()
            // Reversing keeps ties in reverse key order; good enough and instant.
        } else {
            order = index.order(by: column, ascending: ascending)
        }
        sortColumn = column
        sortAscending = ascending
        rescope()
    }

    public mutating func setScope(_ newScope: OfferScope) {
        guard newScope != scope else { return }
        scope = newScope
        rescope()
    }

    public mutating func setQuery(_ newQuery: String) {
        guard newQuery != query else { return }
        let old = PackedRowText.parse(query), new = PackedRowText.parse(newQuery)
        query = newQuery
        if !old.inverted, !new.inverted, !old.needle.isEmpty, new.needle.count > old.needle.count,
            Self.contains(new.needle, old.needle)
        {
            // Every row containing the longer text contains the shorter one: search the previous matches
            // only, row by row, or (when they are still many) in one pass over every row's text.
            if visible.count > index.count / 4 {
                let hits = index.rowsMatching(new.needle)
                visible = visible.filter { hits[Int($0)] }
            } else {
                visible = visible.filter { index.matches(Int($0), new.needle) }
            }
        } else {
            refilter()
        }
    }

    private mutating func rescope() {
        scoped = scope == .all ? order : order.filter { scope.includes(index.rows[Int($0)]) }
        refilter()
    }

    private mutating func refilter() {
        visible = index.filter(scoped, by: query)
    }

    static func contains(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= hay.count else { return false }
        if needle.isEmpty { return true }
        for start in 0...(hay.count - needle.count) where hay[start..<(start + needle.count)].elementsEqual(needle) {
            return true
        }
        return false
    }
}

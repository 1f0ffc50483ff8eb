import CPAPIKit

/// The Offers table's model: the index of all offers, the sort order, the scope and the filter,
/// and the resulting visible rows. Filtering is incremental: each term's matches are kept while
/// the term stays in the query, so typing scans only for the term that changes.
public struct OfferBrowser: Sendable {
    public private(set) var index: OfferIndex
    public private(set) var sortColumn: OfferColumn
    public private(set) var sortAscending: Bool
    public private(set) var scope: OfferScope
    /// The filter as typed (the filter language: `FilterQuery`).
    public private(set) var query: String
    /// The last `query` that parsed: what the rows are filtered by.
    public private(set) var appliedQuery: String
    public private(set) var filter: FilterQuery
    /// Why `query` does not parse, nil when it does.
    public private(set) var queryError: FilterError?
    /// The rows each term of `filter` passes, by row (for the current index).
    private var termHits: [FilterTerm: [Bool]] = [:]
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
        do {
            self.filter = try FilterQuery.parse(query, schema: OfferFilterFields.schema)
            self.appliedQuery = query
        } catch {
            self.filter = FilterQuery()
            self.appliedQuery = ""
            self.queryError = error
        }
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
        termHits = [:]
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

    /// The filter as typed. When it does not parse, `queryError` says why and the rows stay those
    /// of `appliedQuery`, the last text that parsed.
    public mutating func setQuery(_ newQuery: String) {
        guard newQuery != query else { return }
        query = newQuery
        do {
            let parsed = try FilterQuery.parse(newQuery, schema: OfferFilterFields.schema)
            queryError = nil
            appliedQuery = newQuery
            guard parsed != filter else { return }
            filter = parsed
            refilter()
        } catch {
            queryError = error
        }
    }

    private mutating func rescope() {
        scoped = scope == .all ? order : order.filter { scope.includes(index.rows[Int($0)]) }
        if case .campaign(let campaign) = scope, sortColumn == .platformStatus || sortColumn == .state {
            sortByPlacement(in: campaign)
        }
        refilter()
    }

    /// Narrowed to a campaign, the Plat and State columns show that campaign's placement
    /// (`OfferRow.seen(from:)`), so they sort by it too: the index's order is the first placement's.
    /// A stable sort of the scope alone; ties keep the index's order.
    private mutating func sortByPlacement(in campaign: String) {
        let column = sortColumn, ascending = sortAscending
        let keyed = scoped.map { row in (row, column.text(of: index.rows[Int(row)].seen(from: campaign)).lowercased()) }
        let sorted = keyed.enumerated().sorted { a, b in
            guard a.element.1 != b.element.1 else { return a.offset < b.offset }
            return (a.element.1 < b.element.1) == ascending
        }
        scoped = sorted.map { $0.element.0 }
    }

    /// The rows of the scope that pass every term. Each term is answered for every row once and
    /// kept while it stays in the query, so a keystroke scans only for the term being typed.
    private mutating func refilter() {
        guard !filter.isEmpty else {
            visible = scoped
            termHits = [:]
            return
        }
        var kept: [FilterTerm: [Bool]] = [:]
        for term in filter.terms { kept[term] = termHits[term] ?? index.filter.rows(passing: term) }
        termHits = kept
        let hits = filter.terms.map { kept[$0]! }
        if hits.count == 1 {
            let only = hits[0]
            visible = scoped.filter { only[Int($0)] }
        } else {
            visible = scoped.filter { row in hits.allSatisfy { $0[Int(row)] } }
        }
    }
}

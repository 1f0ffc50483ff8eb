import CPAPIKit

/// `:platform`'s table model: every local platform offer, packed for filtering and sorting
/// (`PackedRowText`, as the Offers table), the sort and the filter, and the rows they show. A
/// collection of the rows shown, in order.
public struct PlatformBrowser: Sendable, RandomAccessCollection {
    public let all: [PlatformOfferRow]
    private let text: PackedRowText
    public private(set) var sortColumn: PlatformColumn = .id
    public private(set) var sortAscending = true
    /// The filter as typed; a leading `!` inverts it.
    public private(set) var query = ""
    /// Every row, in sort order.
    private var order: [Int32]
    /// The rows shown: `order` filtered by the query.
    private var visible: [Int32]

    /// Built off the loop (`ConsoleApp`): 100k rows take a moment.
    public init(rows: [PlatformOfferRow]) {
        let all = zip(rows, rows.dropFirst()).allSatisfy({ $0.id < $1.id }) ? rows : rows.sorted { $0.id < $1.id }
        let columns = PlatformColumn.allCases
        self.all = all
        text = PackedRowText(rowCount: all.count, columns: columns.count) { i, c in columns[c].text(of: all[i]) }
        order = all.indices.map { Int32($0) }
        visible = order
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { visible.count }
    public subscript(position: Int) -> PlatformOfferRow { all[Int(visible[position])] }

    /// Where the platform offer `id` is among the rows shown.
    public func position(of id: Int) -> Int? { visible.firstIndex { all[Int($0)].id == id } }

    public mutating func sort(by column: PlatformColumn, ascending: Bool) {
        guard column != sortColumn || ascending != sortAscending else { return }
        if column == sortColumn {
            order.reverse()  // instant at 100k rows; ties then come in reverse id order
        } else {
            // Equal values stay in id order (`all` is by id).
            let rank = all.indices.map { Int32($0) }
            order = text.order(byCell: column.rawValue, ascending: ascending, rank: rank) { column.number(of: all[$0]) }
        }
        sortColumn = column
        sortAscending = ascending
        refilter()
    }

    public mutating func setQuery(_ newQuery: String) {
        guard newQuery != query else { return }
        query = newQuery
        refilter()
    }

    private mutating func refilter() {
        visible = text.filter(order, by: query)
    }
}

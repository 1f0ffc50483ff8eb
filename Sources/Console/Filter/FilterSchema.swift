/// The fields of one table's filter, in order: what `FilterQuery.parse` accepts and what a
/// `FilterIndex` holds per row. Each table (Offers, later `:platform`) describes its own.
public struct FilterSchema: Sendable {
    public let fields: [FilterField]
    /// The fields a term without `field:` looks in.
    public let bareFields: [Int]

    public init(_ fields: [FilterField]) {
        self.fields = fields
        self.bareFields = fields.indices.filter { fields[$0].isSearchedByBareTerms }
    }

    /// The field named `name` (or one of its aliases), lower-cased.
    public func field(named name: String) -> Int? {
        fields.firstIndex { $0.isNamed(name) }
    }

    var names: String { fields.map(\.name).joined(separator: ", ") }
    var numericNames: String { fields.filter(\.isNumeric).map(\.name).joined(separator: ", ") }
}

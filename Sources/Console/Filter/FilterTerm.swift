/// One space-separated term of a filter: what it tests, in which fields, maybe negated.
public struct FilterTerm: Sendable, Hashable {
    /// What a term tests in a field.
    public enum Test: Sendable, Hashable {
        /// Any of these (lower-cased) texts, matched by the field's rule (`ctry:us,ca`).
        case text([String])
        /// A case-insensitive regular expression found anywhere in the field's text.
        case regex(String)
        /// The field's number against a value (`payout>5`); a row without a number never passes.
        case compare(Comparison, Double)
    }

    /// `>`, `>=`, `<`, `<=`, `=` (`:` on a number field).
    public enum Comparison: String, Sendable, Hashable, CaseIterable {
        case greater = ">", greaterOrEqual = ">=", less = "<", lessOrEqual = "<=", equal = "="

        func holds(_ value: Double, _ bound: Double) -> Bool {
            switch self {
            case .greater: return value > bound
            case .greaterOrEqual: return value >= bound
            case .less: return value < bound
            case .lessOrEqual: return value <= bound
            // Amounts are shown with two decimals: equal is equal to the cent.
            case .equal: return abs(value - bound) < 0.005
            }
        }
    }

    public var negated: Bool
    /// The fields looked in: one named field, or the schema's bare fields.
    public var fields: [Int]
    public var test: Test

    public init(negated: Bool = false, fields: [Int], test: Test) {
        self.negated = negated; self.fields = fields; self.test = test
    }
}

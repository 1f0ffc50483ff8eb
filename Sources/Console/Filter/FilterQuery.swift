import Foundation

/// A parsed filter: terms that must all hold (AND), as typed in a table's `/` prompt.
///
/// ```
/// ctry:US payout>5 !state:held surv /sign ?up/
/// ```
/// `FIELD:TEXT` looks in one field (`ctry:US,CA`: any of them), `FIELD>N` (`>=`, `<`, `<=`, `=`)
/// compares a number field, `!` negates a term, `/re/` (or `FIELD:/re/`) is a case-insensitive
/// regular expression, `"two words"` keeps a space, and a bare term looks in every field searched
/// by bare terms, each by its rule (`FilterField.Rule`): words from their start, codes whole.
public struct FilterQuery: Sendable, Hashable {
    public var terms: [FilterTerm]

    public init(terms: [FilterTerm] = []) { self.terms = terms }

    public var isEmpty: Bool { terms.isEmpty }

    /// Parses `text` for the fields of `schema`; says what is wrong at the first problem.
    public static func parse(_ text: String, schema: FilterSchema) throws(FilterError) -> FilterQuery {
        var parser = FilterParser(text: text, schema: schema)
        return FilterQuery(terms: try parser.terms())
    }

    /// Compiles a term's pattern: case-insensitive, `^`/`$` at each field's start and end.
    static func regex(_ pattern: String) -> NSRegularExpression? {
        try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive, .anchorsMatchLines])
    }
}

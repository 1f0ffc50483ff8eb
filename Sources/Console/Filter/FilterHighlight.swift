import Foundation

/// Where a query's terms match in the text a cell shows, for the table to highlight: each
/// positive term that looks in the cell's field, by the same rule the filter used (a negated
/// term matches nothing that is shown). Computed for the rows on screen only.
public enum FilterHighlight {
    /// Character ranges of `text` (the cell of `fields`) matched by `query`.
    public static func ranges(in text: String, fields: [Int], query: FilterQuery, schema: FilterSchema) -> [Range<Int>] {
        guard !query.isEmpty, !text.isEmpty else { return [] }
        var ranges: [Range<Int>] = []
        var lowered: [Character]?
        for term in query.terms where !term.negated {
            for field in fields where term.fields.contains(field) {
                switch term.test {
                case .text(let alternatives):
                    let characters = lowered ?? text.map(lowercased)
                    lowered = characters
                    for alternative in alternatives {
                        ranges += occurrences(of: Array(alternative), in: characters, rule: schema.fields[field].rule)
                    }
                case .regex(let pattern):
                    ranges += regexMatches(of: pattern, in: text)
                case .compare:
                    // The number is the cell's first word ("12.50 USD").
                    let number = text.prefix { !$0.isWhitespace }.count
                    if number > 0 { ranges.append(0..<number) }
                }
            }
        }
        return ranges
    }

    /// One character lower-cased, kept as it is when that would make it more than one.
    static func lowercased(_ character: Character) -> Character {
        let lower = character.lowercased()
        return lower.count == 1 ? Character(lower) : character
    }

    static func occurrences(of needle: [Character], in text: [Character], rule: FilterField.Rule) -> [Range<Int>] {
        guard !needle.isEmpty, needle.count <= text.count else { return [] }
        var found: [Range<Int>] = []
        var start = 0
        while start + needle.count <= text.count {
            let end = start + needle.count
            let before = start == 0 ? nil : text[start - 1]
            let fits: Bool
            switch rule {
            case .wordPrefix: fits = !(before.map { $0.isLetter || $0.isNumber } ?? false)
            case .token: fits = (before.map(\.isWhitespace) ?? true) && (end == text.count || text[end].isWhitespace)
            }
            if fits && text[start..<end].elementsEqual(needle) {
                found.append(start..<end)
                start = end
            } else {
                start += 1
            }
        }
        return found
    }

    static func regexMatches(of pattern: String, in text: String) -> [Range<Int>] {
        guard let regex = FilterQuery.regex(pattern) else { return [] }
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            guard let range = Range(match.range, in: text), !range.isEmpty else { return nil }
            let from = text.distance(from: text.startIndex, to: range.lowerBound)
            return from..<(from + text[range].count)
        }
    }
}

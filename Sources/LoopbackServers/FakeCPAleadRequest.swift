import Foundation

/// One request the fake CPAlead server received, for tests to check what was asked.
public struct FakeCPAleadRequest: Sendable, Equatable {
    public var path: String
    /// Query items in order, percent-decoded.
    public var query: [QueryItem]

    public struct QueryItem: Sendable, Equatable {
        public var name: String
        public var value: String
    }

    /// The first value of query item `name`.
    public func value(_ name: String) -> String? { query.first { $0.name == name }?.value }

    /// Parses `a=1&b=x%20y` (`+` as space).
    static func parseQuery(_ query: String?) -> [QueryItem] {
        guard let query, !query.isEmpty else { return [] }
        return query.split(separator: "&").map { part in
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                let spaced = text.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            return QueryItem(name: decode(pieces[0]), value: pieces.count > 1 ? decode(pieces[1]) : "")
        }
    }
}

/// One problem in a config file: where (file, line), which key, and why.
public struct ConfigIssue: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// 1-based; nil when the line cannot be told.
    public var line: Int?
    /// The key's path (`sources[1].url`, `campaigns.tier1.defaults.status`), or the table's.
    public var key: String
    public var reason: String

    public init(file: String, line: Int?, key: String, reason: String) {
        self.file = file; self.line = line; self.key = key; self.reason = reason
    }

    /// `FILE:LINE: key: reason`.
    public var description: String {
        "\(file):\(line.map(String.init) ?? "?"): \(key): \(reason)"
    }
}

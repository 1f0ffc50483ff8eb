/// A config file that cannot be applied: every problem found, in file order. Nothing was applied.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    public var issues: [ConfigIssue]

    public init(issues: [ConfigIssue]) { self.issues = issues }

    /// One `FILE:LINE: key: reason` line per issue.
    public var description: String { issues.map(\.description).joined(separator: "\n") }
}

import Foundation

/// An entry of the feed that could not be read as an offer, and why.
public struct SkippedEntry: Sendable, Equatable, Error {
    /// Position in the feed (0-based).
    public var index: Int
    public var reason: String

    public init(index: Int, reason: String) { self.index = index; self.reason = reason }
}

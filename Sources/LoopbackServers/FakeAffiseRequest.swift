/// One call the fake Affise received, for tests to inspect (the API key is never kept).
public struct FakeAffiseRequest: Sendable {
    public let endpoint: FakeAffiseEndpoint
    public let method: String
    public let path: String
    /// The decoded query and form pairs, in order.
    public let parameters: [FakeAffiseParameter]
    /// Whether it carried the right `API-Key`.
    public let authorized: Bool
    /// The HTTP status answered; nil when the answer was dropped.
    public let answeredStatus: Int?

    /// The values of one key (e.g. `page`, `int_id[]`), in order.
    public func values(_ key: String) -> [String] {
        parameters.filter { $0.key == key }.map(\.value)
    }
}

/// One decoded `key=value` of a fake Affise call.
public struct FakeAffiseParameter: Sendable, Equatable {
    public let key: String
    public let value: String
}

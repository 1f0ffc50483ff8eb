import Foundation

/// What the server answered: status, headers and the whole body (collected up to the caller's size cap).
public struct HTTPFetchResponse: Sendable {
    public var status: Int
    public var headers: [HeaderField]
    public var body: Data
    /// How many attempts it took (1 when the first answer was kept).
    public var attempts: Int

    public init(status: Int, headers: [HeaderField] = [], body: Data = Data(), attempts: Int = 1) {
        self.status = status; self.headers = headers; self.body = body; self.attempts = attempts
    }

    /// The first value of header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name.lowercased() == lowered }?.value
    }

    /// The body as UTF-8 text (invalid sequences repaired), for error messages.
    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}

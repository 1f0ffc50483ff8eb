/// Why a filter's text does not parse, said for the prompt (`unknown field "cty" (fields: …)`).
public struct FilterError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

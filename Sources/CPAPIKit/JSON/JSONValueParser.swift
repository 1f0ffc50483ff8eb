import Foundation

/// A strict JSON parser (RFC 8259) from bytes straight to `JSONValue`, in one pass (`JSONByteReader`).
///
/// Written for speed, where `JSONDecoder` into an untyped value guesses each value's type by failing
/// decodes (docs/PERFORMANCE.md), and for precise errors: a body cut short is told apart ("ends at byte N") from one that is wrong.
public enum JSONValueParser {
    /// Where and why the bytes are not JSON.
    public struct Failure: Error, Equatable, Sendable {
        /// Byte offset (0-based) where parsing stopped.
        public var offset: Int
        /// True when the input ended in the middle of a value: a truncated document.
        public var endedEarly: Bool
        public var message: String
    }

    /// Parses one JSON document (surrounding white space allowed, nothing else after it).
    public static func parse(_ data: Data, maxDepth: Int = 256) throws(Failure) -> JSONValue {
        try read(data, maxDepth: maxDepth) { reader throws(Failure) in try reader.value(depth: 0) }
    }

    /// Runs `body` with a reader at the start of the document's value, then checks that nothing but
    /// white space follows what `body` read.
    static func read<T>(_ data: Data, maxDepth: Int = 256, _ body: (inout JSONByteReader) throws(Failure) -> T) throws(Failure) -> T {
        let result: Result<T, Failure> = data.withUnsafeBytes { raw in
            var reader = JSONByteReader(bytes: raw.bindMemory(to: UInt8.self), maxDepth: maxDepth)
            do throws(Failure) {
                reader.skipSpace()
                let value = try body(&reader)
                try reader.end()
                return .success(value)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}

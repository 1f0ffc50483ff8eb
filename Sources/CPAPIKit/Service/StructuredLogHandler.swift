import Foundation
import Logging
import Synchronization

/// The two shapes of `cpapi-tui sync`'s log lines.
public enum StructuredLogFormat: String, Sendable, CaseIterable {
    /// `TS LEVEL message key=value …`: for a person reading a terminal or the journal.
    case text
    /// One JSON object per line: `{"ts", "level", "msg", …metadata}`, for a log shipper or `jq`.
    case json
}

/// A swift-log handler writing one line per message, whole and at once (one `write(2)`: never
/// block-buffered, never interleaved with another thread's line), as text or JSON.
///
/// JSON lines hold `ts` (ISO 8601, UTC, milliseconds), `level`, `msg`, then the metadata's keys
/// sorted: an integer, a double or a boolean stays a JSON number or boolean, a dictionary an
/// object, an array an array, anything else a string. swift-log's own `source` (the module) is not
/// written: `source` in a line is the metadata's, the demand source a run is over.
public struct StructuredLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    public let format: StructuredLogFormat
    private let sink: @Sendable (String) -> Void
    private let now: @Sendable () -> Date

    /// - Parameters:
    ///   - sink: takes each line without its newline (stdout by default).
    ///   - now: the time stamped on each line (tests fix it).
    public init(
        format: StructuredLogFormat, sink: @escaping @Sendable (String) -> Void = StructuredLogHandler.standardOutput,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.format = format; self.sink = sink; self.now = now
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        sink(Self.line(format: format, at: now(), level: event.level, message: event.message.description, metadata: merged))
    }

    /// One line in `format`, without its newline.
    public static func line(
        format: StructuredLogFormat, at date: Date, level: Logger.Level, message: String,
        metadata: Logger.Metadata
    ) -> String {
        let ts = timestamp(date)
        let keys = metadata.keys.sorted()
        switch format {
        case .json:
            var fields = ["\"ts\":" + jsonString(ts), "\"level\":" + jsonString(level.rawValue), "\"msg\":" + jsonString(message)]
            for key in keys where !["ts", "level", "msg"].contains(key) {
                fields.append(jsonString(key) + ":" + json(metadata[key]!))
            }
            return "{" + fields.joined(separator: ",") + "}"
        case .text:
            let pairs = keys.map { "\($0)=\(text(metadata[$0]!))" }
            return ([ts, level.rawValue, oneLine(message)] + pairs).joined(separator: " ")
        }
    }

    /// Writes `line` and a newline to stdout in one `write(2)`.
    public static let standardOutput: @Sendable (String) -> Void = { line in
        standardOutputLock.withLock { _ in FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
    }

    private static let standardOutputLock = Mutex(())

    // MARK: - Values

    public static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt))
    }

    private static func json(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let string): return jsonString(string)
        case .stringConvertible(let convertible):
            switch convertible {
            case let bool as Bool: return bool ? "true" : "false"
            case let int as Int: return String(int)
            case let int as Int64: return String(int)
            case let double as Double: return double.isFinite ? String(double) : jsonString(String(double))
            default: return jsonString(convertible.description)
            }
        case .dictionary(let dictionary):
            let fields = dictionary.keys.sorted().map { jsonString($0) + ":" + json(dictionary[$0]!) }
            return "{" + fields.joined(separator: ",") + "}"
        case .array(let array):
            return "[" + array.map(json).joined(separator: ",") + "]"
        }
    }

    /// A JSON string literal (Foundation's escaping: quotes, backslashes, control characters).
    public static func jsonString(_ string: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        return (try? String(decoding: encoder.encode(string), as: UTF8.self)) ?? "\"\""
    }

    /// A text value: as it is when it has no space, quote or `=`, else quoted like JSON.
    private static func text(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .dictionary(let dictionary):
            return dictionary.keys.sorted().map { "\($0):\(text(dictionary[$0]!))" }.joined(separator: ",")
        case .array(let array):
            return array.map(text).joined(separator: ",")
        case .string, .stringConvertible:
            let plain = value.description
            let bare = !plain.isEmpty && !plain.contains { $0 == " " || $0 == "\"" || $0 == "=" || $0.isNewline || $0 == "," }
            return bare ? plain : jsonString(plain)
        }
    }

    private static func oneLine(_ text: String) -> String {
        text.contains(where: \.isNewline) ? text.split(whereSeparator: \.isNewline).joined(separator: " ") : text
    }
}

import Foundation

/// Removes credentials from anything that could be shown, logged or stored: URLs, headers, bodies.
///
/// A known secret value is masked only where it stands as a whole token: where it meets a letter or
/// digit it is part of a longer word and left alone (a key `x` must not turn `text/html` into
/// `te[redacted]t/html`, nor alter a stored offer). A secret edge that is itself punctuation needs no
/// boundary; a percent-escape of punctuation (`%3D`) counts as a boundary.
/// - URLs: the value of every credential-like query item (`api_key`, `apikey`, `token`, …) becomes
///   `[redacted]`, and so does any query value equal to a known secret, and any known secret value
///   (raw or percent-encoded) standing as a token.
/// - Headers: the value of `API-Key`, `Authorization` and the like becomes `[redacted]`; other values
///   lose any known secret value standing as a token (a whole value, `Bearer <secret>`, `key=<secret>`).
/// - Text (bodies, messages): every known secret value standing as a token becomes `[redacted]`.
///
/// Build one per source or platform with the secrets it uses (`Redactor(secrets: [apiKey])`).
public struct Redactor: Sendable, Equatable {
    public static let mask = "[redacted]"
    /// Query item names whose values are always masked (compared case-insensitively).
    public static let sensitiveQueryNames: Set<String> = [
        "api_key", "apikey", "api-key", "key", "token", "access_token", "auth", "password", "secret", "signature"
    ]
    /// Header names whose values are always masked (compared case-insensitively).
    public static let sensitiveHeaderNames: Set<String> = [
        "api-key", "authorization", "proxy-authorization", "x-api-key", "x-eflow-api-key", "cookie", "set-cookie"
    ]

    /// Secret values to mask wherever they stand as a token (empty strings are ignored).
    public let secrets: [String]

    public init(secrets: [String] = []) {
        // Longest first, so a secret that contains another is masked whole.
        var forms = Set<String>()
        for secret in secrets where !secret.isEmpty {
            forms.insert(secret)
            forms.insert(HTTPFetchRequest.formEncode(secret))
        }
        self.secrets = forms.sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
    }

    /// This redactor with more secrets.
    public func adding(secrets more: [String]) -> Redactor { Redactor(secrets: secrets + more) }

    /// `text` with every known secret value that stands as a token masked.
    public func text(_ text: String) -> String {
        var result = text
        // A byte search first: almost every text (a stored offer, a header) holds no secret at all.
        for secret in secrets where Self.holds(secret, in: result) {
            result = Self.maskingTokens(secret, in: result)
        }
        return result
    }

    /// Whether `text`'s UTF-8 holds `secret`'s (`memchr` for its first byte, then `memcmp`):
    /// Foundation's `String.contains` on Linux was a quarter of a no-change sync's CPU, run on every
    /// offer's raw JSON (docs/PERFORMANCE.md). Bytes, as `maskingTokens` compares them.
    static func holds(_ secret: String, in text: String) -> Bool {
        var text = text, secret = secret
        return text.withUTF8 { haystack in
            secret.withUTF8 { needle in
                guard let textStart = haystack.baseAddress, let secretStart = needle.baseAddress, let first = needle.first,
                    needle.count <= haystack.count
                else { return false }
                let lastStart = haystack.count - needle.count
                var position = 0
                while position <= lastStart {
                    guard let found = memchr(textStart + position, Int32(first), lastStart - position + 1) else { return false }
                    if memcmp(found, secretStart, needle.count) == 0 { return true }
                    position = textStart.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
                }
                return false
            }
        }
    }

    /// `text` with each occurrence of `secret` that stands as a token replaced by the mask.
    static func maskingTokens(_ secret: String, in text: String) -> String {
        let haystack = Array(text.utf8), needle = Array(secret.utf8)
        guard let first = needle.first, needle.count <= haystack.count else { return text }
        let needsStart = isWordByte(first, in: needle, at: 0), needsEnd = endsInWord(needle)
        var output: [UInt8] = [], copied = 0, position = 0
        output.reserveCapacity(haystack.count)
        while position + needle.count <= haystack.count {
            let end = position + needle.count
            if haystack[position] == first, haystack[position..<end].elementsEqual(needle),
                !needsStart || !wordBefore(position, in: haystack), !needsEnd || !wordAt(end, in: haystack)
            {
                output.append(contentsOf: haystack[copied..<position])
                output.append(contentsOf: mask.utf8)
                copied = end
                position = end
            } else {
                position += 1
            }
        }
        guard copied > 0 else { return text }
        output.append(contentsOf: haystack[copied...])
        return String(decoding: output, as: UTF8.self)
    }

    /// Whether the character starting at `index` of `bytes` is a letter or a digit.
    private static func isWordByte(_ byte: UInt8, in bytes: [UInt8], at index: Int) -> Bool {
        guard byte >= 0x80 else { return isASCIIWord(byte) }
        var end = index + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return isWordScalar(bytes[index..<end])
    }

    /// Whether the last character of `bytes` is a letter or a digit.
    private static func endsInWord(_ bytes: [UInt8]) -> Bool { wordBefore(bytes.count, in: bytes) }

    /// Whether the character ending just before `index` is a letter or a digit. A percent-escape of
    /// anything but a letter or a digit (`%2F`) is not.
    private static func wordBefore(_ index: Int, in bytes: [UInt8]) -> Bool {
        guard index > 0 else { return false }
        let last = bytes[index - 1]
        if last < 0x80 {
            guard isASCIIWord(last) else { return false }
            if index >= 3, bytes[index - 3] == UInt8(ascii: "%"), let escaped = hexByte(bytes[index - 2], last) {
                return isASCIIWord(escaped)
            }
            return true
        }
        var start = index - 1
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return isWordScalar(bytes[start..<index])
    }

    /// Whether the character starting at `index` is a letter or a digit (false past the end).
    private static func wordAt(_ index: Int, in bytes: [UInt8]) -> Bool {
        index < bytes.count && isWordByte(bytes[index], in: bytes, at: index)
    }

    private static func isASCIIWord(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    private static func isWordScalar(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard let scalar = String(decoding: bytes, as: UTF8.self).unicodeScalars.first else { return false }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// The byte two hex digits spell, or nil.
    private static func hexByte(_ high: UInt8, _ low: UInt8) -> UInt8? {
        func digit(_ byte: UInt8) -> UInt8? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
            default: return nil
            }
        }
        guard let high = digit(high), let low = digit(low) else { return nil }
        return high << 4 | low
    }

    /// `url` with credential query items and known secret values masked.
    public func url(_ url: String) -> String {
        guard let queryStart = url.firstIndex(of: "?") else { return text(url) }
        let fragmentStart = url[queryStart...].firstIndex(of: "#") ?? url.endIndex
        let query = url[url.index(after: queryStart)..<fragmentStart]
        let items = query.split(separator: "&", omittingEmptySubsequences: false).map { item -> String in
            guard let equals = item.firstIndex(of: "=") else { return String(item) }
            let name = item[..<equals]
            let decodedName = (String(name).removingPercentEncoding ?? String(name)).lowercased()
            let value = String(item[item.index(after: equals)...])
            let decodedValue = value.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? value
            let isSecret = Self.sensitiveQueryNames.contains(decodedName) || (!value.isEmpty && secrets.contains(decodedValue))
            return isSecret ? "\(name)=\(Self.mask)" : String(item)
        }
        let rebuilt = String(url[...queryStart]) + items.joined(separator: "&") + String(url[fragmentStart...])
        return text(rebuilt)
    }

    /// One header value, masked whole when the header carries credentials.
    public func headerValue(name: String, value: String) -> String {
        Self.sensitiveHeaderNames.contains(name.lowercased()) ? Self.mask : text(value)
    }

    public func headers(_ headers: [HeaderField]) -> [HeaderField] {
        headers.map { HeaderField($0.name, headerValue(name: $0.name, value: $0.value)) }
    }

    /// Headers as a dictionary (repeated names joined with `, `), redacted: the shape `FetchFailure` stores.
    public func headerDictionary(_ headers: [HeaderField]) -> [String: String] {
        var result: [String: String] = [:]
        for field in headers {
            let value = headerValue(name: field.name, value: field.value)
            if let existing = result[field.name] { result[field.name] = existing + ", " + value } else { result[field.name] = value }
        }
        return result
    }

    /// A body for display or storage: decoded as UTF-8, known secret values masked, then cut to
    /// `maxBytes` (on a character boundary, with a note saying how much was cut). Masking comes first
    /// so a secret straddling the cut cannot leave a readable half.
    public func body(_ data: Data, maxBytes: Int = 64 * 1024) -> String {
        let masked = text(String(decoding: data, as: UTF8.self))
        let utf8 = masked.utf8
        if utf8.count <= maxBytes { return masked }
        var cut = String(decoding: utf8.prefix(maxBytes), as: UTF8.self)
        // A character split by the cut decodes as U+FFFD: drop it.
        while cut.last == "\u{FFFD}" { cut.removeLast() }
        return cut + "\n[… \(utf8.count - maxBytes) more bytes not kept]"
    }
}

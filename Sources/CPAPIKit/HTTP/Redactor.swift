import Foundation

/// Removes credentials from anything that could be shown, logged or stored: URLs, headers, bodies.
///
/// - URLs: the value of every credential-like query item (`api_key`, `apikey`, `token`, …) becomes
///   `[redacted]`, and so does any occurrence of a known secret value (raw or percent-encoded).
/// - Headers: the value of `API-Key`, `Authorization` and the like becomes `[redacted]`; other values
///   lose any known secret value.
/// - Text (bodies, messages): every occurrence of a known secret value becomes `[redacted]`.
///
/// Build one per source or platform with the secrets it uses (`Redactor(secrets: [apiKey])`).
public struct Redactor: Sendable, Equatable {
    public static let mask = "[redacted]"
    /// Query item names whose values are always masked (compared case-insensitively).
    public static let sensitiveQueryNames: Set<String> = [
        "api_key", "apikey", "api-key", "key", "token", "access_token", "auth", "password", "secret", "signature",
    ]
    /// Header names whose values are always masked (compared case-insensitively).
    public static let sensitiveHeaderNames: Set<String> = [
        "api-key", "authorization", "proxy-authorization", "x-api-key", "x-eflow-api-key", "cookie", "set-cookie",
    ]

    /// Secret values to mask wherever they appear (empty strings are ignored).
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

    /// `text` with every known secret value masked.
    public func text(_ text: String) -> String {
        var result = text
        for secret in secrets where result.contains(secret) {
            result = result.replacingOccurrences(of: secret, with: Self.mask)
        }
        return result
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
            return Self.sensitiveQueryNames.contains(decodedName) ? "\(name)=\(Self.mask)" : String(item)
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

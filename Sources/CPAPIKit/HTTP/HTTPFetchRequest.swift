import Foundation

/// One HTTP request as a caller of `HTTPFetcher` describes it: method, URL, headers and an optional body.
///
/// The URL and headers may hold credentials; nothing here is ever printed as is: show them through a
/// `Redactor`.
public struct HTTPFetchRequest: Sendable, Equatable {
    /// `GET`, `POST`, `PUT`, `PATCH`, `DELETE`, … (upper-case).
    public var method: String
    public var url: String
    public var headers: [HeaderField]
    public var body: [UInt8]?

    public init(method: String = "GET", url: String, headers: [HeaderField] = [], body: [UInt8]? = nil) {
        self.method = method.uppercased(); self.url = url; self.headers = headers; self.body = body
    }

    /// A `GET` of `url`.
    public static func get(_ url: String, headers: [HeaderField] = []) -> HTTPFetchRequest {
        HTTPFetchRequest(method: "GET", url: url, headers: headers)
    }

    /// A `POST` (or `PUT`, …) of an `application/x-www-form-urlencoded` body built from `form`, in order.
    /// Repeated names are kept (`countries[]=US&countries[]=CA`).
    public static func form(
        _ method: String = "POST", _ url: String, form: [(name: String, value: String)], headers: [HeaderField] = []
    ) -> HTTPFetchRequest {
        let body = form.map { "\(formEncode($0.name))=\(formEncode($0.value))" }.joined(separator: "&")
        var allHeaders = headers
        if !allHeaders.contains(where: { $0.name.lowercased() == "content-type" }) {
            allHeaders.append(HeaderField("Content-Type", "application/x-www-form-urlencoded"))
        }
        return HTTPFetchRequest(method: method, url: url, headers: allHeaders, body: Array(body.utf8))
    }

    /// Percent-encodes a form name or value (`application/x-www-form-urlencoded`, spaces as `%20`).
    public static func formEncode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: formAllowed) ?? text
    }

    private static let formAllowed: CharacterSet = {
        var set = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        set.insert(charactersIn: "-._~")
        return set
    }()
}

/// One header line (name as sent; compare names case-insensitively).
public struct HeaderField: Sendable, Equatable, Hashable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) { self.name = name; self.value = value }
}

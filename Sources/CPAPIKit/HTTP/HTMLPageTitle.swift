import Foundation

/// The `<title>` of an HTML answer (a proxy's or web server's error page), so an error can say
/// `an HTML page "502 Bad Gateway"` instead of quoting markup.
public enum HTMLPageTitle {
    /// The title's text, whitespace collapsed and entities for `&`, `<`, `>`, `"` read; nil when the
    /// body is not an HTML page or has no title.
    public static func of(_ body: Data) -> String? {
        let head = String(decoding: body.prefix(16 * 1024), as: UTF8.self)
        let lowered = head.lowercased()
        guard lowered.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("<"),
            let open = lowered.range(of: "<title"),
            let openEnd = lowered[open.upperBound...].firstIndex(of: ">"),
            let close = lowered.range(of: "</title>", range: openEnd..<lowered.endIndex)
        else { return nil }
        // Lower-casing keeps ASCII offsets, and HTML pages' tags are ASCII: the same ranges in `head`.
        let start = head.index(head.startIndex, offsetBy: lowered.distance(from: lowered.startIndex, to: openEnd) + 1)
        let end = head.index(head.startIndex, offsetBy: lowered.distance(from: lowered.startIndex, to: close.lowerBound))
        guard start <= end else { return nil }
        let text = head[start..<end].split(whereSeparator: \.isWhitespace).joined(separator: " ")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
        return text.isEmpty ? nil : text
    }

    /// `an HTML page "TITLE"` (or `an HTML page without a title`) when the body is one; nil otherwise.
    public static func describe(_ body: Data) -> String? {
        if let title = of(body) { return "an HTML page \"\(title)\"" }
        let start = String(decoding: body.prefix(64), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        return start.hasPrefix("<!doctype html") || start.hasPrefix("<html") ? "an HTML page without a title" : nil
    }
}

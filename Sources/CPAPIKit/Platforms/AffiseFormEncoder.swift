import Foundation

/// Encodes writes for Affise's Admin API: `application/x-www-form-urlencoded` with PHP-style nested
/// keys (`payments[0][countries][]=US`), keys and values percent-encoded (only RFC 3986 unreserved
/// characters are left as they are, so brackets travel as `%5B`/`%5D`).
///
/// Only the fields that are set are sent (an edit changes only those). An empty external offer id is
/// sent as `external_offer_id=` (it removes the id). An empty top-level list is sent as `key=` so it
/// clears the list; empty lists inside a payment row are left out (no restriction).
public enum AffiseFormEncoder {
    /// The key/value pairs of an offer write, in a fixed order.
    public static func pairs(_ fields: PlatformOfferFields) -> [(key: String, value: String)] {
        var pairs: [(key: String, value: String)] = []
        func add(_ key: String, _ value: String?) {
            if let value { pairs.append((key, value)) }
        }
        func addList(_ key: String, _ values: [String]?, emptyClears: Bool) {
            guard let values else { return }
            if values.isEmpty {
                if emptyClears { pairs.append((key, "")) }
                return
            }
            for value in values { pairs.append((key + "[]", value)) }
        }

        add("title", fields.title)
        add("description_lang[en]", fields.description)
        add("url", fields.url)
        add("url_preview", fields.previewURL)
        add("external_offer_id", fields.externalOfferID)
        add("advertiser", fields.advertiser)
        add("status", fields.status?.rawValue)
        add("privacy", fields.privacy?.rawValue)
        addList("categories", fields.categories, emptyClears: true)
        add("redirect_type", fields.redirectType)
        add("is_redirect_overcap", fields.isRedirectOvercap.map { $0 ? "1" : "0" })
        add("strictly_country", fields.strictlyCountry.map { $0 ? "1" : "0" })
        add("logo", fields.logo)
        if let payments = fields.payments {
            if payments.isEmpty { pairs.append(("payments", "")) }
            for (index, payment) in payments.enumerated() {
                let row = "payments[\(index)]"
                addList(row + "[countries]", payment.countries, emptyClears: false)
                add(row + "[country_exclude]", payment.countryExclude.map { $0 ? "1" : "0" })
                addList(row + "[devices]", payment.devices, emptyClears: false)
                addList(row + "[os]", payment.os, emptyClears: false)
                add(row + "[total]", number(payment.total))
                add(row + "[revenue]", number(payment.revenue))
                add(row + "[currency]", payment.currency)
                add(row + "[type]", payment.type)
                add(row + "[goal]", payment.goal)
            }
        }
        if let caps = fields.caps {
            if caps.isEmpty { pairs.append(("caps", "")) }
            for (index, cap) in caps.enumerated() {
                let row = "caps[\(index)]"
                add(row + "[period]", cap.period)
                add(row + "[type]", cap.type)
                add(row + "[value]", number(cap.value))
            }
        }
        return pairs
    }

    /// The form body of an offer write (create or edit).
    public static func encode(_ fields: PlatformOfferFields) -> String {
        encode(pairs: pairs(fields))
    }

    /// The form body of a mass status update.
    public static func encodeMassUpdate(status: PlatformStatus, offerIDs: [Int]) -> String {
        encode(pairs: offerIDs.map { (key: "offer_id[]", value: String($0)) } + [(key: "status", value: status.rawValue)])
    }

    /// The form body of a delete.
    public static func encodeDelete(offerIDs: [Int]) -> String {
        encode(pairs: offerIDs.map { (key: "offer_id[]", value: String($0)) })
    }

    /// `key=value&…` with both sides percent-encoded.
    public static func encode(pairs: [(key: String, value: String)]) -> String {
        pairs.map { percentEncode($0.key) + "=" + percentEncode($0.value) }.joined(separator: "&")
    }

    /// Percent-encodes everything but RFC 3986's unreserved characters (UTF-8 bytes for the rest).
    public static func percentEncode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    /// A number as plain decimal text (`12`, `0.7`), never in exponent form.
    public static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        let text = String(value)
        guard text.contains("e") || text.contains("E") else { return text }
        var fixed = String(format: "%.10f", value)
        while fixed.hasSuffix("0") { fixed.removeLast() }
        if fixed.hasSuffix(".") { fixed.removeLast() }
        return fixed
    }

    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}

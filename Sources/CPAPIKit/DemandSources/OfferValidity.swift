import Foundation

/// Decides whether a normalised offer can be pushed, giving every reason it cannot, in fixed wording
/// (the operator filters on these, tests compare them):
/// `no title`, `no tracking link`, `invalid tracking link`, `no preview link`, `no payout`,
/// `non-positive payout`, `payout N out of range (at most 1000000)` (also `… for XX`), `cap … out of range`,
/// `unknown currency XYZ`, `negative payout for XX`; and, from what an adapter
/// could not read without changing what would be pushed (it adds them to these): `unknown device
/// word`, `unreadable payout for XX`, `unreadable payout row N` (no readable country in the Nth row),
/// `unreadable payout row without a country`, `unreadable per-country payouts` (neither an object nor a list).
public enum OfferValidity {
    public static func reasons(for offer: DemandOffer) -> [String] {
        var reasons: [String] = []
        if offer.title == nil { reasons.append("no title") }
        if let tracking = offer.trackingURL {
            if !isWebURL(tracking) { reasons.append("invalid tracking link") }
        } else {
            reasons.append("no tracking link")
        }
        if offer.previewURL == nil { reasons.append("no preview link") }
        if let amount = offer.payout.amount {
            if !amount.isFinite || amount > Payout.maximumAmount {
                reasons.append(payoutOutOfRange(amount))
            } else if amount <= 0 {
                reasons.append("non-positive payout")
            }
        } else {
            reasons.append("no payout")
        }
        if let currency = offer.payout.currency, !ISO4217.codes.contains(currency) {
            reasons.append("unknown currency \(currency)")
        }
        for row in offer.countryPayouts {
            if !row.amount.isFinite || row.amount > Payout.maximumAmount {
                reasons.append(payoutOutOfRange(row.amount) + " for \(row.country)")
            } else if row.amount < 0 {
                reasons.append("negative payout for \(row.country)")
            }
        }
        for cap in offer.caps where !cap.value.isFinite || cap.value < 0 || cap.value > 1e12 {
            reasons.append("cap \(cap.period) \(cap.type) \(cap.value) out of range")
        }
        return reasons
    }

    /// An amount no conversion pays (`1e308`): pushed, its affiliate share would overflow.
    static func payoutOutOfRange(_ amount: Double) -> String {
        "payout \(amount) out of range (at most \(Int(Payout.maximumAmount)))"
    }

    /// A device word the source's vocabulary does not know: pushed without it, the offer would run on
    /// every device (or miss one the advertiser pays for).
    public static func unknownDevice(_ word: String) -> String { "unknown device \(word)" }

    /// A per-country payout whose amount cannot be read: that country would get the default amount.
    public static func unreadablePayout(for country: String) -> String { "unreadable payout for \(country)" }

    /// A per-country payout row (1-based, nil when the rows are an object) without a readable country.
    public static func unreadablePayoutRow(_ row: Int?) -> String {
        row.map { "unreadable payout row \($0)" } ?? "unreadable payout row without a country"
    }

    public static let unreadablePayouts = "unreadable per-country payouts"

    /// An absolute `http` or `https` URL with a host and no white space or control characters.
    /// (Checked by hand: `URLComponents` costs too much at 100k offers a sync.)
    public static func isWebURL(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            let schemeLength: Int
            if hasPrefix(bytes, "https://") { schemeLength = 8 } else if hasPrefix(bytes, "http://") { schemeLength = 7 } else { return false }
            var hostLength = 0
            for byte in bytes[schemeLength...] {
                if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") { break }
                let isHostByte =
                    (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                    || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
                    || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "_")
                    || byte >= 0x80
                guard isHostByte else { return false }
                hostLength += 1
            }
            guard hostLength > 0 else { return false }
            return !bytes.contains { $0 <= 0x20 || $0 == 0x7F }
        }
    }

    /// Whether `bytes` start with the lower-case ASCII `prefix`, ignoring the case of letters.
    private static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ prefix: StaticString) -> Bool {
        guard bytes.count >= prefix.utf8CodeUnitCount else { return false }
        for offset in 0..<prefix.utf8CodeUnitCount where bytes[offset] | 0x20 != prefix.utf8Start[offset] { return false }
        return true
    }
}

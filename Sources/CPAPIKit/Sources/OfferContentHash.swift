import Foundation

/// A stable hash of an offer's normalised content: 64-bit FNV-1a, 16 hex digits.
///
/// It covers what would be pushed or shown (texts, links, payouts, countries, devices, caps,
/// categories, status, logo), each field tagged and separated, numbers in one canonical form, so the
/// same offer sent with another key order or number formatting hashes the same. The rank is left out:
/// the source reorders its feed often and the rank is not pushed. `rawJSON` is left out for the same reason.
public enum OfferContentHash {
    public static func hash(_ offer: DemandOffer) -> String {
        var hasher = FNV1a64()
        hasher.field("title", offer.title)
        hasher.field("description", offer.description)
        hasher.field("conversion", offer.conversion)
        hasher.field("preview", offer.previewURL)
        hasher.field("tracking", offer.trackingURL)
        hasher.field("amount", offer.payout.amount.map(JSONValue.format))
        hasher.field("currency", offer.payout.currency)
        hasher.field("model", offer.payout.model)
        hasher.field("country_payouts", offer.countryPayouts.map { "\($0.country)=\(JSONValue.format($0.amount))" }.joined(separator: ","))
        hasher.field("countries", offer.countries.joined(separator: ","))
        hasher.field("devices", offer.devices.joined(separator: ","))
        hasher.field("caps", offer.caps.map { "\($0.period)/\($0.type)=\(JSONValue.format($0.value))" }.joined(separator: ","))
        hasher.field("categories", offer.categories.joined(separator: ","))
        hasher.field("status", offer.statusAtSource)
        hasher.field("logo", offer.logoURL)
        return hasher.hex
    }
}

/// 64-bit FNV-1a over UTF-8 bytes.
struct FNV1a64 {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ text: String) {
        for byte in text.utf8 { value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
    }

    /// `name`, a marker telling nil from empty, the value, and a separator no field contains.
    mutating func field(_ name: String, _ text: String?) {
        add(name)
        if let text { add("="); add(text) } else { add("#nil") }
        add("\u{1F}")
    }

    var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

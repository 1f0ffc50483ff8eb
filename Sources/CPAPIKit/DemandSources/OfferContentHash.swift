import Foundation

/// A stable hash of an offer's normalised content: 64-bit FNV-1a, 16 hex digits.
///
/// It covers what would be pushed or shown (texts, links, payouts, countries, devices, caps,
/// categories, status, logo), each field tagged and separated, numbers in one canonical form, so the
/// same offer sent with another key order or number formatting hashes the same. The rank is left out:
/// the source reorders its feed often and the rank is not pushed. `rawJSON` is left out for the same reason.
/// An invalid offer's reasons are covered (a valid offer's hash is as it was without them): some come
/// from what could not be read, not from the normalised fields, and a stored offer whose reasons
/// changed must be written again and planned again.
///
/// The bytes hashed are `name=value␟` per field (`name#nil␟` for an absent one), lists joined with
/// `,`; they are fed to the hasher piece by piece, without building the joined texts (100k offers a sync).
public enum OfferContentHash {
    public static func hash(_ offer: DemandOffer) -> String {
        var hasher = FNV1a64()
        hasher.field("title", offer.title)
        hasher.field("description", offer.description)
        hasher.field("conversion", offer.conversion)
        hasher.field("preview", offer.previewURL)
        hasher.field("tracking", offer.trackingURL)
        if let amount = offer.payout.amount {
            hasher.open("amount"); hasher.add(number: amount); hasher.close()
        } else {
            hasher.field("amount", nil)
        }
        hasher.field("currency", offer.payout.currency)
        hasher.field("model", offer.payout.model)
        hasher.open("country_payouts")
        for (index, row) in offer.countryPayouts.enumerated() {
            if index > 0 { hasher.add(byte: UInt8(ascii: ",")) }
            hasher.add(row.country); hasher.add(byte: UInt8(ascii: "=")); hasher.add(number: row.amount)
        }
        hasher.close()
        hasher.list("countries", offer.countries)
        hasher.list("devices", offer.devices)
        hasher.open("caps")
        for (index, cap) in offer.caps.enumerated() {
            if index > 0 { hasher.add(byte: UInt8(ascii: ",")) }
            hasher.add(cap.period); hasher.add(byte: UInt8(ascii: "/")); hasher.add(cap.type)
            hasher.add(byte: UInt8(ascii: "=")); hasher.add(number: cap.value)
        }
        hasher.close()
        hasher.list("categories", offer.categories)
        hasher.field("status", offer.statusAtSource)
        hasher.field("logo", offer.logoURL)
        if !offer.invalidReasons.isEmpty { hasher.list("invalid", offer.invalidReasons) }
        return hasher.hex
    }
}

/// 64-bit FNV-1a over UTF-8 bytes.
struct FNV1a64 {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }

    mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            for byte in bytes { add(byte: byte) }
        }
    }

    /// A number as `JSONValue.format` writes it, digits hashed without making a string for the usual ones.
    mutating func add(number: Double) {
        if !JSONValue.writePlain(number, { add(byte: $0) }) { add(JSONValue.format(number)) }
    }

    /// `name`, a marker telling nil from empty, the value, and a separator no field contains.
    mutating func field(_ name: String, _ text: String?) {
        if let text { open(name); add(text); close() } else { add(name); add("#nil"); add(byte: 0x1F) }
    }

    /// `name=` then `values` joined with `,`, then the separator.
    mutating func list(_ name: String, _ values: [String]) {
        open(name)
        for (index, value) in values.enumerated() {
            if index > 0 { add(byte: UInt8(ascii: ",")) }
            add(value)
        }
        close()
    }

    /// Starts a present field: `name=`.
    mutating func open(_ name: String) { add(name); add(byte: UInt8(ascii: "=")) }

    /// Ends a field with the unit separator.
    mutating func close() { add(byte: 0x1F) }

    var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        return String(unsafeUninitializedCapacity: 16) { buffer in
            for position in 0..<16 {
                buffer[position] = digits[Int((value >> UInt64(60 - 4 * position)) & 0xF)]
            }
            return 16
        }
    }
}

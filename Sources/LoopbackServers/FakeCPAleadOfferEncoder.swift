import CPAPIKit
import Foundation

/// Writes an `OfferFeedOffer` as CPAlead sends it, in the given payload style.
/// Hand-written (not `JSONEncoder`) so a 5,000-offer feed is served in milliseconds and the
/// untidy variants (numbers as strings, rows, nulls) are exactly what the style says.
enum FakeCPAleadOfferEncoder {
    static func encode(_ offer: OfferFeedOffer, style: FakeCPAleadPayloadStyle) -> [UInt8] {
        var json = JSONWriter(style: style)
        json.begin()
        if style.contains(.idsAsStrings) { json.key("id"); json.string(String(offer.id)) } else { json.key("id"); json.raw(String(offer.id)) }
        json.key("title"); json.text(offer.title)
        json.key("description"); json.text(offer.description)
        json.key("conversion"); json.text(offer.conversion)
        json.key("device")
        let devices = style.contains(.cpaleadDeviceNames) ? cpaleadNames(offer.devices) : offer.devices
        let deviceSeparator = style.contains(.cpaleadDeviceNames) ? "|" : ","
        if style.contains(.devicesAsList) { json.list(devices) } else { json.text(devices.joined(separator: deviceSeparator)) }
        json.key("daily_cap")
        if let cap = offer.dailyCap {
            json.number(Double(cap))
        } else if style.contains(.falseForNoCap) {
            json.raw("false")
        } else if style.contains(.nulls) {
            json.raw("null")
        } else {
            json.raw("0")
        }
        json.key("is_fast_pay"); json.bool(offer.isFastPay)
        json.key("link"); json.text(offer.link)
        json.key("preview_link"); json.text(offer.previewLink)
        json.key("amount"); json.number(offer.amount)
        json.key("payout_currency"); json.text(offer.currency)
        json.key("payout_type"); json.text(offer.payoutType)
        json.key("countries")
        if style.contains(.countriesAsCommaString) { json.text(offer.countries.joined(separator: ",")) } else { json.list(offer.countries) }
        json.key("epc")
        if style.contains(.nulls) { json.raw("null") } else { json.number(offer.epc) }
        if let icon = offer.iconURL {
            json.key("creatives"); json.raw("{\"url\":"); json.text(icon); json.raw("}")
        } else if style.contains(.nulls) {
            json.key("creatives"); json.raw("null")
        }
        json.key("offer_rank"); json.number(Double(offer.offerRank))
        json.key("featured"); json.bool(offer.featured)
        json.key("payouts_per_country")
        if style.contains(.payoutsAsRows) {
            let amountKey = style.contains(.rowsUseAmountKey) ? "amount" : "payout"
            json.raw("[")
            for (index, row) in offer.payoutsPerCountry.enumerated() {
                if index > 0 { json.raw(",") }
                let countryKey = style.contains(.rowsKeyedCountryISO) ? "country_iso" : "country"
                json.raw("{\"\(countryKey)\":"); json.string(row.country); json.raw(",\"\(amountKey)\":"); json.number(row.amount); json.raw("}")
            }
            json.raw("]")
        } else {
            json.raw("{")
            for (index, row) in offer.payoutsPerCountry.enumerated() {
                if index > 0 { json.raw(",") }
                json.string(row.country); json.raw(":"); json.number(row.amount)
            }
            json.raw("}")
        }
        if let category = offer.category {
            json.key("category"); json.text(category)
        } else if style.contains(.nulls) {
            json.key("category"); json.raw("null")
        }
        json.key("events"); json.raw("[]")
        json.key("conversion_mode"); json.string(offer.payoutType == "CPI" ? "install" : "action")
        if style.contains(.extraFields) {
            json.key("tracking_domain"); json.string("www.cpalead.com")
            json.key("meta"); json.raw("{\"source\":\"fake\",\"tags\":[1,\"two\",null]}")
        }
        json.end()
        return json.bytes
    }

    /// The typed devices in CPAlead's words: `iphone_ipad` for iOS, `all_devices` when none are given.
    private static func cpaleadNames(_ devices: [String]) -> [String] {
        devices.isEmpty ? ["all_devices"] : devices.map { $0 == "ios" ? "iphone_ipad" : $0 }
    }
}

/// A minimal JSON writer for the encoder above.
private struct JSONWriter {
    let style: FakeCPAleadPayloadStyle
    var bytes: [UInt8] = []
    private var needsComma = false

    init(style: FakeCPAleadPayloadStyle) { self.style = style; bytes.reserveCapacity(900) }

    mutating func begin() { raw("{"); needsComma = false }
    mutating func end() { raw("}") }

    mutating func key(_ name: String) {
        if needsComma { raw(",") }
        needsComma = true
        string(name); raw(":")
    }

    mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    /// A text field: padded when the style says so.
    mutating func text(_ value: String) { string(style.contains(.paddedStrings) ? "  \(value) " : value) }

    mutating func string(_ value: String) {
        if style.contains(.phpEscapes) { return phpString(value) }
        bytes.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): raw("\\\"")
            case UInt8(ascii: "\\"): raw("\\\\")
            case 0x0A: raw("\\n")
            case 0..<0x20: raw(String(format: "\\u%04x", byte))
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// A string as PHP's `json_encode` writes it: `\/` for `/`, `\uXXXX` (UTF-16 units) past ASCII.
    private mutating func phpString(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": raw("\\\"")
            case "\\": raw("\\\\")
            case "/": raw("\\/")
            case "\n": raw("\\n")
            case _ where scalar.value < 0x20 || scalar.value >= 0x80:
                for unit in String(scalar).utf16 { raw(String(format: "\\u%04x", unit)) }
            default: bytes.append(UInt8(scalar.value))
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func number(_ value: Double) {
        let text = JSONValue.format(value)
        if style.contains(.numbersAsStrings) { string(text) } else { raw(text) }
    }

    mutating func bool(_ value: Bool) {
        if style.contains(.booleansAsNumbersOrStrings) { raw(value ? "\"true\"" : "0") } else { raw(value ? "true" : "false") }
    }

    mutating func list(_ values: [String]) {
        raw("[")
        for (index, value) in values.enumerated() {
            if index > 0 { raw(",") }
            string(value)
        }
        raw("]")
    }
}

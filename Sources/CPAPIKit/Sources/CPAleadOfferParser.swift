import Foundation

/// Turns one CPAlead offer object, however untidy, into a normalised, validated, hashed `DemandOffer`.
///
/// Leniency: numbers may come as strings (`"0.85"`), any field may be null or missing, `id` is a
/// number or a string, `payouts_per_country` is an object (`{"US": 1.2}`) or a list of rows
/// (`[{"country": "US", "payout": 1.2}]`, also `amount`/`rate` and `country_code`/`code`),
/// `countries`, `device` and `category` are lists or comma strings, booleans are `true`/`1`/`"true"`.
///
/// A missing `payout_currency` means USD: CPAlead pays publishers in USD only, and its public
/// answers often leave the field out. A currency that is present must be a known ISO 4217 code.
/// A device value of `all` means no restriction (an empty device list), like a country `ALL`.
struct CPAleadOfferParser: Sendable {
    let sourceID: String
    let redactor: Redactor

    static let defaultCurrency = "USD"

    /// The offer, or the reason the entry cannot be an offer at all (not an object, no id), from an
    /// entry already parsed into a value. The feed itself is read straight from its bytes (`read`).
    func parse(_ entry: JSONValue, index: Int) -> Result<DemandOffer, SkippedEntry> {
        guard case .object(let fields) = entry else { return .failure(Self.notAnObject(index)) }
        var text: [UInt8] = []
        entry.writeCanonical(to: &text)
        return offer(from: CPAleadOfferFields(fields), rawJSON: text, index: index)
    }

    /// The same for the entry at the reader's position in a feed's `offers` list (`depth`: the
    /// list's), read whole in one pass: its fields are kept as they come and its raw JSON written
    /// through `writer`, which a caller reading a whole feed reuses.
    func read(_ reader: inout JSONByteReader, depth: Int, index: Int,
              writer: inout CanonicalObjectWriter) throws(JSONValueParser.Failure) -> Result<DemandOffer, SkippedEntry> {
        guard reader.current == UInt8(ascii: "{") else {
            _ = try reader.value(depth: depth)
            return .failure(Self.notAnObject(index))
        }
        var fields = CPAleadOfferFields()
        writer.begin()
        try reader.object(depth: depth + 1) { reader, key throws(JSONValueParser.Failure) in
            let value = try reader.value(depth: depth + 1)
            writer.field(key, value)
            fields.set(key, value)
        }
        writer.finish()
        return offer(from: fields, rawJSON: writer.text, index: index)
    }

    private static func notAnObject(_ index: Int) -> SkippedEntry {
        SkippedEntry(index: index, reason: "offer #\(index + 1) is not an object")
    }

    /// The offer from an entry's fields and its canonical JSON text, or why it has no id.
    private func offer(from fields: CPAleadOfferFields, rawJSON: [UInt8], index: Int) -> Result<DemandOffer, SkippedEntry> {
        guard let externalID = fields.id?.text else {
            return .failure(SkippedEntry(index: index, reason: "offer #\(index + 1) has no id"))
        }
        var offer = DemandOffer(key: OfferKey(sourceID: sourceID, externalID: externalID))
        offer.title = fields.title?.text ?? fields.name?.text
        offer.description = fields.description?.text
        offer.conversion = fields.conversion?.text
        offer.previewURL = fields.previewLink?.text ?? fields.previewURL?.text
        offer.trackingURL = fields.link?.text ?? fields.trackingLink?.text
        offer.payout = Payout(
            amount: fields.amount?.number ?? fields.payout?.number,
            currency: (fields.payoutCurrency?.text ?? fields.currency?.text).map(Self.uppercased) ?? Self.defaultCurrency,
            model: fields.payoutType?.text.map(Self.uppercased)
        )
        offer.countryPayouts = Self.countryPayouts(fields.payoutsPerCountry)
        offer.countries = Self.sortedUnique((fields.countries?.textList ?? []).map(Self.uppercased).filter { $0 != "ALL" })
        let devices = (fields.device?.textList ?? []) + (fields.devices?.textList ?? [])
        offer.devices = Self.sortedUnique(devices.map(Self.lowercased).filter { $0 != "all" })
        if let cap = fields.dailyCap?.number, cap > 0 {
            offer.caps = [OfferCap(period: "day", type: "conversions", value: cap)]
        }
        let categories = (fields.category?.textList ?? []) + (fields.categories?.textList ?? [])
        offer.categories = Self.sortedUnique(categories)
        offer.statusAtSource = "active"  // the feed only returns offers that are available
        offer.logoURL = Self.logo(fields.creatives)
        offer.rank = fields.offerRank?.integer
        offer.rawJSON = redactor.text(String(decoding: rawJSON, as: UTF8.self))
        offer.invalidReasons = OfferValidity.reasons(for: offer)
        offer.contentHash = OfferContentHash.hash(offer)
        return .success(offer)
    }

    /// Rows from an object `{"US": 1.2}` or a list `[{"country": "US", "payout": 1.2}]`, sorted by country;
    /// a country given twice keeps its first amount; rows without a readable country or amount are left out.
    static func countryPayouts(_ value: JSONValue?) -> [CountryPayout] {
        var rows: [CountryPayout] = []
        switch value {
        case .object(let byCountry):
            for (country, amount) in byCountry {
                let code = uppercased(trimmingSpaces(country))
                if !code.isEmpty, let amount = amount.number { rows.append(CountryPayout(country: code, amount: amount)) }
            }
        case .array(let items):
            for item in items {
                guard let code = (item["country"] ?? item["country_code"] ?? item["code"])?.text.map(uppercased),
                      let amount = (item["payout"] ?? item["amount"] ?? item["rate"])?.number else { continue }
                rows.append(CountryPayout(country: code, amount: amount))
            }
        default: break
        }
        var seen = Set<String>()
        return rows.sorted { $0.country < $1.country }.filter { seen.insert($0.country).inserted }
    }

    /// `creatives.url`, or the first creative's `url` when `creatives` is a list.
    static func logo(_ creatives: JSONValue?) -> String? {
        switch creatives {
        case .object: return creatives?["url"]?.text
        case .array(let items): return items.lazy.compactMap { $0["url"]?.text }.first
        case .string(let url): return JSONValue.string(url).text
        default: return nil
        }
    }

    /// Sorted, each value once (the first of equal ones kept: the sort is stable).
    static func sortedUnique(_ values: [String]) -> [String] {
        guard values.count > 1 else { return values }
        var unique: [String] = []
        unique.reserveCapacity(values.count)
        for value in values.sorted() where unique.last != value { unique.append(value) }
        return unique
    }

    /// `text.uppercased()`, without a new string when it is ASCII with nothing to change (most codes already are).
    static func uppercased(_ text: String) -> String {
        text.utf8.contains { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") || $0 >= 0x80 } ? text.uppercased() : text
    }

    /// `text.lowercased()`, without a new string when it is ASCII with nothing to change.
    static func lowercased(_ text: String) -> String {
        text.utf8.contains { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") || $0 >= 0x80 } ? text.lowercased() : text
    }

    /// `text` without surrounding spaces and tabs, asking Foundation only when an end may be one.
    static func trimmingSpaces(_ text: String) -> String {
        guard let first = text.utf8.first, let last = text.utf8.last else { return text }
        let mayBeSpace = { (byte: UInt8) in byte == 0x20 || byte == 0x09 || byte >= 0x80 }
        return mayBeSpace(first) || mayBeSpace(last) ? text.trimmingCharacters(in: .whitespaces) : text
    }
}

import Foundation

/// Turns one CPAlead offer object, however untidy, into a normalised, validated, hashed `DemandOffer`.
///
/// Leniency: numbers may come as strings (`"0.85"`), any field may be null or missing, `id` is a
/// number or a string (old answers: `campid`, and `rank` for `offer_rank`), `payouts_per_country` is
/// an object (`{"US": 1.2}`) or a list of rows (`[{"country_iso": "US", "amount": 1.2}]`: the country
/// under `country`, `country_code`, `country_iso` or `code`, the amount under `payout`, `amount` or
/// `rate`), `countries` and `category` are lists or comma strings, booleans are `true`/`1`/`"true"`,
/// `daily_cap` is a number or `false` (no cap), `creatives` an object or a list of `{size, url}`.
///
/// A missing `payout_currency` means USD: CPAlead pays publishers in USD only, and its public
/// answers often leave the field out. A currency that is present must be a known ISO 4217 code.
/// `device` is in CPAlead's own words (`iphone_ipad`, `all_devices`…), mapped by
/// `CPAleadDeviceVocabulary`; a country `ALL`, like a device `all`, means no restriction.
///
/// What cannot be read without changing what would be pushed (a device word not in the vocabulary,
/// a per-country payout row without a readable country or amount) is named in the offer's invalid
/// reasons (`OfferValidity`), never dropped silently.
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
    func read(
        _ reader: inout JSONByteReader, depth: Int, index: Int,
        writer: inout CanonicalObjectWriter<CPAleadOfferFields.Field?>
    ) throws(JSONValueParser.Failure) -> Result<DemandOffer, SkippedEntry> {
        guard reader.current == UInt8(ascii: "{") else {
            _ = try reader.value(depth: depth)
            return .failure(Self.notAnObject(index))
        }
        var fields = CPAleadOfferFields()
        writer.begin()
        try reader.object(depth: depth + 1) { reader, key throws(JSONValueParser.Failure) in
            let value: JSONValue, field: CPAleadOfferFields.Field?
            if reader.current == UInt8(ascii: "\"") {
                // A string without escapes is its own canonical text: copied, not written again.
                let start = reader.index
                var verbatim = false
                value = .string(try reader.string(verbatim: &verbatim))
                field =
                    verbatim
                    ? writer.field(key, canonicalText: UnsafeBufferPointer(rebasing: reader.bytes[start..<reader.index]), tag: Self.field)
                    : writer.field(key, value, tag: Self.field)
            } else {
                value = try reader.value(depth: depth + 1)
                field = writer.field(key, value, tag: Self.field)
            }
            if let field { fields.set(field, value) }
        }
        writer.finish()
        return offer(from: fields, rawJSON: writer.text, index: index)
    }

    private static func field(_ key: String) -> CPAleadOfferFields.Field? { CPAleadOfferFields.Field(key: key) }

    private static func notAnObject(_ index: Int) -> SkippedEntry {
        SkippedEntry(index: index, reason: "offer #\(index + 1) is not an object")
    }

    /// The offer from an entry's fields and its canonical JSON text, or why it has no id.
    private func offer(from fields: CPAleadOfferFields, rawJSON: [UInt8], index: Int) -> Result<DemandOffer, SkippedEntry> {
        guard let externalID = fields.id?.text ?? fields.campid?.text else {
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
        let payouts = Self.countryPayouts(fields.payoutsPerCountry)
        offer.countryPayouts = payouts.rows
        offer.countries = Self.texts(fields.countries, normalised: Self.uppercased, excluding: "ALL")
        let devices = CPAleadDeviceVocabulary.devices(fields.device, fields.devices)
        offer.devices = devices.devices
        if let cap = fields.dailyCap?.number, cap > 0 {
            offer.caps = [OfferCap(period: "day", type: "conversions", value: cap)]
        }
        offer.categories = Self.texts(fields.category, fields.categories)
        offer.statusAtSource = "active"  // the feed only returns offers that are available
        offer.logoURL = Self.logo(fields.creatives)
        offer.rank = fields.offerRank?.integer ?? fields.rank?.integer
        offer.rawJSON = redactor.text(String(decoding: rawJSON, as: UTF8.self))
        offer.invalidReasons =
            OfferValidity.reasons(for: offer)
            + devices.unknown.map(OfferValidity.unknownDevice) + payouts.unreadable
        offer.contentHash = OfferContentHash.hash(offer)
        return .success(offer)
    }

    /// Rows from an object `{"US": 1.2}` or a list `[{"country_iso": "US", "amount": 1.2}]`, sorted by
    /// country; a country given twice keeps its first amount. A row without a readable country or
    /// amount is left out of `rows` and named in `unreadable` (in `OfferValidity`'s wording).
    static func countryPayouts(_ value: JSONValue?) -> (rows: [CountryPayout], unreadable: [String]) {
        var rows: [CountryPayout] = [], unreadable: [String] = []
        // Unreadable makes the offer invalid, as an unknown currency does: its default amount would be
        // pushed for that country, a payout the advertiser may not pay.
        func add(_ country: String?, _ amount: JSONValue?, row: Int?) {
            guard let country, !country.isEmpty else { return unreadable.append(OfferValidity.unreadablePayoutRow(row)) }
            let code = uppercased(country)
            guard let amount = amount?.number else { return unreadable.append(OfferValidity.unreadablePayout(for: code)) }
            rows.append(CountryPayout(country: code, amount: amount))
        }
        switch value {
        case .object(let byCountry):
            for (country, amount) in byCountry { add(trimmingSpaces(country), amount, row: nil) }
        case .array(let items):
            for (index, item) in items.enumerated() {
                let country = item["country"] ?? item["country_code"] ?? item["country_iso"] ?? item["code"]
                add(country?.text, item["payout"] ?? item["amount"] ?? item["rate"], row: index + 1)
            }
        case nil, .null, .bool(false): break
        case .string(let text) where JSONValue.trimmed(text) == nil: break
        default: unreadable.append(OfferValidity.unreadablePayouts)
        }
        // Stable: of a country given twice, the first row stays first and is the one kept.
        rows.sort { $0.country < $1.country }
        var kept: [CountryPayout] = []
        kept.reserveCapacity(rows.count)
        for row in rows where kept.last?.country != row.country { kept.append(row) }
        return (kept, unreadable.sorted())
    }

    /// `creatives.url` (else its `og_image`), or the first creative's `url` when `creatives` is a list.
    static func logo(_ creatives: JSONValue?) -> String? {
        switch creatives {
        case .object: return creatives?["url"]?.text ?? creatives?["og_image"]?.text
        case .array(let items): return items.lazy.compactMap { $0["url"]?.text }.first
        case .string(let url): return JSONValue.string(url).text
        default: return nil
        }
    }

    /// The texts of `first` and `second` (each a list or a comma string, see `JSONValue.textList`),
    /// each `normalised`, without `excluded`, sorted, each once.
    static func texts(
        _ first: JSONValue?, _ second: JSONValue? = nil, normalised: (String) -> String = { $0 },
        excluding excluded: String? = nil
    ) -> [String] {
        var texts: [String] = []
        func add(_ text: String) {
            let text = normalised(text)
            if text != excluded { texts.append(text) }
        }
        first?.forEachText(add)
        second?.forEachText(add)
        return sortedUnique(texts)
    }

    /// Sorted, each value once (the first of equal ones kept: the sort is stable).
    static func sortedUnique(_ values: [String]) -> [String] {
        guard values.count > 1 else { return values }
        var unique = values
        unique.sort()
        var kept = 1
        for index in 1..<unique.count where unique[index] != unique[kept - 1] {
            unique.swapAt(kept, index)
            kept += 1
        }
        unique.removeSubrange(kept...)
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

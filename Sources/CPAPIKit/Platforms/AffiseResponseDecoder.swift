import Foundation

/// Reads Affise's JSON answers leniently: numbers that come as strings (and strings as numbers),
/// `external_offer_id` as null, "" or a number, PHP arrays that arrive as objects (`{"0":"US"}`),
/// booleans as `true`/`1`/`"1"`, and `updated_at` as `YYYY-MM-DD HH:MM:SS` (UTC). An unknown
/// status or privacy value reads as absent.
enum AffiseResponseDecoder {
    /// The top-level JSON object of an answer.
    static func object(from data: Data) throws(PlatformError) -> [String: Any] {
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw .badResponse("not JSON (\(data.count) bytes): \(preview(data))")
        }
        guard let object = parsed as? [String: Any] else {
            throw .badResponse("expected a JSON object, got: \(preview(data))")
        }
        return object
    }

    /// `status` of the envelope: 1 success, 2 error (nil when absent).
    static func status(of object: [String: Any]) -> Int? {
        int(object["status"])
    }

    /// The error message of a failed answer, from whichever key the platform used.
    static func errorMessage(in object: [String: Any]) -> String? {
        for key in ["error", "message", "errors", "error_message"] {
            if let text = flatText(object[key]), !text.isEmpty { return text }
        }
        return nil
    }

    /// Whether an error message says the offer does not exist.
    static func saysNotFound(_ message: String) -> Bool {
        let lowered = message.lowercased()
        return lowered.contains("not found") || lowered.contains("not exist") || lowered.contains("no offer")
    }

    /// The id in a create's answer: `{"status":1,"offer":{"id":936,"offer_id":"5943f7…"},"id":936}`. The
    /// integer `id` (in `offer`, or at the top level) is the one paths use; `offer_id` is a 24-hex string.
    static func createdOfferID(in object: [String: Any]) throws(PlatformError) -> Int {
        let offer = object["offer"] as? [String: Any]
        guard let id = int(offer?["id"]) ?? int(object["id"]) else {
            throw .badResponse("create answered without an offer id (neither offer.id nor id)")
        }
        return id
    }

    /// The offers of a list answer.
    static func offers(in object: [String: Any]) throws(PlatformError) -> [PlatformOffer] {
        guard let rows = list(object["offers"]) else {
            if object["offers"] == nil || object["offers"] is NSNull { return [] }
            throw .badResponse("offers is not a list")
        }
        var offers: [PlatformOffer] = []
        offers.reserveCapacity(rows.count)
        for row in rows { offers.append(try offer(from: row)) }
        return offers
    }

    /// `pagination.next_page` of a list answer: nil (or false, 0) on the last page.
    static func nextPage(in object: [String: Any]) -> Int? {
        guard let pagination = object["pagination"] as? [String: Any],
            let next = int(pagination["next_page"]), next > 0
        else { return nil }
        return next
    }

    /// One offer object.
    static func offer(from value: Any) throws(PlatformError) -> PlatformOffer {
        guard let row = value as? [String: Any] else { throw .badResponse("an offer is not an object") }
        guard let id = int(row["id"]) else { throw .badResponse("an offer has no numeric id") }
        var fields = PlatformOfferFields()
        fields.title = string(row["title"])
        if let lang = row["description_lang"] as? [String: Any], let english = string(lang["en"]) {
            fields.description = english
        } else {
            fields.description = string(row["description"])
        }
        fields.url = string(row["url"])
        fields.previewURL = string(row["preview_url"]) ?? string(row["url_preview"])
        fields.externalOfferID = string(row["external_offer_id"]).flatMap { $0.isEmpty ? nil : $0 }
        if let advertiser = row["advertiser"] as? [String: Any] {
            fields.advertiser = string(advertiser["id"])
        } else {
            fields.advertiser = string(row["advertiser"])
        }
        // A status this tool does not know reads as none: the sync then pushes the one it wants
        // (level-triggered) rather than one odd offer failing a whole page.
        fields.status = string(row["status"]).flatMap { PlatformStatus(rawValue: $0.lowercased()) }
        fields.privacy = string(row["privacy"]).flatMap(privacy(named:))
        fields.categories = stringList(row["categories"])
        fields.redirectType = string(row["redirect_type"])
        fields.isRedirectOvercap = bool(row["is_redirect_overcap"])
        fields.strictlyCountry = bool(row["strictly_country"])
        fields.logo = string(row["logo"])
        fields.payments = list(row["payments"])?.compactMap { item -> PlatformPayment? in
            guard let payment = item as? [String: Any] else { return nil }
            // Read-backs lower-case codes (`"kz"`, `"usd"`): what was pushed upper-case reads back the same.
            return PlatformPayment(
                countries: (stringList(payment["countries"]) ?? []).map { $0.uppercased() },
                devices: stringList(payment["devices"]) ?? [],
                os: stringList(payment["os"]) ?? [],
                total: double(payment["total"]) ?? 0,
                revenue: double(payment["revenue"]) ?? 0,
                currency: (string(payment["currency"]) ?? "").uppercased(),
                type: string(payment["type"]) ?? "fixed",
                goal: string(payment["goal"]).flatMap { $0.isEmpty ? nil : $0 },
                countryExclude: bool(payment["country_exclude"]))
        }
        fields.caps = list(row["caps"])?.compactMap { item -> PlatformCap? in
            guard let cap = item as? [String: Any] else { return nil }
            return PlatformCap(
                period: string(cap["period"]) ?? "", type: string(cap["type"]) ?? "",
                value: double(cap["value"]) ?? 0)
        }
        return PlatformOffer(id: id, fields: fields, updatedAt: date(row["updated_at"]))
    }

    /// A privacy as Affise names it: requests say `protected`, read-backs say `premoderated`.
    static func privacy(named name: String) -> Privacy? {
        name.lowercased() == "premoderated" ? .protected : Privacy(rawValue: name.lowercased())
    }

    // MARK: Lenient values

    static func string(_ value: Any?) -> String? {
        switch value {
        case let text as String: return text
        case let number as NSNumber: return integerText(number) ?? number.stringValue
        default: return nil
        }
    }

    static func int(_ value: Any?) -> Int? {
        switch value {
        case let number as NSNumber:
            let double = number.doubleValue
            return double == double.rounded() && abs(double) < 9e15 ? Int(double) : nil
        case let text as String:
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            return Int(trimmed) ?? Double(trimmed).flatMap { $0 == $0.rounded() && abs($0) < 9e15 ? Int($0) : nil }
        default: return nil
        }
    }

    /// A finite number (`"inf"` and `"nan"` parse as `Double`s, and no JSON column could hold them).
    static func double(_ value: Any?) -> Double? {
        let number: Double?
        switch value {
        case let boxed as NSNumber: number = boxed.doubleValue
        case let text as String: number = Double(text.trimmingCharacters(in: .whitespaces))
        default: number = nil
        }
        return number.flatMap { $0.isFinite ? $0 : nil }
    }

    static func bool(_ value: Any?) -> Bool? {
        switch value {
        case let flag as Bool: return flag
        case let number as NSNumber: return number.intValue != 0
        case let text as String:
            switch text.lowercased() {
            case "1", "true", "yes", "on": return true
            case "0", "false", "no", "off", "": return false
            default: return nil
            }
        default: return nil
        }
    }

    /// A JSON list, or a PHP array that arrived as an object keyed by index (in key order).
    static func list(_ value: Any?) -> [Any]? {
        switch value {
        case let array as [Any]: return array
        case let object as [String: Any]:
            return object.sorted { (Int($0.key) ?? .max, $0.key) < (Int($1.key) ?? .max, $1.key) }.map(\.value)
        default: return nil
        }
    }

    /// A list of codes or names; objects in it give their `id` (else `code`, `title`, `name`).
    static func stringList(_ value: Any?) -> [String]? {
        if let single = value as? String { return single.isEmpty ? [] : [single] }
        return list(value)?.compactMap { item in
            if let object = item as? [String: Any] {
                return ["id", "code", "title", "name"].lazy.compactMap { string(object[$0]) }.first
            }
            return string(item)
        }
    }

    /// `YYYY-MM-DD HH:MM:SS` (or with a `T`), read as UTC; a number is seconds since 1970.
    static func date(_ value: Any?) -> Date? {
        if let number = value as? NSNumber, !(value is String) { return Date(timeIntervalSince1970: number.doubleValue) }
        guard let text = value as? String else { return nil }
        let parts = text.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        guard parts.count >= 6 else { return nil }
        var components = DateComponents()
        components.year = parts[0]; components.month = parts[1]; components.day = parts[2]
        components.hour = parts[3]; components.minute = parts[4]; components.second = parts[5]
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: components)
    }

    /// Text of a message that may be a string, a list of strings, or an object of field → message(s).
    private static func flatText(_ value: Any?) -> String? {
        switch value {
        case let text as String: return text
        case let items as [Any]: return items.compactMap(flatText).joined(separator: "; ")
        case let object as [String: Any]:
            return object.keys.sorted().compactMap { key in flatText(object[key]).map { "\(key): \($0)" } }
                .joined(separator: "; ")
        case let number as NSNumber: return number.stringValue
        default: return nil
        }
    }

    private static func integerText(_ number: NSNumber) -> String? {
        let double = number.doubleValue
        guard double == double.rounded(), abs(double) < 9e15 else { return nil }
        return String(Int64(double))
    }

    private static func preview(_ data: Data) -> String {
        String(decoding: data.prefix(200), as: UTF8.self)
    }
}

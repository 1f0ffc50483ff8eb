import CPAPIKit
import Foundation

/// A decoded `application/x-www-form-urlencoded` body or query with PHP-style nested keys, as
/// Affise reads it: `payments[0][countries][]=US` becomes payments → 0 → countries → [US];
/// `key[]` appends at the next index; `+` is a space and `%XX` a UTF-8 byte.
struct FakeAffiseForm: Sendable {
    /// A node of the nested form: a value, or children by key in the order they first appeared.
    struct Node: Sendable {
        var value: String?
        var keys: [String] = []
        var children: [String: Node] = [:]
        var nextIndex = 0

        mutating func insert(_ path: ArraySlice<String>, value: String) {
            guard var segment = path.first else {
                self.value = value
                return
            }
            if segment.isEmpty {
                segment = String(nextIndex)
                nextIndex += 1
            } else if let index = Int(segment) {
                nextIndex = max(nextIndex, index + 1)
            }
            if children[segment] == nil { keys.append(segment) }
            children[segment, default: Node()].insert(path.dropFirst(), value: value)
        }

        /// A child's text value.
        func string(_ key: String) -> String? { children[key]?.value }

        /// A child's values as a list: its children's values in order, or an empty list when it was sent as `key=`.
        func list(_ key: String) -> [String]? {
            guard let node = children[key] else { return nil }
            if node.keys.isEmpty { return (node.value ?? "").isEmpty ? [] : [node.value!] }
            return node.keys.compactMap { node.children[$0]?.value }
        }

        /// A child's rows (`payments[0][…]`, `payments[1][…]`), or empty when sent as `key=`.
        func rows(_ key: String) -> [Node]? {
            guard let node = children[key] else { return nil }
            return node.keys.compactMap { node.children[$0] }
        }
    }

    /// The pairs as they came, decoded.
    let pairs: [(key: String, value: String)]
    let root: Node

    init(encoded text: String) {
        var pairs: [(key: String, value: String)] = []
        var root = Node()
        for piece in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = piece.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            pairs.append((key, value))
            root.insert(Self.path(of: key)[...], value: value)
        }
        self.pairs = pairs
        self.root = root
    }

    /// `a[b][]` → ["a", "b", ""]; a key whose brackets do not close is taken as it is.
    static func path(of key: String) -> [String] {
        guard let open = key.firstIndex(of: "["), open != key.startIndex else { return [key] }
        var path = [String(key[..<open])]
        var rest = key[open...]
        while rest.first == "[" {
            guard let close = rest.firstIndex(of: "]") else { return [key] }
            path.append(String(rest[rest.index(after: rest.startIndex)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return rest.isEmpty ? path : [key]
    }

    static func decode<S: StringProtocol>(_ text: S) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    /// The offer fields a create or edit sends, or why they cannot be read.
    func offerFields() -> Result<PlatformOfferFields, FakeAffiseFormError> {
        var fields = PlatformOfferFields()
        fields.title = root.string("title")
        fields.description = root.children["description_lang"]?.string("en") ?? root.string("description")
        fields.url = root.string("url")
        fields.previewURL = root.string("url_preview")
        fields.externalOfferID = root.string("external_offer_id")
        fields.advertiser = root.string("advertiser")
        if let status = root.string("status") {
            guard let known = PlatformStatus(rawValue: status) else { return .failure(.init("unknown status '\(status)'")) }
            fields.status = known
        }
        if let privacy = root.string("privacy") {
            guard let known = Privacy(rawValue: privacy) else { return .failure(.init("unknown privacy '\(privacy)'")) }
            fields.privacy = known
        }
        fields.categories = root.list("categories")
        fields.redirectType = root.string("redirect_type")
        do throws(FakeAffiseFormError) {
            if let text = root.string("is_redirect_overcap") { fields.isRedirectOvercap = try Self.flag(text, "is_redirect_overcap") }
            if let text = root.string("strictly_country") { fields.strictlyCountry = try Self.flag(text, "strictly_country") }
            fields.logo = root.string("logo")
            if let rows = root.rows("payments") {
                var payments: [PlatformPayment] = []
                for (index, row) in rows.enumerated() {
                    let at = "payments[\(index)]"
                    let excluded = row.string("country_exclude")
                    payments.append(
                        PlatformPayment(
                            countries: row.list("countries") ?? [], devices: row.list("devices") ?? [], os: row.list("os") ?? [],
                            total: try Self.number(row.string("total"), "\(at)[total]"),
                            revenue: try Self.number(row.string("revenue"), "\(at)[revenue]"),
                            currency: row.string("currency") ?? "", type: row.string("type") ?? "fixed", goal: row.string("goal"),
                            countryExclude: excluded == nil ? nil : try Self.flag(excluded!, "\(at)[country_exclude]")))
                }
                fields.payments = payments
            }
            if let rows = root.rows("caps") {
                var caps: [PlatformCap] = []
                for (index, row) in rows.enumerated() {
                    caps.append(
                        PlatformCap(
                            period: row.string("period") ?? "", type: row.string("type") ?? "",
                            value: try Self.number(row.string("value"), "caps[\(index)][value]")))
                }
                fields.caps = caps
            }
        } catch {
            return .failure(error)
        }
        return .success(fields)
    }

    /// All values of a list key (`offer_id[]`, `int_id[]`), as integers.
    func integers(_ key: String) -> Result<[Int], FakeAffiseFormError> {
        var numbers: [Int] = []
        for text in root.list(key) ?? [] {
            guard let number = Int(text) else { return .failure(.init("\(key): '\(text)' is not an id")) }
            numbers.append(number)
        }
        return .success(numbers)
    }

    private static func flag(_ text: String, _ key: String) throws(FakeAffiseFormError) -> Bool {
        switch text {
        case "1", "true": return true
        case "0", "false", "": return false
        default: throw FakeAffiseFormError("\(key) must be 1 or 0, got '\(text)'")
        }
    }

    private static func number(_ text: String?, _ key: String) throws(FakeAffiseFormError) -> Double {
        guard let text, let value = Double(text) else {
            throw FakeAffiseFormError("\(key) must be a number, got '\(text ?? "nothing")'")
        }
        return value
    }
}

/// A form field the fake Affise cannot read (answered with `status: 2`).
struct FakeAffiseFormError: Error, Sendable {
    let message: String
    init(_ message: String) { self.message = message }
}

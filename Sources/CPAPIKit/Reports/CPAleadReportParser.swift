import Foundation

/// Reads the Conversions and Reversals APIs' answers as leniently as the offers adapter reads offers.
///
/// The public page shows no example of either answer, so every plausible shape is accepted: a bare
/// list, or an object with a `status` and the entries under one of several names, as a list or as
/// an object keyed by id; numbers as numbers or strings; nulls anywhere. An answer whose `status`
/// is not a success, or that holds no entries where some were expected, is refused with why.
/// Each entry's whole JSON is kept (canonical, credentials masked).
struct CPAleadReportParser: Sendable {
    let sourceID: String
    let redactor: Redactor

    /// Where the entries may be found, in the order tried.
    static let reversalListKeys = ["reversals", "leads", "bad_leads", "data", "results", "items"]
    static let conversionListKeys = ["conversions", "leads", "data", "results", "items"]

    static let leadIDKeys = ["lead_id", "leadid", "lead", "conversion_id", "id"]
    static let offerIDKeys = ["offer_id", "offerid", "campaign_id", "campid", "offer"]
    static let subidKeys = ["subid", "sub_id", "subid1"]
    static let amountKeys = ["amount", "payout", "revenue", "points"]
    static let dateKeys = ["date", "reversal_date", "reversed_at", "reversed", "lead_date", "created_at", "datetime", "time"]
    static let reasonKeys = ["reason", "reversal_reason", "note", "comment", "status_reason"]

    /// One entry found in an answer, with the key it was filed under when the list was an object.
    struct Entry {
        var value: JSONValue
        var mapKey: String?
    }

    /// The entries under one of `listKeys`, or a reason the answer is refused.
    func entries(_ root: JSONValue, listKeys: [String]) -> Result<[Entry], Refusal> {
        switch root {
        case .array(let items):
            return .success(items.map { Entry(value: $0, mapKey: nil) })
        case .object(let fields):
            if let status = fields["status"], !Self.isSuccess(status) {
                let said =
                    (fields["message"]?.text ?? fields["error"]?.text ?? fields["error"]?["message"]?.text)
                    .map { ": \"\(redactor.text($0))\"" } ?? ""
                return .failure(Refusal(reason: "answered status \"\(redactor.text(status.text ?? status.canonicalJSON))\"\(said)"))
            }
            for key in listKeys {
                switch fields[key] {
                case .array(let items)?:
                    return .success(items.map { Entry(value: $0, mapKey: nil) })
                case .object(let map)?:
                    return .success(map.sorted { $0.key < $1.key }.map { Entry(value: $0.value, mapKey: $0.key) })
                case .null?, nil:
                    continue
                case .string(let text)? where JSONValue.trimmed(text) == nil:
                    return .success([])
                default:
                    return .failure(Refusal(reason: "expected `\(key)` to be a list"))
                }
            }
            // A success that lists nothing ("no results") is an empty answer.
            if fields["status"] != nil { return .success([]) }
            return .failure(Refusal(reason: "expected a list or an object with `\(listKeys[0])`"))
        default:
            return .failure(Refusal(reason: "expected a list or an object with `\(listKeys[0])`"))
        }
    }

    /// A reversal read from one entry. An entry that is only a number or text is taken as a bare lead
    /// id (kept, not dropped); nil only for a null.
    func reversal(_ entry: Entry) -> Reversal? {
        let raw = redactor.text(entry.value.canonicalJSON)
        guard case .object(let fields) = entry.value else {
            guard let leadID = entry.value.text ?? entry.mapKey else { return nil }
            return Reversal(sourceID: sourceID, key: "lead:\(leadID)", leadID: leadID, rawJSON: raw)
        }
        let leadID = Self.text(fields, Self.leadIDKeys) ?? entry.mapKey
        let dateText = Self.text(fields, Self.dateKeys)
        return Reversal(
            sourceID: sourceID, key: leadID.map { "lead:\($0)" } ?? "content:\(raw)", leadID: leadID,
            offerID: Self.text(fields, Self.offerIDKeys), subid: Self.text(fields, Self.subidKeys).map(redactor.text),
            amount: Self.number(fields, Self.amountKeys), day: dateText.flatMap(Self.day), dateText: dateText,
            reason: Self.text(fields, Self.reasonKeys).map(redactor.text), rawJSON: raw)
    }

    /// A conversion read from one entry; nil when the entry is not an object.
    func conversion(_ entry: Entry) -> ConversionRecord? {
        guard case .object(let fields) = entry.value else { return nil }
        return ConversionRecord(
            leadID: Self.text(fields, Self.leadIDKeys) ?? entry.mapKey, offerID: Self.text(fields, Self.offerIDKeys),
            subid: Self.text(fields, Self.subidKeys), amount: Self.number(fields, Self.amountKeys),
            dateText: Self.text(fields, Self.dateKeys), rawJSON: redactor.text(entry.value.canonicalJSON))
    }

    /// The API's explicit answer to "did it convert" (`converted`, `conversion`, `result`), when it gave one.
    func explicitConverted(_ root: JSONValue) -> Bool? {
        for key in ["converted", "conversion", "has_conversion", "result"] {
            if let value = root[key], let flag = value.bool { return flag }
        }
        return nil
    }

    /// `success`, `ok`, `true`, `1` (any case), or JSON `true`.
    static func isSuccess(_ status: JSONValue) -> Bool {
        if case .bool(let flag) = status { return flag }
        guard let text = status.text?.lowercased() else { return false }
        return text == "success" || text == "ok" || text == "true" || text == "1"
    }

    static func text(_ fields: [String: JSONValue], _ keys: [String]) -> String? {
        for key in keys { if let text = fields[key]?.text { return text } }
        return nil
    }

    static func number(_ fields: [String: JSONValue], _ keys: [String]) -> Double? {
        for key in keys { if let number = fields[key]?.number { return number } }
        return nil
    }

    /// A day from a date text, or from a Unix timestamp in seconds.
    static func day(_ text: String) -> ReportDay? {
        if let day = ReportDay.leading(text) { return day }
        if let seconds = Double(text), seconds > 946_684_800, seconds < 4_102_444_800 {
            return ReportDay(Date(timeIntervalSince1970: seconds))
        }
        return nil
    }

    /// Why an answer was refused.
    struct Refusal: Error {
        var reason: String
    }
}

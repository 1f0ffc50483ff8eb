import CPAPIKit
import Foundation

/// The fake CPAlead server's Conversions and Reversals APIs: API keys, data per publisher, and their
/// limit of one call per interval per publisher and endpoint (measured on the server's clock), with
/// a log of every call refused with 429.
actor FakeCPAleadReports {
    private var apiKeys: [String: String] = [:]
    private var conversions: [String: [JSONValue]] = [:]
    private var reversals: [String: [JSONValue]] = [:]
    private var lastServed: [String: Date] = [:]
    private(set) var refusals = 0
    var interval: TimeInterval = 60
    let clock: any SyncClock

    init(clock: any SyncClock) { self.clock = clock }

    func setAPIKey(_ key: String, publisherID: String) { apiKeys[publisherID] = key }

    func setInterval(_ seconds: TimeInterval) { interval = seconds }

    /// Entries are JSON objects as the API would list them (`{"subid":"a","offer_id":1,…}`).
    func setConversions(_ entries: [String], publisherID: String) throws {
        conversions[publisherID] = try entries.map { try JSONValueParser.parse(Data($0.utf8)) }
    }

    /// Entries are JSON objects as the API would list them; `date` (`YYYY-MM-DD…`) places each in a window.
    func setReversals(_ entries: [String], publisherID: String) throws {
        reversals[publisherID] = try entries.map { try JSONValueParser.parse(Data($0.utf8)) }
    }

    /// The answer to a call of `endpoint`: status, extra headers, body.
    func answer(_ endpoint: ReportEndpoint, request: FakeCPAleadRequest) -> (Int, [(String, String)], String) {
        let publisherID = request.value("id") ?? ""
        guard let key = apiKeys[publisherID], request.value("api_key") == key else {
            return (200, [], #"{"status":"error","message":"Invalid publisher id or API key"}"#)
        }
        let slot = "\(publisherID)/\(endpoint.rawValue)"
        let now = clock.now()
        if let last = lastServed[slot], now.timeIntervalSince(last) < interval {
            refusals += 1
            let wait = Int((interval - now.timeIntervalSince(last)).rounded(.up))
            return (429, [("Retry-After", String(max(wait, 1)))], #"{"status":"error","message":"Limit: 1 request per minute"}"#)
        }
        lastServed[slot] = now
        switch endpoint {
        case .conversions: return conversionsAnswer(publisherID: publisherID, request: request)
        case .reversals: return reversalsAnswer(publisherID: publisherID, request: request)
        }
    }

    private func conversionsAnswer(publisherID: String, request: FakeCPAleadRequest) -> (Int, [(String, String)], String) {
        guard let subid = request.value("subid"), !subid.isEmpty else {
            return (200, [], #"{"status":"error","message":"Missing subid"}"#)
        }
        let offerID = request.value("offer_id")
        let matches = (conversions[publisherID] ?? []).filter { entry in
            entry["subid"]?.text == subid && (offerID == nil || entry["offer_id"]?.text == offerID)
        }
        let list = matches.map(\.canonicalJSON).joined(separator: ",")
        return (200, [], #"{"status":"success","converted":\#(matches.isEmpty ? "false" : "true"),"conversions":[\#(list)]}"#)
    }

    private func reversalsAnswer(publisherID: String, request: FakeCPAleadRequest) -> (Int, [(String, String)], String) {
        guard let startText = request.value("start_date"), let endText = request.value("end_date"),
            let start = try? ReportDay(parsing: startText), let end = try? ReportDay(parsing: endText), start <= end
        else {
            return (200, [], #"{"status":"error","message":"Invalid start_date or end_date"}"#)
        }
        guard start.days(to: end) <= 31 else {
            return (200, [], #"{"status":"error","message":"A maximum of one month can be pulled at a time"}"#)
        }
        let matches = (reversals[publisherID] ?? []).filter { entry in
            guard let day = entry["date"]?.text.flatMap(ReportDay.leading) else { return false }
            return start <= day && day <= end
        }
        let list = matches.map(\.canonicalJSON).joined(separator: ",")
        return (200, [], #"{"status":"success","number_reversals":\#(matches.count),"reversals":[\#(list)]}"#)
    }
}

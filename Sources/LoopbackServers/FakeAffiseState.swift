import CPAPIKit
import Foundation

/// The fake Affise's memory: its offers, the faults to play, the request log and in-flight counts.
/// Offers follow the same edit rules as the local platform (`PlatformOfferFields.applying`).
actor FakeAffiseState {
    /// An answer to send: HTTP status, body, extra headers.
    struct Answer: Sendable {
        var status: Int
        var body: Data
        var retryAfterSeconds: Int?
        var contentType = "application/json"

        static func ok(_ object: [String: Any]) -> Answer {
            var object = object
            object["status"] = 1
            return Answer(status: 200, body: json(object))
        }

        static func error(_ status: Int, _ message: String, retryAfterSeconds: Int? = nil) -> Answer {
            Answer(status: status, body: json(["status": 2, "error": message]), retryAfterSeconds: retryAfterSeconds)
        }

        /// `status: 2` inside HTTP 200, the text under `message` as an object.
        static func refusal(message: [String: String]) -> Answer {
            Answer(status: 200, body: json(["status": 2, "message": message]))
        }

        static func html(_ status: Int, title: String) -> Answer {
            let page =
                "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>\(title)</title></head>"
                + "<body><h1>\(title)</h1><hr><center>nginx</center></body></html>\n"
            return Answer(status: status, body: Data(page.utf8), contentType: "text/html")
        }

        private static func json(_ object: [String: Any]) -> Data {
            (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        }
    }

    private struct StoredOffer {
        var fields: PlatformOfferFields
        var updatedAt: Date
    }

    private struct InjectedFault {
        let fault: FakeAffiseFault
        let endpoint: FakeAffiseEndpoint?
        let offerID: Int?
        /// nil: until cleared.
        var remaining: Int?
    }

    private let clock: any SyncClock
    private let keepsRequestLog: Bool
    private var offers: [Int: StoredOffer] = [:]
    private var nextID = 1
    private var faults: [InjectedFault] = []
    private(set) var requests: [FakeAffiseRequest] = []
    private(set) var createdCount = 0
    private var inFlight = 0
    private(set) var maxInFlight = 0

    init(clock: any SyncClock, keepsRequestLog: Bool) {
        self.clock = clock
        self.keepsRequestLog = keepsRequestLog
    }

    // MARK: Calls

    func begin() {
        inFlight += 1
        maxInFlight = max(maxInFlight, inFlight)
    }

    func end(_ request: FakeAffiseRequest) {
        inFlight -= 1
        if keepsRequestLog { requests.append(request) }
    }

    func resetMaxInFlight() {
        maxInFlight = inFlight
    }

    func clearRequests() {
        requests.removeAll()
    }

    /// The fault to play on this call, if one matches (and counts it down).
    func takeFault(endpoint: FakeAffiseEndpoint, offerIDs: [Int]) -> FakeAffiseFault? {
        guard
            let index = faults.firstIndex(where: { injected in
                (injected.endpoint == nil || injected.endpoint == endpoint)
                    && (injected.offerID == nil || offerIDs.contains(injected.offerID!))
            })
        else { return nil }
        let fault = faults[index].fault
        if let remaining = faults[index].remaining {
            if remaining <= 1 { faults.remove(at: index) } else { faults[index].remaining = remaining - 1 }
        }
        return fault
    }

    func inject(_ fault: FakeAffiseFault, endpoint: FakeAffiseEndpoint?, offerID: Int?, repeat count: FakeAffiseFaultRepeat) {
        let remaining: Int?
        switch count {
        case .once: remaining = 1
        case .times(let n): remaining = max(n, 1)
        case .untilCleared: remaining = nil
        }
        faults.append(InjectedFault(fault: fault, endpoint: endpoint, offerID: offerID, remaining: remaining))
    }

    func clearFaults() {
        faults.removeAll()
    }

    /// The calls `.held` keeps waiting.
    nonisolated let held = HeldCalls()

    /// Does what a call asks and answers as Affise would.
    /// - Parameter hiding: an offer a list leaves out (`FakeAffiseFault.leftOutOfLists`).
    func perform(_ endpoint: FakeAffiseEndpoint, pathID: Int?, form: FakeAffiseForm, hiding: Int? = nil) -> Answer {
        switch endpoint {
        case .create:
            switch form.offerFields() {
            case .failure(let error): return .error(400, error.message)
            case .success(let write):
                if let missing = write.missingFieldsForCreate { return .error(400, missing) }
                let id = store(write)
                // Affise repeats the integer id at the top level.
                return .ok(["offer": render(id: id), "id": id])
            }
        case .edit:
            guard let id = pathID, offers[id] != nil else { return .error(404, "Offer not found") }
            switch form.offerFields() {
            case .failure(let error): return .error(400, error.message)
            case .success(let write):
                edit(id: id, write)
                return .ok(["offer": render(id: id), "id": id])
            }
        case .massUpdate:
            let ids: [Int]
            switch form.integers("offer_id") {
            case .failure(let error): return .error(400, error.message)
            case .success(let found): ids = found
            }
            guard !ids.isEmpty else { return .error(400, "offer_id is required") }
            var write = PlatformOfferFields()
            if let status = form.root.string("status") {
                guard let known = PlatformStatus(rawValue: status) else { return .error(400, "unknown status '\(status)'") }
                write.status = known
            }
            if let privacy = form.root.string("privacy") {
                guard let known = Privacy(rawValue: privacy) else { return .error(400, "unknown privacy '\(privacy)'") }
                write.privacy = known
            }
            guard !write.isEmpty else { return .error(400, "status or privacy is required") }
            for id in ids where offers[id] != nil { edit(id: id, write) }
            return .ok([:])
        case .delete:
            switch form.integers("offer_id") {
            case .failure(let error): return .error(400, error.message)
            case .success(let ids):
                guard !ids.isEmpty else { return .error(400, "offer_id is required") }
                for id in ids { offers[id] = nil }
                return .ok([:])
            }
        case .list:
            return list(form, hiding: hiding)
        case .get:
            guard let id = pathID, offers[id] != nil else { return .error(404, "Offer not found") }
            return .ok(["offer": render(id: id)])
        }
    }

    private func list(_ query: FakeAffiseForm, hiding: Int?) -> Answer {
        let ids: [Int]
        switch query.integers("int_id") {
        case .failure(let error): return .error(400, error.message)
        case .success(let found): ids = found
        }
        let page = Int(query.root.string("page") ?? "1") ?? 0
        let limit = min(Int(query.root.string("limit") ?? "20") ?? 0, 500)
        guard page >= 1, limit >= 1 else { return .error(400, "page and limit must be positive numbers") }
        var matching = ids.isEmpty ? offers.keys.sorted() : Set(ids).filter { offers[$0] != nil }.sorted()
        if let external = query.root.string("external_offer_id") {
            matching = matching.filter { offers[$0]?.fields.externalOfferID == external }
        }
        if let advertisers = query.root.list("advertiser"), !advertisers.isEmpty {
            matching = matching.filter { offers[$0]?.fields.advertiser.map(advertisers.contains) == true }
        }
        // As Affise: without `status[]`, only active offers are listed.
        let statuses = query.root.list("status").flatMap { $0.isEmpty ? nil : $0 } ?? [PlatformStatus.active.rawValue]
        matching = matching.filter { $0 != hiding && statuses.contains(offers[$0]?.fields.status?.rawValue ?? "") }
        let start = min((page - 1) * limit, matching.count)
        let end = min(start + limit, matching.count)
        var pagination: [String: Any] = ["per_page": limit, "total_count": matching.count, "page": page]
        // Absent on the last page.
        if end < matching.count { pagination["next_page"] = page + 1 }
        return .ok(["offers": matching[start..<end].map(render(id:)), "pagination": pagination])
    }

    // MARK: Offers

    @discardableResult
    func store(_ write: PlatformOfferFields) -> Int {
        let id = nextID
        nextID += 1
        offers[id] = StoredOffer(fields: .created(from: write), updatedAt: clock.now())
        createdCount += 1
        return id
    }

    /// Applies a write to an existing offer; false when there is none.
    @discardableResult
    func edit(id: Int, _ write: PlatformOfferFields) -> Bool {
        guard var offer = offers[id] else { return false }
        offer.fields = offer.fields.applying(write)
        offer.updatedAt = clock.now()
        offers[id] = offer
        return true
    }

    /// Deletes an offer; false when there is none.
    @discardableResult
    func delete(id: Int) -> Bool {
        offers.removeValue(forKey: id) != nil
    }

    /// Clears an offer's external offer id; false when there is none.
    func removeExternalID(id: Int) -> Bool {
        guard offers[id] != nil else { return false }
        offers[id]?.fields.externalOfferID = nil
        offers[id]?.updatedAt = clock.now()
        return true
    }

    func offer(id: Int) -> PlatformOffer? {
        offers[id].map { PlatformOffer(id: id, fields: $0.fields, updatedAt: $0.updatedAt) }
    }

    func allOffers() -> [PlatformOffer] {
        offers.keys.sorted().compactMap(offer(id:))
    }

    // MARK: Rendering, in Affise's shape

    private func render(id: Int) -> [String: Any] {
        guard let offer = offers[id] else { return [:] }
        let fields = offer.fields
        func value(_ optional: Any?) -> Any { optional ?? NSNull() }
        // Read-backs as Affise writes them: codes lower-cased, `goal` a string, `country_exclude` a bool,
        // pre-moderation named `premoderated`, `offer_id` a 24-hex string beside the integer `id`.
        return [
            "id": id,
            "offer_id": String(format: "%024x", id),
            "title": value(fields.title),
            "description_lang": fields.description.map { ["en": $0] as Any } ?? [String](),
            "url": value(fields.url),
            "preview_url": value(fields.previewURL),
            // Affise answers "" for an offer without an external id.
            "external_offer_id": fields.externalOfferID ?? "",
            "advertiser": value(fields.advertiser),
            "status": value(fields.status?.rawValue),
            "privacy": value(fields.privacy.map { $0 == .protected ? "premoderated" : $0.rawValue }),
            "categories": value(fields.categories),
            "redirect_type": value(fields.redirectType),
            "is_redirect_overcap": value(fields.isRedirectOvercap),
            "strictly_country": value(fields.strictlyCountry.map { $0 ? 1 : 0 }),
            "logo": value(fields.logo),
            "payments": value(
                fields.payments?.map { payment -> [String: Any] in
                    [
                        "countries": payment.countries.map { $0.lowercased() }, "devices": payment.devices, "os": payment.os,
                        "country_exclude": payment.countryExclude ?? false,
                        // Affise sends some numbers as strings: the client must read both.
                        "total": payment.total, "revenue": AffiseFormEncoder.number(payment.revenue),
                        "currency": payment.currency.lowercased(), "type": payment.type, "goal": payment.goal ?? ""
                    ]
                }),
            "caps": value(
                fields.caps?.map { cap -> [String: Any] in
                    ["period": cap.period, "type": cap.type, "value": cap.value]
                }),
            "updated_at": Self.affiseDate(offer.updatedAt)
        ]
    }

    /// `YYYY-MM-DD HH:MM:SS` in UTC, as Affise writes dates.
    static func affiseDate(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d-%02d-%02d %02d:%02d:%02d",
            c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }
}

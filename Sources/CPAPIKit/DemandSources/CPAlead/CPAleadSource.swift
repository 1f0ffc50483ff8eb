import Foundation

/// The CPAlead Offers API as a demand source:
/// `GET {base}/api/offers?id=…&limit=…&type=…&country=…&device=…&offerwall_offers=…&updated_since=…&format=json`.
///
/// One call per fetch (the API has no paging; `limit` is at most 5000, and an answer holding exactly
/// `limit` entries may be cut short). The answer is read once, off the caller's actor, straight from
/// its bytes (`CPAleadEnvelope`): every entry is read leniently, kept as the offer's canonical raw
/// JSON, normalised, validated and hashed by `CPAleadOfferParser`. Any failure — no answer, a non-200
/// after retries, a body that is not the expected JSON, a `status` other than `success` — throws a
/// `FetchFailure` naming the source and the cause, with the status, redacted headers and a redacted
/// body of at most 64 KiB.
public struct CPAleadSource: DemandSource {
    public let config: SourceConfig
    public let http: HTTPFetcher
    public let retryPolicy: HTTPRetryPolicy
    /// The largest answer accepted (a full feed of 5,000 offers is a few MiB).
    public let maxBodyBytes: Int
    public let redactor: Redactor
    public let clock: any SyncClock

    /// The JSONP callback name asked for when `config.jsonp` is set.
    public static let jsonpCallback = "cpapi"
    /// How much of a failed answer's body is kept.
    public static let keptBodyBytes = 64 * 1024

    /// - Parameter secrets: the source's credentials as resolved values, masked wherever shown.
    public init(
        config: SourceConfig, http: HTTPFetcher = .shared, secrets: [String] = [],
        retryPolicy: HTTPRetryPolicy = .idempotent, maxBodyBytes: Int = 64 << 20, clock: any SyncClock = SystemClock()
    ) {
        self.config = config; self.http = http; self.retryPolicy = retryPolicy; self.maxBodyBytes = maxBodyBytes
        self.redactor = Redactor(secrets: secrets); self.clock = clock
    }

    /// The URL one fetch asks (unredacted: holds no key, but show it through `redactor.url` anyway).
    public func requestURL(for request: FetchRequest) -> String {
        var query: [(String, String)] = [("id", config.publisherID), ("limit", String(config.effectiveLimit))]
        if !config.types.isEmpty { query.append(("type", config.types.joined(separator: ","))) }
        if let country = config.country { query.append(("country", country)) }
        if !config.devices.isEmpty { query.append(("device", config.devices.joined(separator: ","))) }
        if let offerwall = config.offerwallOffers { query.append(("offerwall_offers", offerwall ? "true" : "false")) }
        if request.kind == .incremental, let since = request.updatedSince {
            query.append(("updated_since", since.formatted(.iso8601)))
        }
        if config.jsonp {
            query.append(("format", "jsonp")); query.append(("callback", Self.jsonpCallback))
        } else {
            query.append(("format", "json"))
        }
        var base = config.baseURL
        while base.hasSuffix("/") { base.removeLast() }
        let encoded = query.map { "\($0.0)=\(HTTPFetchRequest.formEncode($0.1))" }.joined(separator: "&")
        return "\(base)/api/offers?\(encoded)"
    }

    public func fetchOffers(_ request: FetchRequest) async throws(FetchFailure) -> FetchResult {
        let url = requestURL(for: request)
        let response: HTTPFetchResponse
        do {
            response = try await http.fetch(
                .get(url, headers: [HeaderField("Accept", config.jsonp ? "application/javascript" : "application/json")]),
                policy: retryPolicy, maxBodyBytes: maxBodyBytes, redactor: redactor)
        } catch {
            throw transportFailure(error)
        }
        guard response.status == 200 else {
            let tries = response.attempts > 1 ? " after \(response.attempts) attempts" : ""
            throw failure("answered HTTP \(response.status)\(tries)", response: response)
        }
        return try await Self.decode(
            response, parser: CPAleadOfferParser(sourceID: config.id, redactor: redactor),
            limit: config.effectiveLimit, jsonp: config.jsonp, known: request.knownEntries, source: self)
    }

    /// Parses the whole answer on the concurrent executor, never on the caller's actor.
    @concurrent
    private static func decode(
        _ response: HTTPFetchResponse, parser: CPAleadOfferParser, limit: Int, jsonp: Bool, known: [Int64: String],
        source: CPAleadSource
    ) async throws(FetchFailure) -> FetchResult {
        let json: Data
        if jsonp {
            guard let unwrapped = unwrapJSONP(response.body, callback: jsonpCallback) else {
                throw source.failure(diagnose(response.body) ?? "expected a JSONP answer \(jsonpCallback)(…)", response: response)
            }
            json = unwrapped
        } else {
            json = response.body
        }
        let read: CPAleadEnvelope?
        do {
            read = try CPAleadEnvelope.read(json, parser: parser, known: known)
        } catch {
            throw source.failure(diagnose(json, error) ?? "answered invalid JSON", response: response)
        }
        guard let envelope = read else { throw source.failure("expected an object with `offers`", response: response) }
        let status = envelope.status
        guard status?.lowercased() == "success" else {
            let said = envelope.errorMessage.map { ": \"\($0)\"" } ?? ""
            let what = status.map { "answered status \"\($0)\"" } ?? "answered without a `status`"
            throw source.failure(what + said, response: response)
        }
        if envelope.offersHasWrongShape { throw source.failure("expected `offers` to be a list", response: response) }
        guard let entries = envelope.entries else { throw source.failure("expected an object with `offers`", response: response) }
        return FetchResult(
            offers: entries.offers, mayBeCutShort: entries.count >= limit, bytes: response.body.count,
            skipped: entries.skipped, unchanged: entries.unchanged, entryHashes: entries.entryHashes)
    }

    /// The JSON inside `callback( … )` (a trailing `;` allowed), or nil when the body is not that.
    static func unwrapJSONP(_ body: Data, callback: String) -> Data? {
        let bytes = [UInt8](body)
        var start = 0, end = bytes.count
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) || bytes[end - 1] == UInt8(ascii: ";") { end -= 1 }
        let prefix = Array((callback + "(").utf8)
        guard end - start >= prefix.count + 1, Array(bytes[start..<start + prefix.count]) == prefix,
            bytes[end - 1] == UInt8(ascii: ")")
        else { return nil }
        return Data(bytes[(start + prefix.count)..<(end - 1)])
    }

    /// What is wrong with a body that is not the expected JSON: an HTML page, nothing, JSON cut short, or where it breaks.
    static func diagnose(_ body: Data, _ failure: JSONValueParser.Failure? = nil) -> String? {
        guard let first = body.first(where: { !isSpace($0) }) else { return "answered an empty body" }
        if first == UInt8(ascii: "<") {
            return "answered " + (HTMLPageTitle.of(body).map { "an HTML page \"\($0)\"" } ?? "an HTML page")
        }
        guard let failure else { return nil }
        if failure.endedEarly { return "truncated JSON at byte \(body.count)" }
        return "invalid JSON at byte \(failure.offset): \(failure.message)"
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    /// A failure with the answer's status, redacted headers and a redacted, size-capped body.
    func failure(_ cause: String, response: HTTPFetchResponse) -> FetchFailure {
        FetchFailure(
            at: clock.now(), reason: redactor.text("source \(config.id): \(cause)"), httpStatus: response.status,
            headers: redactor.headerDictionary(response.headers),
            body: redactor.body(response.body, maxBytes: Self.keptBodyBytes))
    }

    /// A failure for a call that got no usable answer.
    func transportFailure(_ error: HTTPFetchError) -> FetchFailure {
        var failure = FetchFailure(at: clock.now(), reason: redactor.text("source \(config.id): \(error.description)"))
        if case .tooLarge(_, let status, let headers) = error {
            failure.httpStatus = status
            failure.headers = redactor.headerDictionary(headers)
        }
        return failure
    }
}

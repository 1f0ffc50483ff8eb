import Foundation

/// CPAlead's Conversions and Reversals APIs for one source:
/// `GET {base}/api/conversions?id=…&api_key=…&subid=…[&offer_id=…]` and
/// `GET {base}/api/reversals?id=…&api_key=…&start_date=YYYY-MM-DD&end_date=YYYY-MM-DD`.
///
/// Both allow one call per minute: every call first takes its slot from the `ReportRateLimiter`
/// (held in the workspace, so other processes are counted), and a 429 moves the next slot to its
/// `Retry-After`. A call is retried by the HTTP layer only when it surely never reached the server;
/// anything else would spend another slot. The API key travels in the query string, so every URL,
/// message and body this client reports or stores goes through its `Redactor`.
public struct CPAleadReportClient: Sendable {
    public let config: SourceConfig
    public let limiter: ReportRateLimiter
    public let http: HTTPFetcher
    public let redactor: Redactor
    /// The largest answer accepted.
    public let maxBodyBytes: Int
    private let apiKey: String

    /// How many 429 answers in a row are waited out before the call fails.
    public static let maxRefusalsInARow = 5
    /// Retries only what surely never reached the API (a refused connection): a retry of anything else
    /// could be a second call in the same minute.
    public static let retryPolicy = HTTPRetryPolicy(maxAttempts: 3, retryOn: [.connectionFailure])

    public init(
        config: SourceConfig, apiKey: String, limiter: ReportRateLimiter, http: HTTPFetcher = .shared,
        maxBodyBytes: Int = 16 << 20
    ) {
        self.config = config; self.apiKey = apiKey; self.limiter = limiter; self.http = http
        self.redactor = Redactor(secrets: [apiKey]); self.maxBodyBytes = maxBodyBytes
    }

    /// The client of a stored source: its publisher id and base URL from its configuration, its API key
    /// resolved now (never stored). Refused when the source is unknown, deleted, or has no usable key.
    public static func open(
        sourceID: String, store: WorkspaceStore, resolver: SecretResolver = SecretResolver(), http: HTTPFetcher = .shared,
        interval: TimeInterval = ReportRateLimiter.defaultInterval, clock: any SyncClock = SystemClock(),
        sleep: @escaping ReportRateLimiter.Sleep = { try await Task.sleep(for: $0) }
    ) throws(ReportFailure) -> CPAleadReportClient {
        let stored: Source?
        do { stored = try store.source(id: sourceID) } catch { throw .store("cannot read source \"\(sourceID)\": \(error)") }
        guard let source = stored else { throw .notUsable("unknown source \"\(sourceID)\"") }
        guard !source.isArchived else { throw .notUsable("source \"\(sourceID)\" is deleted (archived)") }
        switch source.config.kind {
        case .cpalead: break
        }
        guard let ref = source.config.apiKey else {
            throw .notUsable(
                "source \(sourceID) has no API key: the conversions and reversals APIs need one "
                    + "(set api_key_env or api_key in its [[sources]] table, then apply)")
        }
        let key: String
        do { key = try resolver.resolve(ref, for: "source \(sourceID)") } catch {
            throw .notUsable("source \(sourceID): cannot read its API key: \(error.description)")
        }
        let limiter = ReportRateLimiter(store: store, interval: interval, clock: clock, sleep: sleep)
        return CPAleadReportClient(config: source.config, apiKey: key, limiter: limiter, http: http)
    }

    /// The URL of a call, key included: never show it except through `redactor.url`.
    public func requestURL(_ endpoint: ReportEndpoint, query: [(String, String)]) -> String {
        var base = config.baseURL
        while base.hasSuffix("/") { base.removeLast() }
        let items = [("id", config.publisherID), ("api_key", apiKey)] + query + [("format", "json")]
        let encoded = items.map { "\($0.0)=\(HTTPFetchRequest.formEncode($0.1))" }.joined(separator: "&")
        return "\(base)/api/\(endpoint.rawValue)?\(encoded)"
    }

    /// Did `subid` (a subid, an IP address, or `user`) convert, on `offerID` only when given.
    /// - Parameters:
    ///   - waiting: wait for the endpoint's slot (telling `onWait` until when); else fail at once with `.rateLimited`.
    public func lookUpConversions(
        subid: String, offerID: String? = nil, waiting: Bool = true,
        onWait: @Sendable (Date) -> Void = { _ in }
    ) async throws(ReportFailure) -> ConversionLookup {
        var query = [("subid", subid)]
        if let offerID { query.append(("offer_id", offerID)) }
        let what = "conversions of subid \(redactor.text(subid))" + (offerID.map { " on offer \($0)" } ?? "")
        let (root, response) = try await call(.conversions, query: query, what: what, waiting: waiting, onWait: onWait)
        let parser = CPAleadReportParser(sourceID: config.id, redactor: redactor)
        let explicit = parser.explicitConverted(root)
        let entries: [CPAleadReportParser.Entry]
        switch parser.entries(root, listKeys: CPAleadReportParser.conversionListKeys) {
        case .success(let found): entries = found
        case .failure(let refusal):
            // `{"converted": true}` with no list is a complete answer; a refused status is not.
            guard explicit != nil, root["status"].map(CPAleadReportParser.isSuccess) ?? true else {
                throw .fetch(failure(what, refusal.reason, response: response, endpoint: .conversions, query: query))
            }
            entries = []
        }
        let conversions = entries.compactMap(parser.conversion)
        return ConversionLookup(
            sourceID: config.id, subid: subid, offerID: offerID, converted: explicit ?? !conversions.isEmpty,
            conversions: conversions, rawJSON: redactor.text(root.canonicalJSON), checkedAt: limiter.clock.now())
    }

    /// The reversals (bad leads) of one window: at most a month, as the API allows.
    public func fetchReversals(
        _ window: ReportWindow, waiting: Bool = true,
        onWait: @Sendable (Date) -> Void = { _ in }
    ) async throws(ReportFailure) -> [Reversal] {
        guard window.start.days(to: window.end) <= 31 else {
            throw .invalidRequest("source \(config.id): reversals window \(window) is longer than a month")
        }
        let query = [("start_date", window.start.description), ("end_date", window.end.description)]
        let what = "reversals \(window)"
        let (root, response) = try await call(.reversals, query: query, what: what, waiting: waiting, onWait: onWait)
        let parser = CPAleadReportParser(sourceID: config.id, redactor: redactor)
        switch parser.entries(root, listKeys: CPAleadReportParser.reversalListKeys) {
        case .success(let entries): return entries.compactMap(parser.reversal)
        case .failure(let refusal):
            throw .fetch(failure(what, refusal.reason, response: response, endpoint: .reversals, query: query))
        }
    }

    /// One call: its slot, the request, 429s waited out (or reported), the answer read as JSON.
    private func call(
        _ endpoint: ReportEndpoint, query: [(String, String)], what: String, waiting: Bool, onWait: @Sendable (Date) -> Void
    ) async throws(ReportFailure) -> (JSONValue, HTTPFetchResponse) {
        let url = requestURL(endpoint, query: query)
        var refusals = 0
        while true {
            try await limiter.acquire(sourceID: config.id, endpoint: endpoint, waiting: waiting, onWait: onWait)
            let response: HTTPFetchResponse
            do {
                response = try await http.fetch(
                    .get(url, headers: [HeaderField("Accept", "application/json")]),
                    policy: Self.retryPolicy, maxBodyBytes: maxBodyBytes, redactor: redactor)
            } catch {
                var failure = FetchFailure(at: limiter.clock.now(), reason: line(what, error.description, endpoint: endpoint, query: query))
                if case .tooLarge(_, let status, let headers) = error {
                    failure.httpStatus = status; failure.headers = redactor.headerDictionary(headers)
                }
                if case .cancelled = error { throw .cancelled(failure.reason) }
                throw .fetch(failure)
            }
            if response.status == 429 {
                refusals += 1
                let retryAfter = response.header("Retry-After").flatMap { RetryAfter.delay(header: $0, now: limiter.clock.now()) }
                let until = try limiter.backOff(sourceID: config.id, endpoint: endpoint, retryAfter: retryAfter)
                guard waiting else { throw .rateLimited(sourceID: config.id, endpoint: endpoint, until: until) }
                guard refusals < Self.maxRefusalsInARow else {
                    throw .fetch(
                        failure(
                            what, "answered HTTP 429 \(refusals) times in a row", response: response,
                            endpoint: endpoint, query: query))
                }
                continue
            }
            guard response.status == 200 else {
                throw .fetch(failure(what, "answered HTTP \(response.status)", response: response, endpoint: endpoint, query: query))
            }
            do {
                return (try JSONValueParser.parse(response.body), response)
            } catch {
                let why = CPAleadSource.diagnose(response.body, error) ?? "answered invalid JSON"
                throw .fetch(failure(what, why, response: response, endpoint: endpoint, query: query))
            }
        }
    }

    /// `source ID: WHAT: WHY (GET URL)`, the key masked.
    private func line(_ what: String, _ why: String, endpoint: ReportEndpoint, query: [(String, String)]) -> String {
        redactor.text("source \(config.id): \(what): \(why) (GET \(redactor.url(requestURL(endpoint, query: query))))")
    }

    /// A failure with the answer's status, redacted headers and a redacted, size-capped body.
    private func failure(
        _ what: String, _ why: String, response: HTTPFetchResponse, endpoint: ReportEndpoint,
        query: [(String, String)]
    ) -> FetchFailure {
        FetchFailure(
            at: limiter.clock.now(), reason: line(what, why, endpoint: endpoint, query: query),
            httpStatus: response.status, headers: redactor.headerDictionary(response.headers),
            body: redactor.body(response.body, maxBytes: CPAleadSource.keptBodyBytes))
    }
}

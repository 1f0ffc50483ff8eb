import Foundation

/// Affise's Admin API 3.0 as a `Platform`, over the shared HTTP layer (`HTTPFetcher`).
///
/// - Every call carries `API-Key`; the key never appears in a URL, a log or an error (answers are
///   redacted before they are quoted).
/// - At most `Options.concurrency` calls are in flight at once (each page of a list is a call).
/// - Reads, edits, mass updates and deletes are retried with backoff on 429/5xx/lost answers
///   (`Retry-After` honoured); a create only when it surely did not reach Affise (429, connection
///   refused). A create whose answer is lost throws `.outcomeUnknown`: the engine looks the offer up
///   by external id before creating it again.
/// - Answers: `status: 1` is success; `status: 2` or a non-2xx is `.rejected` with the message,
///   or `.notFound` when it is about a missing offer.
public struct AffisePlatform: Platform {
    /// Tuning of the client.
    public struct Options: Sendable, Equatable {
        /// Calls in flight at once.
        public var concurrency: Int
        /// `limit` of a list call (Affise allows at most 500).
        public var pageSize: Int
        /// Ids per list call (`int_id[]`): keeps the request line well under common 8 KiB limits.
        public var idsPerListCall: Int
        /// For reads, edits, mass updates and deletes.
        public var retryPolicy: HTTPRetryPolicy
        /// For creates: never repeated when they may have reached Affise.
        public var createRetryPolicy: HTTPRetryPolicy
        public var maxBodyBytes: Int

        public init(
            concurrency: Int = 8, pageSize: Int = 500, idsPerListCall: Int = 250,
            retryPolicy: HTTPRetryPolicy = .idempotent, createRetryPolicy: HTTPRetryPolicy = .nonIdempotent,
            maxBodyBytes: Int = HTTPFetcher.defaultMaxBodyBytes
        ) {
            self.concurrency = concurrency
            self.pageSize = min(max(pageSize, 1), 500)
            self.idsPerListCall = max(idsPerListCall, 1)
            self.retryPolicy = retryPolicy
            self.createRetryPolicy = createRetryPolicy
            self.maxBodyBytes = maxBodyBytes
        }
    }

    public let baseURL: String
    public let options: Options
    private let apiKey: String
    private let fetcher: HTTPFetcher
    private let limiter: ConcurrencyLimiter
    private let redactor: Redactor

    /// - Parameters:
    ///   - baseURL: the account's API root, e.g. `https://api-company.affise.com`.
    ///   - apiKey: the resolved key (never stored in the workspace, never printed).
    public init(
        baseURL: String, apiKey: String, options: Options = Options(),
        fetcher: HTTPFetcher = .shared
    ) throws(PlatformSetupError) {
        var root = baseURL.trimmingCharacters(in: .whitespaces)
        while root.hasSuffix("/") { root.removeLast() }
        guard let url = URL(string: root), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = url.host, !host.isEmpty
        else {
            throw .invalidURL(baseURL)
        }
        guard !apiKey.isEmpty else { throw .missingAPIKey }
        guard options.concurrency >= 1 else { throw .invalidConcurrency(options.concurrency) }
        self.baseURL = root
        self.apiKey = apiKey
        self.options = options
        self.fetcher = fetcher
        self.limiter = ConcurrencyLimiter(limit: options.concurrency)
        self.redactor = Redactor(secrets: [apiKey])
    }

    public var displayName: String { "affise (\(URL(string: baseURL)?.host ?? baseURL))" }

    /// The account's API root: one Affise tenant.
    public var identity: String { "affise \(baseURL)" }

    // MARK: Platform

    public func createOffer(_ fields: PlatformOfferFields) async throws(PlatformError) -> Int {
        let answer = try await post(
            "/3.0/admin/offer", body: AffiseFormEncoder.encode(fields),
            policy: options.createRetryPolicy, offerID: nil)
        return try AffiseResponseDecoder.createdOfferID(in: answer.object)
    }

    public func editOffer(id: Int, _ fields: PlatformOfferFields) async throws(PlatformError) {
        _ = try await post(
            "/3.0/admin/offer/\(id)", body: AffiseFormEncoder.encode(fields),
            policy: options.retryPolicy, offerID: id)
    }

    public func setStatus(_ status: PlatformStatus, offerIDs: [Int]) async throws(PlatformError) {
        for chunk in Self.chunks(of: Array(Set(offerIDs)).sorted(), size: options.idsPerListCall) {
            _ = try await post(
                "/3.0/admin/offer/mass-update",
                body: AffiseFormEncoder.encodeMassUpdate(status: status, offerIDs: chunk),
                policy: options.retryPolicy, offerID: nil)
        }
    }

    public func deleteOffers(ids: [Int]) async throws(PlatformError) {
        for chunk in Self.chunks(of: Array(Set(ids)).sorted(), size: options.idsPerListCall) {
            _ = try await post(
                "/3.0/admin/offer/delete", body: AffiseFormEncoder.encodeDelete(offerIDs: chunk),
                policy: options.retryPolicy, offerID: nil)
        }
    }

    public func offers(ids: [Int]) async throws(PlatformError) -> [PlatformOffer] {
        let unique = Array(Set(ids)).sorted()
        let chunks = Self.chunks(of: unique, size: options.idsPerListCall)
        // Chunks are listed side by side; the limiter bounds how many calls are in flight.
        let results = await withTaskGroup(of: (Int, Result<[PlatformOffer], PlatformError>).self) { group in
            for (index, chunk) in chunks.enumerated() {
                group.addTask {
                    let query = chunk.map { (key: "int_id[]", value: String($0)) }
                    return (index, await .of { () async throws(PlatformError) in try await list(query) })
                }
            }
            var results: [(Int, Result<[PlatformOffer], PlatformError>)] = []
            for await result in group { results.append(result) }
            return results.sorted { $0.0 < $1.0 }
        }
        // By id, each once (a page boundary can shift while offers change), only those asked for.
        var byID: [Int: PlatformOffer] = [:]
        let wanted = Set(unique)
        for (_, result) in results {
            for offer in try result.get() where wanted.contains(offer.id) { byID[offer.id] = offer }
        }
        return byID.values.sorted { $0.id < $1.id }
    }

    public func offers(externalOfferID: String) async throws(PlatformError) -> [PlatformOffer] {
        guard !externalOfferID.isEmpty else { return [] }
        // Filtered again here: only an exact match is the same offer.
        return try await list([(key: "external_offer_id", value: externalOfferID)])
            .filter { $0.externalOfferID == externalOfferID }
    }

    /// `GET /3.0/offers` with `advertiser[]` (every status, `limit` 500, following `next_page`); filtered
    /// again here, so an account that ignored the filter still answers only those advertisers' offers.
    public func offers(advertisers: [String]?, externalOfferIDs: Set<String>) async throws(PlatformError) -> [PlatformOffer] {
        guard let advertisers else { return try await list([]) }
        let wanted = Set(advertisers)
        guard !wanted.isEmpty else { return [] }
        return try await list(wanted.sorted().map { (key: "advertiser[]", value: $0) })
            .filter { $0.fields.advertiser.map(wanted.contains) == true }
    }

    public func offer(id: Int) async throws(PlatformError) -> PlatformOffer? {
        let answer: AnswerObject
        do throws(PlatformError) {
            answer = try await send(
                HTTPFetchRequest.get(baseURL + "/3.0/offer/\(id)", headers: headers()),
                policy: options.retryPolicy, offerID: id, isWrite: false)
        } catch {
            if case .notFound = error { return nil }
            throw error
        }
        guard let offer = answer.object["offer"] else { throw .badResponse("offer \(id) answered without offer") }
        return try AffiseResponseDecoder.offer(from: offer)
    }

    // MARK: Calls

    /// Every status a list asks for: Affise lists only `active` offers when `status[]` is not sent, and
    /// an offer left out of a read-back would look deleted.
    static let everyStatus: [(key: String, value: String)] = PlatformStatus.allCases.map { (key: "status[]", value: $0.rawValue) }

    /// Every page of a list call (`GET /3.0/offers`) over every status, following `pagination.next_page`
    /// (absent on the last page).
    private func list(_ filter: [(key: String, value: String)]) async throws(PlatformError) -> [PlatformOffer] {
        var offers: [PlatformOffer] = []
        var page = 1
        var pagesSeen = 0
        while true {
            let query =
                filter + Self.everyStatus
                + [(key: "limit", value: String(options.pageSize)), (key: "page", value: String(page))]
            let url = baseURL + "/3.0/offers?" + AffiseFormEncoder.encode(pairs: query)
            let answer = try await send(
                HTTPFetchRequest.get(url, headers: headers()), policy: options.retryPolicy,
                offerID: nil, isWrite: false)
            let pageOffers = try AffiseResponseDecoder.offers(in: answer.object)
            offers += pageOffers
            pagesSeen += 1
            // A next page that does not move forward, or an empty page, ends the listing (never loop).
            guard let next = AffiseResponseDecoder.nextPage(in: answer.object), next > page, !pageOffers.isEmpty else {
                return offers
            }
            guard pagesSeen < 100_000 else { throw .badResponse("listing did not end after \(pagesSeen) pages") }
            page = next
        }
    }

    private func post(
        _ path: String, body: String, policy: HTTPRetryPolicy,
        offerID: Int?
    ) async throws(PlatformError) -> AnswerObject {
        var fields = headers()
        fields.append(HeaderField("Content-Type", "application/x-www-form-urlencoded"))
        let request = HTTPFetchRequest(method: "POST", url: baseURL + path, headers: fields, body: Array(body.utf8))
        return try await send(request, policy: policy, offerID: offerID, isWrite: true)
    }

    /// One call through the limiter and the fetcher, its answer checked.
    private func send(
        _ request: HTTPFetchRequest, policy: HTTPRetryPolicy, offerID: Int?,
        isWrite: Bool
    ) async throws(PlatformError) -> AnswerObject {
        let response = try await limiter.run { () async throws(PlatformError) -> HTTPFetchResponse in
            do throws(HTTPFetchError) {
                return try await fetcher.fetch(request, policy: policy, maxBodyBytes: options.maxBodyBytes, redactor: redactor)
            } catch {
                throw platformError(error, isWrite: isWrite)
            }
        }
        return try check(response, offerID: offerID)
    }

    /// A transport failure as a platform error: a write that may have arrived has an unknown outcome.
    private func platformError(_ error: HTTPFetchError, isWrite: Bool) -> PlatformError {
        let why = redactor.text(error.description)
        switch error {
        case .tooLarge: return .badResponse(why)
        default:
            return isWrite && error.mayHaveReachedServer ? .outcomeUnknown(why) : .unreachable(why)
        }
    }

    /// The JSON of a successful answer, or the typed error the answer says.
    private func check(_ response: HTTPFetchResponse, offerID: Int?) throws(PlatformError) -> AnswerObject {
        let object = try? AffiseResponseDecoder.object(from: response.body)
        let message = object.flatMap(AffiseResponseDecoder.errorMessage(in:)).map(redactor.text)
        let isSuccessStatus = (200...299).contains(response.status)
        // Only Affise's own answer (`status: 2`) says an offer is gone: a bare 404 (a wrong base URL,
        // a proxy) must never read as "deleted", or the sync would exclude every placement.
        if response.status == 404, let offerID, let object, AffiseResponseDecoder.status(of: object) == 2 {
            throw .notFound(id: offerID)
        }
        if !isSuccessStatus {
            if let offerID, let message, AffiseResponseDecoder.saysNotFound(message) { throw .notFound(id: offerID) }
            throw .rejected(
                httpStatus: response.status,
                message: message ?? HTMLPageTitle.describe(response.body).map(redactor.text)
                    ?? Self.snippet(redactor.body(response.body, maxBytes: 300), status: response.status))
        }
        guard let object else {
            throw .badResponse(
                "HTTP \(response.status) with "
                    + (HTMLPageTitle.describe(response.body).map(redactor.text)
                        ?? "a body that is not a JSON object: " + redactor.body(response.body, maxBytes: 200)))
        }
        switch AffiseResponseDecoder.status(of: object) {
        case 1:
            return AnswerObject(object: object)
        case 2:
            let text = message ?? "status 2 without a message"
            if let offerID, AffiseResponseDecoder.saysNotFound(text) { throw .notFound(id: offerID) }
            throw .rejected(httpStatus: response.status, message: text)
        case let other:
            throw .badResponse("HTTP \(response.status) with status \(other.map(String.init) ?? "missing")")
        }
    }

    private func headers() -> [HeaderField] {
        [HeaderField("API-Key", apiKey), HeaderField("Accept", "application/json")]
    }

    private static func snippet(_ body: String, status: Int) -> String {
        let trimmed = body.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? "HTTP \(status) without a message" : trimmed
    }

    private static func chunks(of ids: [Int], size: Int) -> [[Int]] {
        stride(from: 0, to: ids.count, by: size).map { Array(ids[$0..<min($0 + size, ids.count)]) }
    }
}

/// A decoded JSON answer (JSONSerialization's object; read at once, never shared).
private struct AnswerObject {
    let object: [String: Any]
}

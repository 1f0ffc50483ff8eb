import CPAPIKit
import Foundation
import Hummingbird
import Logging
import NIOCore

/// A loopback Affise Admin API 3.0 for tests and the benchmark: the offer endpoints with the same
/// form encoding (PHP-style nested keys), the `API-Key` header required, offers kept in memory.
///
/// Tests play the platform's side with the hand actions (disable, pause, delete, remove the
/// external id), inspect what it received (offers, request log, creates, the most calls it had in
/// flight at once), and inject faults at run time (500, an answer dropped after the write is done,
/// 404, 429 with `Retry-After`, a slow answer).
///
/// ```
/// let affise = try await FakeAffiseServer.start(apiKey: "k")
/// let platform = try AffisePlatform(baseURL: affise.baseURL, apiKey: "k")
/// let id = try await platform.createOffer(fields)
/// try await affise.disableByHand(id: id)
/// await affise.inject(.answerDropped, on: .create)          // the next create is stored, its answer lost
/// await affise.stop()                                        // always, when the test ends
/// ```
public final class FakeAffiseServer: Sendable {
    /// `http://127.0.0.1:PORT`
    public let baseURL: String
    public let port: Int
    private let state: FakeAffiseState
    private let server: Task<Void, Never>

    private init(port: Int, state: FakeAffiseState, server: Task<Void, Never>) {
        self.port = port
        self.baseURL = "http://127.0.0.1:\(port)"
        self.state = state
        self.server = server
    }

    /// Starts a server on 127.0.0.1 and an ephemeral port; answers once it accepts connections.
    /// - Parameters:
    ///   - apiKey: the `API-Key` every call must carry.
    ///   - clock: stamps offers' `updated_at`.
    ///   - keepsRequestLog: false for long runs (the benchmark), where the log would only grow.
    public static func start(
        apiKey: String, clock: any SyncClock = SystemClock(),
        keepsRequestLog: Bool = true
    ) async throws -> FakeAffiseServer {
        let state = FakeAffiseState(clock: clock, keepsRequestLog: keepsRequestLog)
        let router = Router(context: FakeAffiseContext.self)
        let handler = FakeAffiseHandler(apiKey: apiKey, state: state)
        router.post("/3.0/admin/offer") { request, context in
            try await handler.respond(request, context, endpoint: .create, pathID: nil)
        }
        router.post("/3.0/admin/offer/:id") { request, context in
            let segment = context.parameters.get("id") ?? ""
            switch segment {
            case FakeAffiseEndpoint.massUpdate.rawValue:
                return try await handler.respond(request, context, endpoint: .massUpdate, pathID: nil)
            case FakeAffiseEndpoint.delete.rawValue:
                return try await handler.respond(request, context, endpoint: .delete, pathID: nil)
            default:
                return try await handler.respond(request, context, endpoint: .edit, pathID: Int(segment) ?? -1)
            }
        }
        router.get("/3.0/offers") { request, context in
            try await handler.respond(request, context, endpoint: .list, pathID: nil)
        }
        router.get("/3.0/offer/:id") { request, context in
            try await handler.respond(
                request, context, endpoint: .get,
                pathID: Int(context.parameters.get("id") ?? "") ?? -1)
        }

        var logger = Logger(label: "fake-affise")
        logger.logLevel = .critical
        let (ports, portsContinuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: nil),
            onServerRunning: { channel in
                portsContinuation.yield(channel.localAddress?.port ?? 0)
            },
            logger: logger
        )
        let server = Task {
            try? await app.run()
            portsContinuation.finish()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            server.cancel()
            throw FakeAffiseServerError.didNotStart
        }
        return FakeAffiseServer(port: port, state: state, server: server)
    }

    /// Stops the server and waits until it has closed.
    public func stop() async {
        server.cancel()
        await server.value
    }

    // MARK: Faults

    /// Plays `fault` on the matching calls: of `endpoint` (nil: any), about `offerID` (nil: any).
    public func inject(
        _ fault: FakeAffiseFault, on endpoint: FakeAffiseEndpoint? = nil, offerID: Int? = nil,
        repeat count: FakeAffiseFaultRepeat = .once
    ) async {
        await state.inject(fault, endpoint: endpoint, offerID: offerID, repeat: count)
    }

    public func clearFaults() async {
        await state.clearFaults()
    }

    /// Lets the oldest call held by `.held` go on (or the next one to be held, at once).
    public func release() async {
        await state.held.release()
    }

    /// Calls waiting in `.held`.
    public func heldCount() async -> Int {
        await state.held.count
    }

    // MARK: By hand, as in Affise's UI

    /// Disables the offer (`stopped`).
    public func disableByHand(id: Int) async throws(PlatformError) {
        guard await state.edit(id: id, PlatformOfferFields(status: .stopped)) else { throw .notFound(id: id) }
    }

    /// Pauses the offer (`suspended`).
    public func pauseByHand(id: Int) async throws(PlatformError) {
        guard await state.edit(id: id, PlatformOfferFields(status: .suspended)) else { throw .notFound(id: id) }
    }

    public func deleteByHand(id: Int) async throws(PlatformError) {
        guard await state.delete(id: id) else { throw .notFound(id: id) }
    }

    public func removeExternalIDByHand(id: Int) async throws(PlatformError) {
        guard await state.removeExternalID(id: id) else { throw .notFound(id: id) }
    }

    /// Adds an offer directly (not through the API, not counted as a create call); answers its id.
    public func seed(_ fields: PlatformOfferFields) async -> Int {
        await state.store(fields)
    }

    // MARK: Inspection

    /// Every offer, by id.
    public func offers() async -> [PlatformOffer] {
        await state.allOffers()
    }

    public func offer(id: Int) async -> PlatformOffer? {
        await state.offer(id: id)
    }

    /// Every call received, in the order they were answered.
    public func requests() async -> [FakeAffiseRequest] {
        await state.requests
    }

    public func clearRequests() async {
        await state.clearRequests()
    }

    /// Offers stored by creates (and seeds) since the start.
    public func createdCount() async -> Int {
        await state.createdCount
    }

    /// The most calls that were in flight at once since the start (or the last reset).
    public func maxInFlight() async -> Int {
        await state.maxInFlight
    }

    public func resetMaxInFlight() async {
        await state.resetMaxInFlight()
    }
}

/// The fake Affise could not start.
public enum FakeAffiseServerError: Error, CustomStringConvertible {
    case didNotStart

    public var description: String { "the fake Affise server did not start on 127.0.0.1" }
}

/// The request context: Hummingbird's, plus the connection, which a dropped answer closes.
struct FakeAffiseContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }
}

/// Answers one call: checks the key, plays a fault if one is set, does the call, logs it.
struct FakeAffiseHandler: Sendable {
    let apiKey: String
    let state: FakeAffiseState

    func respond(
        _ request: Request, _ context: FakeAffiseContext, endpoint: FakeAffiseEndpoint,
        pathID: Int?
    ) async throws -> Response {
        let body = try await request.body.collect(upTo: 64 << 20)
        await state.begin()
        let query = FakeAffiseForm(encoded: request.uri.query ?? "")
        let form = endpoint == .list || endpoint == .get ? query : FakeAffiseForm(encoded: String(buffer: body))
        let authorized = request.headers.first { $0.name.canonicalName == "api-key" }?.value == apiKey

        var answer: FakeAffiseState.Answer?
        var dropped = false
        var hidden: Int?
        if !authorized {
            // Affise's own words for a wrong key or tenant.
            answer = .error(401, "Token is necessary")
        } else {
            let ids =
                (pathID.map { [$0] } ?? [])
                + ((try? form.integers(endpoint == .list ? "int_id" : "offer_id").get()) ?? [])
            switch await state.takeFault(endpoint: endpoint, offerIDs: ids) {
            case .serverError: answer = .error(500, "Internal Server Error")
            case .notFound: answer = .error(404, "Offer not found")
            case .rejected(let status, let message): answer = .error(status, message)
            case .tooManyRequests(let seconds):
                answer = .error(429, "Too Many Requests", retryAfterSeconds: seconds)
            case .slow(let delay):
                try? await Task.sleep(for: delay)
            case .refusedWithMessageObject(let message):
                answer = .refusal(message: message)
            case .htmlPage(let status, let title):
                answer = .html(status, title: title)
            case .leftOutOfLists(let offerID):
                hidden = offerID
            case .held:
                await state.held.hold()
            case .answerDropped:
                dropped = true
            case nil:
                break
            }
        }
        let final: FakeAffiseState.Answer
        if let answer {
            final = answer
        } else {
            final = await state.perform(endpoint, pathID: pathID, form: form, hiding: hidden)
        }
        let parameters = (query.pairs + (form.pairs.isEmpty || endpoint == .list || endpoint == .get ? [] : form.pairs))
            .map { FakeAffiseParameter(key: $0.key, value: $0.value) }
        await state.end(
            FakeAffiseRequest(
                endpoint: endpoint, method: request.method.rawValue, path: request.uri.path,
                parameters: parameters, authorized: authorized,
                answeredStatus: dropped ? nil : final.status))
        if dropped {
            // The write is done; the caller never learns it.
            try? await context.channel.close()
        }
        var headers: HTTPFields = [.contentType: final.contentType]
        if let seconds = final.retryAfterSeconds { headers[.retryAfter] = String(seconds) }
        return Response(
            status: .init(code: final.status), headers: headers,
            body: .init(byteBuffer: ByteBuffer(bytes: final.body)))
    }
}

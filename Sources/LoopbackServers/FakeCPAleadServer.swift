import CPAPIKit
import Foundation
import Hummingbird
import Logging
import HTTPTypes
import NIOCore

/// A loopback server in the shape of CPAlead's Offers API (`GET /api/offers`), for tests, the demo
/// and the benchmark.
///
/// ```swift
/// let server = try await FakeCPAleadServer.start()
/// await server.setFeed(publisherID: "p1", offers: OfferFeedGenerator(seed: 1).offers(count: 5000))
/// let config = SourceConfig(id: "cpalead", baseURL: server.baseURL, publisherID: "p1")
/// …
/// await server.stop()
/// ```
/// Answers per publisher `id`, honouring `limit` (default 2500, max 5000), `type` (default
/// `cpa,cpi,cpe`), `updated_since`, `country`, `device` and `format=jsonp&callback=`. Faults and the
/// payload style can be switched at any time; every request is logged.
///
/// Also the Conversions and Reversals APIs (`GET /api/conversions`, `GET /api/reversals`): they need
/// the publisher's API key (`setAPIKey`), answer from `setConversions`/`setReversals`, refuse a range
/// longer than a month, and allow one call per `setReportInterval` (default 60 s, on the `clock` given
/// to `start`) per publisher and endpoint, answering 429 with `Retry-After` past it.
public final class FakeCPAleadServer: Sendable {
    public let port: Int
    /// `http://127.0.0.1:PORT`: a source's `url`.
    public let baseURL: String
    private let feeds: FakeCPAleadFeeds
    private let reports: FakeCPAleadReports
    private let task: Task<Void, Never>

    private init(port: Int, feeds: FakeCPAleadFeeds, reports: FakeCPAleadReports, task: Task<Void, Never>) {
        self.port = port; self.baseURL = "http://127.0.0.1:\(port)"; self.feeds = feeds; self.reports = reports; self.task = task
    }

    /// Starts a server on 127.0.0.1 on a free port and returns once it accepts connections.
    /// - Parameter clock: what the report APIs' rate limit measures time with (tests share theirs).
    public static func start(clock: any SyncClock = SystemClock()) async throws -> FakeCPAleadServer {
        let feeds = FakeCPAleadFeeds()
        let reports = FakeCPAleadReports(clock: clock)
        let router = Router()
        for endpoint in ReportEndpoint.allCases {
            router.get("/api/\(endpoint.rawValue)") { request, _ -> Response in
                await Self.respond(to: request, endpoint: endpoint, feeds: feeds, reports: reports)
            }
        }
        router.get("/api/offers") { request, _ -> Response in
            await Self.respond(to: request, feeds: feeds)
        }
        // CPAlead's API is GET only; POST answers the same so the HTTP layer's tests can send a form to it.
        router.post("/api/offers") { request, _ -> Response in
            await Self.respond(to: request, feeds: feeds)
        }
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "FakeCPAleadServer")
        logger.logLevel = .critical
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: "FakeCPAlead"),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: logger
        )
        let task = Task {
            do { try await app.run() } catch {}
            portContinuation.finish()
        }
        var port = 0
        for await bound in ports { port = bound }
        guard port > 0 else {
            task.cancel()
            await task.value
            throw FakeCPAleadServerError.couldNotStart
        }
        return FakeCPAleadServer(port: port, feeds: feeds, reports: reports, task: task)
    }

    /// Stops serving and waits until the server is down.
    public func stop() async {
        task.cancel()
        await task.value
    }

    // MARK: Feeds

    /// Serves `offers` (in this order; CPAlead orders by rank) to publisher `publisherID`.
    /// `rawEntries` are JSON fragments appended to the `offers` list as they are (e.g. `"42"` or
    /// `{"title":"no id"}`), for entries that are not offers.
    public func setFeed(publisherID: String, offers: [OfferFeedOffer], rawEntries: [String] = []) async {
        await feeds.setFeed(publisherID: publisherID, offers: offers, rawEntries: rawEntries)
    }

    /// Answers publisher `publisherID` with `body` exactly as given (HTTP 200, JSON), in place of its
    /// feed and whatever the request asks: for real answers in shapes the typed feed cannot write.
    public func setRawAnswer(_ body: String, publisherID: String) async {
        await feeds.setRawAnswer(body, publisherID: publisherID)
    }

    public func removeFeed(publisherID: String) async { await feeds.removeFeed(publisherID: publisherID) }

    public func offers(publisherID: String) async -> [OfferFeedOffer] { await feeds.offers(publisherID: publisherID) }

    /// How untidy the offers are written from now on.
    public func setPayloadStyle(_ style: FakeCPAleadPayloadStyle) async { await feeds.setStyle(style) }

    // MARK: Faults

    /// Arms a fault for the next request(s), of one publisher or of any. Faults apply in the order armed.
    public func inject(_ fault: FakeCPAleadFault, _ count: FakeCPAleadFaultRepeat = .once, publisherID: String? = nil) async {
        await feeds.addFault(fault, repeat: count, publisherID: publisherID)
    }

    /// Arms a fault for the next request(s) that `matches` accepts (e.g. one reversals window).
    public func inject(
        _ fault: FakeCPAleadFault, _ count: FakeCPAleadFaultRepeat = .once,
        when matches: @escaping @Sendable (FakeCPAleadRequest) -> Bool
    ) async {
        await feeds.addFault(fault, repeat: count, publisherID: nil, matches: matches)
    }

    public func clearFaults() async { await feeds.clearFaults() }

    /// Lets the oldest request held by `.held` be answered (or the next one to be held, at once).
    public func release() async { await feeds.release() }

    // MARK: Conversions and Reversals APIs

    /// The API key the report APIs expect from `publisherID` (none set: every call is refused).
    public func setAPIKey(_ key: String, publisherID: String) async { await reports.setAPIKey(key, publisherID: publisherID) }

    /// The least time between two calls to one report API of one publisher (default 60 s).
    public func setReportInterval(_ seconds: TimeInterval) async { await reports.setInterval(seconds) }

    /// What the Conversions API lists: JSON objects with at least `subid` (and `offer_id` to filter on).
    public func setConversions(_ entries: [String], publisherID: String) async throws {
        try await reports.setConversions(entries, publisherID: publisherID)
    }

    /// What the Reversals API lists: JSON objects with a `date` (`YYYY-MM-DD…`) that places each in a window.
    public func setReversals(_ entries: [String], publisherID: String) async throws {
        try await reports.setReversals(entries, publisherID: publisherID)
    }

    /// Calls to the report APIs refused with 429 so far: zero when every client kept the limit.
    public func reportRefusals() async -> Int { await reports.refusals }

    // MARK: Request log

    public func requests() async -> [FakeCPAleadRequest] { await feeds.requests }

    public func clearRequests() async { await feeds.clearRequests() }

    // MARK: Answering

    private static func respond(to request: Request, feeds: FakeCPAleadFeeds) async -> Response {
        let logged = FakeCPAleadRequest(path: request.uri.path, query: FakeCPAleadRequest.parseQuery(request.uri.query))
        var fault = await feeds.begin(logged)
        if case .slow(let delay) = fault {
            try? await Task.sleep(for: delay)
            fault = nil
        }
        if case .held = fault {
            await feeds.waitForRelease()
            fault = nil
        }
        switch fault {
        case .status(let code):
            return text("Server error \(code)", status: code, contentType: "text/plain")
        case .tooManyRequests(let retryAfter):
            var response = text(#"{"status":"error","message":"Too many requests"}"#, status: 429, contentType: "application/json")
            if let retryAfter { response.headers[HTTPField.Name("Retry-After")!] = retryAfter }
            return response
        case .htmlPage(let code):
            let page = "<!DOCTYPE html><html><head><title>503 Service Unavailable</title></head><body><h1>Maintenance</h1></body></html>"
            return text(page, status: code, contentType: "text/html; charset=utf-8")
        case .errorStatus(let message):
            let body = #"{"status":"error","message":"\#(message.replacingOccurrences(of: "\"", with: "\\\""))"}"#
            return text(body, status: 200, contentType: "application/json")
        case .truncatedBody:
            let full = await feeds.answer(for: logged, emptyFeed: false)
            return wrap(Array(full.prefix(max(1, full.count / 2))), request: logged)
        case .dropConnection:
            let full = await feeds.answer(for: logged, emptyFeed: false)
            let part = ByteBuffer(bytes: full.prefix(max(1, full.count / 2)))
            let body = ResponseBody(contentLength: full.count) { writer in
                try await writer.write(part)
                throw FakeCPAleadServerError.droppedConnection
            }
            return Response(status: .ok, headers: [.contentType: "application/json"], body: body)
        case .drip(let interval):
            return dripping(every: interval)
        case .emptyFeed:
            return wrap(await feeds.answer(for: logged, emptyFeed: true), request: logged)
        case .slow, .held, nil:
            return wrap(await feeds.answer(for: logged, emptyFeed: false), request: logged)
        }
    }

    /// A report API's answer, unless an armed fault answers instead (faults do not spend the limit).
    private static func respond(
        to request: Request, endpoint: ReportEndpoint, feeds: FakeCPAleadFeeds,
        reports: FakeCPAleadReports
    ) async -> Response {
        let logged = FakeCPAleadRequest(path: request.uri.path, query: FakeCPAleadRequest.parseQuery(request.uri.query))
        switch await feeds.begin(logged) {
        case .status(let code)?:
            return text("Server error \(code)", status: code, contentType: "text/plain")
        case .tooManyRequests(let retryAfter)?:
            var response = text(#"{"status":"error","message":"Too many requests"}"#, status: 429, contentType: "application/json")
            if let retryAfter { response.headers[HTTPField.Name("Retry-After")!] = retryAfter }
            return response
        case .htmlPage(let code)?:
            return text("<!DOCTYPE html><html><body><h1>Maintenance</h1></body></html>", status: code, contentType: "text/html")
        case .errorStatus(let message)?:
            let body = #"{"status":"error","message":"\#(message.replacingOccurrences(of: "\"", with: "\\\""))"}"#
            return text(body, status: 200, contentType: "application/json")
        case .truncatedBody?, .dropConnection?:
            return text(#"{"status":"success","reversals":[{"lead_id":"#, status: 200, contentType: "application/json")
        case .drip(let interval)?:
            return dripping(every: interval)
        case .emptyFeed?:
            return text(#"{"status":"success"}"#, status: 200, contentType: "application/json")
        case .slow(let delay)?:
            try? await Task.sleep(for: delay)
        case .held?:
            await feeds.waitForRelease()
        case nil:
            break
        }
        let (status, headers, body) = await reports.answer(endpoint, request: logged)
        var response = text(body, status: status, contentType: "application/json")
        for (name, value) in headers { response.headers[HTTPField.Name(name)!] = value }
        return response
    }

    /// A 200 whose body never ends: a space every `interval` until the client goes away or the server stops.
    private static func dripping(every interval: Duration) -> Response {
        let body = ResponseBody { writer in
            let space = ByteBuffer(string: " ")
            while !Task.isCancelled {
                try await writer.write(space)
                try await Task.sleep(for: interval)
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "application/json"], body: body)
    }

    /// A JSON answer, or `callback(…);` when JSONP was asked for.
    private static func wrap(_ json: [UInt8], request: FakeCPAleadRequest) -> Response {
        if request.value("format") == "jsonp" {
            let callback = request.value("callback") ?? "callback"
            var bytes = Array("\(callback)(".utf8)
            bytes.append(contentsOf: json)
            bytes.append(contentsOf: ");".utf8)
            return Response(status: .ok, headers: [.contentType: "application/javascript"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        }
        return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: json)))
    }

    private static func text(_ text: String, status: Int, contentType: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        return Response(status: .init(code: status), headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}

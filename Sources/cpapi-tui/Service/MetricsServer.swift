import Foundation
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// `--metrics ADDR`: `GET /metrics` (Prometheus text) and `GET /healthz` (JSON), over HTTP in this process.
struct MetricsServer {
    /// Where to listen: `HOST:PORT`, `[IPv6]:PORT`, or `:PORT` (127.0.0.1). Port 0 takes a free one.
    struct Address: Equatable, CustomStringConvertible {
        var host: String
        var port: Int

        init(host: String, port: Int) { self.host = host; self.port = port }

        /// Parses `127.0.0.1:9464`, `[::1]:9464`, `:9464`; nil for anything else.
        init?(_ text: String) {
            guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
                (0...65535).contains(port)
            else { return nil }
            var host = String(text[..<colon])
            if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) } else if host.contains(":") { return nil }
            self.host = host.isEmpty ? "127.0.0.1" : host
            self.port = port
        }

        var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
    }

    let address: Address
    let metrics: SyncMetrics
    let health: SyncHealth

    /// A running server: where it listens, and how to stop it.
    struct Running {
        let address: Address
        let task: Task<Void, Never>

        func stop() async {
            task.cancel()
            await task.value
        }
    }

    /// Binds and returns once the server accepts connections (its real port when 0 was asked).
    func start() async throws -> Running {
        let router = Router()
        let metrics = self.metrics, health = self.health
        router.get("/metrics") { _, _ -> Response in
            metrics.setLeaseHeld(health.leaseIsHeld())
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: metrics.render())))
        }
        router.get("/healthz") { _, _ -> Response in
            let answer = health.answer()
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            return Response(
                status: .init(code: answer.status), headers: headers,
                body: ResponseBody(byteBuffer: ByteBuffer(string: answer.body + "\n")))
        }
        let (bound, boundContinuation) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "cpapi-tui.metrics")
        logger.logLevel = .critical
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(address.host, port: address.port), serverName: "cpapi-tui"),
            onServerRunning: { channel in
                boundContinuation.yield(channel.localAddress?.port ?? 0)
                boundContinuation.finish()
            },
            logger: logger
        )
        let failure = Mutex<(any Error)?>(nil)
        let task = Task {
            do { try await app.run() } catch { failure.withLock { $0 = error } }
            boundContinuation.finish()
        }
        var port = 0
        for await value in bound { port = value }
        guard port > 0 else {
            task.cancel()
            await task.value
            let why = failure.withLock { $0 }.map { "\($0)" } ?? "it did not start"
            throw CLIError("cannot serve metrics on \(address): \(why)")
        }
        return Running(address: Address(host: address.host, port: port), task: task)
    }
}

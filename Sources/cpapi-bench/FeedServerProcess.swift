import Foundation

/// `cpapi-bench serve-feeds` running as a child of this process: started from this very executable,
/// its port taken from the line it prints, its stderr kept for the error when it fails, stopped with
/// SIGTERM. Its stdin is a pipe this process holds open: should this process end without `stop()`,
/// the child reads the pipe's end and goes too.
final class FeedServerProcess {
    let port: Int
    private let process: Process
    private let input: Pipe
    private let output: Pipe
    private let ended: AsyncStream<String>

    /// How long the child may take to generate its feeds and print its port (a few seconds at 100k
    /// offers; far more only when something is wrong).
    static let startTimeout: Duration = .seconds(120)

    private init(port: Int, process: Process, input: Pipe, output: Pipe, ended: AsyncStream<String>) {
        self.port = port; self.process = process; self.input = input; self.output = output; self.ended = ended
    }

    /// Starts `cpapi-bench ARGUMENTS` and returns once it has printed `port PORT`.
    static func start(arguments: [String]) async throws -> FeedServerProcess {
        let command = "cpapi-bench \(arguments.joined(separator: " "))"
        let process = Process()
        process.executableURL = try executable()
        process.arguments = arguments
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        let (ended, end) = AsyncStream<String>.makeStream()
        process.terminationHandler = { process in
            end.yield(
                process.terminationReason == .exit
                    ? "exited with status \(process.terminationStatus)"
                    : "was killed by signal \(process.terminationStatus)")
            end.finish()
        }
        do {
            try process.run()
        } catch {
            throw BenchError(description: "could not start the feed server (\(command)): \(error)")
        }
        let stderr = collect(errors.fileHandleForReading)

        let outcome = await firstLine(of: output.fileHandleForReading, within: startTimeout)
        if case .line(let line) = outcome, let port = portNumber(in: line) {
            return FeedServerProcess(port: port, process: process, input: input, output: output, ended: ended)
        }
        process.terminate()
        let how = await first(of: ended) ?? "ended"
        let said =
            await first(of: stderr).map { String(decoding: $0, as: UTF8.self) }?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let what =
            switch outcome {
            case .line(let line): "printed '\(line)' where 'port PORT' was expected, and then \(how)"
            case .ended: "\(how) before printing its port"
            case .timedOut: "printed no port within \(startTimeout) and was stopped"
            }
        let stderrText = said.isEmpty ? "nothing on stderr" : "its stderr:\n\(said)"
        throw BenchError(description: "the feed server (\(command)) \(what); \(stderrText)")
    }

    /// The child's peak resident memory so far (VmHWM in `/proc/PID/status`), nil where that cannot be read.
    var peakResidentMegabytes: Double? {
        guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8) else {
            return nil
        }
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }
        return line?.split(separator: " ").dropFirst().first.flatMap { Double($0) }.map { $0 / 1024 }  // kB
    }

    /// Sends `command` as a line on the child's stdin and returns once it answers `reply` (the child
    /// writes nothing else meanwhile, so no line is lost between two reads).
    func send(_ command: String, expecting reply: String, within timeout: Duration = startTimeout) async throws {
        try input.fileHandleForWriting.write(contentsOf: Data("\(command)\n".utf8))
        let outcome = await Self.firstLine(of: output.fileHandleForReading, within: timeout)
        guard case .line(let line) = outcome, line == reply else {
            throw BenchError(description: "the feed server did not answer '\(reply)' to '\(command)' (\(outcome))")
        }
    }

    /// Sends SIGTERM and waits until the child has ended.
    func stop() async {
        process.terminate()
        _ = await Self.first(of: ended)
        try? input.fileHandleForWriting.close()
    }

    // MARK: Starting

    /// This program's own file: `/proc/self/exe` on Linux (it stays runnable even when a rebuild has
    /// replaced the file since), else what Foundation knows.
    private static func executable() throws -> URL {
        if FileManager.default.fileExists(atPath: "/proc/self/exe") { return URL(fileURLWithPath: "/proc/self/exe") }
        guard let url = Bundle.main.executableURL else {
            throw BenchError(description: "cannot tell where the cpapi-bench executable is, to start the feed server from it")
        }
        return url
    }

    private static func portNumber(in line: String) -> Int? {
        let words = line.split(separator: " ")
        guard words.count == 2, words[0] == "port", let port = Int(words[1]), (1...65535).contains(port) else { return nil }
        return port
    }

    private static func first<Element>(of stream: AsyncStream<Element>) async -> Element? {
        for await element in stream { return element }
        return nil
    }

    // MARK: Reading the child's output (blocking reads, on threads of their own, never the cooperative pool's)

    private enum LineOutcome { case line(String), ended, timedOut }

    /// Everything `handle` yields until its end, as one element.
    private static func collect(_ handle: FileHandle) -> AsyncStream<Data> {
        let (stream, continuation) = AsyncStream<Data>.makeStream()
        Thread {
            continuation.yield(handle.readDataToEndOfFile())
            continuation.finish()
        }.start()
        return stream
    }

    /// The first line `handle` yields, unless it ends or `timeout` passes first.
    private static func firstLine(of handle: FileHandle, within timeout: Duration) async -> LineOutcome {
        await withCheckedContinuation { continuation in
            Thread {
                continuation.resume(returning: readLine(handle.fileDescriptor, deadline: .now + timeout))
            }.start()
        }
    }

    private static func readLine(_ descriptor: Int32, deadline: ContinuousClock.Instant) -> LineOutcome {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 512)
        while true {
            let left = deadline - .now
            guard left > .zero else { return .timedOut }
            var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let milliseconds = Int32(clamping: left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000 + 1)
            let ready = poll(&request, 1, milliseconds)
            if ready < 0, errno == EINTR { continue }
            guard ready >= 0 else { return .ended }
            guard ready > 0 else { continue }
            let count = read(descriptor, &chunk, chunk.count)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return .ended }
            bytes += chunk[..<count]
            if let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) {
                return .line(String(decoding: bytes[..<newline], as: UTF8.self))
            }
        }
    }
}

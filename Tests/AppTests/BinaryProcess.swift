import Foundation
import TerminalTestSupport

/// The built `cpapi-tui` run as its own process, stdout and stderr each to a file: what an operator's
/// shell, a pipe or a service manager sees. Spawned with a clean signal mask (see `TmuxDriver.run`);
/// waited for by polling (`Task.sleep`), never by blocking a thread of the cooperative pool.
final class BinaryProcess: @unchecked Sendable {
    let pid: pid_t
    let stdoutPath: String
    let stderrPath: String

    /// Starts `cpapi-tui arguments…` with `environment` added to this process's.
    init(_ arguments: [String], environment: [String: String] = [:]) throws {
        let binary = try TmuxDriver.productBinary("cpapi-tui").path
        let base = (NSTemporaryDirectory() as NSString).appendingPathComponent("cpapi-process-\(UUID().uuidString)")
        stdoutPath = base + ".out"
        stderrPath = base + ".err"

        var merged = ProcessInfo.processInfo.environment
        merged.removeValue(forKey: "CPAPI_WORKSPACE")
        for (key, value) in environment { merged[key] = value }
        pid = try TmuxDriver.spawn(binary, arguments, stdout: stdoutPath, stderr: stderrPath, environment: merged)
    }

    /// Runs `cpapi-tui arguments…` to its end.
    static func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> Finished {
        try await BinaryProcess(arguments, environment: environment).finish()
    }

    struct Finished {
        var status: Int32
        var stdout: String
        var stderr: String
        /// stderr's lines, without the empty last one.
        var errorLines: [String] { stderr.split(separator: "\n").map(String.init) }
    }

    var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    /// Waits until `condition` holds of stdout (the process may still run); fails when it ends first.
    func waitForOutput(_ what: String, _ condition: (String) -> Bool) async throws -> String {
        let guardrail = ContinuousClock.now + Self.hangGuard
        while true {
            let text = stdout
            if condition(text) { return text }
            if exitStatus() != nil { throw Failure(description: "cpapi-tui ended before \(what); stdout:\n\(text)\nstderr:\n\(stderr)") }
            if ContinuousClock.now > guardrail { throw Failure(description: "still no \(what); stdout:\n\(text)\nstderr:\n\(stderr)") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Waits for the end and returns the status (128 + signal when killed) and the output.
    func finish() async throws -> Finished {
        let guardrail = ContinuousClock.now + Self.hangGuard
        while true {
            if let status = exitStatus() {
                defer { unlink(stdoutPath); unlink(stderrPath) }
                return Finished(status: status, stdout: stdout, stderr: stderr)
            }
            if ContinuousClock.now > guardrail {
                signal(SIGKILL)
                throw Failure(description: "cpapi-tui did not end; stdout:\n\(stdout)\nstderr:\n\(stderr)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Not a timing the tests assert: only what keeps a hung process from hanging the suite.
    static let hangGuard: Duration = .seconds(300)

    func signal(_ number: Int32) { kill(pid, number) }

    private var reaped: Int32?
    private func exitStatus() -> Int32? {
        if let reaped { return reaped }
        var status: Int32 = 0
        guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
        let code = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        reaped = code
        return code
    }

    struct Failure: Error, CustomStringConvertible { let description: String }
}

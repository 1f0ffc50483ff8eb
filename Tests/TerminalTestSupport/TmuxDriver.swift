import Foundation

/// Drives a program in a real terminal for the end-to-end tests: a private tmux server (so a test
/// never touches anyone else's sessions), screen polling, and the package's built binaries.
public struct TmuxDriver: Sendable {
    /// Why a real-terminal test could not go on, with what the screen or the build showed.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public let path: String
    public let socket: String

    /// A driver over the `tmux` on PATH with a socket of its own; fails clearly when tmux is missing.
    public init(socketPrefix: String) throws {
        guard let tmux = Self.findExecutable("tmux") else {
            throw Failure(description: "tmux is not installed: install it (apt-get install tmux) to run the real-terminal tests")
        }
        path = tmux
        socket = "\(socketPrefix)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    }

    @discardableResult
    public func run(_ arguments: [String]) throws -> String {
        try Self.run(path, ["-L", socket] + arguments)
    }

    /// Polls the screen every 50 ms until `condition` holds; fails after `timeout` with the last screen.
    /// Waits with `Task.sleep`, never `Thread.sleep`: a blocked thread of the cooperative pool
    /// (two on this machine) would starve every other test's background tasks meanwhile.
    @discardableResult
    public func waitFor(
        _ session: String, _ what: String, timeout: Duration = .seconds(60),
        _ condition: (String) -> Bool
    ) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        var last = ""
        while ContinuousClock.now < deadline {
            last = try run(["capture-pane", "-p", "-t", session])
            if condition(last) { return last }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw Failure(description: "timed out waiting for \(what); screen:\n\(last)")
    }

    /// Ends the private tmux server and everything running in it.
    public func killServer() { _ = try? run(["kill-server"]) }

    /// Runs a program to completion and returns its output. Uses posix_spawn + waitpid rather than
    /// Foundation's Process: test threads run with signals blocked, which both stalls Process'
    /// exit monitoring and would be inherited by tmux and the program; here the child gets a clean
    /// signal mask, and output goes to a file (`tmux new-session` leaves a server running that
    /// would keep a pipe open forever).
    public static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-driver-\(UUID().uuidString).out").path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        let pid = try spawn(executable, arguments, stdout: outputPath, stderr: nil)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    }

    /// Starts a program with a clean signal mask, stdin from /dev/null, stdout into the file at
    /// `stdout` and stderr into `stderr` (nil: with stdout), and returns its pid for `waitpid`.
    /// `environment`: the whole environment (nil: this process's).
    public static func spawn(
        _ executable: String, _ arguments: [String], stdout: String, stderr: String?,
        environment: [String: String]? = nil
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if let stderr {
            posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        } else {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { $0.map { strdup("\($0.key)=\($0.value)") } + [nil] }
        defer { (argv + (envp ?? [])).forEach { free($0) } }
        var pid = pid_t()
        let rc =
            envp.map { posix_spawn(&pid, executable, &actions, &attributes, argv, $0) }
            ?? posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EINVAL) }
        return pid
    }

    public static func findExecutable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin:/usr/local/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The package root: the nearest directory above this file holding a Package.swift.
    public static func packageRoot() -> URL {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while dir.path != "/" {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) { return dir }
            dir = dir.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }

    /// The package's executable `product` from the same build as the running tests (next to the
    /// test bundle), else from `.build/debug`, else built on demand in a scratch path of its own
    /// (`.build-<product>`), so a test never waits on the lock of the build that runs it.
    public static func productBinary(_ product: String) throws -> URL {
        let fm = FileManager.default
        var candidates: [URL] = []
        if let argument0 = CommandLine.arguments.first {
            var dir = URL(fileURLWithPath: argument0).resolvingSymlinksInPath()
            // The test executable sits in .build/<triple>/debug/, possibly inside an .xctest bundle.
            for _ in 0..<4 {
                dir = dir.deletingLastPathComponent()
                candidates.append(dir.appendingPathComponent(product))
            }
        }
        let root = packageRoot()
        candidates.append(root.appendingPathComponent(".build/debug/\(product)"))
        if let found = candidates.first(where: { fm.isExecutableFile(atPath: $0.path) }) { return found }

        let scratch = root.appendingPathComponent(".build-\(product)")
        let swift = findExecutable("swift") ?? "/usr/bin/swift"
        let output = try run(swift, ["build", "--package-path", root.path, "--product", product, "--scratch-path", scratch.path])
        let built = scratch.appendingPathComponent("debug/\(product)")
        guard fm.isExecutableFile(atPath: built.path) else {
            throw Failure(description: "could not build \(product):\n\(output)")
        }
        return built
    }
}

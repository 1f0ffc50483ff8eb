#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#elseif canImport(Musl)
    import Musl
#endif

/// Runs another program on this terminal the way lazygit and tig run `$EDITOR`: in this process's
/// own process group, so it is in the terminal's foreground group and may set the terminal's modes
/// (a program in a process group of its own, as Foundation's `Process` makes, is stopped by
/// SIGTTOU the moment it does). While it runs, ^C and ^\ are the program's alone: they are ignored
/// here and reset to their default action in the child. Use it inside `Terminal.suspended(_:)`.
public enum ForegroundProcess {
    /// Why the program could not be started.
    public struct SpawnError: Error, CustomStringConvertible {
        public let executable: String
        public let code: Int32
        public var description: String { "cannot run \(executable): \(String(cString: strerror(code)))" }
    }

    /// The signals the terminal sends to its whole foreground group from the keyboard.
    static let keyboardSignals: [Int32] = [SIGINT, SIGQUIT]

    /// Runs `executable` (a path) with `arguments` and waits for it to end; returns its exit
    /// status, or 128 + the signal number when a signal ended it (as a shell reports it).
    public static func run(_ executable: String, _ arguments: [String]) throws -> Int32 {
        var previous: [Int32: sigaction] = [:]
        for sig in keyboardSignals {
            var ignore = sigaction()
            sigemptyset(&ignore.sa_mask)
            ignore.sa_flags = 0
            setIgnored(&ignore)
            var old = sigaction()
            sigaction(sig, &ignore, &old)
            previous[sig] = old
        }
        defer {
            for (sig, old) in previous {
                var action = old
                sigaction(sig, &action, nil)
            }
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A clean mask (the loop's thread may block signals) and the default action for the signals
        // ignored above and for SIGPIPE (which the Swift runtime may ignore): the program expects them.
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for sig in keyboardSignals + [SIGPIPE] { sigaddset(&defaults, sig) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        // No POSIX_SPAWN_SETPGROUP: the child stays in our process group, the terminal's foreground.
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let rc = posix_spawn(&pid, executable, nil, &attributes, argv, environ)
        guard rc == 0 else { throw SpawnError(executable: executable, code: rc) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let signal = status & 0x7F
        if signal == 0 { return (status >> 8) & 0xFF }
        return 128 + signal
    }

    private static func setIgnored(_ action: inout sigaction) {
        #if canImport(Darwin)
            action.__sigaction_u.__sa_handler = SIG_IGN
        #else
            action.__sigaction_handler.sa_handler = SIG_IGN
        #endif
    }
}

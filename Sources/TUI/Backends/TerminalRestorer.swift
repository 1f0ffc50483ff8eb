#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#elseif canImport(Musl)
    import Musl
#endif
import CNcurses

/// Makes sure the terminal is given back even when the program does not leave the loop normally:
/// on SIGINT/SIGTERM/SIGHUP and on crash signals it ends curses mode, switches bracketed paste
/// off, then lets the signal take its original course (default action or a previous handler,
/// e.g. Swift's backtracer). Also routes SIGWINCH to a wake-up pipe so a waiting loop notices
/// resizes at once.
///
/// Signal handlers cannot capture context, hence the process-wide state below; it is written only
/// while no handler can run (install/uninstall) and read by the handlers.
enum TerminalRestorer {
    nonisolated(unsafe) private static var cursesActive = false
    nonisolated(unsafe) private static var resizeWakeFD: Int32 = -1
    nonisolated(unsafe) private static var previousActions: [Int32: sigaction] = [:]

    static let fatalSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE]

    static func install(resizeWakeFD fd: Int32) {
        resizeWakeFD = fd
        cursesActive = true
        for sig in fatalSignals {
            var action = sigaction()
            action.sa_flags = 0
            sigemptyset(&action.sa_mask)
            setHandler(&action) { sig in TerminalRestorer.handleFatal(sig) }
            var old = sigaction()
            sigaction(sig, &action, &old)
            previousActions[sig] = old
        }
        // A parent may have started us with these signals blocked (a process launched from a
        // thread pool inherits that thread's mask); the loop's thread must receive them.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for sig in fatalSignals + [SIGWINCH] { sigaddset(&unblock, sig) }
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        var winch = sigaction()
        winch.sa_flags = SA_RESTART
        sigemptyset(&winch.sa_mask)
        setHandler(&winch) { _ in TerminalRestorer.handleResize() }
        var oldWinch = sigaction()
        sigaction(SIGWINCH, &winch, &oldWinch)
        previousActions[SIGWINCH] = oldWinch
    }

    static func uninstall() {
        cursesActive = false
        for (sig, old) in previousActions {
            var action = old
            sigaction(sig, &action, nil)
        }
        previousActions = [:]
        resizeWakeFD = -1
    }

    /// The escape sequences that undo what `NcursesBackend` enabled outside curses' knowledge.
    static func writeResetSequences() {
        let reset = "\u{1B}[?2004l"
        reset.utf8CString.withUnsafeBufferPointer { p in
            _ = write(1, p.baseAddress, p.count - 1)
        }
    }

    private static func handleFatal(_ sig: Int32) {
        if cursesActive {
            cursesActive = false
            endwin()
            writeResetSequences()
        }
        if var old = previousActions[sig] {
            sigaction(sig, &old, nil)
        } else {
            signal(sig, SIG_DFL)
        }
        raise(sig)
    }

    private static func handleResize() {
        var byte: UInt8 = 0x57  // "W"
        if resizeWakeFD >= 0 { _ = write(resizeWakeFD, &byte, 1) }
    }

    private static func setHandler(_ action: inout sigaction, _ handler: @convention(c) (Int32) -> Void) {
        #if canImport(Darwin)
            action.__sigaction_u.__sa_handler = handler
        #else
            action.__sigaction_handler.sa_handler = handler
        #endif
    }
}

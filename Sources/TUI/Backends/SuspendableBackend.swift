#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#elseif canImport(Musl)
    import Musl
#endif
import CNcurses

/// A backend that can lend the terminal to another program for a while (`$EDITOR`, a pager)
/// and take it back. Use `Terminal.suspended(_:)`, which also repaints the whole screen after.
public protocol SuspendableBackend: Backend {
    /// Leaves full-screen mode so another program can use the terminal as a normal one.
    func suspend()
    /// Takes the terminal back, dropping the input that arrived meanwhile (the next flush redraws it).
    func resume()
}

extension NcursesBackend: SuspendableBackend {
    public func suspend() {
        Self.writeControl("\u{1B}[?2004l")  // bracketed paste off, as the other program expects
        endwin()
    }

    public func resume() {
        Self.writeControl("\u{1B}[?2004h")
        // The refresh returns curses to program mode; the next frame repaints everything.
        wrefresh(cn_stdscr())
        // What reached the terminal meanwhile (keys typed as the program ended, a terminal's late
        // answers to the program's queries) is not meant for us: drop it rather than run it as keys.
        flushinp()
    }

    private static func writeControl(_ s: String) {
        s.utf8CString.withUnsafeBufferPointer { p in _ = write(1, p.baseAddress, p.count - 1) }
    }
}

extension Terminal {
    /// Runs `body` with the terminal handed back to the user (when the backend can do that),
    /// then takes it again and repaints everything on the next frame.
    public func suspended<T>(_ body: () throws -> T) rethrows -> T {
        guard let backend = backend as? SuspendableBackend else { return try body() }
        backend.suspend()
        defer {
            backend.resume()
            invalidate()
        }
        return try body()
    }
}

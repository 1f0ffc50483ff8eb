#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#elseif canImport(Musl)
    import Musl
#endif
import CNcurses

/// The real terminal, through ncurses (wide-character build).
///
/// Every curses call happens on the loop's thread. The loop waits with `poll` on the terminal and
/// a wake-up pipe, so posted messages, timers and resizes interrupt the wait without polling.
public final class NcursesBackend: Backend {
    public enum StartError: Error, CustomStringConvertible {
        case notATerminal
        case pipeFailed
        public var description: String {
            switch self {
            case .notATerminal: return "cannot start curses: standard input/output is not a terminal (or TERM is unknown)"
            case .pipeFailed: return "cannot create the wake-up pipe"
            }
        }
    }

    public private(set) var colorMode: ColorMode = .none
    public private(set) var isUnicode = true
    /// Enable mouse reporting (clicks and wheel).
    public let enableMouse: Bool
    private var screen: OpaquePointer?
    private var input: UnsafeMutablePointer<FILE>?
    private var output: UnsafeMutablePointer<FILE>?
    private var wakeRead: Int32 = -1
    private var wakeWrite: Int32 = -1
    private var decoder = InputDecoder()
    private var pairs: [PairKey: Int16] = [:]
    private var colorCount = 0
    private var cursorVisible = false
    private var wideChars = [wchar_t](repeating: 0, count: 8)

    private struct PairKey: Hashable { let fg: Int32; let bg: Int32 }

    public init(enableMouse: Bool = true) {
        self.enableMouse = enableMouse
    }

    deinit { stop() }

    public func start() throws {
        guard screen == nil else { return }
        setlocale(LC_ALL, "")  // before newterm, or wide characters come out as bytes
        isUnicode = Self.localeIsUTF8()
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw StartError.pipeFailed }
        wakeRead = fds[0]
        wakeWrite = fds[1]
        for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }

        input = fdopen(dup(0), "r")
        output = fdopen(dup(1), "w")
        // newterm (unlike initscr) returns nil instead of exiting when there is no terminal.
        guard isatty(0) != 0, isatty(1) != 0, let input, let output, let s = newterm(nil, output, input) else {
            closeFiles()
            throw StartError.notATerminal
        }
        screen = s
        set_term(s)
        cbreak()
        noecho()
        nonl()
        keypad(cn_stdscr(), true)
        curs_set(0)
        set_escdelay(25)  // Esc is reported after 25 ms instead of a full second
        if has_colors() {
            start_color()
            use_default_colors()
            colorCount = Int(cn_colors())
        }
        colorMode = ColorMode.detect(colors: colorCount, hasColors: has_colors(), environment: Self.environment())
        if enableMouse {
            mousemask(cn_all_mouse_events(), nil)
            mouseinterval(0)  // report presses at once instead of waiting to synthesise clicks
        }
        // Bracketed paste: the terminal frames pasted text with these sequences.
        define_key("\u{1B}[200~", InputDecoder.pasteStartCode)
        define_key("\u{1B}[201~", InputDecoder.pasteEndCode)
        wtimeout(cn_stdscr(), 0)
        werase(cn_stdscr())
        wrefresh(cn_stdscr())
        writeRaw("\u{1B}[?2004h")
        TerminalRestorer.install(resizeWakeFD: wakeWrite)
    }

    public func stop() {
        guard let s = screen else { return }
        TerminalRestorer.uninstall()
        writeRaw("\u{1B}[?2004l")
        curs_set(1)
        endwin()
        delscreen(s)
        screen = nil
        closeFiles()
        if wakeRead >= 0 { close(wakeRead); wakeRead = -1 }
        if wakeWrite >= 0 { close(wakeWrite); wakeWrite = -1 }
    }

    private func closeFiles() {
        if let input { fclose(input) }
        if let output { fclose(output) }
        input = nil
        output = nil
    }

    public var size: Size {
        guard screen != nil else { return Size(width: 0, height: 0) }
        var y: Int32 = 0, x: Int32 = 0
        cn_getmaxyx(cn_stdscr(), &y, &x)
        return Size(width: Int(x), height: Int(y))
    }

    // MARK: Output

    public func draw(_ updates: [CellUpdate]) {
        guard screen != nil else { return }
        let win = cn_stdscr()
        var cc = cchar_t()
        for u in updates where !u.cell.isContinuation {
            var n = 0
            for scalar in u.cell.symbol.unicodeScalars where n < 5 {  // CCHARW_MAX
                wideChars[n] = wchar_t(bitPattern: scalar.value)
                n += 1
            }
            wideChars[n] = 0
            let (attrs, pair) = attributes(for: u.cell.style)
            setcchar(&cc, wideChars, attrs, pair, nil)
            mvwadd_wch(win, Int32(u.y), Int32(u.x), &cc)
        }
    }

    public func setCursor(_ position: Position?) {
        guard screen != nil else { return }
        if let p = position {
            wmove(cn_stdscr(), Int32(p.y), Int32(p.x))
            if !cursorVisible { curs_set(1); cursorVisible = true }
        } else if cursorVisible {
            curs_set(0)
            cursorVisible = false
        }
    }

    public func clear() {
        guard screen != nil else { return }
        werase(cn_stdscr())
        clearok(cn_stdscr(), true)
    }

    public func flush() {
        guard screen != nil else { return }
        wrefresh(cn_stdscr())
    }

    private func attributes(for style: Style) -> (attr_t, Int16) {
        var a = cn_a_normal()
        let m = style.modifiers
        if m.contains(.bold) { a |= cn_a_bold() }
        if m.contains(.dim) { a |= cn_a_dim() }
        if m.contains(.underline) { a |= cn_a_underline() }
        if m.contains(.reverse) { a |= cn_a_reverse() }
        if m.contains(.italic) { a |= cn_a_italic() }
        guard colorMode != .none else { return (a, 0) }
        return (a, pair(fg: colorNumber(style.foreground), bg: colorNumber(style.background)))
    }

    private func colorNumber(_ c: Color) -> Int32 {
        switch c {
        case .reset: return -1
        case .indexed(let i): return Int(i) < colorCount ? Int32(i) : -1
        }
    }

    /// Colour pairs are allocated the first time a combination is used.
    private func pair(fg: Int32, bg: Int32) -> Int16 {
        if fg == -1 && bg == -1 { return 0 }
        let key = PairKey(fg: fg, bg: bg)
        if let p = pairs[key] { return p }
        let next = pairs.count + 1
        guard next < min(Int(cn_color_pairs()), Int(Int16.max)) else { return 0 }
        init_pair(Int16(next), Int16(fg), Int16(bg))
        pairs[key] = Int16(next)
        return Int16(next)
    }

    // MARK: Input

    public func makeWaker() -> @Sendable () -> Void {
        let fd = wakeWrite
        return {
            var byte: UInt8 = 0x4D  // "M"
            _ = write(fd, &byte, 1)  // non-blocking: a full pipe already means "wake up"
        }
    }

    public func waitForEvents(timeout: Duration?) throws -> [Event] {
        guard screen != nil else { return [] }
        // ncurses may hold input it already read from the terminal, so always drain first.
        var events = readAvailable()
        if !events.isEmpty { return events }
        var fds = [
            pollfd(fd: 0, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)
        ]
        let ms: Int32 =
            timeout.map { d in
                let c = d.components
                return Int32(clamping: c.seconds * 1000 + (c.attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
            } ?? -1
        _ = poll(&fds, 2, ms)  // EINTR (a signal) simply ends the wait
        if fds[1].revents != 0 { drainWakePipe() }
        if let resized = checkResize() { events.append(resized) }
        events += readAvailable()
        return events
    }

    private func drainWakePipe() {
        var scratch = [UInt8](repeating: 0, count: 64)
        while read(wakeRead, &scratch, scratch.count) > 0 {}
    }

    /// Our SIGWINCH handler only wakes the loop; here the new size is read and given to curses.
    private func checkResize() -> Event? {
        var ws = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &ws) == 0 else { return nil }
        let rows = Int32(ws.ws_row), cols = Int32(ws.ws_col)
        guard rows > 0, cols > 0, is_term_resized(rows, cols) else { return nil }
        resizeterm(rows, cols)
        return .resize(size)
    }

    private func readAvailable() -> [Event] {
        var raw: [RawInput] = []
        var events: [Event] = []
        var ch: wint_t = 0
        while true {
            let r = wget_wch(cn_stdscr(), &ch)
            if r == OK {
                raw.append(.character(UInt32(ch)))
            } else if r == KEY_CODE_YES {
                let code = Int32(ch)
                if code == KEY_RESIZE {
                    events += decoder.decode(raw)
                    raw.removeAll()
                    events.append(.resize(size))
                } else if code == KEY_MOUSE {
                    var m = MEVENT()
                    if getmouse(&m) == OK { raw.append(.mouse(x: m.x, y: m.y, buttons: UInt(m.bstate))) }
                } else {
                    raw.append(.keyCode(code))
                }
            } else {
                break
            }
        }
        events += decoder.decode(raw)
        return events
    }

    private func writeRaw(_ s: String) {
        if let output { fflush(output) }
        s.utf8CString.withUnsafeBufferPointer { p in _ = write(1, p.baseAddress, p.count - 1) }
    }

    /// Whether the locale just set encodes text as UTF-8 (`LANG=C` does not: curses would drop
    /// or misplace every glyph beyond ASCII).
    static func localeIsUTF8() -> Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).lowercased().filter { $0 != "-" && $0 != "_" }
        return name == "utf8"
    }

    private static func environment() -> [String: String] {
        var env: [String: String] = [:]
        if let v = getenv("NO_COLOR") { env["NO_COLOR"] = String(cString: v) }
        return env
    }
}

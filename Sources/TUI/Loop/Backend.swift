/// Where frames go and input comes from. `NcursesBackend` is the real terminal,
/// `HeadlessBackend` a scripted in-memory one for tests. All methods are called from the loop's
/// thread only; only the waker may be called from anywhere.
public protocol Backend: AnyObject {
    /// Takes over the terminal (raw-ish mode, alternate screen…).
    func start() throws
    /// Gives the terminal back exactly as it was. Safe to call twice.
    func stop()
    /// The current size in cells.
    var size: Size { get }
    /// The colours the terminal can show (already honouring `NO_COLOR`); known once `start` ran.
    var colorMode: ColorMode { get }
    /// Whether the terminal shows Unicode (its locale's codeset is UTF-8); when not, frames are
    /// sent as ASCII (`ASCIIFallback`). Known once `start` ran.
    var isUnicode: Bool { get }
    /// Draws changed cells (not yet visible until `flush`).
    func draw(_ updates: [CellUpdate])
    /// Shows the text cursor at a position, or hides it.
    func setCursor(_ position: Position?)
    /// Forgets what is on screen (after a resize) so the next draw repaints everything.
    func clear()
    /// Makes everything drawn so far visible.
    func flush()
    /// Waits up to `timeout` (forever when nil) for input, returning what arrived (possibly
    /// nothing, after a timeout or a wake-up).
    func waitForEvents(timeout: Duration?) throws -> [Event]
    /// A function any thread may call to make a pending `waitForEvents` return early.
    func makeWaker() -> @Sendable () -> Void
}

extension Backend {
    public var isUnicode: Bool { true }
}

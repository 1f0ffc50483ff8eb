/// Owns a backend and turns views into screen updates: each frame is drawn into a fresh buffer,
/// compared with the previous one, and only the changed cells are sent to the backend.
public final class Terminal {
    public let backend: any Backend
    /// The theme frames are drawn with: the one given, else the standard theme of the backend's
    /// colour mode, chosen again at each frame because the backend knows its colours only once
    /// it has started.
    public private(set) var theme: Theme
    private let chosenTheme: Theme?
    /// The last frame sent to the backend.
    public private(set) var previous: Buffer
    /// How many cells the last `draw` sent (for tests and diagnostics).
    public private(set) var lastUpdateCount = 0

    /// `theme` defaults to the standard theme for the backend's colour mode.
    public init(backend: any Backend, theme: Theme? = nil) {
        self.backend = backend
        self.chosenTheme = theme
        self.theme = theme ?? Theme(mode: backend.colorMode)
        self.previous = Buffer(area: .zero)
    }

    public var size: Size { backend.size }

    /// Forgets the screen contents so the next frame is drawn in full (after a resize).
    public func invalidate() {
        previous = Buffer(area: .zero)
        backend.clear()
    }

    /// Draws one frame: `view` fills a fresh buffer, the difference goes to the backend.
    public func draw(_ view: (inout Frame) -> Void) {
        if chosenTheme == nil && theme.mode != backend.colorMode { theme = Theme(mode: backend.colorMode) }
        var frame = Frame(buffer: Buffer(size: backend.size), theme: theme)
        view(&frame)
        if !backend.isUnicode { ASCIIFallback.apply(to: &frame.buffer) }
        let updates = frame.buffer.diff(from: previous)
        backend.draw(updates)
        backend.setCursor(frame.cursor.flatMap { frame.area.contains($0) ? $0 : nil })
        backend.flush()
        lastUpdateCount = updates.count
        previous = frame.buffer
    }
}

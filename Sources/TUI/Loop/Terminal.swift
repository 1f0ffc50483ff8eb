/// Owns a backend and turns views into screen updates: each frame is drawn into a fresh buffer,
/// compared with the previous one, and only the changed cells are sent to the backend.
public final class Terminal {
    public let backend: any Backend
    public let theme: Theme
    /// The last frame sent to the backend.
    public private(set) var previous: Buffer
    /// How many cells the last `draw` sent (for tests and diagnostics).
    public private(set) var lastUpdateCount = 0

    /// `theme` defaults to the standard theme for the backend's colour mode.
    public init(backend: any Backend, theme: Theme? = nil) {
        self.backend = backend
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
        var frame = Frame(buffer: Buffer(size: backend.size), theme: theme)
        view(&frame)
        let updates = frame.buffer.diff(from: previous)
        backend.draw(updates)
        backend.setCursor(frame.cursor.flatMap { frame.area.contains($0) ? $0 : nil })
        backend.flush()
        lastUpdateCount = updates.count
        previous = frame.buffer
    }
}

/// What `App.view` draws into: a fresh buffer the size of the screen, the theme chosen for this
/// terminal, and where to show the text cursor (hidden when nil).
public struct Frame {
    public var buffer: Buffer
    public var cursor: Position?
    /// An app may put a variant of it in place before drawing (its configured theme).
    public var theme: Theme

    public init(buffer: Buffer, theme: Theme) {
        self.buffer = buffer
        self.theme = theme
    }

    /// The whole screen.
    public var area: Rect { buffer.area }

    public mutating func render(_ widget: some Widget, in area: Rect) {
        widget.render(in: area, buffer: &buffer)
    }
}

/// A grid of cells covering `area`: widgets draw into it, the terminal compares two of them
/// and sends only the difference.
///
/// Coordinates are absolute screen coordinates (the buffer of a 80×24 screen has area
/// `Rect(x: 0, y: 0, width: 80, height: 24)`). Writes outside the area are ignored.
public struct Buffer: Sendable, Equatable {
    public private(set) var area: Rect
    public private(set) var cells: [Cell]

    public init(area: Rect, filledWith cell: Cell = .blank) {
        self.area = area
        self.cells = Array(repeating: cell, count: area.area)
    }

    public init(size: Size) { self.init(area: Rect(size: size)) }

    func index(_ x: Int, _ y: Int) -> Int { (y - area.y) * area.width + (x - area.x) }

    func inBounds(_ x: Int, _ y: Int) -> Bool {
        x >= area.x && x < area.x + area.width && y >= area.y && y < area.y + area.height
    }

    /// The cell at absolute column `x`, row `y` (a blank cell outside the area).
    public subscript(x: Int, y: Int) -> Cell {
        inBounds(x, y) ? cells[index(x, y)] : .blank
    }

    // MARK: Single cells

    /// Puts one glyph at (x, y), keeping wide glyphs whole: overwriting either half of a wide
    /// glyph blanks the other half, and a wide glyph that would stick out of `clip` becomes a space.

    public mutating func set(_ symbol: Character, width: Int, style: Style, x: Int, y: Int, clip: Rect? = nil) {
        guard inBounds(x, y), width > 0 else { return }
        let limit = min(clip.map { $0.right } ?? area.right, area.right)
        guard x < limit else { return }
        let i = index(x, y)
        clearWideNeighbours(at: i, x: x)
        if width >= 2 {
            guard x + 1 < limit else {
                cells[i] = Cell(" ", width: 1, style: style)
                return
            }
            clearWideNeighbours(at: i + 1, x: x + 1)
            cells[i] = Cell(symbol, width: 2, style: style)
            cells[i + 1] = .continuation(style: style)
        } else {
            cells[i] = Cell(symbol, width: 1, style: style)
        }
    }

    /// Before cell `i` is overwritten: if it is half of a wide glyph, blank the other half.

    mutating func clearWideNeighbours(at i: Int, x: Int) {
        let old = cells[i]
        if old.width == 1 { return }
        if old.isContinuation {
            if x > area.x { cells[i - 1] = Cell(" ", width: 1, style: cells[i - 1].style) }
        } else if x + 1 < area.right {
            cells[i + 1] = Cell(" ", width: 1, style: cells[i + 1].style)
        }
    }

    /// Fills `rect` with `cell` (spaces by default), e.g. to clear the area under a dialog.
    public mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
        let r = rect.intersection(area)
        guard !r.isEmpty else { return }
        // Wide glyphs straddling the left or right edge would otherwise leave half a glyph behind.
        for y in r.top..<r.bottom {
            clearWideNeighbours(at: index(r.left, y), x: r.left)
            clearWideNeighbours(at: index(r.right - 1, y), x: r.right - 1)
            let start = index(r.left, y)
            for i in start..<(start + r.width) { cells[i] = cell }
        }
    }

    /// Replaces the style of every cell in `rect`.
    public mutating func setStyle(_ style: Style, in rect: Rect) {
        let r = rect.intersection(area)
        guard !r.isEmpty else { return }
        for y in r.top..<r.bottom {
            let start = index(r.left, y)
            for i in start..<(start + r.width) { cells[i].style = style }
        }
    }

    /// Lays `style` over the style of every cell in `rect` (see `Style.patched`).
    public mutating func patchStyle(_ style: Style, in rect: Rect) {
        let r = rect.intersection(area)
        guard !r.isEmpty else { return }
        for y in r.top..<r.bottom {
            let start = index(r.left, y)
            for i in start..<(start + r.width) { cells[i].style = cells[i].style.patched(with: style) }
        }
    }

    /// Replaces every cell by what `transform` makes of it, in place (a whole-frame pass such as
    /// the ASCII fallback). The transform must keep each cell's width.
    public mutating func transformCells(_ transform: (Cell) -> Cell) {
        for i in cells.indices { cells[i] = transform(cells[i]) }
    }

    // MARK: Text

    /// Writes `text` on one line starting at column `x`, row `y`, never past `clip` (default: the
    /// whole buffer). Control characters become spaces. Returns the column after the last glyph.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, style: Style, clip: Rect? = nil) -> Int {
        let bounds = (clip ?? area).intersection(area)
        guard y >= bounds.top, y < bounds.bottom, !bounds.isEmpty else { return x }
        var column = x
        let limit = bounds.right
        // ASCII fast path: one byte is one cell, no grapheme breaking or width lookup needed.
        let handled: Bool? = text.utf8.withContiguousStorageIfAvailable { bytes in
            for b in bytes where b >= 0x80 { return false }
            for b in bytes {
                if column >= limit { break }
                if column >= bounds.left {
                    let symbol = (b < 0x20 || b == 0x7F) ? Buffer.asciiCharacters[0x20] : Buffer.asciiCharacters[Int(b)]
                    set(symbol, width: 1, style: style, x: column, y: y, clip: bounds)
                }
                column += 1
            }
            return true
        }
        if handled == true { return column }
        for ch in text {
            if column >= limit { break }
            var symbol = ch
            var w = DisplayWidth.of(ch)
            if w == 0 {
                if ch.asciiValue != nil || ch.unicodeScalars.first.map({ $0.value < 0xA0 }) == true {
                    symbol = " "; w = 1  // control characters: show a space rather than garbling the line
                } else {
                    continue  // a lone combining mark or joiner has no cell of its own
                }
            }
            if column >= bounds.left {
                set(symbol, width: w, style: style, x: column, y: y, clip: bounds)
            } else if column + w > bounds.left {
                // A wide glyph cut by the left edge: keep the visible half blank.
                set(" ", width: 1, style: style, x: bounds.left, y: y, clip: bounds)
            }
            column += w
        }
        return column
    }

    /// Writes `text` on the first row of `rect`, aligned, cut to the width of `rect` with
    /// `overflow`. Returns the number of columns written.
    @discardableResult
    public mutating func write(
        _ text: String, in rect: Rect, style: Style,
        alignment: Alignment = .left, overflow: Overflow = .ellipsis
    ) -> Int {
        guard !rect.isEmpty else { return 0 }
        let fitted = Buffer.truncate(text, toWidth: rect.width, overflow: overflow)
        let w = DisplayWidth.of(fitted)
        let x: Int
        switch alignment {
        case .left: x = rect.x
        case .center: x = rect.x + (rect.width - w) / 2
        case .right: x = rect.right - w
        }
        write(fitted, x: x, y: rect.y, style: style, clip: rect)
        return w
    }

    /// `text` cut to at most `width` columns. With `.ellipsis` the last column shows `…`; a
    /// grapheme is never split and a wide glyph is never cut in half.
    public static func truncate(_ text: String, toWidth width: Int, overflow: Overflow = .ellipsis) -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.of(text) <= width { return text }
        let budget = overflow == .ellipsis ? width - 1 : width
        var result = ""
        var used = 0
        for ch in text {
            let w = DisplayWidth.of(ch)
            if used + w > budget { break }
            result.append(ch)
            used += w
        }
        if overflow == .ellipsis { result.append("…") }
        return result
    }

    /// Printable ASCII as ready-made `Character`s, so the fast path never builds a string.

    static let asciiCharacters: [Character] = (0..<128).map { Character(Unicode.Scalar(UInt8($0))) }

    // MARK: Diff

    /// The cells that differ from `previous`, in row-major order; continuation cells are left out
    /// because drawing the wide glyph before them covers them. When the areas differ (a resize),
    /// every cell is listed.
    public func diff(from previous: Buffer) -> [CellUpdate] {
        var updates: [CellUpdate] = []
        let sameArea = previous.area == area
        let width = area.width
        cells.withUnsafeBufferPointer { new in
            previous.cells.withUnsafeBufferPointer { old in
                for i in 0..<new.count {
                    let cell = new[i]
                    if cell.isContinuation { continue }
                    if sameArea && cell == old[i] { continue }
                    updates.append(CellUpdate(x: area.x + i % width, y: area.y + i / width, cell: cell))
                }
            }
        }
        return updates
    }

    // MARK: Reading back (tests, headless rendering)

    /// Each row as text: a wide glyph appears once (its continuation cell is skipped), so a line's
    /// display width always equals the buffer width.
    public var lines: [String] {
        (0..<area.height).map { line($0) }
    }

    /// Row `row` (relative to the top of the buffer) as text.
    public func line(_ row: Int) -> String {
        var s = ""
        let start = row * area.width
        for i in start..<(start + area.width) where !cells[i].isContinuation {
            s.append(cells[i].symbol)
        }
        return s
    }
}

/// One cell to redraw: the output of `Buffer.diff(from:)`, the input of `Backend.draw`.
public struct CellUpdate: Sendable, Equatable {
    public let x: Int
    public let y: Int
    public let cell: Cell

    public init(x: Int, y: Int, cell: Cell) { self.x = x; self.y = y; self.cell = cell }
}

/// Which sides of a block have a border.
public struct Borders: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let top = Borders(rawValue: 1)
    public static let bottom = Borders(rawValue: 2)
    public static let left = Borders(rawValue: 4)
    public static let right = Borders(rawValue: 8)
    public static let all: Borders = [.top, .bottom, .left, .right]
    public static let none: Borders = []
}

/// The line drawing characters of a border.
public enum BorderType: Sendable, Hashable {
    case plain, rounded, double, thick

    var symbols: (h: Character, v: Character, tl: Character, tr: Character, bl: Character, br: Character) {
        switch self {
        case .plain: return ("─", "│", "┌", "┐", "└", "┘")
        case .rounded: return ("─", "│", "╭", "╮", "╰", "╯")
        case .double: return ("═", "║", "╔", "╗", "╚", "╝")
        case .thick: return ("━", "┃", "┏", "┓", "┗", "┛")
        }
    }
}

/// A frame around other widgets: border, a title in the top border, inner padding.
/// Use `inner(_:)` to get the area left for the content.
public struct Block: Widget, Sendable {
    public var title: String?
    public var titleAlignment: Alignment
    public var borders: Borders
    public var borderType: BorderType
    public var borderStyle: Style
    public var titleStyle: Style
    public var padding: Margin

    public init(
        title: String? = nil, titleAlignment: Alignment = .left, borders: Borders = .all,
        borderType: BorderType = .plain, borderStyle: Style = .plain, titleStyle: Style = .plain,
        padding: Margin = .zero
    ) {
        self.title = title
        self.titleAlignment = titleAlignment
        self.borders = borders
        self.borderType = borderType
        self.borderStyle = borderStyle
        self.titleStyle = titleStyle
        self.padding = padding
    }

    /// A bordered block styled by `theme`; a focused block gets the focused border style.
    public init(title: String? = nil, theme: Theme, focused: Bool = false, borderType: BorderType = .plain) {
        self.init(
            title: title, borderType: borderType,
            borderStyle: focused ? theme.focusedBorder : theme.border, titleStyle: theme.title)
    }

    /// The area inside the borders and padding.
    public func inner(_ area: Rect) -> Rect {
        var r = area
        if borders.contains(.left) { r.x += 1; r.width = max(0, r.width - 1) }
        if borders.contains(.right) { r.width = max(0, r.width - 1) }
        if borders.contains(.top) { r.y += 1; r.height = max(0, r.height - 1) }
        if borders.contains(.bottom) { r.height = max(0, r.height - 1) }
        if r.isEmpty { return Rect(x: r.x, y: r.y, width: 0, height: 0) }
        return r.inner(padding)
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        let s = borderType.symbols
        let (l, r, t, b) = (area.left, area.right - 1, area.top, area.bottom - 1)
        if borders.contains(.top) {
            for x in l...r { buffer.set(s.h, width: 1, style: borderStyle, x: x, y: t) }
        }
        if borders.contains(.bottom) {
            for x in l...r { buffer.set(s.h, width: 1, style: borderStyle, x: x, y: b) }
        }
        if borders.contains(.left) {
            for y in t...b { buffer.set(s.v, width: 1, style: borderStyle, x: l, y: y) }
        }
        if borders.contains(.right) {
            for y in t...b { buffer.set(s.v, width: 1, style: borderStyle, x: r, y: y) }
        }
        if borders.contains([.top, .left]) { buffer.set(s.tl, width: 1, style: borderStyle, x: l, y: t) }
        if borders.contains([.top, .right]) { buffer.set(s.tr, width: 1, style: borderStyle, x: r, y: t) }
        if borders.contains([.bottom, .left]) { buffer.set(s.bl, width: 1, style: borderStyle, x: l, y: b) }
        if borders.contains([.bottom, .right]) { buffer.set(s.br, width: 1, style: borderStyle, x: r, y: b) }

        if let title, !title.isEmpty {
            // The title sits in the top border between the corners, padded by one space each side.
            let left = area.left + (borders.contains(.left) ? 1 : 0)
            let right = area.right - (borders.contains(.right) ? 1 : 0)
            let span = Rect(x: left, y: area.top, width: right - left, height: 1)
            if span.width >= 3 {
                buffer.write(
                    " \(Buffer.truncate(title, toWidth: span.width - 2)) ", in: span,
                    style: titleStyle, alignment: titleAlignment, overflow: .clip)
            } else {
                buffer.write(title, in: span, style: titleStyle, alignment: titleAlignment)
            }
        }
    }
}

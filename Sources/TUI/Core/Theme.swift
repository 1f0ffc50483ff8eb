/// How many colours the terminal can show.
public enum ColorMode: Sendable, Hashable {
    /// No colour at all (`NO_COLOR` set, or a monochrome terminal): attributes only.
    case none
    /// The 16 classic colours.
    case ansi16
    /// The xterm 256-colour palette.
    case ansi256

    /// The mode for a terminal reporting `colors` colours, honouring the `NO_COLOR` convention
    /// (https://no-color.org: any non-empty value disables colour).
    public static func detect(colors: Int, hasColors: Bool, environment: [String: String]) -> ColorMode {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
        guard hasColors, colors >= 8 else { return .none }
        return colors >= 256 ? .ansi256 : .ansi16
    }
}

/// Semantic styles: widgets ask for "selected" or "warning", the theme decides what that looks
/// like for the terminal's colour mode. The monochrome theme stays readable with attributes alone
/// (reverse video for selection, bold for headers and titles).
public struct Theme: Sendable, Hashable {
    public var mode: ColorMode
    public var normal: Style
    public var selected: Style
    public var header: Style
    public var title: Style
    public var border: Style
    public var focusedBorder: Style
    public var muted: Style
    public var ok: Style
    public var warning: Style
    public var error: Style
    /// The key part of a key hint ("q").
    public var hintKey: Style
    /// The description part of a key hint ("quit").
    public var hint: Style
    /// A hint whose binding is disabled right now.
    public var hintDisabled: Style
    /// Status bar background.
    public var statusBar: Style
    /// The filled part of a gauge (drawn with `█`; the label over it is shown reversed).
    public var gaugeFilled: Style
    public var sparkline: Style
    public var activeTab: Style
    public var input: Style

    public init(mode: ColorMode) {
        self.mode = mode
        normal = .plain
        switch mode {
        case .none:
            selected = Style(modifiers: .reverse)
            header = Style(modifiers: [.bold, .underline])
            title = Style(modifiers: .bold)
            border = .plain
            focusedBorder = Style(modifiers: .bold)
            muted = Style(modifiers: .dim)
            ok = .plain
            warning = Style(modifiers: .bold)
            error = Style(modifiers: [.bold, .underline])
            hintKey = Style(modifiers: .bold)
            hint = .plain
            hintDisabled = Style(modifiers: .dim)
            statusBar = .plain
            gaugeFilled = .plain
            sparkline = .plain
            activeTab = Style(modifiers: [.bold, .reverse])
            input = .plain
        case .ansi16:
            selected = Style(foreground: .black, background: .cyan)
            header = Style(foreground: .yellow, modifiers: .bold)
            title = Style(foreground: .brightWhite, modifiers: .bold)
            border = Style(foreground: .brightBlack)
            focusedBorder = Style(foreground: .cyan, modifiers: .bold)
            muted = Style(foreground: .brightBlack)
            ok = Style(foreground: .green)
            warning = Style(foreground: .yellow, modifiers: .bold)
            error = Style(foreground: .red, modifiers: .bold)
            hintKey = Style(foreground: .cyan, modifiers: .bold)
            hint = Style(foreground: .white)
            hintDisabled = Style(foreground: .brightBlack)
            statusBar = Style(foreground: .white, background: .blue)
            gaugeFilled = Style(foreground: .green)
            sparkline = Style(foreground: .green)
            activeTab = Style(foreground: .black, background: .cyan, modifiers: .bold)
            input = Style(foreground: .brightWhite)
        case .ansi256:
            selected = Style(foreground: .indexed(231), background: .indexed(25), modifiers: .bold)
            header = Style(foreground: .indexed(179), modifiers: .bold)
            title = Style(foreground: .indexed(231), modifiers: .bold)
            border = Style(foreground: .indexed(240))
            focusedBorder = Style(foreground: .indexed(39), modifiers: .bold)
            muted = Style(foreground: .indexed(245))
            ok = Style(foreground: .indexed(78))
            warning = Style(foreground: .indexed(214), modifiers: .bold)
            error = Style(foreground: .indexed(203), modifiers: .bold)
            hintKey = Style(foreground: .indexed(81), modifiers: .bold)
            hint = Style(foreground: .indexed(250))
            hintDisabled = Style(foreground: .indexed(241))
            statusBar = Style(foreground: .indexed(252), background: .indexed(236))
            gaugeFilled = Style(foreground: .indexed(71))
            sparkline = Style(foreground: .indexed(78))
            activeTab = Style(foreground: .indexed(231), background: .indexed(25), modifiers: .bold)
            input = Style(foreground: .indexed(231))
        }
    }

    public static let monochrome = Theme(mode: .none)
    public static let ansi16 = Theme(mode: .ansi16)
    public static let ansi256 = Theme(mode: .ansi256)
}

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
/// like for the terminal's colour mode and the chosen variant. The monochrome theme stays readable
/// with attributes alone (reverse video for selection, bold for headers and titles).
public struct Theme: Sendable, Hashable {
    public var mode: ColorMode
    public var variant: ThemeVariant
    public var normal: Style
    public var selected: Style
    /// The selection of a pane that does not have the focus: still visible, quieter.
    public var selectedInactive: Style
    /// Text that matched a filter or a find.
    public var match: Style
    public var header: Style
    public var title: Style
    public var border: Style
    public var focusedBorder: Style
    public var muted: Style
    public var ok: Style
    public var warning: Style
    public var error: Style
    /// Stands out without alarm (an operator's own choice, such as a hold).
    public var accent: Style
    /// Neutral news (something pending or in progress).
    public var info: Style
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

    public init(mode: ColorMode, variant: ThemeVariant = .standard) {
        self.mode = mode
        self.variant = variant
        normal = .plain
        guard mode != .none, variant != .mono else {
            selected = Style(modifiers: .reverse)
            selectedInactive = Style(modifiers: .underline)
            match = Style(modifiers: [.bold, .underline])
            header = Style(modifiers: [.bold, .underline])
            title = Style(modifiers: .bold)
            border = .plain
            focusedBorder = Style(modifiers: .bold)
            muted = Style(modifiers: .dim)
            ok = .plain
            warning = Style(modifiers: .bold)
            error = Style(modifiers: [.bold, .underline])
            accent = Style(modifiers: .bold)
            info = .plain
            hintKey = Style(modifiers: .bold)
            hint = .plain
            hintDisabled = Style(modifiers: .dim)
            statusBar = .plain
            gaugeFilled = .plain
            sparkline = .plain
            activeTab = Style(modifiers: [.bold, .reverse])
            input = .plain
            return
        }
        let p = ThemePalette.of(variant, mode: mode)
        selected = Style(foreground: p.selectedText, background: p.selection, modifiers: .bold)
        selectedInactive = Style(foreground: p.inactiveSelectedText, background: p.inactiveSelection)
        match = Style(foreground: p.matchText, background: p.match, modifiers: .bold)
        header = Style(foreground: p.header, modifiers: .bold)
        title = Style(foreground: p.title, modifiers: .bold)
        border = Style(foreground: p.border)
        focusedBorder = Style(foreground: p.focusedBorder, modifiers: .bold)
        muted = Style(foreground: p.muted)
        ok = Style(foreground: p.ok)
        warning = Style(foreground: p.warning, modifiers: .bold)
        error = Style(foreground: p.error, modifiers: .bold)
        accent = Style(foreground: p.accent, modifiers: .bold)
        info = Style(foreground: p.info)
        hintKey = Style(foreground: p.hintKey, modifiers: .bold)
        hint = Style(foreground: p.hint)
        hintDisabled = Style(foreground: p.muted)
        statusBar = Style(foreground: p.statusText, background: p.statusBar)
        gaugeFilled = Style(foreground: p.ok)
        sparkline = Style(foreground: p.ok)
        activeTab = Style(foreground: p.selectedText, background: p.selection, modifiers: .bold)
        input = Style(foreground: p.input)
    }

    public static let monochrome = Theme(mode: .none)
    public static let ansi16 = Theme(mode: .ansi16)
    public static let ansi256 = Theme(mode: .ansi256)
}

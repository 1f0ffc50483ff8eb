/// The colours of one theme variant in one colour mode; `Theme` turns them into styles.
struct ThemePalette {
    var selection: Color, selectedText: Color
    var inactiveSelection: Color, inactiveSelectedText: Color
    var match: Color, matchText: Color
    var header: Color, title: Color, border: Color, focusedBorder: Color, muted: Color
    var ok: Color, warning: Color, error: Color, accent: Color, info: Color
    var hintKey: Color, hint: Color, statusBar: Color, statusText: Color, input: Color

    static func of(_ variant: ThemeVariant, mode: ColorMode) -> ThemePalette {
        switch (variant, mode) {
        case (.light, .ansi256): return light256
        case (.light, _): return light16
        case (.highContrast, .ansi256): return contrast256
        case (.highContrast, _): return contrast16
        case (_, .ansi256): return standard256
        default: return standard16
        }
    }

    static let standard256 = ThemePalette(
        selection: .indexed(25), selectedText: .indexed(231), inactiveSelection: .indexed(237), inactiveSelectedText: .indexed(252),
        match: .indexed(220), matchText: .indexed(16), header: .indexed(179), title: .indexed(231), border: .indexed(240),
        focusedBorder: .indexed(39), muted: .indexed(245), ok: .indexed(78), warning: .indexed(214), error: .indexed(203),
        accent: .indexed(177), info: .indexed(81), hintKey: .indexed(81), hint: .indexed(250), statusBar: .indexed(236),
        statusText: .indexed(252), input: .indexed(231))

    static let standard16 = ThemePalette(
        selection: .cyan, selectedText: .black, inactiveSelection: .brightBlack, inactiveSelectedText: .white,
        match: .yellow, matchText: .black, header: .yellow, title: .brightWhite, border: .brightBlack,
        focusedBorder: .cyan, muted: .brightBlack, ok: .green, warning: .yellow, error: .red,
        accent: .magenta, info: .cyan, hintKey: .cyan, hint: .white, statusBar: .blue,
        statusText: .white, input: .brightWhite)

    /// Dark text for light backgrounds.
    static let light256 = ThemePalette(
        selection: .indexed(153), selectedText: .indexed(16), inactiveSelection: .indexed(253), inactiveSelectedText: .indexed(16),
        match: .indexed(226), matchText: .indexed(16), header: .indexed(130), title: .indexed(16), border: .indexed(248),
        focusedBorder: .indexed(25), muted: .indexed(243), ok: .indexed(28), warning: .indexed(166), error: .indexed(160),
        accent: .indexed(91), info: .indexed(31), hintKey: .indexed(25), hint: .indexed(238), statusBar: .indexed(254),
        statusText: .indexed(235), input: .indexed(16))

    static let light16 = ThemePalette(
        selection: .cyan, selectedText: .black, inactiveSelection: .white, inactiveSelectedText: .black,
        match: .yellow, matchText: .black, header: .blue, title: .black, border: .brightBlack,
        focusedBorder: .blue, muted: .brightBlack, ok: .green, warning: .magenta, error: .red,
        accent: .magenta, info: .blue, hintKey: .blue, hint: .black, statusBar: .white,
        statusText: .black, input: .black)

    /// Bright colours, black on yellow for the selection.
    static let contrast256 = ThemePalette(
        selection: .indexed(226), selectedText: .indexed(16), inactiveSelection: .indexed(244), inactiveSelectedText: .indexed(16),
        match: .indexed(201), matchText: .indexed(231), header: .indexed(231), title: .indexed(231), border: .indexed(250),
        focusedBorder: .indexed(226), muted: .indexed(250), ok: .indexed(46), warning: .indexed(226), error: .indexed(196),
        accent: .indexed(201), info: .indexed(51), hintKey: .indexed(226), hint: .indexed(231), statusBar: .indexed(16),
        statusText: .indexed(231), input: .indexed(231))

    static let contrast16 = ThemePalette(
        selection: .brightYellow, selectedText: .black, inactiveSelection: .white, inactiveSelectedText: .black,
        match: .brightMagenta, matchText: .brightWhite, header: .brightWhite, title: .brightWhite, border: .white,
        focusedBorder: .brightYellow, muted: .white, ok: .brightGreen, warning: .brightYellow, error: .brightRed,
        accent: .brightMagenta, info: .brightCyan, hintKey: .brightYellow, hint: .brightWhite, statusBar: .black,
        statusText: .brightWhite, input: .brightWhite)
}

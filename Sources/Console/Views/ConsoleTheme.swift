import CPAPIKit
import TUI

/// The console's looks: the workspace's `[ui] theme` over the terminal's colour mode, and the
/// colour of each state an operator scans for (live, held, paused, excluded, invalid, missing).
enum ConsoleTheme {
    /// The theme `ui` names for the terminal `base` was chosen for (its colour mode, which
    /// `NO_COLOR` or a terminal without colour already made monochrome).
    static func theme(for ui: UISettings, on base: Theme) -> Theme {
        let variant = variant(of: ui.theme)
        return variant == base.variant ? base : Theme(mode: base.mode, variant: variant)
    }

    static func variant(of theme: UITheme) -> ThemeVariant {
        switch theme {
        case .standard: return .standard
        case .light: return .light
        case .highContrast: return .highContrast
        case .mono: return .mono
        }
    }

    /// A placement state's colour: live green, held (the operator's) accent, paused yellow,
    /// excluded grey, pending neutral; an offer without placement none.
    static func style(of state: PlacementState?, in theme: Theme) -> Style? {
        switch state {
        case .live?: return theme.ok
        case .held?: return theme.accent
        case .pausedMissing?, .pausedSourceGone?: return theme.warning
        case .excluded?: return theme.muted
        case .pending?: return theme.info
        case nil: return nil
        }
    }

    /// The V mark: an invalid offer in the error colour.
    static func validStyle(_ isValid: Bool, in theme: Theme) -> Style? { isValid ? theme.ok : theme.error }

    /// The F mark: an offer gone from the feed in the warning colour.
    static func feedStyle(_ inFeed: Bool, in theme: Theme) -> Style? { inFeed ? nil : theme.warning }
}

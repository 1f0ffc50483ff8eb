/// The themes `[ui] theme` offers.
public enum UITheme: String, Sendable, Codable, CaseIterable {
    /// For dark backgrounds.
    case standard = "default"
    /// Dark text for light backgrounds.
    case light
    /// Bright colours, black on yellow for the selection.
    case highContrast = "high-contrast"
    /// No colour: bold, underline and reverse video only.
    case mono
}

/// The looks an app may offer on top of the terminal's colour mode: the standard one for dark
/// backgrounds, one for light backgrounds, a high-contrast one, and attributes only (as `NO_COLOR`).
public enum ThemeVariant: String, Sendable, Hashable, CaseIterable {
    case standard = "default"
    case light
    case highContrast = "high-contrast"
    case mono
}

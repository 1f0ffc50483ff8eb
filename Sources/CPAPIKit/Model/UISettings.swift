/// `[ui]`: how the console looks. Read by the console from the workspace, so every console
/// opened on it looks the same.
public struct UISettings: Sendable, Codable, Equatable {
    /// The console's colours (`NO_COLOR` and a terminal without colour still win).
    public var theme: UITheme

    public init(theme: UITheme = .standard) { self.theme = theme }
}

/// One field a filter can name (`ctry:US`), with how its text is matched.
public struct FilterField: Sendable, Hashable {
    /// How a term's text is matched against the field's.
    public enum Rule: Sendable, Hashable {
        /// At the start of a word (after the start or any character that is not a letter or digit):
        /// `apps` finds `demo-apps`, `surv` finds "Daily Survey", `us` does not find "Bonus".
        case wordPrefix
        /// A whole space-separated token, as codes are: `us` finds `US`, never `USD`.
        case token
    }

    public var name: String
    public var aliases: [String]
    public var rule: Rule
    /// Whether the field has a number (`payout>5`, `id<=1000`).
    public var isNumeric: Bool
    /// Whether a term that names no field looks in this one.
    public var isSearchedByBareTerms: Bool
    /// What the field holds, for the help (`country codes`).
    public var summary: String

    public init(
        _ name: String, aliases: [String] = [], rule: Rule = .wordPrefix, isNumeric: Bool = false,
        isSearchedByBareTerms: Bool = true, summary: String
    ) {
        self.name = name; self.aliases = aliases; self.rule = rule; self.isNumeric = isNumeric
        self.isSearchedByBareTerms = isSearchedByBareTerms; self.summary = summary
    }

    func isNamed(_ text: String) -> Bool { text == name || aliases.contains(text) }
}

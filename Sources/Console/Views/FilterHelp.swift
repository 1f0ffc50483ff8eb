import TUI

/// The `?` help's section on the filter language: its syntax, then every field of the schema
/// (so a table's own fields are listed by the same code that parses them).
enum FilterHelp {
    static func section(title: String, schema: FilterSchema) -> HelpSection {
        let syntax = [
            HelpEntry(keys: "a b", description: "every term must hold (AND)"),
            HelpEntry(keys: "word", description: "any column but V/F: words from their start (surv: Survey), codes whole (US: not USD)"),
            HelpEntry(keys: "field:a,b", description: "that field holds a or b (ctry:US,CA  state:held  src:apps)"),
            HelpEntry(keys: "field>N", description: "compare a number: > >= < <= = (payout>5  payout<=0.5)"),
            HelpEntry(keys: "!term", description: "negate a term (!state:held)"),
            HelpEntry(keys: "/re/", description: "a case-insensitive regex, anywhere in a column (title:/sign ?up/)"),
            HelpEntry(keys: "\"a b\"", description: "text with a space in it")
        ]
        let fields = schema.fields.map { field in
            HelpEntry(keys: ([field.name] + field.aliases).joined(separator: " "), description: field.summary)
        }
        return HelpSection(title: title, entries: syntax + fields)
    }
}

import TUI

/// docs/CONSOLE.md's key table, written from the binding table (`cpapi-tui keys` prints it; a test
/// fails when the page and the table disagree).
extension ConsoleBindings {
    /// The line before the generated table in docs/CONSOLE.md.
    public static let markdownBegin = "<!-- keys: generated from ConsoleBindings.table by `cpapi-tui keys`; change the table, not these lines -->"
    /// The line after it.
    public static let markdownEnd = "<!-- keys: end -->"

    /// One row per line of the `?` help, in its order: where the key applies, the keys, what it
    /// does (and why it is never offered there, for a binding that says so).
    public static func markdownTable() -> String {
        var lines = ["| Where | Keys | What it does |", "|---|---|---|"]
        for section in map.helpSections() {
            for entry in section.entries {
                let what = entry.disabledReason.map { "\(entry.description) (not offered: \($0))" } ?? entry.description
                lines.append("| \(section.title) | `\(entry.keys)` | \(what.replacingOccurrences(of: "|", with: "\\|")) |")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

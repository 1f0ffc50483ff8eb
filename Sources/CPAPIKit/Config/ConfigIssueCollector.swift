/// Collects the issues of one file with their lines.
final class ConfigIssueCollector {
    let file: String
    let locator: TOMLLineLocator
    private(set) var issues: [ConfigIssue] = []

    init(file: String, text: String) {
        self.file = file
        self.locator = TOMLLineLocator(text: text)
    }

    func report(path: [String], key: String, reason: String) {
        issues.append(ConfigIssue(file: file, line: locator.line(of: path), key: key, reason: reason))
    }

    /// In file order; issues without a line last, in the order found.
    var sorted: [ConfigIssue] {
        issues.enumerated().sorted { lhs, rhs in
            (lhs.element.line ?? .max, lhs.offset) < (rhs.element.line ?? .max, rhs.offset)
        }.map(\.element)
    }
}

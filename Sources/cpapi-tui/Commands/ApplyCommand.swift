import ArgumentParser
import CPAPIKit

/// `cpapi-tui apply FILE`: create and update the platform, sync and console settings, sources and campaigns a file names.
struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Create or update the platform, sync and console settings, sources and campaigns a TOML file names.",
        discussion: """
            Like `kubectl apply`: what the file names is created or updated, nothing is deleted, and applying \
            the same file again changes nothing. The whole file is checked first; any problem is reported as \
            FILE:LINE: key: reason (all of them, one per line on stderr) and nothing is applied.

            --json prints {"items": [{"kind": "platform"|"sync"|"ui"|"source"|"campaign", "id": string|null, \
            "outcome": "created"|"updated"|"unchanged"}], "created": n, "updated": n, "unchanged": n, \
            "warnings": [string]}. A warning (an API key too short to be redacted safely) is also printed \
            on stderr; it does not stop the apply.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The config file.", valueName: "FILE")) var file: String
    @Flag(help: "Print one JSON document.") var json = false

    func run() async throws {
        let workspace = try global.openOrCreateWorkspace()
        let report: ApplyReport
        do {
            report = try ConfigApplier(store: workspace.store).apply(fileAt: file)
        } catch let error as ConfigError {
            for issue in error.issues { Output.error(issue.description) }
            Output.error("\(file): \(error.issues.count) problem\(error.issues.count == 1 ? "" : "s"); nothing applied")
            throw ExitCode.failure
        }
        for warning in report.warnings { Output.error("warning: \(warning)") }
        if json {
            try JSONOutput.print(
                Document(
                    items: report.items, created: report.count(.created),
                    updated: report.count(.updated), unchanged: report.count(.unchanged),
                    warnings: report.warnings))
            return
        }
        for item in report.items { Output.line("\(item.outcome.rawValue) \(item.label)") }
        Output.line("\(report.count(.created)) created, \(report.count(.updated)) updated, \(report.count(.unchanged)) unchanged")
    }

    struct Document: Encodable {
        var items: [ApplyReport.Item]
        var created: Int
        var updated: Int
        var unchanged: Int
        var warnings: [String]
    }
}

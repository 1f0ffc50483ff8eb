import ArgumentParser
import CPAPIKit
import Foundation

/// `cpapi-tui doctor`: what is wrong with the workspace, if anything.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the workspace: SQLite's integrity and the store's own consistency.",
        discussion: """
            Reads the workspace's database without writing anything (a damaged one too): the file itself, \
            the schema (known to this binary, or written by a newer one), PRAGMA integrity_check and \
            foreign_key_check, placements naming a campaign or an offer the workspace does not have, a \
            platform offer id shared by two placements, lost creates to look up (a create whose answer never \
            came: the next sync looks it up by external id), and runs left running. One line per check \
            ("ok", "note" or "PROBLEM"), then a summary. Exit status 0 when nothing is wrong (notes are not \
            problems), 1 otherwise.
            """)

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let directory = global.directory
        let path = WorkspaceStore.databasePath(inWorkspace: directory)
        guard FileManager.default.fileExists(atPath: path) else {
            throw CLIError(WorkspaceProblem.missing(directory: directory).description)
        }
        let findings = WorkspaceCheckup.examine(path: path)
        let width = findings.map(\.check.count).max() ?? 0
        Output.line("workspace \(directory)")
        for finding in findings {
            let level = finding.level == .problem ? "PROBLEM" : finding.level.rawValue
            Output.line(
                "\(level.padding(toLength: 7, withPad: " ", startingAt: 0)) "
                    + "\(finding.check.padding(toLength: width, withPad: " ", startingAt: 0))  \(finding.detail)")
        }
        let problems = findings.filter { $0.level == .problem }.count
        guard problems > 0 else {
            Output.line("healthy")
            return
        }
        Output.error(
            "workspace \(directory): \(problems) problem\(problems == 1 ? "" : "s") found: restore from a backup "
                + "(\"cpapi-tui restore FILE\") or fix what is named above")
        throw ExitCode.failure
    }
}

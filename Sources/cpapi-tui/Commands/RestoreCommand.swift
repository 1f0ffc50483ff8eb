import ArgumentParser
import CPAPIKit

/// `cpapi-tui restore FILE`: put a backup back in place of the workspace's database.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Replace the workspace's database with a backup, keeping the replaced one aside.",
        discussion: """
            FILE must be a whole cpapi-tui workspace this binary can open (SQLite's integrity check passes, the \
            schema is not from a newer cpapi-tui); otherwise nothing is changed. Refused while another process \
            syncs the workspace (stop it first). The database it replaces, damaged or not, is kept as \
            cpapi.sqlite.before-restore-TIME (UTC, with its -wal) in the workspace folder; a missing workspace \
            is created. The backup's sync lease is dropped, and runs it had left running are closed as \
            interrupted by the next sync.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The backup file to restore.", valueName: "FILE")) var file: String

    func run() async throws {
        let directory = global.directory
        let restored: WorkspaceBackup.Restored
        do {
            restored = try WorkspaceBackup.restore(from: file, into: directory)
        } catch let refusal as WorkspaceBackup.Refusal {
            throw CLIError(refusal.description)
        }
        Output.line("restored \(file) into \(directory) (schema \(restored.schema))")
        if let aside = restored.keptAside { Output.line("the replaced database is kept as \(aside)") }
    }
}

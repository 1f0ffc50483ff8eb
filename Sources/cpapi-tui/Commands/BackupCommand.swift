import ArgumentParser
import CPAPIKit

/// `cpapi-tui backup FILE`: a consistent copy of the workspace's database.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the workspace's database to a new file, while syncs go on.",
        discussion: """
            Uses SQLite's online backup: the copy is one consistent snapshot even while another process \
            syncs the workspace, and it waits for no one. FILE must not exist; it appears only once whole \
            (written under a temporary name first), readable by its owner only. Put it back with \
            `cpapi-tui restore FILE`.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The backup file to write (must not exist).", valueName: "FILE")) var file: String

    func run() async throws {
        let store = try global.openWorkspace().store
        do {
            try WorkspaceBackup.backup(store, to: file)
        } catch let refusal as WorkspaceBackup.Refusal {
            throw CLIError(refusal.description)
        }
        Output.line("backed up \(store.path) to \(file)")
    }
}

import ArgumentParser
import CPAPIKit

/// `cpapi-tui source …`: actions on one source.
struct SourceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "source",
        abstract: "Act on one source.",
        subcommands: [Delete.self])

    /// `cpapi-tui source delete ID`: archive a source.
    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "delete",
            abstract: "Delete (archive) a source: it is no longer synced; its stored offers stay.",
            discussion: "Applying a config that names the source again restores it.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The source's id.", valueName: "ID")) var id: String

        func run() async throws {
            let store = try global.openWorkspace().store
            guard let source = try store.source(id: id) else { throw CLIError("unknown source \"\(id)\"") }
            if source.isArchived {
                Output.line("source \(id) was already deleted")
                return
            }
            try store.archiveSource(id: id, at: SystemClock().now())
            Output.line("deleted source \(id)")
        }
    }
}

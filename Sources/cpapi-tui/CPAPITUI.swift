import ArgumentParser
import CPAPIKit
import Foundation

/// The `cpapi-tui` command: the console (default) and the headless commands over a workspace.
@main
struct CPAPITUI: AsyncParsableCommand {
    /// Tunes the heap (`MallocArenas`), then parses and runs the command.
    /// A database error that stands for a problem of the workspace itself (malformed, a table gone,
    /// the file moved away) is said as that problem in one line, not as SQLite's statement.
    static func main() async {
        MallocArenas.limit()
        do {
            var command = try parseAsRoot(nil)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: workspaceProblem(for: error) ?? error)
        }
    }

    /// The workspace problem behind `error`, as a one-line `CLIError`, when it is one.
    static func workspaceProblem(for error: any Error) -> CLIError? {
        let directory = OpenedWorkspace.directory.withLock { $0 }
        guard let directory, let problem = WorkspaceInspection.problem(for: error, directory: directory) else {
            return (error as? WorkspaceProblem).map { CLIError($0.description) }
        }
        return CLIError(problem.description)
    }

    static let configuration = CommandConfiguration(
        commandName: "cpapi-tui",
        abstract: "Pull advertisers' offers into a workspace and keep an affiliate platform in step.",
        discussion: """
            The workspace is --workspace DIR, else $CPAPI_WORKSPACE, else $XDG_DATA_HOME/cpapi-tui \
            (~/.local/share/cpapi-tui). Only apply, demo, ui and restore create it; the other commands fail with \
            "no workspace at DIR". A damaged workspace, or one a newer cpapi-tui wrote, is named and not written \
            (see doctor, backup, restore). Exit status 0 on success; otherwise one line on stderr and non-zero.
            """,
        // Each command lives in its own file under Commands/; add new ones to this list.
        subcommands: [
            UICommand.self,
            DemoCommand.self,
            ApplyCommand.self,
            SyncCommand.self,
            SourcesCommand.self,
            SourceCommand.self,
            CampaignsCommand.self,
            CampaignCommand.self,
            OffersCommand.self,
            OfferCommand.self,
            RunsCommand.self,
            ConversionsCommand.self, ReversalsCommand.self,
            DoctorCommand.self, BackupCommand.self, RestoreCommand.self,
            KeysCommand.self
        ],
        defaultSubcommand: UICommand.self
    )

    @OptionGroup var global: GlobalOptions
}

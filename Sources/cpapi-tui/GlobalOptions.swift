import ArgumentParser
import CPAPIKit
import Synchronization

/// Options every command takes (before or after the command's name).
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The workspace folder.", valueName: "DIR"))
    var workspace: String?

    /// The chosen folder: --workspace, else $CPAPI_WORKSPACE, else the XDG data dir.
    var directory: String { Workspace.directory(explicit: workspace) }

    /// Opens the chosen workspace, which must exist: every command but `apply`, `demo`, `ui` and
    /// `restore` reads or changes a workspace made before, and never creates one at a mistyped path.
    func openWorkspace() throws -> Workspace {
        try Self.opening(directory) { try Workspace.open(directory: $0) }
    }

    /// Opens the chosen workspace, creating it (mode 0700) when missing: `apply`, `ui`.
    func openOrCreateWorkspace() throws -> Workspace {
        try Self.opening(directory) { try Workspace.openOrCreate(directory: $0) }
    }

    /// Opens through `open`, remembering the folder so that a database error met later in the
    /// command is named as the workspace's (`WorkspaceErrorReport`).
    static func opening(_ directory: String, _ open: (String) throws -> Workspace) throws -> Workspace {
        OpenedWorkspace.directory.withLock { $0 = directory }
        do {
            return try open(directory)
        } catch let problem as WorkspaceProblem {
            throw CLIError(problem.description)
        } catch {
            throw CLIError("\(error)")
        }
    }
}

/// The workspace this process opened, for naming it in a database error met mid-command.
enum OpenedWorkspace {
    static let directory = Mutex<String?>(nil)
}

import ArgumentParser
import CPAPIKit

/// Options every command takes (before or after the command's name).
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The workspace folder.", valueName: "DIR"))
    var workspace: String?

    /// Opens the chosen workspace (creating it, mode 0700).
    func openWorkspace() throws -> Workspace {
        do {
            return try Workspace.open(explicit: workspace)
        } catch {
            throw CLIError("\(error)")
        }
    }
}

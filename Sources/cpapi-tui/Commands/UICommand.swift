import ArgumentParser
import Console
import CPAPIKit
import Foundation
import TUI

/// `cpapi-tui ui` (the default): the terminal console.
struct UICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ui",
        abstract: "Open the terminal console (the default command).",
        discussion: """
            Browse sources, campaigns and offers, watch syncs live, and pause, exclude, duplicate or detach \
            one offer. The console syncs the workspace in the background unless another process holds its \
            sync lease (then it watches that process's runs). Press ? in the console for every key.
            """)

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try Self.requireTerminal()
        let workspace = try global.openOrCreateWorkspace()
        let outcome = try await Self.openConsole(on: workspace)
        if outcome.startDemo { try await DemoCommand.runDemo(directory: nil) }
    }

    /// Refuses before anything is opened (or created) when there is no terminal to draw on.
    static func requireTerminal() throws {
        guard isatty(0) != 0, isatty(1) != 0 else {
            throw CLIError(
                "cannot open the console: standard input/output is not a terminal. Run it in a terminal "
                    + "(try `cpapi-tui demo`), or use the headless commands (sources, offers, runs, sync --once)")
        }
    }

    /// Opens the console over `workspace` in this terminal until the operator quits.
    static func openConsole(on workspace: Workspace, makeSource: DemandSourceMaker? = nil) async throws -> Console.Outcome {
        try requireTerminal()
        let engine: WorkspaceEngine
        do { engine = try WorkspaceEngine.open(store: workspace.store) } catch { throw CLIError("\(error)") }
        let console = WorkspaceConsole(workspace: workspace, engine: engine, makeSource: makeSource ?? DemandSourceMakers.live())
        return try await Console.open(
            data: console, actions: console, reports: WorkspaceReports(store: workspace.store),
            workspace: workspace.directory, backend: { NcursesBackend() })
    }
}

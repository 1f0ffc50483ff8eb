import ArgumentParser
import CPAPIKit

/// `cpapi-tui campaign enable|disable|delete|retire ID`: the operator's actions on one campaign, queued
/// for the process that syncs the workspace (`ActionOptions`).
struct CampaignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "campaign",
        abstract: "Act on one campaign.",
        discussion: """
            A disabled or deleted campaign's offers are frozen as they are in the platform: the sync writes none \
            of them until it is enabled again. `apply` of a file naming the campaign sets it as the file says.

            \(ActionOptions.discussion)
            """,
        subcommands: [Enable.self, Disable.self, Delete.self, Retire.self])

    struct Target: ParsableArguments {
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The campaign's id.", valueName: "ID")) var id: String
        @OptionGroup var action: ActionOptions

        /// Queues the action, waits for it (unless --no-wait), prints its result.
        func perform(_ campaignAction: CampaignAction, disable: Bool = false) async throws {
            let store = try global.openWorkspace().store
            let engine: WorkspaceEngine
            do { engine = try WorkspaceEngine.open(store: store) } catch { throw CLIError(error.description) }
            guard let record = try await action.perform(.campaign(campaignAction, id, disable: disable), engine: engine) else { return }
            Output.line(record.result ?? "")
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Turn the campaign on (a deleted one is restored).")
        @OptionGroup var target: Target
        func run() async throws { try await target.perform(.enable) }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Turn the campaign off: its offers are frozen as they are.")
        @OptionGroup var target: Target
        func run() async throws { try await target.perform(.disable) }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete the campaign: its offers are frozen as they are.")
        @OptionGroup var target: Target
        func run() async throws { try await target.perform(.delete) }
    }

    struct Retire: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Pause (or disable) every offer of the campaign in the platform now, then turn it off.",
            discussion: """
                Sets the campaign's status default to paused (--disable: disabled), pushes that status to each of its \
                offers in the platform except excluded ones, then disables the campaign. If some pushes fail the \
                campaign stays on and the command fails: run it again to finish.
                """)
        @OptionGroup var target: Target
        @Flag(help: "Disable the offers (stopped) instead of pausing them.") var disable = false

        func run() async throws { try await target.perform(.retire, disable: disable) }
    }
}

import ArgumentParser
import CPAPIKit

/// `cpapi-tui campaign enable|disable|delete|retire ID`: the operator's actions on one campaign.
struct CampaignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "campaign",
        abstract: "Act on one campaign.",
        discussion: """
            A disabled or deleted campaign's offers are frozen as they are in the platform: the sync writes none \
            of them until it is enabled again. `apply` of a file naming the campaign sets it as the file says.
            """,
        subcommands: [Enable.self, Disable.self, Delete.self, Retire.self])

    struct Target: ParsableArguments {
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The campaign's id.", valueName: "ID")) var id: String

        func engine() throws -> WorkspaceEngine {
            let store = try global.openWorkspace().store
            do { return try WorkspaceEngine.open(store: store) } catch { throw CLIError(error.description) }
        }

        func change(_ verb: String, _ action: (CampaignWorkflows, String) async throws(WorkflowError) -> Campaign) async throws {
            let engine = try engine()
            do {
                _ = try await action(engine.campaigns, id)
                Output.line("\(verb) campaign \(id)")
            } catch {
                throw CLIError(error.description)
            }
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Turn the campaign on (a deleted one is restored).")
        @OptionGroup var target: Target
        func run() async throws { try await target.change("enabled") { (workflows, id) throws(WorkflowError) in try await workflows.enable(id) } }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Turn the campaign off: its offers are frozen as they are.")
        @OptionGroup var target: Target
        func run() async throws { try await target.change("disabled") { (workflows, id) throws(WorkflowError) in try await workflows.disable(id) } }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete the campaign: its offers are frozen as they are.")
        @OptionGroup var target: Target
        func run() async throws { try await target.change("deleted") { (workflows, id) throws(WorkflowError) in try await workflows.delete(id) } }
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

        func run() async throws {
            let engine = try target.engine()
            do {
                let retired = try await engine.campaigns.retire(target.id, disable: disable)
                Output.line("retired campaign \(target.id): \(retired.pushed) offers set to \(retired.status.rawValue), "
                            + "\(retired.skipped) left out (excluded or not in the platform); the campaign is off")
            } catch {
                throw CLIError(error.description)
            }
        }
    }
}

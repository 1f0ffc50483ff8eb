import ArgumentParser
import CPAPIKit

/// The `cpapi-tui` command: the console (default) and the headless commands over a workspace.
@main
struct CPAPITUI: AsyncParsableCommand {
    /// Tunes the heap (`MallocArenas`), then parses and runs the command.
    static func main() async {
        MallocArenas.limit()
        await main(nil)
    }

    static let configuration = CommandConfiguration(
        commandName: "cpapi-tui",
        abstract: "Pull advertisers' offers into a workspace and keep an affiliate platform in step.",
        discussion: """
            The workspace is --workspace DIR, else $CPAPI_WORKSPACE, else $XDG_DATA_HOME/cpapi-tui \
            (~/.local/share/cpapi-tui). Exit status 0 on success; otherwise one line on stderr and non-zero.
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
        ],
        defaultSubcommand: UICommand.self
    )

    @OptionGroup var global: GlobalOptions
}

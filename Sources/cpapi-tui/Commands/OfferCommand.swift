import ArgumentParser
import CPAPIKit

/// `cpapi-tui offer pause|resume|exclude|duplicate|detach SOURCE:ID [--campaign ID] [--no-wait] [--timeout S]`: the
/// operator's actions on one offer, queued for the process that syncs the workspace (`ActionOptions`).
struct OfferCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "offer",
        abstract: "Act on one placed offer in the platform.",
        discussion: """
            SOURCE:ID names a demand offer (`cpalead:18231`). When several campaigns placed it, name one with \
            --campaign (the action fails and lists them otherwise). Each action is recorded in the event log.

            \(ActionOptions.discussion)

            --json prints {"action", "placement": PLACEMENT, "copy_platform_offer_id", "message"}, PLACEMENT as in \
            `cpapi-tui offers --json`.
            """,
        subcommands: [Pause.self, Resume.self, Exclude.self, Duplicate.self, Detach.self])

    /// The options every action takes.
    struct Target: ParsableArguments {
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The offer, as SOURCE:EXTERNAL_ID.", valueName: "SOURCE:ID")) var offer: String
        @Option(help: ArgumentHelp("The campaign whose placement to act on.", valueName: "ID")) var campaign: String?
        @OptionGroup var action: ActionOptions
        @Flag(help: "Print one JSON document.") var json = false

        /// Queues the action, waits for it (unless --no-wait), prints its result.
        func perform(_ offerAction: OfferAction) async throws {
            guard let key = OfferKey(parsing: offer) else {
                throw CLIError("\"\(offer)\" is not an offer reference: expected SOURCE:EXTERNAL_ID, e.g. cpalead:18231")
            }
            let store = try global.openWorkspace().store
            let engine: WorkspaceEngine
            do { engine = try WorkspaceEngine.open(store: store) } catch { throw CLIError("\(error)") }
            guard let record = try await action.perform(.offer(offerAction, key, campaignID: campaign), engine: engine, json: json) else { return }
            let message = record.result ?? ""
            if json {
                let placement = try record.details["placement_id"].flatMap(Int64.init).flatMap { try store.placement(id: $0) }
                try JSONOutput.print(
                    Document(
                        action: record.id, placement: Nullable(placement.map(JSONShapes.PlacementItem.init)),
                        copyPlatformOfferId: Nullable(record.details["copy_platform_offer_id"].flatMap(Int.init)),
                        message: message))
            } else {
                Output.line(message)
            }
        }
    }

    struct Document: Encodable {
        var action: Int64
        var placement: Nullable<JSONShapes.PlacementItem>
        var copyPlatformOfferId: Nullable<Int>
        var message: String
    }

    struct Pause: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Hold the offer: paused in the platform now, and kept paused across syncs until resumed.")
        @OptionGroup var target: Target
        func run() async throws { try await target.perform(.pause) }
    }

    struct Resume: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Release a hold: the campaign's rules apply again now (its status is pushed at once).")
        @OptionGroup var target: Target
        func run() async throws { try await target.perform(.resume) }
    }

    struct Exclude: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Take the offer out of the sync: copy it (no external id), disable the original.",
            discussion: """
                The copy is the operator's to run by hand; the placement is excluded for ever. Each step is \
                recorded: if the command is interrupted, running it again finishes the job without a second copy.
                """)
        @OptionGroup var target: Target
        func run() async throws { try await target.perform(.exclude) }
    }

    struct Duplicate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy the offer in the platform with no external id; the original stays in the sync.")
        @OptionGroup var target: Target
        func run() async throws { try await target.perform(.duplicate) }
    }

    struct Detach: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove the offer's external id: it stays as it is in the platform, no longer synced.")
        @OptionGroup var target: Target
        func run() async throws { try await target.perform(.detach) }
    }
}

import ArgumentParser
import CPAPIKit

/// `cpapi-tui source …`: actions on one source, queued for the process that syncs the workspace
/// (`ActionOptions`).
struct SourceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "source",
        abstract: "Act on one source.",
        discussion: ActionOptions.discussion,
        subcommands: [Delete.self, SyncNow.self])

    /// `cpapi-tui source delete ID`: archive a source.
    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "delete",
            abstract: "Delete (archive) a source: it is no longer synced; its stored offers stay.",
            discussion: "Applying a config that names the source again restores it.\n\n" + ActionOptions.discussion)

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The source's id.", valueName: "ID")) var id: String
        @OptionGroup var action: ActionOptions

        func run() async throws {
            let store = try global.openWorkspace().store
            guard try store.source(id: id) != nil else { throw CLIError("unknown source \"\(id)\"") }
            let engine: WorkspaceEngine
            do { engine = try WorkspaceEngine.open(store: store) } catch { throw CLIError(error.description) }
            guard let record = try await action.perform(.deleteSource(id), engine: engine) else { return }
            Output.line(record.result ?? "")
        }
    }

    /// `cpapi-tui source sync-now ID`: run a source now, outside its schedule.
    struct SyncNow: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sync-now",
            abstract: "Sync a source now, outside its schedule.",
            discussion: """
                While `cpapi-tui sync` (or a console) syncs the workspace, it starts the source's run now (when the \
                source is running already, nothing changes) and the command exits 0 once it has started. When no \
                process syncs, this command syncs the source once itself, printing its progress on stderr, and \
                exits 1 when the run failed. While `sync --once` runs, it fails: ask again once it has ended.

                """ + ActionOptions.discussion)

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The source's id.", valueName: "ID")) var id: String
        @OptionGroup var action: ActionOptions

        func run() async throws {
            let store = try global.openWorkspace().store
            guard let source = try store.source(id: id) else { throw CLIError("unknown source \"\(id)\"") }
            if source.isArchived { throw CLIError("source \"\(id)\" is deleted (archived)") }
            let engine: WorkspaceEngine
            do { engine = try WorkspaceEngine.open(store: store) } catch { throw CLIError(error.description) }
            let coordinator = engine.coordinator(makeSource: DemandSourceMakers.live())
            // Applied here only when this process took the lease: it runs the source once itself.
            let once: OperatorActionApplier.SyncNow = { sourceID in
                let runs = try await coordinator.syncOnce(
                    sourceIDs: sourceID.map { [$0] },
                    progress: SyncProgressPrinter.print)
                let failed = runs.filter { $0.status == .failed }
                guard failed.isEmpty else {
                    throw CLIError("source \(sourceID ?? "*") synced once: failed" + (failed[0].error.map { ": \($0)" } ?? ""))
                }
                return runs.map {
                    "source \($0.sourceID) synced once: \($0.status.rawValue), \($0.counts.fetched) fetched, "
                        + "\($0.counts.created) created, \($0.counts.updated) updated"
                }.joined(separator: "; ")
            }
            guard let record = try await action.perform(.syncNow(sourceID: id), engine: engine, syncNow: once) else { return }
            Output.line(record.result ?? "")
        }
    }
}

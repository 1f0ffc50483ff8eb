import ArgumentParser
import CPAPIKit
import Foundation

/// How an operator action is asked for (`offer …`, `campaign …`, `source delete|sync-now`): queued in
/// the workspace, applied by the process that syncs it (or by this one when none does), and waited for.
struct ActionOptions: ParsableArguments {
    @Flag(
        name: .customLong("no-wait"),
        help: "Queue the action and print its id, without waiting for it to be applied.")
    var noWait = false
    @Option(help: ArgumentHelp("How long to wait for the action to be applied.", valueName: "SECONDS"))
    var timeout: Double = 30

    func validate() throws {
        guard timeout > 0, timeout.isFinite else { throw ValidationError("--timeout must be a positive number of seconds") }
    }

    static let discussion = """
        The action is queued in the workspace and applied by the process that syncs it (`cpapi-tui sync`, \
        `sync --once` or a console), within about a second once that source's run has finished its writes; \
        when no process syncs, this command applies it itself. It waits for the result (up to --timeout \
        seconds, default 30) and exits 0 when done, 1 when failed (the reason on stderr) or not taken up \
        in time (then given up: nothing is done). --no-wait queues it, prints its id (with --json: \
        {"action", "state"}) and exits 0.
        """

    /// Queues `request` and answers it finished, or nil with --no-wait (its id printed). A failed action,
    /// or one not finished in time, throws its message.
    func perform(
        _ request: OperatorActionRequest, engine: WorkspaceEngine, json: Bool = false,
        syncNow: OperatorActionApplier.SyncNow? = nil
    ) async throws -> OperatorActionRecord? {
        do {
            if noWait {
                let record = try engine.actions.enqueue(request)
                if json { try JSONOutput.print(Queued(action: record.id, state: record.state.rawValue)) } else { Output.line("\(record.id)") }
                let holder = try? engine.store.syncLeaseHolder()
                Output.error(
                    "queued action \(record.id) (\(request.summary)): "
                        + (holder.map { "pid \($0.pid) on \($0.host) applies it" }
                            ?? "no process syncs the workspace now; the next one to sync applies it"))
                return nil
            }
            let record = try await engine.actions.perform(request, timeout: .milliseconds(Int64(timeout * 1000)), syncNow: syncNow)
            guard record.state == .done else { throw CLIError(record.result ?? "action \(record.id) failed") }
            return record
        } catch let error as OperatorActionError {
            throw CLIError(error.description)
        }
    }

    struct Queued: Encodable {
        var action: Int64
        var state: String
    }
}

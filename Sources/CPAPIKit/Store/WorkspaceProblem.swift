/// Why a workspace cannot be used: one line naming what is wrong, where, and what to do.
public enum WorkspaceProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// No `cpapi.sqlite` in the folder (or no folder): only `apply`, `demo`, `ui` and `restore` create one.
    case missing(directory: String)
    /// The database file is there but is not a usable workspace (empty, not SQLite, malformed, a table gone).
    case damaged(directory: String, reason: String)
    /// Written by a newer binary: migrations this one does not know (`schema`), the last it knows (`known`).
    case newerSchema(directory: String, schema: String, known: String)
    /// The database file was removed or replaced while this process had it open.
    case gone(directory: String, reason: String)

    public var directory: String {
        switch self {
        case .missing(let directory), .damaged(let directory, _), .newerSchema(let directory, _, _), .gone(let directory, _):
            return directory
        }
    }

    public var description: String {
        switch self {
        case .missing(let directory):
            return "no workspace at \(directory) (no cpapi.sqlite): check --workspace and $CPAPI_WORKSPACE, "
                + "or create one with \"cpapi-tui apply FILE\""
        case .damaged(let directory, let reason):
            return "workspace \(directory) is damaged (\(reason)): restore from a backup "
                + "(\"cpapi-tui restore FILE\") or run \"cpapi-tui doctor\""
        case .newerSchema(let directory, let schema, let known):
            return "workspace \(directory) was written by a newer cpapi-tui (schema \(schema)); "
                + "this binary knows up to \(known): upgrade cpapi-tui"
        case .gone(let directory, let reason):
            return "workspace \(directory) went away while in use (\(reason)): what was written since is lost; "
                + "check the folder, restore it if needed, and run the command again"
        }
    }
}

import Foundation

/// A workspace: one folder (mode 0700) holding `cpapi.sqlite`, opened as a `WorkspaceStore`.
///
/// The folder is `--workspace DIR`, else `$CPAPI_WORKSPACE`, else `$XDG_DATA_HOME/cpapi-tui`
/// (`~/.local/share/cpapi-tui` when `XDG_DATA_HOME` is unset or empty).
public struct Workspace: Sendable {
    /// The workspace folder, absolute.
    public let directory: String
    public let store: WorkspaceStore

    /// Why a workspace could not be opened.
    public struct OpenError: Error, CustomStringConvertible {
        public let directory: String
        public let reason: String
        public var description: String { "cannot open workspace \(directory): \(reason)" }
    }

    /// The folder chosen by precedence: explicit option, `$CPAPI_WORKSPACE`, the XDG data dir.
    public static func directory(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit, !explicit.isEmpty { return absolute(explicit) }
        if let fromEnvironment = environment["CPAPI_WORKSPACE"], !fromEnvironment.isEmpty { return absolute(fromEnvironment) }
        let dataHome: String
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty {
            dataHome = xdg
        } else {
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            dataHome = (home as NSString).appendingPathComponent(".local/share")
        }
        return absolute((dataHome as NSString).appendingPathComponent("cpapi-tui"))
    }

    /// Opens the existing workspace at `directory`: what every command but the creating ones does.
    /// Throws `WorkspaceProblem.missing` when the folder holds no `cpapi.sqlite` (nothing is created,
    /// no folder's mode changed), and `.damaged` or `.newerSchema` without writing anything.
    public static func open(directory: String) throws -> Workspace {
        let directory = absolute(directory)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            throw WorkspaceProblem.missing(directory: directory)
        }
        guard isDirectory.boolValue else { throw OpenError(directory: directory, reason: "it is a file, not a folder") }
        let path = WorkspaceStore.databasePath(inWorkspace: directory)
        guard FileManager.default.fileExists(atPath: path) else { throw WorkspaceProblem.missing(directory: directory) }
        try prepareFolder(directory)
        return try openStore(directory: directory, creating: false)
    }

    /// Opens the workspace at `directory`, creating the folder (0700) and the database if needed
    /// (`apply`, `demo`, the console, `restore`). An existing folder readable by others is tightened
    /// to 0700: it holds the operator's feed and settings.
    public static func openOrCreate(directory: String) throws -> Workspace {
        let directory = absolute(directory)
        try prepareFolder(directory)
        return try openStore(directory: directory, creating: true)
    }

    private static func openStore(directory: String, creating: Bool) throws -> Workspace {
        do {
            let store = try WorkspaceStore(path: WorkspaceStore.databasePath(inWorkspace: directory), creating: creating)
            return Workspace(directory: directory, store: store)
        } catch let problem as WorkspaceProblem {
            throw problem
        } catch {
            throw OpenError(directory: directory, reason: "\(error)")
        }
    }

    static func prepareFolder(_ directory: String) throws {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw OpenError(directory: directory, reason: "it is a file, not a folder") }
            let attributes = try manager.attributesOfItem(atPath: directory)
            let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? 0o700
            if mode & 0o077 != 0 {
                guard chmod(directory, 0o700) == 0 else {
                    throw OpenError(directory: directory, reason: "cannot set its permissions to 0700: \(String(cString: strerror(errno)))")
                }
            }
            return
        }
        do {
            // Parents get the default mode; only the workspace itself must be private.
            try manager.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: nil)
        } catch {
            throw OpenError(directory: directory, reason: "cannot create it: \(error.localizedDescription)")
        }
        guard chmod(directory, 0o700) == 0 else {
            throw OpenError(directory: directory, reason: "cannot set its permissions to 0700: \(String(cString: strerror(errno)))")
        }
    }

    static func absolute(_ path: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return (expanded as NSString).standardizingPath }
        let cwd = FileManager.default.currentDirectoryPath
        return ((cwd as NSString).appendingPathComponent(expanded) as NSString).standardizingPath
    }
}

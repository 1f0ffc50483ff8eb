import Foundation

/// Where an API key lives. The workspace stores only this reference, never the key itself.
public enum SecretRef: Sendable, Codable, Equatable, Hashable, CustomStringConvertible {
    /// `api_key_env = "NAME"`: read from the environment at use.
    case environment(String)
    /// `api_key = "…"` written inline in a config file: re-read from that file at use
    /// (`table` is e.g. `platform` or `sources.<id>`), so the key is never copied into the workspace.
    case configFile(path: String, table: String)

    public var description: String {
        switch self {
        case .environment(let name): return "$\(name)"
        case .configFile(let path, let table): return "api_key in \(path) [\(table)]"
        }
    }
}

import Foundation

/// Where an API key lives. The workspace stores only this reference, never the key itself.
public enum SecretRef: Sendable, Codable, Equatable, Hashable, CustomStringConvertible {
    /// `api_key_env = "NAME"`: read from the environment at use.
    case environment(String)
    /// `api_key = "…"` written inline in a config file: re-read from that file at use
    /// (`table` is e.g. `platform` or `sources.<id>`), so the key is never copied into the workspace.
    case configFile(path: String, table: String)

    /// Where the key is read from, never the key: a stored "name" that is no variable name (a key
    /// pasted into `api_key_env` before `apply` refused them) is not printed.
    public var description: String {
        switch self {
        case .environment(let name): return Self.isVariableName(name) ? "$\(name)" : "$[not a variable name: hidden]"
        case .configFile(let path, let table): return "api_key in \(path) [\(table)]"
        }
    }

    /// `^[A-Za-z_][A-Za-z0-9_]*$`: what a shell can export.
    public static func isVariableName(_ text: String) -> Bool {
        let isWordStart: (UInt8) -> Bool = { $0 == UInt8(ascii: "_") || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }
        guard let first = text.utf8.first, isWordStart(first) else { return false }
        return text.utf8.allSatisfy { isWordStart($0) || (0x30...0x39).contains($0) }
    }
}

import Foundation
import TOMLKit

/// Reads an API key from where a `SecretRef` says it lives, at the moment it is needed.
/// The key is returned to the caller only; it is never stored, logged or put into an error.
public struct SecretResolver: Sendable {
    /// Why a key could not be read; names where it was looked for, never the key.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public let description: String
    }

    public var environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// The key. `owner` names what it is for in errors (`source cpalead`, `platform`).
    public func resolve(_ ref: SecretRef, for owner: String? = nil) throws(Failure) -> String {
        switch ref {
        case .environment(let name):
            guard let value = environment[name], !value.isEmpty else {
                throw Failure(description: "environment variable \(ref.description.dropFirst()) is not set" + (owner.map { " (\($0))" } ?? ""))
            }
            return value
        case .configFile(let path, let table):
            return try readInline(path: path, table: table, owner: owner ?? Self.owner(ofTable: table))
        }
    }

    /// `platform` → `platform`; `sources.cpalead` → `source cpalead`.
    static func owner(ofTable table: String) -> String {
        table.hasPrefix("sources.") ? "source " + table.dropFirst("sources.".count) : table
    }

    private func readInline(path: String, table: String, owner: String) throws(Failure) -> String {
        let prefix = "api_key of \(owner) is read from \(path) [\(table)], but"
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw Failure(description: "\(prefix) the file cannot be read: \(error.localizedDescription)")
        }
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch {
            throw Failure(description: "\(prefix) the file is no longer valid TOML")
        }
        let key: String? = withExtendedLifetime(root) {
            if table == "platform" { return root["platform"]?.table?["api_key"]?.string }
            guard table.hasPrefix("sources.") else { return nil }
            let id = String(table.dropFirst("sources.".count))
            guard let sources = root["sources"]?.array else { return nil }
            for element in sources {
                if let source = element.table, source["id"]?.string == id { return source["api_key"]?.string }
            }
            return nil
        }
        guard let key, !key.isEmpty else { throw Failure(description: "\(prefix) it no longer has an api_key there") }
        return key
    }
}

import Foundation

/// What `apply` needs of the store: the sources it knows (a campaign may name only those), and one
/// transaction writing everything a validated config names, or nothing.
public protocol ConfigStore: Sendable {
    func sourceIDs() throws -> Set<String>
    func apply(_ config: WorkspaceConfig, warnings: [String], at now: Date) throws -> ApplyReport
}

extension WorkspaceStore: ConfigStore {}

/// A config file, parsed and validated: what `apply` writes into the workspace.
/// A table the file leaves out (`[platform]`, `[sync]`, `[ui]`) leaves the stored one as it is.
public struct WorkspaceConfig: Sendable, Equatable {
    /// The file, absolute.
    public var path: String
    public var platform: PlatformConfig?
    public var sync: SyncSettings?
    public var ui: UISettings?
    public var sources: [SourceConfig]
    public var campaigns: [Campaign]

    public init(
        path: String, platform: PlatformConfig? = nil, sync: SyncSettings? = nil,
        sources: [SourceConfig] = [], campaigns: [Campaign] = [], ui: UISettings? = nil
    ) {
        self.path = path; self.platform = platform; self.sync = sync; self.sources = sources; self.campaigns = campaigns
        self.ui = ui
    }
}

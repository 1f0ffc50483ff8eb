/// What `apply` did: one line per item the file names.
public struct ApplyReport: Sendable, Equatable, Codable {
    /// One item of the file and what became of it.
    public struct Item: Sendable, Equatable, Codable {
        /// `platform`, `sync`, `ui`, `source`, `campaign`.
        public var kind: String
        /// The source's or campaign's id; nil for `platform`, `sync` and `ui`.
        public var id: String?
        public var outcome: ApplyOutcome

        public init(kind: String, id: String? = nil, outcome: ApplyOutcome) {
            self.kind = kind; self.id = id; self.outcome = outcome
        }

        public var label: String { id.map { "\(kind) \($0)" } ?? kind }
    }

    public var items: [Item]
    /// What was applied but deserves a look (a key too short to redact safely), one line each.
    public var warnings: [String]

    public init(items: [Item] = [], warnings: [String] = []) { self.items = items; self.warnings = warnings }

    public func count(_ outcome: ApplyOutcome) -> Int { items.count { $0.outcome == outcome } }
    /// Whether anything was written.
    public var changedAnything: Bool { items.contains { $0.outcome != .unchanged } }
}

import Foundation
import GRDB
import Testing
@testable import CPAPIKit

@Suite struct ConfigApplierTests {
    let clock = SteppedClock()

    func counts(_ store: WorkspaceStore) throws -> [Int] {
        try store.pool.read { db in
            try ["settings", "sources", "campaigns", "sync_events"].map {
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \($0)") ?? 0
            }
        }
    }

    func updatedAts(_ store: WorkspaceStore) throws -> [Date] {
        try store.pool.read { db in
            try Date.fetchAll(db, sql: "SELECT updated_at FROM sources UNION ALL SELECT updated_at FROM campaigns")
        }
    }

    @Test func applyCreatesEverythingTheFileNames() throws {
        let dir = try ScratchFolder(); defer { dir.remove() }
        let store = try dir.makeStore()
        let file = try dir.write("cfg.toml", ConfigParserTests.valid)
        let report = try ConfigApplier(store: store, clock: clock).apply(fileAt: file)
        #expect(report.items.map(\.label) == ["platform", "sync", "source cpalead", "campaign tier1"])
        #expect(report.count(.created) == 4)
        #expect(try store.platformConfig()?.kind == .affise)
        #expect(try store.syncSettings().pollInterval == 2700)
        #expect(try store.sources().map(\.id) == ["cpalead"])
        #expect(try store.campaign(id: "tier1")?.defaults.payoutPercent == 70)
    }

    @Test func uiSettingsAreStoredForTheConsole() throws {
        let dir = try ScratchFolder(); defer { dir.remove() }
        let store = try dir.makeStore()
        #expect(try store.uiSettings() == UISettings(), "the default theme before any [ui]")
        let file = try dir.write("cfg.toml", "[ui]\ntheme = \"light\"\n")
        let report = try ConfigApplier(store: store, clock: clock).apply(fileAt: file)
        #expect(report.items.map(\.label) == ["ui"] && report.count(.created) == 1)
        #expect(try store.uiSettings().theme == .light)
        #expect(try ConfigApplier(store: store, clock: clock).apply(fileAt: file).changedAnything == false)
    }

    @Test func applyingTheSameFileTwiceChangesNothing() throws {
        let dir = try ScratchFolder(); defer { dir.remove() }
        let store = try dir.makeStore()
        let file = try dir.write("cfg.toml", ConfigParserTests.valid)
        _ = try ConfigApplier(store: store, clock: clock).apply(fileAt: file)
        let rows = try counts(store)
        let stamps = try updatedAts(store)
        clock.advance(by: 600)
        let again = try ConfigApplier(store: store, clock: clock).apply(fileAt: file)
        #expect(again.count(.unchanged) == 4 && !again.changedAnything)
        #expect(try counts(store) == rows)
        #expect(try updatedAts(store) == stamps)
    }

    @Test func applyUpdatesWhatChangedAndDeletesNothing() throws {
        let dir = try ScratchFolder(); defer { dir.remove() }
        let store = try dir.makeStore()
        let first = try dir.write("a.toml", ConfigParserTests.valid)
        _ = try ConfigApplier(store: store, clock: clock).apply(fileAt: first)
        let second = try dir.write(
            "b.toml",
            """
            [[sources]]
            id = "cpalead"
            kind = "cpalead"
            title = "CPAlead (renamed)"
            url = "https://www.cpalead.com"
            publisher_id = "12345"
            api_key_env = "CPALEAD_API_KEY"
            types = ["cpa", "cpi", "cpe"]
            tracking_params = "subid={clickid}&subid2={pid}"
            """)
        let report = try ConfigApplier(store: store, clock: clock).apply(fileAt: second)
        #expect(report.items.map { "\($0.label) \($0.outcome.rawValue)" } == ["source cpalead updated"])
        #expect(try store.source(id: "cpalead")?.config.title == "CPAlead (renamed)")
        #expect(try store.campaign(id: "tier1") != nil && store.platformConfig() != nil)
    }

    @Test func badFileAppliesNothing() throws {
        let dir = try ScratchFolder(); defer { dir.remove() }
        let store = try dir.makeStore()
        let file = try dir.write("bad.toml", ConfigParserTests.valid.replacingOccurrences(of: "\"2h\"", with: "\"2 hours\""))
        #expect(throws: ConfigError.self) { try ConfigApplier(store: store, clock: clock).apply(fileAt: file) }
        #expect(try counts(store) == [0, 0, 0, 0])
    }

    @Test func campaignMayNameASourceAppliedEarlier() throws {
        let dir = try ScratchFolder(); defer { dir.remove() }
        let store = try dir.makeStore()
        _ = try ConfigApplier(store: store, clock: clock).apply(
            fileAt: try dir.write(
                "s.toml",
                """
                [[sources]]
                id = "s"
                kind = "cpalead"
                url = "http://127.0.0.1:9"
                publisher_id = "1"
                """))
        let report = try ConfigApplier(store: store, clock: clock).apply(
            fileAt: try dir.write(
                "c.toml",
                """
                [[campaigns]]
                id = "c"
                sources = ["s"]
                """))
        #expect(report.items.map(\.outcome) == [.created])
    }

    @Test func deletedSourceNamedAgainIsRestored() throws {
        let dir = try ScratchFolder(); defer { dir.remove() }
        let store = try dir.makeStore()
        let file = try dir.write("cfg.toml", ConfigParserTests.valid)
        _ = try ConfigApplier(store: store, clock: clock).apply(fileAt: file)
        try store.archiveSource(id: "cpalead", at: clock.now())
        #expect(try store.sources().isEmpty)
        let report = try ConfigApplier(store: store, clock: clock).apply(fileAt: file)
        #expect(report.items.first { $0.kind == "source" }?.outcome == .updated)
        #expect(try store.sources().map(\.id) == ["cpalead"])
    }

    @Test func secretsAreNeverStored() throws {
        let dir = try ScratchFolder(); defer { dir.remove() }
        let store = try dir.makeStore()
        let platformKey = "PLATFORM-SECRET-9f3a1c"
        let sourceKey = "SOURCE-SECRET-77b2e0"
        let file = try dir.write("cfg.toml", Self.file(platformKey: platformKey, sourceKey: sourceKey))
        _ = try ConfigApplier(store: store, clock: clock).apply(fileAt: file)
        try store.pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
        var bytes = Data()
        for suffix in ["", "-wal", "-shm"] {
            if let data = FileManager.default.contents(atPath: store.path + suffix) { bytes.append(data) }
        }
        #expect(!bytes.isEmpty)
        #expect(bytes.range(of: Data(platformKey.utf8)) == nil)
        #expect(bytes.range(of: Data(sourceKey.utf8)) == nil)
        // The key is read back from the file when needed.
        let ref = try #require(try store.source(id: "cpalead")?.config.apiKey)
        #expect(try SecretResolver(environment: [:]).resolve(ref) == sourceKey)
        let platformRef = try #require(try store.platformConfig()?.apiKey)
        #expect(try SecretResolver(environment: [:]).resolve(platformRef) == platformKey)
    }

    /// A platform and a source with inline keys, and a source whose key is in `OTHER_KEY`.
    static func file(platformKey: String, sourceKey: String) -> String {
        """
        [platform]
        kind = "affise"
        url = "https://api-example.affise.com"
        api_key = "\(platformKey)"

        [[sources]]
        id = "cpalead"
        kind = "cpalead"
        url = "https://www.cpalead.com"
        publisher_id = "1"
        api_key = "\(sourceKey)"

        [[sources]]
        id = "other"
        kind = "cpalead"
        url = "https://www.cpalead.com"
        publisher_id = "2"
        api_key_env = "OTHER_KEY"
        """
    }

    @Test func aKeyTooShortToRedactSafelyIsAppliedWithAWarning() throws {
        let dir = try ScratchFolder(); defer { dir.remove() }
        let store = try dir.makeStore()
        let file = try dir.write("cfg.toml", Self.file(platformKey: "x", sourceKey: "short12"))
        let applier = ConfigApplier(store: store, clock: clock, secrets: SecretResolver(environment: ["OTHER_KEY": "abc"]))
        let report = try applier.apply(fileAt: file)
        #expect(report.count(.created) == 3)
        #expect(
            report.warnings == [
                "api_key of platform is 1 character: too short to be redacted safely; check that it is the whole key (the value is masked only where it stands as a word)",
                "api_key of source cpalead is 7 characters: too short to be redacted safely; check that it is the whole key (the value is masked only where it stands as a word)",
                "api_key of source other is 3 characters: too short to be redacted safely; check that it is the whole key (the value is masked only where it stands as a word)"
            ])
    }

    @Test func keysOfEightCharactersOrMoreAndKeysNotReadableYetGiveNoWarning() throws {
        let dir = try ScratchFolder(); defer { dir.remove() }
        let store = try dir.makeStore()
        let file = try dir.write("cfg.toml", Self.file(platformKey: "12345678", sourceKey: "k3y-SECRET-0042"))
        let report = try ConfigApplier(store: store, clock: clock, secrets: SecretResolver(environment: [:])).apply(fileAt: file)
        #expect(report.warnings.isEmpty)
    }
}

import CPAPIKit
import Foundation
import Testing
@testable import Console

/// `e` on a real workspace: the source or campaign is written out as TOML, edited, validated like
/// `apply` and applied; a fragment that no longer names the edited item is refused.
@Suite struct ConsoleEditTests {
    private func withConsole(_ body: (WorkspaceConsole, Workspace) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("console-edit-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let workspace = try Workspace.openOrCreate(directory: folder)
        let source = SourceConfig(
            id: "cpalead", baseURL: "http://127.0.0.1:9", publisherID: "1",
            apiKey: .configFile(path: "/etc/cpapi.toml", table: "sources.cpalead"))
        let campaign = Campaign(
            id: "tier1", title: "Tier 1", sources: ["cpalead"],
            defaults: CampaignDefaults(payoutPercent: 70))
        _ = try ConfigApplier(store: workspace.store).apply(WorkspaceConfig(path: "test.toml", sources: [source], campaigns: [campaign]))
        let engine = try WorkspaceEngine.open(store: workspace.store)
        try await body(WorkspaceConsole(workspace: workspace, engine: engine, makeSource: DemandSourceMakers.live()), workspace)
    }

    @Test func editedCampaignFragmentIsApplied() async throws {
        try await withConsole { console, workspace in
            let fragment = try await console.fragment(for: .campaign("tier1"))
            #expect(fragment.contains("payout_percent = 70"))
            let edited = fragment.replacingOccurrences(of: "payout_percent = 70", with: "payout_percent = 65")
            try await console.apply(fragment: edited, for: .campaign("tier1"))
            #expect(try workspace.store.campaign(id: "tier1")?.defaults.payoutPercent == 65)
        }
    }

    @Test func fragmentThatRenamesTheItemIsRefused() async throws {
        try await withConsole { console, workspace in
            let fragment = try await console.fragment(for: .campaign("tier1"))
            let renamed = fragment.replacingOccurrences(of: "id = \"tier1\"", with: "id = \"tier2\"")
            await #expect(throws: ConsoleFailure.self) { try await console.apply(fragment: renamed, for: .campaign("tier1")) }
            #expect(try workspace.store.campaign(id: "tier2") == nil, "nothing applied")
        }
    }

    @Test func editedSourceKeepsItsKeyReference() async throws {
        try await withConsole { console, workspace in
            let fragment = try await console.fragment(for: .source("cpalead"))
            let edited = fragment.replacingOccurrences(of: "title = \"cpalead\"", with: "title = \"CPAlead main\"")
            #expect(edited != fragment)
            try await console.apply(fragment: edited, for: .source("cpalead"))
            let stored = try #require(try workspace.store.source(id: "cpalead"))
            #expect(stored.config.title == "CPAlead main")
            #expect(stored.config.apiKey == .configFile(path: "/etc/cpapi.toml", table: "sources.cpalead"))
        }
    }
}

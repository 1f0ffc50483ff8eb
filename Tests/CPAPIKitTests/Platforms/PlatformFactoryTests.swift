import Foundation
import Testing
@testable import CPAPIKit

/// `[platform]` to a platform: the local one by default, Affise only with a URL and a key.
@Suite struct PlatformFactoryTests {
    private func withStore(_ body: (WorkspaceStore) throws -> Void) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try body(try WorkspaceStore(path: WorkspaceStore.databasePath(inWorkspace: directory.path)))
    }

    @Test func localPlatformIsTheDefault() throws {
        try withStore { store in
            let platform = try PlatformFactory.make(config: PlatformConfig(), apiKey: nil, store: store)
            #expect(platform is LocalPlatform)
        }
    }

    @Test func affiseIsMadeFromItsURLKeyAndConcurrency() throws {
        try withStore { store in
            let config = PlatformConfig(kind: .affise, url: "https://api-example.affise.com/", concurrency: 3)
            let platform = try #require(try PlatformFactory.make(config: config, apiKey: "k", store: store) as? AffisePlatform)
            #expect(platform.baseURL == "https://api-example.affise.com")
            #expect(platform.options.concurrency == 3)
            #expect(platform.displayName == "affise (api-example.affise.com)")
        }
    }

    @Test func affiseWithoutURLOrKeyIsRefusedClearly() throws {
        try withStore { store in
            #expect(throws: PlatformSetupError.missingURL) {
                _ = try PlatformFactory.make(config: PlatformConfig(kind: .affise), apiKey: "k", store: store)
            }
            let config = PlatformConfig(kind: .affise, url: "https://api-example.affise.com")
            #expect(throws: PlatformSetupError.missingAPIKey) {
                _ = try PlatformFactory.make(config: config, apiKey: nil, store: store)
            }
            #expect(throws: PlatformSetupError.missingAPIKey) {
                _ = try PlatformFactory.make(config: config, apiKey: "", store: store)
            }
        }
    }

    @Test func affiseWithABadURLOrConcurrencyIsRefused() throws {
        try withStore { store in
            #expect(throws: PlatformSetupError.invalidURL("api-example.affise.com")) {
                _ = try PlatformFactory.make(
                    config: PlatformConfig(kind: .affise, url: "api-example.affise.com"),
                    apiKey: "k", store: store)
            }
            #expect(throws: PlatformSetupError.invalidConcurrency(0)) {
                _ = try PlatformFactory.make(
                    config: PlatformConfig(kind: .affise, url: "https://api-example.affise.com", concurrency: 0),
                    apiKey: "k", store: store)
            }
            #expect(PlatformSetupError.missingAPIKey.description.contains("api_key_env"))
        }
    }
}

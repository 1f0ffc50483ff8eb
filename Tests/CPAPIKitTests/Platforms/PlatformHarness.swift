import Foundation
import Testing
@testable import CPAPIKit
import LoopbackServers

/// The platforms the conformance suite runs against.
enum PlatformUnderTest: String, CaseIterable, CustomTestStringConvertible {
    case local
    case affise

    var testDescription: String { rawValue }
}

/// One platform ready for a test, with the operator's hand actions in its own UI, torn down after.
struct PlatformHarness: Sendable {
    let platform: any Platform
    let disableByHand: @Sendable (Int) async throws -> Void
    let pauseByHand: @Sendable (Int) async throws -> Void
    let deleteByHand: @Sendable (Int) async throws -> Void
    let removeExternalIDByHand: @Sendable (Int) async throws -> Void
    /// The fake Affise behind the platform (nil for the local one).
    let affise: FakeAffiseServer?

    static let apiKey = "test-key-5f1c9a"

    /// Runs `body` against a fresh platform of `kind`, always tearing it down.
    static func with(
        _ kind: PlatformUnderTest, affiseOptions: AffisePlatform.Options = .init(),
        _ body: (PlatformHarness) async throws -> Void
    ) async throws {
        switch kind {
        case .local:
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let store = try WorkspaceStore(path: WorkspaceStore.databasePath(inWorkspace: directory.path))
            let local = LocalPlatform(store: store)
            try await body(
                PlatformHarness(
                    platform: local,
                    disableByHand: { try await local.disableByHand(id: $0) },
                    pauseByHand: { try await local.pauseByHand(id: $0) },
                    deleteByHand: { try await local.deleteByHand(id: $0) },
                    removeExternalIDByHand: { try await local.removeExternalIDByHand(id: $0) },
                    affise: nil))
        case .affise:
            try await withFakeAffise(options: affiseOptions) { affise, platform in
                try await body(
                    PlatformHarness(
                        platform: platform,
                        disableByHand: { try await affise.disableByHand(id: $0) },
                        pauseByHand: { try await affise.pauseByHand(id: $0) },
                        deleteByHand: { try await affise.deleteByHand(id: $0) },
                        removeExternalIDByHand: { try await affise.removeExternalIDByHand(id: $0) },
                        affise: affise))
            }
        }
    }
}

/// Runs `body` with a fake Affise and a client of it on its own HTTP connection pool, both closed after.
func withFakeAffise(
    options: AffisePlatform.Options = .init(), apiKey: String = PlatformHarness.apiKey,
    sleep: @escaping HTTPFetcher.Sleep = { try await Task.sleep(for: $0) },
    _ body: (FakeAffiseServer, AffisePlatform) async throws -> Void
) async throws {
    let affise = try await FakeAffiseServer.start(apiKey: PlatformHarness.apiKey)
    let fetcher = HTTPFetcher(sleep: sleep)
    do {
        let platform = try AffisePlatform(baseURL: affise.baseURL, apiKey: apiKey, options: options, fetcher: fetcher)
        try await body(affise, platform)
    } catch {
        try await fetcher.shutdown()
        await affise.stop()
        throw error
    }
    try await fetcher.shutdown()
    await affise.stop()
}

/// A unique folder under the system's temporary directory.
struct TemporaryDirectory {
    let path: String

    init() throws {
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent("cpapi-platforms-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// Records the waits a fetcher would make, without waiting.
actor RecordedSleeps {
    private(set) var waits: [Duration] = []

    func record(_ duration: Duration) {
        waits.append(duration)
    }
}

/// An offer with every field a push sets.
func sampleOffer(externalID: String = "cpalead-18231", title: String = "Cash Quest – Install & reach level 5") -> PlatformOfferFields {
    PlatformOfferFields(
        title: title,
        description: "Install, open & play: 5 levels.\nUS/CA only.",
        url: "https://www.cpalead.com/view.php?id=18231&pub=1&subid={clickid}&subid2={pid}",
        previewURL: "https://play.google.com/store/apps/details?id=com.example.quest",
        externalOfferID: externalID,
        advertiser: "5a0c0f5e8a1b2c3d4e5f6a7b",
        status: .active,
        privacy: .protected,
        categories: ["Games", "Android"],
        redirectType: "http302",
        isRedirectOvercap: true,
        strictlyCountry: false,
        logo: "https://cdn.example.com/logo.png",
        payments: [
            PlatformPayment(
                countries: ["US", "CA"], devices: ["mobile"], os: ["android"], total: 1.25, revenue: 0.875,
                currency: "USD", type: "fixed", goal: "install"),
            PlatformPayment(countries: ["GB"], total: 0.9, revenue: 0.63, currency: "USD")
        ],
        caps: [PlatformCap(period: "day", type: "conversions", value: 150)]
    )
}

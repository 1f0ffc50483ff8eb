import Foundation

/// What the embedded local platform needs of the store: its offers live in the workspace's database.
public protocol LocalPlatformStore: Sendable {
    var path: String { get }
    func insertLocalPlatformOffers(_ writes: [PlatformOfferFields], at now: Date) async throws -> [Int]
    func insertLocalPlatformOffer(_ write: PlatformOfferFields, at now: Date) async throws -> Int
    func updateLocalPlatformOffers(_ edits: [PlatformOfferEdit], at now: Date) async throws -> [Bool]
    func updateLocalPlatformOffer(id: Int, with write: PlatformOfferFields, at now: Date) async throws -> Bool
    func setLocalPlatformStatus(_ status: PlatformStatus, ids: [Int], at now: Date) async throws -> Int
    func removeLocalPlatformExternalID(id: Int, at now: Date) async throws -> Bool
    func deleteLocalPlatformOffers(ids: [Int]) async throws -> Int
    func localPlatformOffers(ids: [Int]) async throws -> [PlatformOffer]
    func localPlatformOfferStates(ids: [Int]) async throws -> [PlatformOfferState]
    func localPlatformOffers(externalOfferID: String) async throws -> [PlatformOffer]
    /// The offers of these advertisers (nil: every offer): a lost workspace's, to adopt.
    func localPlatformOffers(advertisers: Set<String>?, externalOfferIDs: Set<String>) async throws -> [PlatformOffer]
    func localPlatformOfferPage(status: PlatformStatus?, offset: Int, limit: Int) async throws -> (offers: [PlatformOffer], totalCount: Int)
}

extension WorkspaceStore: LocalPlatformStore {}

import Foundation
import Testing
@testable import CPAPIKit

/// A source's CPAlead options have a type of their own (`CPAleadSourceOptions`) but are stored flat,
/// as before: a workspace's stored sources read back the same and write the very same text.
@Suite struct SourceConfigStorageTests {
    /// A stored config as the flat `Codable` wrote it before the options had their own type.
    static let stored =
        #"{"apiKey":{"environment":{"_0":"CPALEAD_API_KEY"}},"baseURL":"https://www.cpalead.com","country":"US","#
        + #""devices":["android"],"fullEvery":21600,"id":"cpalead","incremental":true,"jsonp":false,"kind":"cpalead","#
        + #""limit":3000,"offerwallOffers":true,"pollInterval":600,"publisherID":"12345","title":"CPAlead","#
        + #""trackingParams":"subid={clickid}","types":["cpa","cpi"]}"#

    @Test func aStoredConfigReadsIntoTheOptionsAndWritesTheSameText() throws {
        let config = try JSONColumn.decode(SourceConfig.self, from: Self.stored)
        #expect(
            config.cpalead
                == CPAleadSourceOptions(
                    publisherID: "12345", types: ["cpa", "cpi"], country: "US",
                    devices: ["android"], offerwallOffers: true, jsonp: false))
        #expect(config.limit == 3000 && config.pollInterval == 600 && config.incremental)
        #expect(try JSONColumn.encode(config) == Self.stored)
    }

    @Test func theOptionsAreReachedThroughTheConfigToo() {
        var config = SourceConfig(id: "a", baseURL: "http://127.0.0.1:1", publisherID: "1", types: ["cpa"])
        config.publisherID = "2"
        config.jsonp = true
        #expect(config.cpalead.publisherID == "2" && config.cpalead.jsonp && config.types == ["cpa"])
    }
}

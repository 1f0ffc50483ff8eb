import Foundation

/// What only a CPAlead source is configured with (`[[sources]]` of `kind = "cpalead"`): the Offers
/// API's parameters. Stored flat among the source's other keys (`SourceConfig`'s JSON is unchanged).
public struct CPAleadSourceOptions: Sendable, Codable, Equatable {
    /// The publisher id (`id=` of every call).
    public var publisherID: String
    /// Offer types asked for (`cpa`, `cpi`, `cpe`, `cpr`); empty = the API's default.
    public var types: [String]
    public var country: String?
    public var devices: [String]
    public var offerwallOffers: Bool?
    /// Ask for JSONP (`format=jsonp&callback=…`) and unwrap it.
    public var jsonp: Bool

    public init(
        publisherID: String, types: [String] = [], country: String? = nil, devices: [String] = [],
        offerwallOffers: Bool? = nil, jsonp: Bool = false
    ) {
        self.publisherID = publisherID; self.types = types; self.country = country; self.devices = devices
        self.offerwallOffers = offerwallOffers; self.jsonp = jsonp
    }
}

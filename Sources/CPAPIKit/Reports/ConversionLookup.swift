import Foundation

/// The answer of one conversions lookup: whether the subid (or IP) converted, optionally on one offer.
public struct ConversionLookup: Sendable, Equatable {
    public var sourceID: String
    public var subid: String
    public var offerID: String?
    /// The API's explicit yes/no when it gave one, else whether it listed any conversion.
    public var converted: Bool
    public var conversions: [ConversionRecord]
    /// The whole answer as canonical JSON (the key masked), for what the fields above do not read.
    public var rawJSON: String
    public var checkedAt: Date

    public init(
        sourceID: String, subid: String, offerID: String?, converted: Bool, conversions: [ConversionRecord],
        rawJSON: String, checkedAt: Date
    ) {
        self.sourceID = sourceID; self.subid = subid; self.offerID = offerID; self.converted = converted
        self.conversions = conversions; self.rawJSON = rawJSON; self.checkedAt = checkedAt
    }
}

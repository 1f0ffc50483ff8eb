/// One conversion the Conversions API reported for a subid (fields read leniently; all it sent is in `rawJSON`).
public struct ConversionRecord: Sendable, Equatable {
    public var leadID: String?
    public var offerID: String?
    public var subid: String?
    public var amount: Double?
    public var dateText: String?
    public var rawJSON: String

    public init(
        leadID: String? = nil, offerID: String? = nil, subid: String? = nil, amount: Double? = nil,
        dateText: String? = nil, rawJSON: String
    ) {
        self.leadID = leadID; self.offerID = offerID; self.subid = subid; self.amount = amount
        self.dateText = dateText; self.rawJSON = rawJSON
    }
}

import Foundation

/// One bad lead the Reversals API reported, as stored: the fields read from it, and everything it
/// sent kept losslessly in `rawJSON` (canonical JSON, the key masked if it ever appeared).
public struct Reversal: Sendable, Equatable, Codable {
    public var sourceID: String
    /// What makes it unique within its source: `lead:ID` when the API gave a lead id, else
    /// `content:` + the canonical JSON (the same bad lead sent twice stores once).
    public var key: String
    public var leadID: String?
    public var offerID: String?
    public var subid: String?
    public var amount: Double?
    /// The day it happened as the API wrote it (the start of a timestamp); nil when not given or unreadable.
    public var day: ReportDay?
    /// The API's own text of the date, as sent.
    public var dateText: String?
    public var reason: String?
    public var rawJSON: String

    public init(
        sourceID: String, key: String, leadID: String? = nil, offerID: String? = nil, subid: String? = nil,
        amount: Double? = nil, day: ReportDay? = nil, dateText: String? = nil, reason: String? = nil, rawJSON: String
    ) {
        self.sourceID = sourceID; self.key = key; self.leadID = leadID; self.offerID = offerID; self.subid = subid
        self.amount = amount; self.day = day; self.dateText = dateText; self.reason = reason; self.rawJSON = rawJSON
    }
}

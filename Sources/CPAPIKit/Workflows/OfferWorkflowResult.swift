/// What an offer workflow did: the placement as it now stands, and the copy it made, if any.
public struct OfferWorkflowResult: Sendable, Equatable {
    public var placement: Placement
    /// The operator's copy (`duplicate`, `exclude`).
    public var copyPlatformOfferID: Int?
    /// One line for the operator.
    public var message: String

    public init(placement: Placement, copyPlatformOfferID: Int? = nil, message: String) {
        self.placement = placement; self.copyPlatformOfferID = copyPlatformOfferID; self.message = message
    }

    /// What the queue records besides the message (`OperatorActionRecord.details`).
    public var details: [String: String] {
        var details: [String: String] = [:]
        if let id = placement.id { details["placement_id"] = "\(id)" }
        if let copy = copyPlatformOfferID { details["copy_platform_offer_id"] = "\(copy)" }
        return details
    }
}

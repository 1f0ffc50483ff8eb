/// One edit of a batch (`Platform.editOffers`): the offer and the fields to change (only those set).
public struct PlatformOfferEdit: Sendable, Equatable {
    public var id: Int
    public var fields: PlatformOfferFields

    public init(id: Int, fields: PlatformOfferFields) {
        self.id = id; self.fields = fields
    }
}

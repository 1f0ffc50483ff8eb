/// What observe reads back of a platform offer: that it exists, its external offer id and its
/// status. The rules act on nothing else (an exclusion by hand, a drift of status), so a platform
/// that can answer this without its offers' other fields (the local one) reads 100k offers cheaply.
public struct PlatformOfferState: Sendable, Equatable {
    public var id: Int
    /// The external offer id, nil when absent or removed.
    public var externalOfferID: String?
    public var status: PlatformStatus?

    public init(id: Int, externalOfferID: String?, status: PlatformStatus?) {
        self.id = id
        self.externalOfferID = externalOfferID.flatMap { $0.isEmpty ? nil : $0 }
        self.status = status
    }

    public init(_ offer: PlatformOffer) {
        self.init(id: offer.id, externalOfferID: offer.externalOfferID, status: offer.status)
    }

    /// The state offer `id` has when nothing happened to it in the platform since these writes
    /// (a create without a status makes it `stopped`).
    public init(id: Int, pushed: PlatformOfferFields?) {
        let created = PlatformOfferFields.created(from: pushed ?? PlatformOfferFields())
        self.init(id: id, externalOfferID: created.externalOfferID, status: created.status)
    }

    /// As fields (what a placement keeps of a drift it observed).
    public var fields: PlatformOfferFields { PlatformOfferFields(externalOfferID: externalOfferID, status: status) }
}

import CPAPIKit

/// An Offers row as seen from one campaign: the Plat and State columns (and the row's dimming)
/// show the first placement, so a table narrowed to a campaign lists that campaign's first.
extension OfferRow {
    /// This row with `campaign`'s placement first (the others after it, in their order); the row
    /// itself when `campaign` is nil or did not place the offer.
    public func seen(from campaign: String?) -> OfferRow {
        guard let campaign, let i = placements.firstIndex(where: { $0.campaignID == campaign }), i > 0 else { return self }
        var row = self
        row.placements.insert(row.placements.remove(at: i), at: 0)
        return row
    }
}

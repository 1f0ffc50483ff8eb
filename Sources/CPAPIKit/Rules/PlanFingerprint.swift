import Foundation

/// A hash of what a placement's plan is made from, apart from the placement itself and the platform:
/// the campaign's settings, the offer's content, the source's tracking parameters and the version of
/// the rules that turn them into a platform offer.
///
/// A run records it on a placement (`Placement.lastPushedHash`) when it leaves the placement in step
/// with the campaign. A later run that finds the same fingerprint on a live placement of an offer in
/// the feed, and the platform offer as it was pushed, knows the plan would write nothing: it skips
/// decoding and planning that placement, which is what makes a sync of an unchanged 100k-offer feed
/// cheap. Anything else (a new fingerprint, a drift, an error, a pause) takes the full path.
public enum PlanFingerprint {
    /// Raise it whenever `DesiredOfferBuilder`, `CampaignMatcher`, `SyncFieldSelection` or
    /// `PlacementPlanner` would make something else of the same inputs: every placement is then
    /// planned again in full once, and brought in step by what the new rules say.
    static let rulesVersion = "1"

    /// The campaign's part, computed once per run: every setting, in a stable order.
    public static func campaignDigest(_ campaign: Campaign) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var hasher = FNV1a64()
        // A campaign always encodes (plain values only); the fallback still tells campaigns apart by id.
        let data = (try? encoder.encode(campaign)) ?? Data(campaign.id.utf8)
        for byte in data { hasher.add(byte: byte) }
        return hasher.hex
    }

    /// The fingerprint of one placement's inputs.
    public static func of(campaignDigest: String, offerContentHash: String, trackingParams: String?) -> String {
        var hasher = FNV1a64()
        hasher.field("rules", rulesVersion)
        hasher.field("campaign", campaignDigest)
        hasher.field("offer", offerContentHash)
        hasher.field("tracking", trackingParams)
        return hasher.hex
    }
}

import CPAPIKit

/// An action the operator takes from the console, carried out by the kit's workflows.
public enum OperatorAction: Sendable, Hashable {
    /// Holds the offer's placement (in one campaign, or every campaign when nil) paused.
    case pause(OfferKey, campaignID: String?)
    case resume(OfferKey, campaignID: String?)
    /// Duplicates the platform offer, removes the external id from the copy, disables the original.
    case exclude(OfferKey, campaignID: String?)
    /// A copy of the platform offer without external id; the original untouched.
    case duplicate(OfferKey, campaignID: String?)
    /// Removes the external id from the platform offer: no longer the sync's.
    case detach(OfferKey, campaignID: String?)
    /// Syncs one source now, or every source when nil.
    case sync(sourceID: String?)
    case setCampaignEnabled(String, Bool)
    /// Pushes paused to all the campaign's placements, then turns it off.
    case retireCampaign(String)
    /// Archives the source (its offers are paused after the grace).
    case deleteSource(String)
    /// Plays the platform's hand in the local platform: disables (stops) the offer there.
    case platformDisable(offerID: Int)
    /// Plays the platform's hand in the local platform: deletes the offer there.
    case platformDelete(offerID: Int)

    /// A short name for messages ("pause cpalead:123").
    public var label: String {
        switch self {
        case .pause(let k, _): return "pause \(k)"
        case .resume(let k, _): return "resume \(k)"
        case .exclude(let k, _): return "exclude \(k)"
        case .duplicate(let k, _): return "duplicate \(k)"
        case .detach(let k, _): return "detach \(k)"
        case .sync(let s): return "sync " + (s ?? "all sources")
        case .setCampaignEnabled(let c, let on): return (on ? "enable " : "disable ") + c
        case .retireCampaign(let c): return "retire \(c)"
        case .deleteSource(let s): return "delete source \(s)"
        case .platformDisable(let id): return "disable platform offer \(id)"
        case .platformDelete(let id): return "delete platform offer \(id)"
        }
    }
}

/// A source or a campaign: what `e` edits and `i` shows the details of.
public enum EditTarget: Sendable, Hashable {
    case source(String)
    case campaign(String)

    public var label: String {
        switch self {
        case .source(let id): return "source \(id)"
        case .campaign(let id): return "campaign \(id)"
        }
    }
}

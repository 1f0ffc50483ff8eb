import Foundation

/// Decides whether a normalised offer can be pushed, giving every reason it cannot, in fixed wording
/// (the operator filters on these, tests compare them):
/// `no title`, `no tracking link`, `invalid tracking link`, `no preview link`, `no payout`,
/// `non-positive payout`, `unknown currency XYZ`, `negative payout for XX`.
public enum OfferValidity {
    public static func reasons(for offer: DemandOffer) -> [String] {
        var reasons: [String] = []
        if offer.title == nil { reasons.append("no title") }
        if let tracking = offer.trackingURL {
            if !isWebURL(tracking) { reasons.append("invalid tracking link") }
        } else {
            reasons.append("no tracking link")
        }
        if offer.previewURL == nil { reasons.append("no preview link") }
        if let amount = offer.payout.amount {
            if amount <= 0 { reasons.append("non-positive payout") }
        } else {
            reasons.append("no payout")
        }
        if let currency = offer.payout.currency, !ISO4217.codes.contains(currency) {
            reasons.append("unknown currency \(currency)")
        }
        for row in offer.countryPayouts where row.amount < 0 {
            reasons.append("negative payout for \(row.country)")
        }
        return reasons
    }

    /// An absolute `http` or `https` URL with a host.
    public static func isWebURL(_ text: String) -> Bool {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty else { return false }
        return true
    }
}

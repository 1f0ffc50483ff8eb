import CPAPIKit
import Foundation
import TUI

/// The details screen of one offer. Its first lines answer CPAPI's troubleshooting checklist
/// (valid? in feed? campaign on? status rule? excluded by hand, when?); then the offer as the
/// source sent it, the built tracking URL, each placement, the event history, the raw fields.
struct DetailsView {
    let key: OfferKey
    let details: OfferDetails?
    let scroll: Int
    /// The text `/` finds, highlighted wherever it occurs (empty: nothing).
    var find: String = ""

    /// Where `text` occurs in `line` (case-insensitive), as ranges of characters.
    static func matches(of text: String, in line: String) -> [Range<String.Index>] {
        guard !text.isEmpty else { return [] }
        var found: [Range<String.Index>] = []
        var rest = line.startIndex..<line.endIndex
        while let r = line.range(of: text, options: [.caseInsensitive, .diacriticInsensitive], range: rest) {
            found.append(r)
            guard r.upperBound < line.endIndex else { break }
            rest = r.upperBound..<line.endIndex
        }
        return found
    }

    /// The screen's text, one entry per line (lines are cut, not wrapped, to keep scrolling simple).
    static func lines(_ d: OfferDetails) -> [String] {
        let o = d.offer
        var out: [String] = []
        out.append("\(o.key) · \(o.title ?? "(no title)") · \(d.sourceTitle)")
        out.append("")
        out.append("Checklist")
        out.append("  valid?            " + (o.isValid ? "yes" : "no: " + o.invalidReasons.joined(separator: "; ")))
        out.append("  in feed?          " + (o.inFeed ? "yes" : "no, missing since \(Formatting.timestamp(o.missingSince))"))
        // One line per campaign whose scope covers the offer but that has not placed it, with the
        // rule that keeps it out and the values.
        let placed = Set(d.placements.map(\.placement.campaignID))
        let unplaced = d.campaignChecks.filter { !placed.contains($0.campaignID) }
        if d.placements.isEmpty && unplaced.isEmpty {
            out.append("  campaign?         no campaign's scope covers this offer (its source \(o.key.sourceID) or the offer itself)")
        }
        for check in unplaced { out.append("  campaign?         " + checkText(check, offer: o)) }
        for p in d.placements {
            let c = p.placement.campaignID
            let on = p.campaignDeleted ? "deleted" : (p.campaignEnabled ? "on" : "off (frozen)")
            out.append("  campaign \(c) on?  " + on)
            if let check = d.campaignChecks.first(where: { $0.campaignID == c }), !check.verdict.isMatch {
                out.append("    matches?        no: \(check.verdict.summary) (left as it is)")
            }
            out.append("    status rule     " + statusRule(p, offer: o))
            out.append("    excluded?       " + excludedText(p.placement))
        }
        out.append("")
        out.append("Offer")
        out.append("  payout            " + payoutText(o.payout))
        if !o.countryPayouts.isEmpty {
            out.append("  per country       " + o.countryPayouts.map { "\($0.country) \(OfferRow.twoDecimals($0.amount))" }.joined(separator: ", "))
        }
        out.append("  countries         " + (o.countries.isEmpty ? "any" : o.countries.joined(separator: " ")))
        out.append("  devices           " + (o.devices.isEmpty ? "any" : o.devices.joined(separator: " ")))
        if !o.categories.isEmpty { out.append("  categories        " + o.categories.joined(separator: ", ")) }
        if !o.caps.isEmpty {
            out.append(
                "  caps              " + o.caps.map { "\($0.type) \(Formatting.count(Int($0.value))) per \($0.period)" }.joined(separator: ", "))
        }
        out.append("  status at source  " + (o.statusAtSource ?? "—"))
        out.append("  tracking URL      " + (d.builtTrackingURL ?? o.trackingURL ?? "—"))
        out.append("  preview URL       " + (o.previewURL ?? "—"))
        out.append("  first seen        " + Formatting.timestamp(o.firstSeenAt))
        out.append("  updated           " + Formatting.timestamp(o.updatedAt))
        out.append("")
        if let reversals = d.reversals {
            out += OfferReversalLines.lines(reversals, currency: o.payout.currency)
            out.append("")
        }
        out.append("Placements")
        if d.placements.isEmpty { out.append("  none") }
        for p in d.placements {
            let pl = p.placement
            out.append("  \(pl.campaignID) (\(p.campaignTitle)): platform offer \(pl.platformOfferID.map(String.init) ?? "not created yet")")
            out.append("    state           " + pl.state.rawValue + (pl.reason.map { ": \($0)" } ?? ""))
            out.append("    platform status " + Self.platformStatus(pl))
            out.append("    last pushed     " + Formatting.timestamp(pl.lastPushedAt) + pushedText(pl.lastPushed))
            if let copy = pl.copyPlatformOfferID { out.append("    your copy       platform offer \(copy)") }
            if let error = pl.lastError { out.append("    last error      " + error) }
        }
        out.append("")
        out.append("Events")
        if d.events.isEmpty { out.append("  none yet") }
        for e in d.events {
            out.append("  \(Formatting.timestamp(e.at)) \(e.kind.rawValue)" + (e.campaignID.map { " [\($0)]" } ?? "") + ": \(e.message)")
        }
        out.append("")
        out.append("As the source sent it")
        out += prettyJSON(o.rawJSON).map { "  " + $0 }
        return out
    }

    /// Why a campaign whose scope covers the offer has not placed it: "us: countries BR not in US, CA".
    static func checkText(_ check: CampaignCheck, offer: DemandOffer) -> String {
        let id = check.campaignID
        switch check.verdict {
        case .outOfFilter: return "\(id): \(check.verdict.summary)"
        case .invalid, .notCovered: return "\(id): not placed: \(check.verdict.summary)"
        case .matches:
            if !check.enabled { return "\(id): matches, not placed: the campaign is off (it creates nothing while off)" }
            if !offer.inFeed { return "\(id): matches, not placed: not in the feed" }
            return "\(id): matches, not placed yet: the next sync creates it"
        }
    }

    static func statusRule(_ p: PlacementDetail, offer: DemandOffer) -> String {
        switch p.statusDefault {
        case .source: return "source: follows the source (\(offer.statusAtSource ?? "active"))"
        case .active: return "active: always active"
        case .paused: return "paused: always paused"
        case .disabled: return "disabled: always disabled (pushed by us, not an exclusion)"
        }
    }

    /// The platform's status as the last observe knew it: a drift from the push with when it was
    /// first seen, else the pushed status (the platform held exactly what was pushed).
    static func platformStatus(_ p: Placement) -> String {
        if let observed = p.lastObserved?.status {
            return observed.rawValue + " (differs from the push, seen \(Formatting.timestamp(p.lastObservedAt)))"
        }
        guard let pushed = p.lastPushed?.status else { return p.platformOfferID == nil ? "—" : "as the platform's default" }
        return pushed.rawValue + " (as pushed)"
    }

    static func excludedText(_ p: Placement) -> String {
        guard p.state == .excluded else { return p.state == .held ? "no (held by the operator)" : "no" }
        return "yes, \(Formatting.timestamp(p.excludedAt))" + (p.reason.map { ": \($0)" } ?? "")
    }

    static func payoutText(_ payout: Payout) -> String {
        guard let amount = payout.amount else { return "—" }
        return OfferRow.twoDecimals(amount) + (payout.currency.map { " \($0)" } ?? "") + (payout.model.map { " (\($0))" } ?? "")
    }

    static func pushedText(_ fields: PlatformOfferFields?) -> String {
        guard let fields else { return "" }
        var parts: [String] = []
        if let status = fields.status { parts.append("status \(status.rawValue)") }
        if let payment = fields.payments?.first {
            parts.append(
                "payout \(OfferRow.twoDecimals(payment.revenue)) \(payment.currency)"
                    + ((fields.payments?.count ?? 0) > 1 ? " +\((fields.payments?.count ?? 1) - 1)" : ""))
        }
        if fields.externalOfferID == "" { parts.append("external id removed") }
        return parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")"
    }

    static func prettyJSON(_ text: String) -> [String] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)),
            let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        else { return [text] }
        return String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    func render(in area: Rect, frame: inout Frame) {
        TextPageView(title: "Offer \(key)", lines: details.map(Self.lines), scroll: scroll, find: find).render(in: area, frame: &frame)
    }
}

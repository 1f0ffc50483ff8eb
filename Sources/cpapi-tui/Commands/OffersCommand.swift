import ArgumentParser
import CPAPIKit
import Foundation

/// `cpapi-tui offers`: the stored demand offers.
struct OffersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "offers",
        abstract: "List stored demand offers, by source and external id.",
        discussion: """
            --campaign lists the offers in a campaign's scope (its sources and single offers); the campaign's \
            filters are not applied here.

            --json prints {"offers": [{"key": "SOURCE:EXTERNAL_ID", "source", "external_id", "title", "description", \
            "preview_url", "tracking_url", "payout": {"amount", "currency", "model"}, "country_payouts": \
            [{"country", "amount"}], "countries", "devices", "categories", "status_at_source", "valid", \
            "invalid_reasons", "in_feed", "first_seen_at", "updated_at", "missing_since", "last_seen_at", \
            "content_hash", "placements": [PLACEMENT]}], "count": n}. Dates are ISO 8601 or null.

            PLACEMENT is one campaign's platform offer for the demand offer: {"campaign", "platform_offer_id", \
            "platform_status": "active"|"suspended"|"stopped"|null (as last read back or pushed), "state": \
            "pending"|"live"|"paused_missing"|"paused_source_gone"|"held"|"excluded", "out_of_filter" (no longer \
            passes the campaign's filters: left as it is), "reason", "last_error" (the last failed write, retried next \
            run), "last_pushed_at", "copy_platform_offer_id" (the operator's copy made by exclude), "workflow_step" \
            (how far an interrupted exclude got)}.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Only this source's offers.", valueName: "ID")) var source: String?
    @Option(help: ArgumentHelp("Only offers in this campaign's scope.", valueName: "ID")) var campaign: String?
    @Option(help: "At most this many offers.") var limit: Int?
    @Flag(help: "Print one JSON document.") var json = false

    func run() async throws {
        let store = try global.openWorkspace().store
        if let source, try store.source(id: source) == nil { throw CLIError("unknown source \"\(source)\"") }
        var scope: Scope = .all
        if let campaignID = campaign {
            guard let campaign = try store.campaign(id: campaignID) else { throw CLIError("unknown campaign \"\(campaignID)\"") }
            scope = .campaign(sources: Set(campaign.sources), offers: Set(campaign.offers))
        }
        let pages = OfferPages(store: store, sourceID: source, scope: scope, limit: limit)
        if json {
            // Streamed a page at a time: a workspace may hold 100k offers.
            Output.line("{\"offers\":[")
            var count = 0
            try pages.forEachPage { offers in
                let placements = try store.placements(for: offers.map(\.key))
                for offer in offers {
                    let item = Item(offer, placements: placements[offer.key] ?? [])
                    Output.line((count == 0 ? "" : ",") + (try JSONOutput.string(item, pretty: false)))
                    count += 1
                }
            }
            Output.line("],\"count\":\(count)}")
            return
        }
        var rows: [[String]] = []
        try pages.forEachPage { offers in
            let placements = try store.placements(for: offers.map(\.key))
            for offer in offers {
                let payout = offer.payout.amount.map { String(format: "%.2f", $0) + " " + (offer.payout.currency ?? "") } ?? "-"
                let state = !offer.inFeed ? "missing" : offer.isValid ? "ok" : "invalid"
                let placed = (placements[offer.key] ?? []).map { placement in
                    "\(placement.campaignID)=\(placement.state.rawValue)" + (placement.platformOfferID.map { "#\($0)" } ?? "")
                        + (placement.outOfFilter ? "(out of filter)" : "") + (placement.lastError != nil ? "(failing)" : "")
                }
                rows.append([
                    offer.key.description, state, payout,
                    offer.countries.prefix(6).joined(separator: ",")
                        + (offer.countries.count > 6 ? ",…" : ""), placed.isEmpty ? "-" : placed.joined(separator: " "),
                    offer.title ?? "-"
                ])
            }
        }
        guard !rows.isEmpty else {
            Output.line("No offers. Run `cpapi-tui sync --once` to fetch them.")
            return
        }
        Output.line(Output.table(["OFFER", "STATE", "PAYOUT", "COUNTRIES", "PLACEMENTS", "TITLE"], rows))
    }

    enum Scope {
        case all
        case campaign(sources: Set<String>, offers: Set<OfferKey>)

        func contains(_ offer: DemandOffer) -> Bool {
            switch self {
            case .all: return true
            case .campaign(let sources, let offers): return sources.contains(offer.key.sourceID) || offers.contains(offer.key)
            }
        }
    }

    /// Reads offers a page at a time in key order.
    struct OfferPages {
        let store: WorkspaceStore
        let sourceID: String?
        let scope: Scope
        let limit: Int?

        /// Calls `body` with each page of offers in scope (at most `limit` in all).
        func forEachPage(_ body: ([DemandOffer]) throws -> Void) throws {
            var after: OfferKey?
            var seen = 0
            while true {
                let page = try store.offers(sourceID: sourceID, after: after, limit: 1000)
                var chosen = page.filter(scope.contains)
                if let limit { chosen = Array(chosen.prefix(max(0, limit - seen))) }
                if !chosen.isEmpty { try body(chosen) }
                seen += chosen.count
                if let limit, seen >= limit { return }
                guard page.count == 1000, let last = page.last else { return }
                after = last.key
            }
        }
    }

    struct Item: Encodable {
        var key: String
        var source: String
        var externalId: String
        var title: Nullable<String>
        var description: Nullable<String>
        var previewUrl: Nullable<String>
        var trackingUrl: Nullable<String>
        var payout: PayoutItem
        var countryPayouts: [CountryPayout]
        var countries: [String]
        var devices: [String]
        var categories: [String]
        var statusAtSource: Nullable<String>
        var valid: Bool
        var invalidReasons: [String]
        var inFeed: Bool
        var firstSeenAt: Nullable<Date>
        var updatedAt: Nullable<Date>
        var missingSince: Nullable<Date>
        var lastSeenAt: Nullable<Date>
        var contentHash: String
        var placements: [JSONShapes.PlacementItem]

        init(_ offer: DemandOffer, placements: [Placement]) {
            self.placements = placements.map(JSONShapes.PlacementItem.init)
            key = offer.key.description; source = offer.key.sourceID; externalId = offer.key.externalID
            title = Nullable(offer.title); description = Nullable(offer.description)
            previewUrl = Nullable(offer.previewURL); trackingUrl = Nullable(offer.trackingURL)
            payout = PayoutItem(
                amount: Nullable(offer.payout.amount), currency: Nullable(offer.payout.currency),
                model: Nullable(offer.payout.model))
            countryPayouts = offer.countryPayouts; countries = offer.countries; devices = offer.devices
            categories = offer.categories; statusAtSource = Nullable(offer.statusAtSource); valid = offer.isValid
            invalidReasons = offer.invalidReasons; inFeed = offer.inFeed; firstSeenAt = Nullable(offer.firstSeenAt)
            updatedAt = Nullable(offer.updatedAt); missingSince = Nullable(offer.missingSince)
            lastSeenAt = Nullable(offer.lastSeenAt); contentHash = offer.contentHash
        }
    }

    struct PayoutItem: Encodable {
        var amount: Nullable<Double>
        var currency: Nullable<String>
        var model: Nullable<String>
    }
}

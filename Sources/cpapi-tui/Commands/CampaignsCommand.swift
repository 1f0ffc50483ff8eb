import ArgumentParser
import CPAPIKit
import Foundation

/// `cpapi-tui campaigns`: the campaigns and their settings.
struct CampaignsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "campaigns",
        abstract: "List the campaigns.",
        discussion: """
            --json prints {"campaigns": [{"id", "title", "enabled", "deleted_at", "sources": [id], \
            "offers": ["SOURCE:EXTERNAL_ID"], "defaults": {"advertiser", "privacy", "payout_percent", "status", \
            "categories", "redirect_type", "overcap", "geo_restriction"}, "filters": {"countries", "devices", \
            "currencies", "payout_min", "payout_max"}, "sync_rules": {"title"|"description"|"url"|"preview"|"payments"|\
            "status"|"caps"|"categories": "first_sync"|"always"|"disabled"}}]}; every field is listed in sync_rules.
            """)

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Include deleted campaigns.") var deleted = false
    @Flag(help: "Print one JSON document.") var json = false

    func run() async throws {
        let campaigns = try global.openWorkspace().store.campaigns(includeDeleted: deleted)
        if json {
            try JSONOutput.print(Document(campaigns: campaigns.map(Item.init)))
            return
        }
        guard !campaigns.isEmpty else {
            Output.line("No campaigns. Add [[campaigns]] to a config file and run `cpapi-tui apply FILE`.")
            return
        }
        let rows = campaigns.map { campaign -> [String] in
            let state = campaign.deletedAt != nil ? "deleted" : campaign.enabled ? "enabled" : "disabled"
            let scope = (campaign.sources + campaign.offers.map(\.description)).joined(separator: ",")
            let percent = campaign.defaults.payoutPercent
            return [
                campaign.id, state, scope.isEmpty ? "-" : scope,
                percent == percent.rounded() ? "\(Int(percent))%" : "\(percent)%",
                campaign.defaults.status.rawValue, campaign.title
            ]
        }
        Output.line(Output.table(["ID", "STATE", "SCOPE", "PAYOUT", "STATUS", "TITLE"], rows))
    }

    struct Document: Encodable { var campaigns: [Item] }

    struct Item: Encodable {
        var id: String
        var title: String
        var enabled: Bool
        var deletedAt: Nullable<Date>
        var sources: [String]
        var offers: [String]
        var defaults: Defaults
        var filters: Filters
        var syncRules: Rules

        init(_ campaign: Campaign) {
            id = campaign.id; title = campaign.title; enabled = campaign.enabled
            deletedAt = Nullable(campaign.deletedAt); sources = campaign.sources
            offers = campaign.offers.map(\.description)
            let d = campaign.defaults
            defaults = Defaults(
                advertiser: Nullable(d.advertiser), privacy: d.privacy.rawValue, payoutPercent: d.payoutPercent,
                status: d.status.rawValue, categories: d.categories, redirectType: Nullable(d.redirectType),
                overcap: Nullable(d.overcap), geoRestriction: Nullable(d.geoRestriction))
            let f = campaign.filters
            filters = Filters(
                countries: f.countries, devices: f.devices, currencies: f.currencies,
                payoutMin: Nullable(f.payoutMin), payoutMax: Nullable(f.payoutMax))
            syncRules = Rules(campaign)
        }
    }

    struct Defaults: Encodable {
        var advertiser: Nullable<String>
        var privacy: String
        var payoutPercent: Double
        var status: String
        var categories: [String]
        var redirectType: Nullable<String>
        var overcap: Nullable<Bool>
        var geoRestriction: Nullable<Bool>
    }

    struct Filters: Encodable {
        var countries: [String]
        var devices: [String]
        var currencies: [String]
        var payoutMin: Nullable<Double>
        var payoutMax: Nullable<Double>
    }

    /// Every field with its rule, `always` when the file does not name it.
    struct Rules: Encodable {
        let rules: [(String, String)]
        init(_ campaign: Campaign) { rules = SyncField.allCases.map { ($0.rawValue, campaign.rule(for: $0).rawValue) } }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            for (field, rule) in rules { try container.encode(rule, forKey: Key(stringValue: field)) }
        }

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }
    }
}

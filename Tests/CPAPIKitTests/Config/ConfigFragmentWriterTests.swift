import Foundation
import Testing
@testable import CPAPIKit

/// The console's `e` writes a stored source or campaign out as TOML and reads the edited text back
/// with the same parser as `apply`: what is written must read back to the same value.
@Suite struct ConfigFragmentWriterTests {
    @Test func sourceWrittenAsTOMLReadsBackTheSame() throws {
        let source = SourceConfig(
            id: "cpalead", title: "CPAlead \"main\"", baseURL: "https://www.cpalead.com", publisherID: "12345",
            apiKey: .environment("CPALEAD_API_KEY"), types: ["cpa", "cpi"], country: "US", devices: ["android", "ios"],
            offerwallOffers: true, limit: 4000, trackingParams: "subid={clickid}&subid2={pid}", incremental: true,
            fullEvery: 5400, pollInterval: 2700, jsonp: true)
        let text = ConfigFragmentWriter.toml(for: source)
        let config = try ConfigParser.parse(text: text, path: "fragment.toml")
        #expect(config.sources == [source], "\(text)")
    }

    @Test func campaignWrittenAsTOMLReadsBackTheSame() throws {
        let campaign = Campaign(
            id: "tier1", title: "Tier 1 installs", enabled: false, sources: ["cpalead"],
            offers: [OfferKey(sourceID: "cpalead", externalID: "18231")],
            defaults: CampaignDefaults(
                advertiser: "5a0c0f5e8a1b2c3d4e5f6a7b", privacy: .protected, payoutPercent: 72.5,
                status: .paused, categories: ["Games"], redirectType: "http302hidden",
                overcap: true, geoRestriction: false),
            filters: CampaignFilters(
                countries: ["CA", "US"], devices: ["android"], currencies: ["USD"],
                payoutMin: 0.1, payoutMax: 50),
            syncRules: [.description: .firstSync, .status: .disabled])
        let text = ConfigFragmentWriter.toml(for: campaign)
        let config = try ConfigParser.parse(text: text, path: "fragment.toml", knownSourceIDs: ["cpalead"])
        #expect(config.campaigns == [campaign], "\(text)")
    }

    @Test func keyKeptInAConfigFileIsNeverCopiedIntoTheFragment() {
        let source = SourceConfig(
            id: "s", baseURL: "https://a.example", publisherID: "1",
            apiKey: .configFile(path: "/etc/cpapi.toml", table: "sources.s"))
        let text = ConfigFragmentWriter.toml(for: source)
        #expect(!text.contains("api_key ="))
        #expect(text.contains("# api_key: kept in /etc/cpapi.toml [sources.s]"))
    }

    @Test func durationsAreWrittenInTheFilesUnits() {
        #expect(ConfigFragmentWriter.duration(5400) == "1h30m")
        #expect(ConfigFragmentWriter.duration(45) == "45s")
        #expect(ConfigFragmentWriter.duration(7200) == "2h")
        #expect(ConfigFragmentWriter.duration(3725) == "1h2m5s")
    }
}

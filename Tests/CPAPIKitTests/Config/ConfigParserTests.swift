import Testing
@testable import CPAPIKit

/// Every bad input is refused with the file, line, key and reason; all problems are reported together.
@Suite struct ConfigParserTests {
    static let valid = """
        [platform]
        kind = "affise"
        url = "https://api-example.affise.com"
        api_key_env = "AFFISE_API_KEY"

        [sync]
        poll_interval = "45m"
        missing_grace = "2h"
        max_missing_share = 0.5

        [[sources]]
        id = "cpalead"
        kind = "cpalead"
        title = "CPAlead"
        url = "https://www.cpalead.com"
        publisher_id = "12345"
        api_key_env = "CPALEAD_API_KEY"
        types = ["cpa", "cpi", "cpe"]
        tracking_params = "subid={clickid}&subid2={pid}"

        [[campaigns]]
        id = "tier1"
        title = "Tier 1 installs"
        enabled = true
        sources = ["cpalead"]
        offers = ["cpalead:18231"]
        [campaigns.defaults]
        advertiser = "5a0c0f5e8a1b2c3d4e5f6a7b"
        payout_percent = 70
        status = "source"
        privacy = "public"
        [campaigns.filters]
        countries = ["US", "CA"]
        devices = ["android", "ios"]
        currencies = ["USD"]
        payout_min = 0.1
        payout_max = 50
        [campaigns.sync_rules]
        description = "first_sync"
        """

    func issues(_ text: String, known: Set<String> = []) -> [ConfigIssue] {
        do {
            _ = try ConfigParser.parse(text: text, path: "/cfg/test.toml", displayPath: "test.toml", knownSourceIDs: known)
            return []
        } catch {
            return error.issues
        }
    }

    /// The single issue of `text`, checked for line, key and a part of the reason.
    func expectIssue(
        _ text: String, line: Int, key: String, reason: String, known: Set<String> = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let found = issues(text, known: known)
        #expect(found.count == 1, "\(found)", sourceLocation: sourceLocation)
        guard let issue = found.first else { return }
        #expect(issue.file == "test.toml", sourceLocation: sourceLocation)
        #expect(issue.line == line, "\(issue)", sourceLocation: sourceLocation)
        #expect(issue.key == key, "\(issue)", sourceLocation: sourceLocation)
        #expect(issue.reason.contains(reason), "\(issue)", sourceLocation: sourceLocation)
        #expect(issue.description.hasPrefix("test.toml:\(line): \(key): "), sourceLocation: sourceLocation)
    }

    @Test func theArchitectureExampleParses() throws {
        let config = try ConfigParser.parse(text: Self.valid, path: "/cfg/test.toml")
        #expect(
            config.platform
                == PlatformConfig(
                    kind: .affise, url: "https://api-example.affise.com",
                    apiKey: .environment("AFFISE_API_KEY")))
        #expect(config.sync == SyncSettings(pollInterval: 2700, missingGrace: 7200, maxMissingShare: 0.5))
        let source = try #require(config.sources.first)
        #expect(source.id == "cpalead" && source.publisherID == "12345" && source.types == ["cpa", "cpi", "cpe"])
        #expect(source.apiKey == .environment("CPALEAD_API_KEY") && source.trackingParams == "subid={clickid}&subid2={pid}")
        let campaign = try #require(config.campaigns.first)
        #expect(campaign.offers == [OfferKey(sourceID: "cpalead", externalID: "18231")])
        #expect(campaign.defaults.payoutPercent == 70 && campaign.defaults.advertiser == "5a0c0f5e8a1b2c3d4e5f6a7b")
        #expect(
            campaign.filters
                == CampaignFilters(
                    countries: ["US", "CA"], devices: ["android", "ios"],
                    currencies: ["USD"], payoutMin: 0.1, payoutMax: 50))
        #expect(campaign.rule(for: .description) == .firstSync && campaign.rule(for: .title) == .always)
    }

    @Test func syntaxErrorNamesItsLine() {
        let found = issues("[sync]\npoll_interval = \"45m\"\nmissing_grace = \n")
        #expect(found.count == 1 && found.first?.line == 3 && found.first?.key == "(syntax)")
    }

    @Test func unknownKeyIsRefused() {
        expectIssue(
            Self.valid.replacingOccurrences(of: "title = \"CPAlead\"", with: "title = \"CPAlead\"\ncolour = \"red\""),
            line: 15, key: "sources.cpalead.colour", reason: "unknown key")
    }

    @Test func unknownTopLevelTableIsRefused() {
        expectIssue("[platfrom]\nkind = \"local\"\n", line: 1, key: "platfrom", reason: "unknown key")
    }

    @Test func unknownKeyInCampaignSubtableIsRefused() {
        expectIssue(
            Self.valid.replacingOccurrences(of: "privacy = \"public\"", with: "privacy = \"public\"\npayout = 3"),
            line: 32, key: "campaigns.tier1.defaults.payout", reason: "unknown key")
    }

    @Test func wrongTypeIsRefused() {
        expectIssue(
            Self.valid.replacingOccurrences(of: "enabled = true", with: "enabled = \"yes\""),
            line: 24, key: "campaigns.tier1.enabled", reason: "expected true or false, got string")
    }

    @Test func badDurationIsRefused() {
        expectIssue(
            Self.valid.replacingOccurrences(of: "\"45m\"", with: "\"45 minutes\""),
            line: 7, key: "sync.poll_interval", reason: "not a duration")
    }

    @Test func bareNumberDurationIsRefused() {
        expectIssue(
            Self.valid.replacingOccurrences(of: "\"2h\"", with: "7200"),
            line: 8, key: "sync.missing_grace", reason: "expected a duration in quotes")
    }

    @Test func zeroDurationIsRefused() {
        expectIssue(
            Self.valid.replacingOccurrences(of: "\"2h\"", with: "\"0s\""),
            line: 8, key: "sync.missing_grace", reason: "zero")
    }

    @Test func duplicateSourceIDIsRefused() {
        let text = Self.valid.replacingOccurrences(
            of: "[[campaigns]]",
            with: """
                [[sources]]
                id = "cpalead"
                kind = "cpalead"
                url = "https://www.cpalead.com"
                publisher_id = "2"

                [[campaigns]]
                """)
        expectIssue(text, line: 22, key: "sources.cpalead.id", reason: "duplicate source id")
    }

    @Test func duplicateCampaignIDIsRefused() {
        let text = Self.valid + "\n[[campaigns]]\nid = \"tier1\"\n"
        expectIssue(text, line: 41, key: "campaigns.tier1.id", reason: "duplicate campaign id")
    }

    @Test func unknownSourceKindIsRefused() {
        expectIssue(
            Self.valid.replacingOccurrences(of: "kind = \"cpalead\"", with: "kind = \"everflow\""),
            line: 13, key: "sources.cpalead.kind", reason: "unknown value \"everflow\"")
    }

    @Test func unknownEnumValueIsRefused() {
        expectIssue(
            Self.valid.replacingOccurrences(of: "status = \"source\"", with: "status = \"live\""),
            line: 30, key: "campaigns.tier1.defaults.status", reason: "expected one of \"source\", \"active\", \"paused\", \"disabled\"")
        expectIssue(
            Self.valid.replacingOccurrences(of: "description = \"first_sync\"", with: "description = \"once\""),
            line: 39, key: "campaigns.tier1.sync_rules.description", reason: "unknown value \"once\"")
    }

    @Test func campaignNamingAnUnknownSourceIsRefused() {
        expectIssue(
            Self.valid.replacingOccurrences(of: "sources = [\"cpalead\"]", with: "sources = [\"cpalead\", \"adgate\"]"),
            line: 25, key: "campaigns.tier1.sources", reason: "unknown source \"adgate\"")
    }

    @Test func campaignMayNameASourceAlreadyInTheWorkspace() {
        let text = "[[campaigns]]\nid = \"c\"\nsources = [\"stored\"]\n"
        #expect(issues(text, known: ["stored"]).isEmpty)
        expectIssue(text, line: 3, key: "campaigns.c.sources", reason: "unknown source \"stored\"")
    }

    @Test func badOfferReferenceIsRefused() {
        expectIssue(
            Self.valid.replacingOccurrences(of: "\"cpalead:18231\"", with: "\"18231\""),
            line: 26, key: "campaigns.tier1.offers", reason: "SOURCE:EXTERNAL_ID")
        expectIssue(
            Self.valid.replacingOccurrences(of: "\"cpalead:18231\"", with: "\"other:18231\""),
            line: 26, key: "campaigns.tier1.offers", reason: "unknown source \"other\"")
    }

    @Test func missingRequiredSourceFieldsAreAllReported() {
        let found = issues("[[sources]]\nid = \"x\"\ntitle = \"X\"\n")
        #expect(
            found.map(\.reason) == [
                "missing required key \"kind\"", "missing required key \"url\"",
                "missing required key \"publisher_id\""
            ])
        #expect(found.allSatisfy { $0.line == 1 && $0.key == "sources.x" })
        expectIssue(
            "[[sources]]\nkind = \"cpalead\"\nurl = \"https://a.b\"\npublisher_id = \"1\"\n",
            line: 1, key: "sources[1]", reason: "missing required key \"id\"")
    }

    @Test func missingCampaignIDIsRefused() {
        expectIssue("[[campaigns]]\ntitle = \"t\"\n", line: 1, key: "campaigns[1]", reason: "missing required key \"id\"")
    }

    @Test func affisePlatformNeedsURLAndKey() {
        let found = issues("[platform]\nkind = \"affise\"\n")
        #expect(found.count == 2 && found.allSatisfy { $0.line == 1 && $0.key == "platform" })
        #expect(found.map(\.reason).joined().contains("needs url") && found.map(\.reason).joined().contains("needs api_key_env"))
    }

    @Test func bothKeyFormsAreRefused() {
        expectIssue(
            "[platform]\nkind = \"local\"\napi_key_env = \"A\"\napi_key = \"b\"\n",
            line: 4, key: "platform.api_key", reason: "not both")
    }

    @Test func outOfRangeNumbersAreRefused() {
        expectIssue(
            Self.valid.replacingOccurrences(of: "payout_percent = 70", with: "payout_percent = -5"),
            line: 29, key: "campaigns.tier1.defaults.payout_percent", reason: "negative")
        expectIssue(
            Self.valid.replacingOccurrences(of: "max_missing_share = 0.5", with: "max_missing_share = 0"),
            line: 9, key: "sync.max_missing_share", reason: "out of range")
        expectIssue(
            Self.valid.replacingOccurrences(of: "max_missing_share = 0.5", with: "max_missing_share = 1.5"),
            line: 9, key: "sync.max_missing_share", reason: "out of range")
        expectIssue(
            Self.valid.replacingOccurrences(of: "types = ", with: "limit = 6000\ntypes = "),
            line: 18, key: "sources.cpalead.limit", reason: "must be 1…5000")
        expectIssue(
            Self.valid.replacingOccurrences(of: "types = ", with: "limit = 0\ntypes = "),
            line: 18, key: "sources.cpalead.limit", reason: "must be 1…5000")
        expectIssue(
            Self.valid.replacingOccurrences(of: "payout_min = 0.1", with: "payout_min = 60"),
            line: 37, key: "campaigns.tier1.filters.payout_max", reason: "less than payout_min")
    }

    /// A number no operator means (`1e308`, TOML's `inf` and `nan`) never reaches the workspace: its
    /// affiliate share would overflow, and the push would store what the store cannot read back.
    @Test func absurdNumbersAreRefusedWhereTheyEnter() {
        for absurd in ["1e308", "1001", "inf", "nan", "-inf"] {
            expectIssue(
                Self.valid.replacingOccurrences(of: "payout_percent = 70", with: "payout_percent = \(absurd)"),
                line: 29, key: "campaigns.tier1.defaults.payout_percent",
                reason: absurd.hasSuffix("inf") || absurd == "nan" ? "not a finite number" : "out of range: must be 0…1000")
        }
        expectIssue(
            Self.valid.replacingOccurrences(of: "payout_max = 50", with: "payout_max = 1e308"),
            line: 37, key: "campaigns.tier1.filters.payout_max", reason: "out of range: must be at most 1000000")
        expectIssue(
            Self.valid.replacingOccurrences(of: "max_missing_share = 0.5", with: "max_missing_share = nan"),
            line: 9, key: "sync.max_missing_share", reason: "not a finite number")
    }

    @Test func badURLIsRefused() {
        expectIssue(
            Self.valid.replacingOccurrences(of: "\"https://www.cpalead.com\"", with: "\"www.cpalead.com\""),
            line: 15, key: "sources.cpalead.url", reason: "not an http(s) URL")
    }

    @Test func everyProblemIsReportedInFileOrder() {
        let text = Self.valid
            .replacingOccurrences(of: "\"45m\"", with: "\"soon\"")
            .replacingOccurrences(of: "status = \"source\"", with: "status = \"live\"")
            .replacingOccurrences(of: "kind = \"cpalead\"", with: "kind = \"x\"")
        let found = issues(text)
        #expect(found.map(\.line) == [7, 13, 30])
    }

    @Test func linesAreFoundPastMultilineArraysAndStrings() {
        let text = """
            [[sources]]
            id = "a"
            types = [
              "cpa",   # comment with = sign
              "cpi",
            ]
            tracking_params = \"\"\"
            kind = "not a key"
            \"\"\"
            url = "https://a.example"
            publisher_id = "1"
            kind = "nope"
            """
        expectIssue(text, line: 12, key: "sources.a.kind", reason: "unknown value \"nope\"")
    }

    @Test func secondArrayElementGetsItsOwnLines() {
        let text = """
            [[sources]]
            id = "a"
            kind = "cpalead"
            url = "https://a.example"
            publisher_id = "1"

            [[sources]]
            id = "b"
            kind = "cpalead"
            url = "https://b.example"
            publisher_id = "2"
            limit = 9000
            """
        expectIssue(text, line: 12, key: "sources.b.limit", reason: "out of range")
    }

    @Test func inlineKeyIsReferencedNotCopied() throws {
        let config = try ConfigParser.parse(
            text: "[platform]\nkind = \"affise\"\nurl = \"https://a.example\"\napi_key = \"s3cret\"\n",
            path: "/cfg/test.toml")
        #expect(config.platform?.apiKey == .configFile(path: "/cfg/test.toml", table: "platform"))
        #expect(!"\(config)".contains("s3cret"))
    }

    @Test func sourceDefaultsApply() throws {
        let config = try ConfigParser.parse(
            text: """
                [[sources]]
                id = "a"
                kind = "cpalead"
                url = "http://127.0.0.1:8080"
                publisher_id = 77
                incremental = true
                full_every = "3h"
                country = "us"
                """, path: "/x.toml")
        let source = try #require(config.sources.first)
        #expect(source.publisherID == "77" && source.title == "a" && source.incremental && source.fullEvery == 10800)
        #expect(source.country == "US" && source.limit == nil && source.effectiveLimit == 5000)
    }

    // MARK: - Issue #19: keys in api_key_env, and lines that were "?"

    @Test func aKeyPastedIntoApiKeyEnvIsRefusedWithoutBeingEchoed() {
        let source = "[[sources]]\nid = \"a\"\nkind = \"cpalead\"\nurl = \"http://x.test\"\npublisher_id = \"1\"\n"
        for key in ["sk-live-4f3e2d1c", "4f3e2d1c0b9a", "KÉY", "two words"] {
            let text = source + "api_key_env = \"\(key)\"\n"
            expectIssue(
                text, line: 6, key: "sources.a.api_key_env",
                reason: "not a variable name (it looks like a key: put the key in the environment and name the variable here)")
            #expect(!issues(text).map(\.description).joined().contains(key))
        }
        #expect(issues(source + "api_key_env = \"CPALEAD_KEY_2\"\n").isEmpty)
    }

    @Test func anInlineArrayOfTablesGivesTheArraysLine() {
        expectIssue(
            "# sources inline\nsources = [\n  { id = \"a\", kind = \"nope\", url = \"http://x.test\", publisher_id = \"1\" },\n]\n",
            line: 2, key: "sources.a.kind", reason: "nope")
    }

    @Test func aTableDefinedByDottedKeysHasTheirLine() {
        let found = issues("# platform by dotted keys\nplatform.kind = \"affise\"\n")
        #expect(!found.isEmpty && found.allSatisfy { $0.line == 2 }, "\(found)")
    }

    @Test func anEscapedQuoteBeforeABracketDoesNotHideTheLinesAfterIt() {
        let text = "[[sources]]\nid = \"a\"\ntitle = \"say \\\" [hi\"\nkind = \"cpalead\"\nurl = \"ftp://x\"\npublisher_id = \"1\"\n"
        expectIssue(text, line: 5, key: "sources.a.url", reason: "not an http(s) URL")
    }

    @Test func uiThemeIsOneOfTheThemesAndABadOneNamesItsLine() throws {
        let config = try ConfigParser.parse(text: "[ui]\ntheme = \"high-contrast\"\n", path: "/cfg/test.toml")
        #expect(config.ui == UISettings(theme: .highContrast))
        #expect(try ConfigParser.parse(text: "[sync]\n", path: "/cfg/test.toml").ui == nil, "left out: the stored one stays")
        expectIssue(
            "[sync]\npoll_interval = \"45m\"\n\n[ui]\ntheme = \"neon\"\n", line: 5, key: "ui.theme",
            reason: "unknown value \"neon\"; expected one of \"default\", \"light\", \"high-contrast\", \"mono\"")
        expectIssue("[ui]\ncolour = \"red\"\n", line: 2, key: "ui.colour", reason: "unknown key")
    }
}

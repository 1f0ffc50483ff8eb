import Foundation
import TOMLKit

/// Parses and validates a config file (ARCHITECTURE.md's TOML) into a `WorkspaceConfig`.
/// Every problem is collected and reported together as `FILE:LINE: key: reason`.
public enum ConfigParser {
    /// Reads and parses the file at `path`.
    /// - Parameter knownSourceIDs: sources already in the workspace, which campaigns may name besides the file's.
    public static func load(path: String, knownSourceIDs: Set<String> = []) throws(ConfigError) -> WorkspaceConfig {
        let absolutePath = absolute(path)
        let text: String
        do {
            text = try String(contentsOfFile: absolutePath, encoding: .utf8)
        } catch {
            throw ConfigError(issues: [
                ConfigIssue(
                    file: path, line: nil, key: "(file)",
                    reason: "cannot read it: \(error.localizedDescription)")
            ])
        }
        return try parse(text: text, path: absolutePath, displayPath: path, knownSourceIDs: knownSourceIDs)
    }

    /// Parses config text. `path` is what secrets stored as `SecretRef.configFile` point at;
    /// `displayPath` is what errors name (the path as the operator typed it).
    public static func parse(
        text: String, path: String, displayPath: String? = nil,
        knownSourceIDs: Set<String> = []
    ) throws(ConfigError) -> WorkspaceConfig {
        let file = displayPath ?? path
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigError(issues: [
                ConfigIssue(
                    file: file, line: error.source.begin.line, key: "(syntax)",
                    reason: error.description)
            ])
        } catch {
            throw ConfigError(issues: [ConfigIssue(file: file, line: nil, key: "(syntax)", reason: "\(error)")])
        }
        let issues = ConfigIssueCollector(file: file, text: text)
        let config = withExtendedLifetime(root) {
            ConfigParser.read(root: root, path: path, issues: issues, knownSourceIDs: knownSourceIDs)
        }
        guard issues.issues.isEmpty else { throw ConfigError(issues: issues.sorted) }
        return config
    }

    // MARK: - Tables

    private static func read(
        root: TOMLTable, path: String, issues: ConfigIssueCollector,
        knownSourceIDs: Set<String>
    ) -> WorkspaceConfig {
        let reader = ConfigTableReader(table: root, path: [], display: "", issues: issues)
        var config = WorkspaceConfig(path: path)
        if let platform = reader.subtable("platform") {
            config.platform = readPlatform(platform, path: path)
        }
        if let sync = reader.subtable("sync") {
            config.sync = readSync(sync)
        }
        if let ui = reader.subtable("ui") {
            config.ui = readUI(ui)
        }
        var sourceIDs: [String: Int] = [:]
        let sourceTables = arrayOfTables(reader, "sources")
        for (index, table) in sourceTables.enumerated() {
            guard let source = readSource(table, index: index, path: path) else { continue }
            if sourceIDs[source.id] != nil {
                table.report("id", "duplicate source id \"\(source.id)\" (also source \(sourceIDs[source.id]! + 1) of this file)")
                continue
            }
            sourceIDs[source.id] = index
            config.sources.append(source)
        }
        // A source of this file with problems of its own still counts as named: one mistake, one error.
        let known = knownSourceIDs.union(sourceTables.compactMap { $0.table["id"]?.string })
        var campaignIDs: [String: Int] = [:]
        for (index, table) in arrayOfTables(reader, "campaigns").enumerated() {
            guard let campaign = readCampaign(table, index: index, knownSources: known) else { continue }
            if campaignIDs[campaign.id] != nil {
                table.report("id", "duplicate campaign id \"\(campaign.id)\" (also campaign \(campaignIDs[campaign.id]! + 1) of this file)")
                continue
            }
            campaignIDs[campaign.id] = index
            config.campaigns.append(campaign)
        }
        reader.rejectUnknownKeys()
        return config
    }

    /// `[[name]]`: each element as a reader table `name[index]` until its id is known.
    private static func arrayOfTables(_ reader: ConfigTableReader, _ name: String) -> [ConfigTableReader] {
        reader.markAsked(name)
        guard let value = reader.table[name] else { return [] }
        guard let array = value.array else {
            reader.report(name, "expected [[\(name)]] tables, got \(value.type.description)")
            return []
        }
        var tables: [ConfigTableReader] = []
        for (index, element) in array.enumerated() {
            guard let table = element.table else {
                reader.report(name, "item \(index + 1) must be a table, got \(element.type.description)")
                continue
            }
            tables.append(
                ConfigTableReader(
                    table: table, path: [name + "[\(index)]"],
                    display: "\(name)[\(index + 1)]", issues: reader.issues))
        }
        return tables
    }

    private static func readPlatform(_ table: ConfigTableReader, path: String) -> PlatformConfig {
        var platform = PlatformConfig()
        if let kind = table.choice("kind", PlatformKind.self) { platform.kind = kind }
        platform.url = table.string("url")
        if let url = platform.url, let problem = urlProblem(url) { table.report("url", problem) }
        platform.apiKey = readSecret(table, tableName: "platform", path: path)
        if let concurrency = table.integer("concurrency", in: 1...64) { platform.concurrency = concurrency }
        if platform.kind == .affise {
            if platform.url == nil && !table.has("url") { table.report(nil, "kind \"affise\" needs url (the Admin API's base URL)") }
            if platform.apiKey == nil && !table.has("api_key") && !table.has("api_key_env") {
                table.report(nil, "kind \"affise\" needs api_key_env (or api_key)")
            }
        }
        table.rejectUnknownKeys()
        return platform
    }

    private static func readSync(_ table: ConfigTableReader) -> SyncSettings {
        var settings = SyncSettings()
        if let poll = table.duration("poll_interval") { settings.pollInterval = poll }
        if let grace = table.duration("missing_grace") { settings.missingGrace = grace }
        if let share = table.number(
            "max_missing_share", check: { $0 > 0 && $0 <= 1 ? nil : "\(format($0)) is out of range: must be more than 0 and at most 1" })
        {
            settings.maxMissingShare = share
        }
        if let concurrency = table.integer("source_concurrency", in: 1...64) { settings.sourceConcurrency = concurrency }
        if let timeout = table.duration("request_timeout") { settings.requestTimeout = timeout }
        if let deadline = table.duration("fetch_deadline") { settings.fetchDeadline = deadline }
        table.rejectUnknownKeys()
        return settings
    }

    private static func readUI(_ table: ConfigTableReader) -> UISettings {
        var settings = UISettings()
        if let theme = table.choice("theme", UITheme.self) { settings.theme = theme }
        table.rejectUnknownKeys()
        return settings
    }

    private static let cpaleadTypes: Set<String> = ["cpa", "cpi", "cpe", "cpr"]
    private static let cpaleadDevices: Set<String> = ["ios", "android", "mobile", "desktop"]

    private static func readSource(_ table: ConfigTableReader, index: Int, path: String) -> SourceConfig? {
        let id = table.string("id", required: true)
        if let id, let problem = idProblem(id) { table.report("id", problem) }
        if let id { table.display = "sources.\(id)" }
        let kind = table.choice("kind", SourceKind.self, required: true)
        let title = table.string("title")
        let url = table.string("url", required: true)
        if let url, let problem = urlProblem(url) { table.report("url", problem) }
        let publisherID = table.stringOrInteger("publisher_id", required: true)
        let apiKey = readSecret(table, tableName: "sources.\(id ?? "?")", path: path)
        let types = table.stringArray("types")?.map { $0.lowercased() } ?? []
        for type in types where !cpaleadTypes.contains(type) {
            table.report("types", "unknown offer type \"\(type)\"; expected some of \(cpaleadTypes.sorted().joined(separator: ", "))")
        }
        let country = table.string("country")
        if let country, !(country == "user" || (country.count == 2 && country.allSatisfy(\.isLetter))) {
            table.report("country", "\"\(country)\" is not a two-letter country code (or \"user\")")
        }
        let devices = table.stringArray("devices")?.map { $0.lowercased() } ?? []
        for device in devices where !cpaleadDevices.contains(device) {
            table.report("devices", "unknown device \"\(device)\"; expected some of \(cpaleadDevices.sorted().joined(separator: ", "))")
        }
        let offerwall = table.bool("offerwall_offers")
        let limit = table.integer("limit", in: 1...SourceConfig.defaultLimit)
        let trackingParams = table.string("tracking_params")
        let incremental = table.bool("incremental") ?? false
        let fullEvery = table.duration("full_every") ?? SourceConfig.defaultFullEvery
        let pollInterval = table.duration("poll_interval")
        let requestTimeout = table.duration("request_timeout"), fetchDeadline = table.duration("fetch_deadline")
        let jsonp = table.bool("jsonp") ?? false
        table.rejectUnknownKeys()
        guard let id, let kind, let url, let publisherID else { return nil }
        return SourceConfig(
            id: id, kind: kind, title: title, baseURL: url, publisherID: publisherID, apiKey: apiKey,
            types: types, country: country?.uppercased() == "USER" ? "user" : country?.uppercased(),
            devices: devices, offerwallOffers: offerwall, limit: limit, trackingParams: trackingParams,
            incremental: incremental, fullEvery: fullEvery, pollInterval: pollInterval, jsonp: jsonp,
            requestTimeout: requestTimeout, fetchDeadline: fetchDeadline)
    }

    private static func readCampaign(_ table: ConfigTableReader, index: Int, knownSources: Set<String>) -> Campaign? {
        let id = table.string("id", required: true)
        if let id, let problem = idProblem(id) { table.report("id", problem) }
        if let id { table.display = "campaigns.\(id)" }
        var campaign = Campaign(id: id ?? "")
        if let title = table.string("title") { campaign.title = title }
        if let enabled = table.bool("enabled") { campaign.enabled = enabled }
        let sources = table.stringArray("sources") ?? []
        for source in sources where !knownSources.contains(source) {
            table.report("sources", "unknown source \"\(source)\" (not in this file nor in the workspace)")
        }
        campaign.sources = sources
        for text in table.stringArray("offers") ?? [] {
            guard let key = OfferKey(parsing: text) else {
                table.report("offers", "\"\(text)\" is not an offer reference; write SOURCE:EXTERNAL_ID such as \"cpalead:18231\"")
                continue
            }
            if !knownSources.contains(key.sourceID) {
                table.report("offers", "\"\(text)\" names unknown source \"\(key.sourceID)\" (not in this file nor in the workspace)")
            }
            campaign.offers.append(key)
        }
        if let defaults = table.subtable("defaults") { campaign.defaults = readDefaults(defaults) }
        if let filters = table.subtable("filters") { campaign.filters = readFilters(filters) }
        if let rules = table.subtable("sync_rules") { campaign.syncRules = readSyncRules(rules) }
        table.rejectUnknownKeys()
        guard let id else { return nil }
        if campaign.title.isEmpty { campaign.title = id }
        return campaign
    }

    private static let redirectTypes = ["http302", "http302hidden", "js", "meta"]

    private static func readDefaults(_ table: ConfigTableReader) -> CampaignDefaults {
        var defaults = CampaignDefaults()
        defaults.advertiser = table.string("advertiser")
        if let percent = table.number(
            "payout_percent",
            check: {
                $0 < 0
                    ? "\(format($0)) is negative: must be 0 or more"
                    : $0 > Payout.maximumPercent
                        ? "\(format($0)) is out of range: must be 0…\(format(Payout.maximumPercent)) (percent of the advertiser's payout)" : nil
            })
        {
            defaults.payoutPercent = percent
        }
        if let status = table.choice("status", StatusDefault.self) { defaults.status = status }
        if let privacy = table.choice("privacy", Privacy.self) { defaults.privacy = privacy }
        defaults.categories = table.stringArray("categories") ?? []
        if let redirect = table.string("redirect_type") {
            if redirectTypes.contains(redirect) {
                defaults.redirectType = redirect
            } else {
                table.report(
                    "redirect_type", "unknown value \"\(redirect)\"; expected one of \(redirectTypes.map { "\"\($0)\"" }.joined(separator: ", "))")
            }
        }
        defaults.overcap = table.bool("overcap")
        defaults.geoRestriction = table.bool("geo_restriction")
        table.rejectUnknownKeys()
        return defaults
    }

    private static func readFilters(_ table: ConfigTableReader) -> CampaignFilters {
        var filters = CampaignFilters()
        filters.countries = (table.stringArray("countries") ?? []).map { $0.uppercased() }
        for country in filters.countries where !(country.count == 2 && country.allSatisfy(\.isLetter)) {
            table.report("countries", "\"\(country)\" is not a two-letter country code")
        }
        filters.devices = (table.stringArray("devices") ?? []).map { $0.lowercased() }
        filters.currencies = (table.stringArray("currencies") ?? []).map { $0.uppercased() }
        for currency in filters.currencies where !(currency.count == 3 && currency.allSatisfy(\.isLetter)) {
            table.report("currencies", "\"\(currency)\" is not a three-letter currency code")
        }
        let nonNegative: (Double) -> String? = {
            $0 < 0
                ? "\(format($0)) is negative: must be 0 or more"
                : $0 > Payout.maximumAmount ? "\(format($0)) is out of range: must be at most \(format(Payout.maximumAmount))" : nil
        }
        filters.payoutMin = table.number("payout_min", check: nonNegative)
        filters.payoutMax = table.number("payout_max", check: nonNegative)
        if let low = filters.payoutMin, let high = filters.payoutMax, low > high {
            table.report("payout_max", "\(format(high)) is less than payout_min \(format(low))")
        }
        table.rejectUnknownKeys()
        return filters
    }

    private static func readSyncRules(_ table: ConfigTableReader) -> [SyncField: SyncRule] {
        var rules: [SyncField: SyncRule] = [:]
        for field in SyncField.allCases {
            if let rule = table.choice(field.rawValue, SyncRule.self) { rules[field] = rule }
        }
        table.rejectUnknownKeys()
        return rules
    }

    /// `api_key_env = "NAME"` → the variable's name; `api_key = "…"` → a reference to this file's table.
    private static func readSecret(_ table: ConfigTableReader, tableName: String, path: String) -> SecretRef? {
        let environment = table.string("api_key_env")
        let inline = table.string("api_key")
        if table.has("api_key_env") && table.has("api_key") {
            table.report("api_key", "give api_key_env or api_key, not both")
            return nil
        }
        if let environment {
            // A key pasted here by mistake would be stored and listed: refused, and never echoed.
            guard SecretRef.isVariableName(environment) else {
                table.report(
                    "api_key_env",
                    "not a variable name (it looks like a key: put the key in the environment "
                        + "and name the variable here)")
                return nil
            }
            return .environment(environment)
        }
        if inline != nil { return .configFile(path: path, table: tableName) }
        return nil
    }

    // MARK: - Checks

    /// Ids are slugs: they appear in offer references (`source:id`), file names and URLs.
    private static func idProblem(_ id: String) -> String? {
        let allowed = id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }
        return allowed ? nil : "\"\(id)\" is not a valid id: use letters, digits, \"-\", \"_\" and \".\""
    }

    private static func urlProblem(_ text: String) -> String? {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
            let host = url.host, !host.isEmpty
        else {
            return "\"\(text)\" is not an http(s) URL"
        }
        return nil
    }

    private static func format(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }

    static func absolute(_ path: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return (expanded as NSString).standardizingPath }
        return ((FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(expanded) as NSString).standardizingPath
    }
}

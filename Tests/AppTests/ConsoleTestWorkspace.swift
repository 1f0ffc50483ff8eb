import CPAPIKit
import Foundation
@testable import Console

/// An in-memory workspace for the console's screen tests: it answers reads from its own tables,
/// carries out actions on them the way the kit's workflows do (placement states, copies), and
/// counts every change so the console's change polling sees it.
final class ConsoleTestWorkspace: ConsoleDataSource, ConsoleActions, @unchecked Sendable {
    private let lock = NSLock()
    private var sources: [SourceRow]
    private var campaigns: [(row: CampaignRow, status: StatusDefault)]
    private var offers: [OfferRow]
    private var events: [SyncEvent] = []
    private var platform: [Int: PlatformOffer] = [:]
    private var token = 1
    private var nextPlatformID = 900
    private(set) var performed: [OperatorAction] = []
    private(set) var applied: [String] = []
    var fragments: [EditTarget: String] = [:]
    /// `apply` refuses fragments containing this text, with this error.
    var refuse: (text: String, error: String)?
    var schedulerAnswer: SchedulerStart = .running
    /// `[ui]` as the snapshot reports it.
    var ui = UISettings()
    /// The campaigns (with scope and filters) the details check each offer against.
    var checkedCampaigns: [Campaign] = []
    /// What `i` shows for a source or a campaign (absent: no longer stored).
    var subjects: [EditTarget: SubjectDetails] = [:]
    private var progress: (@Sendable (SchedulerEvent) -> Void)?
    let now = Date(timeIntervalSince1970: 1_700_000_000)

    init(sources: [SourceRow], campaigns: [CampaignRow], offers: [OfferRow]) {
        self.sources = sources
        self.campaigns = campaigns.map { ($0, .source) }
        self.offers = offers
        for (i, offer) in offers.enumerated() {
            for p in offer.placements {
                if let id = p.platformOfferID {
                    platform[id] = PlatformOffer(
                        id: id,
                        fields: PlatformOfferFields(
                            title: offer.title, externalOfferID: offer.key.description,
                            status: p.platformStatus))
                }
            }
            _ = i
        }
    }

    /// Three sources, two campaigns, `count` offers per source; offers of `games` are only in `all`.
    static func standard(count: Int = 20) -> ConsoleTestWorkspace {
        let titles = [
            "Solitaire Deluxe", "Coin Master Bonus", "Survey Giant", "Raid Legends", "Fitness Pro", "Word Trip",
            "Bingo Blitz", "Cash App Signup", "Match Masters", "Sleep Tracker"
        ]
        var offers: [OfferRow] = []
        var platformID = 100
        for (s, source) in ["apps", "games", "surveys"].enumerated() {
            for i in 0..<count {
                let id = 1000 * (s + 1) + i
                platformID += 1
                var placements = [PlacementBrief(campaignID: "all", state: .live, platformOfferID: platformID, platformStatus: .active)]
                if source != "games" && i % 2 == 0 {
                    platformID += 1
                    placements.append(PlacementBrief(campaignID: "tier1", state: .live, platformOfferID: platformID, platformStatus: .active))
                }
                offers.append(
                    OfferRow(
                        key: OfferKey(sourceID: source, externalID: String(id)), title: titles[i % titles.count] + " \(id)",
                        payout: Double(i) * 0.75 + Double(s), currency: "USD", countries: i % 3 == 0 ? ["US", "CA"] : ["DE", "FR", "GB"],
                        devices: ["android"], isValid: i != 7, inFeed: i != 5, placements: placements))
            }
        }
        return ConsoleTestWorkspace(
            sources: [
                SourceRow(id: "apps", title: "Apps", offerCount: count, lastUpdate: Date(timeIntervalSince1970: 1_699_999_940)),
                SourceRow(id: "games", title: "Games", status: .invalid, offerCount: count, invalidReason: "HTTP 503 from the API"),
                SourceRow(id: "surveys", title: "Surveys", offerCount: count, lastUpdate: Date(timeIntervalSince1970: 1_699_999_000))
            ],
            campaigns: [
                CampaignRow(id: "all", title: "Everything", enabled: true, matched: 3 * count, live: 3 * count),
                CampaignRow(id: "tier1", title: "Tier 1", enabled: true, matched: count, live: count)
            ],
            offers: offers)
    }

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// Changes the data as a sync would (and bumps the change counter).
    func mutate(_ body: (inout [OfferRow], inout [SourceRow], inout [SyncEvent]) -> Void) {
        locked {
            body(&offers, &sources, &events)
            token += 1
        }
    }

    func emit(_ event: SchedulerEvent) { locked { progress }?(event) }

    // MARK: ConsoleDataSource

    /// While closed, a read of every offer waits (a first page does not): a test sees the console
    /// between its first page and the rest.
    let fullReads = Gate(open: true)

    /// Every snapshot read, by its offer limit (nil: every offer).
    private(set) var snapshotReads: [Int?] = []
    /// How many times the change counter was read.
    private(set) var tokenReads = 0

    func snapshot(offerLimit: Int?) async throws -> ConsoleSnapshot {
        if offerLimit == nil { await fullReads.wait() }
        return locked {
            snapshotReads.append(offerLimit)
            let shown = offerLimit.map { Array(offers.prefix($0)) } ?? offers
            let complete = shown.count == offers.count
            return ConsoleSnapshot(
                workspace: "test", platform: PlatformConfig(kind: .local), sources: sources,
                campaigns: campaigns.map { c in
                    var row = c.row
                    row.countsPending = !complete  // a first page leaves them to the full read
                    return row
                },
                offers: shown, offerTotal: offers.count, offersComplete: complete, events: events.reversed(),
                nextRunAt: now.addingTimeInterval(14), ui: ui)
        }
    }

    func offerDetails(_ key: OfferKey) async throws -> OfferDetails? {
        locked {
            guard let row = offers.first(where: { $0.key == key }) else { return nil }
            let offer = DemandOffer(
                key: key, title: row.title, previewURL: "https://example.com/preview/\(key.externalID)",
                trackingURL: "https://example.com/click?o=\(key.externalID)",
                payout: Payout(amount: row.payout, currency: row.currency, model: "CPI"),
                countryPayouts: row.countries.map { CountryPayout(country: $0, amount: (row.payout ?? 0) + 0.5) },
                countries: row.countries, devices: row.devices, statusAtSource: "active",
                rawJSON: "{\"id\":\"\(key.externalID)\",\"amount\":\(row.payout ?? 0)}",
                invalidReasons: row.isValid ? [] : ["no tracking URL"],
                missingSince: row.inFeed ? nil : now.addingTimeInterval(-600))
            let placements = row.placements.map { p in
                PlacementDetail(
                    placement: Placement(
                        campaignID: p.campaignID, offerKey: key, platformOfferID: p.platformOfferID,
                        state: p.state, lastObserved: PlatformOfferFields(status: p.platformStatus),
                        reason: p.state == .excluded ? "disabled by hand in the platform" : nil,
                        excludedAt: p.state == .excluded ? now : nil),
                    campaignTitle: campaigns.first { $0.row.id == p.campaignID }?.row.title ?? p.campaignID,
                    campaignEnabled: p.campaignEnabled, statusDefault: .source)
            }
            return OfferDetails(
                offer: offer, sourceTitle: sources.first { $0.id == key.sourceID }?.title ?? key.sourceID,
                builtTrackingURL: "https://example.com/click?o=\(key.externalID)&subid={clickid}",
                placements: placements, events: events.filter { $0.offerExternalID == key.externalID },
                campaignChecks: CampaignCheck.all(offer, campaigns: checkedCampaigns))
        }
    }

    func subjectDetails(_ subject: EditTarget) async throws -> SubjectDetails? {
        locked { subjects[subject] }
    }

    func changeToken() async throws -> Int {
        locked {
            tokenReads += 1
            return token
        }
    }

    func localPlatformOffers() async throws -> [PlatformOfferRow]? {
        locked {
            var madeBy: [Int: (OfferKey, String)] = [:]
            for offer in offers {
                for p in offer.placements { if let id = p.platformOfferID { madeBy[id] = (offer.key, p.campaignID) } }
            }
            return platform.values.sorted { $0.id < $1.id }.map { o in
                PlatformOfferRow(
                    id: o.id, externalOfferID: o.externalOfferID, title: o.fields.title ?? "", status: o.status,
                    offer: madeBy[o.id]?.0, campaignID: madeBy[o.id]?.1)
            }
        }
    }

    // MARK: ConsoleActions

    func perform(_ action: OperatorAction) async throws -> String {
        try locked {
            performed.append(action)
            token += 1
            switch action {
            case .pause(let key, let campaign):
                setState(key, campaign, .held)
                return "paused \(key)"
            case .resume(let key, let campaign):
                setState(key, campaign, .live)
                return "resumed \(key)"
            case .exclude(let key, let campaign):
                setState(key, campaign, .excluded)
                nextPlatformID += 1
                return "excluded \(key); your copy is platform offer \(nextPlatformID)"
            case .duplicate(let key, _):
                nextPlatformID += 1
                return "duplicated \(key) as platform offer \(nextPlatformID)"
            case .detach(let key, let campaign):
                setState(key, campaign, .excluded)
                return "detached \(key)"
            case .sync(let source):
                return "sync of \(source ?? "every source") started"
            case .setCampaignEnabled(let id, let on):
                guard let i = campaigns.firstIndex(where: { $0.row.id == id }) else { throw ConsoleFailure("no campaign \(id)") }
                campaigns[i].row.enabled = on
                for o in offers.indices {
                    for p in offers[o].placements.indices where offers[o].placements[p].campaignID == id {
                        offers[o].placements[p].campaignEnabled = on
                    }
                }
                return "campaign \(id) is \(on ? "on" : "off")"
            case .retireCampaign(let id):
                guard let i = campaigns.firstIndex(where: { $0.row.id == id }) else { throw ConsoleFailure("no campaign \(id)") }
                campaigns[i].row.enabled = false
                return "campaign \(id) retired"
            case .deleteSource(let id):
                sources.removeAll { $0.id == id }
                return "source \(id) archived"
            case .platformDisable(let id):
                platform[id]?.fields.status = .stopped
                return "platform offer \(id) disabled"
            case .platformDelete(let id):
                platform[id] = nil
                return "platform offer \(id) deleted"
            }
        }
    }

    private func setState(_ key: OfferKey, _ campaign: String?, _ state: PlacementState) {
        guard let i = offers.firstIndex(where: { $0.key == key }) else { return }
        for p in offers[i].placements.indices where campaign == nil || offers[i].placements[p].campaignID == campaign {
            offers[i].placements[p].state = state
        }
    }

    func fragment(for target: EditTarget) async throws -> String {
        try locked {
            guard let text = fragments[target] else { throw ConsoleFailure("no such \(target.label)") }
            return text
        }
    }

    func apply(fragment toml: String, for target: EditTarget) async throws {
        try locked {
            if let refuse, toml.contains(refuse.text) { throw ConsoleFailure(refuse.error) }
            applied.append(toml)
            fragments[target] = toml
            token += 1
        }
    }

    func startScheduler(progress: @escaping @Sendable (SchedulerEvent) -> Void) async -> SchedulerStart {
        locked {
            self.progress = progress
            return schedulerAnswer
        }
    }

    func stopScheduler() async { locked { progress = nil } }
}

/// Holds back whoever waits on it until it is opened (no timers: a test opens it when it is ready).
final class Gate: @unchecked Sendable {
    private let lock = NSLock()
    private var isOpen: Bool
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(open: Bool) { isOpen = open }

    func close() { lock.withLock { isOpen = false } }

    func open() {
        let released = lock.withLock {
            isOpen = true
            defer { waiting = [] }
            return waiting
        }
        for continuation in released { continuation.resume() }
    }

    func wait() async {
        await withCheckedContinuation { continuation in
            let passes = lock.withLock {
                if !isOpen { waiting.append(continuation) }
                return isOpen
            }
            if passes { continuation.resume() }
        }
    }
}

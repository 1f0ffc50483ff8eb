import CPAPIKit
import Foundation

/// Makes realistic CPAlead-shaped offers, deterministically from a seed, and evolves the feed step
/// by step for the demo and the benchmark.
///
/// `feed(count:step:)` is a pure function of (seed, count, step): step 0 is the initial feed; at each
/// later step about 10% of the offers change payout, a few new offers appear (up to 5% more over
/// time), and about 2.5% of the offers leave the feed for two steps and then come back. An offer's
/// `updatedAt` is the start of the step at which it last changed, so `updated_since` works.
public struct OfferFeedGenerator: Sendable {
    public let seed: UInt64
    /// Offer ids are `firstID`, `firstID + 1`, …
    public var firstID: Int
    /// The tracking links' publisher id.
    public var publisherID: String
    /// `updatedAt` of step 0; step `n` is `n × stepInterval` later.
    public var start: Date
    public var stepInterval: TimeInterval

    public init(
        seed: UInt64 = 1, firstID: Int = 100_000, publisherID: String = "12345",
        start: Date = Date(timeIntervalSince1970: 1_735_689_600), stepInterval: TimeInterval = 3600
    ) {
        self.seed = seed; self.firstID = firstID; self.publisherID = publisherID
        self.start = start; self.stepInterval = stepInterval
    }

    /// The initial feed of `count` offers, ordered by rank.
    public func offers(count: Int) -> [OfferFeedOffer] { feed(count: count, step: 0) }

    /// The feed of a source that started with `count` offers, as it stands at `step`.
    public func feed(count: Int, step: Int) -> [OfferFeedOffer] {
        let newcomers = count / 20
        var result: [OfferFeedOffer] = []
        result.reserveCapacity(count + newcomers)
        for index in 0..<(count + newcomers) {
            let appearsAt = index < count ? 0 : 1 + Int(mix(index, 1) % 6)
            guard step >= appearsAt else { continue }
            if index < count, isAway(index, step: step) { continue }
            var offer = base(index, rank: index + 1)
            var lastChange = appearsAt
            if step > appearsAt {
                for later in (appearsAt + 1)...step where mix(index, 100 + later) % 10 == 0 {
                    let factor = 0.8 + Double(mix(index, 200 + later) % 41) / 100  // 0.80…1.20
                    offer.amount = Self.round(offer.amount * factor)
                    offer.payoutsPerCountry = offer.payoutsPerCountry.map {
                        CountryPayout(country: $0.country, amount: Self.round($0.amount * factor))
                    }
                    lastChange = later
                }
            }
            offer.updatedAt = start.addingTimeInterval(Double(lastChange) * stepInterval)
            result.append(offer)
        }
        return result
    }

    /// About one offer in forty is away from the feed at steps 1–2 of every four.
    private func isAway(_ index: Int, step: Int) -> Bool {
        step > 0 && mix(index, 7) % 40 == 0 && (step % 4 == 1 || step % 4 == 2)
    }

    private func base(_ index: Int, rank: Int) -> OfferFeedOffer {
        let id = firstID + index
        let kind = Self.kinds[Int(mix(index, 2) % UInt64(Self.kinds.count))]
        let name = kind.names[Int(mix(index, 3) % UInt64(kind.names.count))]
        let task = kind.tasks[Int(mix(index, 4) % UInt64(kind.tasks.count))]
        let platform = Int(mix(index, 5) % 10)
        let devices: [String] =
            kind.payoutType == "CPI"
            ? (platform < 6 ? ["android"] : ["ios"])
            : (platform < 3 ? ["desktop"] : platform < 7 ? ["android", "ios"] : ["android", "desktop", "ios"])
        let slug = name.lowercased().filter { $0.isLetter || $0.isNumber }
        let preview =
            devices == ["ios"]
            ? "https://apps.apple.com/us/app/\(slug)/id\(1_000_000_000 + Int(mix(index, 6) % 900_000_000))"
            : kind.payoutType == "CPI" ? "https://play.google.com/store/apps/details?id=com.\(slug).app" : "https://www.\(slug).com/"
        let countryCount = 1 + Int(mix(index, 8) % 8)
        var countries = Set<String>()
        for pick in 0..<countryCount { countries.insert(Self.countries[Int(mix(index, 20 + pick) % UInt64(Self.countries.count))]) }
        let amount = Self.round(kind.minPayout + Double(mix(index, 9) % 10_000) / 10_000 * (kind.maxPayout - kind.minPayout))
        let perCountry = countries.filter(Self.tier1.contains).sorted().map { country in
            CountryPayout(country: country, amount: Self.round(amount * (1 + Double(mix(index, 40 + country.hashValueStable) % 50) / 100)))
        }
        return OfferFeedOffer(
            id: id, title: "\(name) - \(task)", description: "\(kind.blurb) \(name).", conversion: task,
            devices: devices, dailyCap: mix(index, 10) % 3 == 0 ? nil : [50, 100, 250, 500, 1000][Int(mix(index, 11) % 5)],
            link: "https://www.cpalead.com/view.php?id=\(id)&pub=\(publisherID)&subid=",
            previewLink: preview, amount: amount, currency: "USD", payoutType: kind.payoutType,
            countries: countries.sorted(), payoutsPerCountry: perCountry,
            epc: Self.round(amount * Double(mix(index, 12) % 30) / 100),
            iconURL: "https://cdn.cpalead.com/icons/\(id).png", offerRank: rank,
            featured: mix(index, 13) % 50 == 0, isFastPay: mix(index, 14) % 4 == 0, category: kind.category,
            updatedAt: start)
    }

    /// SplitMix64 of (seed, index, salt): the generator's only randomness.
    private func mix(_ index: Int, _ salt: Int) -> UInt64 {
        var z = seed &+ UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(truncatingIfNeeded: salt) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private static func round(_ amount: Double) -> Double { max(0.05, (amount * 100).rounded() / 100) }

    private struct Kind {
        var category: String
        var payoutType: String
        var minPayout: Double
        var maxPayout: Double
        var blurb: String
        var names: [String]
        var tasks: [String]
    }

    private static let kinds: [Kind] = [
        Kind(
            category: "Games", payoutType: "CPI", minPayout: 0.05, maxPayout: 4, blurb: "Install and play",
            names: [
                "Royal Match", "Candy Crush Saga", "Coin Master", "Merge Mansion", "Township", "Gardenscapes", "Bingo Blitz",
                "Solitaire Grand Harvest", "Monopoly Go", "Rise of Kingdoms", "Raid Shadow Legends", "State of Survival"
            ],
            tasks: [
                "Install and open", "Install and reach level 10", "Install and reach level 25", "Install and complete the tutorial",
                "Install and reach town hall 5"
            ]),
        Kind(
            category: "Apps", payoutType: "CPI", minPayout: 0.1, maxPayout: 3, blurb: "Install and register in",
            names: ["TikTok Lite", "Temu", "Shein", "Audible", "Duolingo", "Cash App", "Fetch Rewards", "Ibotta", "Honey", "Upside"],
            tasks: ["Install and open", "Install and register", "Install and make a first purchase"]),
        Kind(
            category: "Surveys", payoutType: "CPA", minPayout: 0.3, maxPayout: 6, blurb: "Complete a survey with",
            names: ["Survey Junkie", "Swagbucks", "YouGov", "Branded Surveys", "Prime Opinion", "InboxDollars"],
            tasks: ["Register and complete the profile", "Complete a 10 minute survey", "Sign up and confirm email"]),
        Kind(
            category: "Sweepstakes", payoutType: "CPA", minPayout: 0.5, maxPayout: 8, blurb: "Enter to win with",
            names: ["Win a $750 Cash App Card", "Win an iPhone 16 Pro", "Win a PS5", "Win a $500 Walmart Gift Card", "Win a $1000 Amazon Gift Card"],
            tasks: ["Submit email", "Submit email and zip", "Complete the entry form"]),
        Kind(
            category: "Finance", payoutType: "CPE", minPayout: 2, maxPayout: 25, blurb: "Sign up for",
            names: ["Chime", "Robinhood", "Acorns", "Stash", "Credit Karma", "SoFi"],
            tasks: ["Open an account", "Open an account and deposit $5", "Sign up and link a card"])
    ]

    private static let tier1 = Set(["US", "GB", "CA", "AU", "DE", "FR", "NZ", "NL", "SE", "NO"])
    private static let countries = [
        "US", "US", "US", "GB", "CA", "AU", "DE", "FR", "NZ", "NL", "SE", "NO", "BR", "MX", "IN", "ID", "PH", "TR", "PL", "ES", "IT", "JP", "KR", "ZA"
    ]
}

private extension String {
    /// A hash of the text that is the same in every process (`hashValue` is seeded per process).
    var hashValueStable: Int {
        var value = 0
        for byte in utf8 { value = value &* 31 &+ Int(byte) }
        return abs(value % 1000)
    }
}

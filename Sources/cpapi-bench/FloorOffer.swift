import Foundation

/// An offer of CPAlead's answer as the hand-written floor reads it (`JSONDecoder`), with its content
/// hash: what a short script would do, the measure the tool is held to (`FloorBenchmark`).
struct FloorOffer: Decodable, Sendable {
    struct Creatives: Decodable, Sendable { var url: String? }

    var id: Int
    var title: String?
    var description: String?
    var conversion: String?
    var device: String?
    var dailyCap: Double?
    var link: String?
    var previewLink: String?
    var amount: Double?
    var payoutCurrency: String?
    var payoutType: String?
    var countries: [String]?
    var payoutsPerCountry: [String: Double]?
    var category: String?
    var creatives: Creatives?
    var offerRank: Int?

    enum CodingKeys: String, CodingKey {
        case id, title, description, conversion, device, link, amount, countries, category, creatives
        case dailyCap = "daily_cap", previewLink = "preview_link", payoutCurrency = "payout_currency"
        case payoutType = "payout_type", payoutsPerCountry = "payouts_per_country", offerRank = "offer_rank"
    }

    /// The answer around the offers.
    struct Envelope: Decodable {
        var status: String
        var offers: [FloorOffer]
    }

    /// The per-country payouts sorted by country, as JSON text, each amount times `share`.
    func payoutsJSON(times share: Double = 1) -> String {
        let rows = (payoutsPerCountry ?? [:]).sorted { $0.key < $1.key }
        return "{" + rows.map { "\"\($0.key)\":\(($0.value * share * 100).rounded() / 100)" }.joined(separator: ",") + "}"
    }

    /// 64-bit FNV-1a of the fields that are stored, joined with a separator.
    var contentHash: Int64 {
        let fields: [String] = [
            title ?? "", description ?? "", conversion ?? "", device ?? "", dailyCap.map { "\($0)" } ?? "", link ?? "",
            previewLink ?? "", amount.map { "\($0)" } ?? "", payoutCurrency ?? "", payoutType ?? "",
            (countries ?? []).joined(separator: ","), payoutsJSON(), category ?? "", creatives?.url ?? ""
        ]
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in fields.joined(separator: "\u{1F}").utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return Int64(bitPattern: hash)
    }
}

/// The fields of one CPAlead offer entry that `CPAleadOfferParser` reads, each as sent (the last one
/// when a field is repeated, as a dictionary of the entry keeps it). Every other field is only kept
/// in the offer's raw JSON.
struct CPAleadOfferFields {
    var id, title, name, description, conversion: JSONValue?
    var previewLink, previewURL, link, trackingLink: JSONValue?
    var amount, payout, payoutCurrency, currency, payoutType, payoutsPerCountry, dailyCap: JSONValue?
    var countries, device, devices, category, categories, creatives, offerRank: JSONValue?

    init() {}

    /// The fields of an entry already parsed into a value.
    init(_ entry: [String: JSONValue]) {
        for (key, value) in entry { set(key, value) }
    }

    /// Keeps `value` when `key` is a field the parser reads.
    mutating func set(_ key: String, _ value: JSONValue) {
        switch key {
        case "id": id = value
        case "title": title = value
        case "name": name = value
        case "description": description = value
        case "conversion": conversion = value
        case "preview_link": previewLink = value
        case "preview_url": previewURL = value
        case "link": link = value
        case "tracking_link": trackingLink = value
        case "amount": amount = value
        case "payout": payout = value
        case "payout_currency": payoutCurrency = value
        case "currency": currency = value
        case "payout_type": payoutType = value
        case "payouts_per_country": payoutsPerCountry = value
        case "daily_cap": dailyCap = value
        case "countries": countries = value
        case "device": device = value
        case "devices": devices = value
        case "category": category = value
        case "categories": categories = value
        case "creatives": creatives = value
        case "offer_rank": offerRank = value
        default: break
        }
    }
}

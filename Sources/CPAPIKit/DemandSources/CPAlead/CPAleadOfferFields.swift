/// The fields of one CPAlead offer entry that `CPAleadOfferParser` reads, each as sent (the last one
/// when a field is repeated, as a dictionary of the entry keeps it). Every other field is only kept
/// in the offer's raw JSON.
struct CPAleadOfferFields {
    var id, campid, title, name, description, conversion: JSONValue?
    var previewLink, previewURL, link, trackingLink: JSONValue?
    var amount, payout, payoutCurrency, currency, payoutType, payoutsPerCountry, dailyCap: JSONValue?
    var countries, device, devices, category, categories, creatives, offerRank, rank: JSONValue?

    init() {}

    /// The fields of an entry already parsed into a value.
    init(_ entry: [String: JSONValue]) {
        for (key, value) in entry {
            if let field = Field(key: key) { set(field, value) }
        }
    }

    /// A field the parser reads, by its key in the feed.
    enum Field {
        case id, campid, title, name, description, conversion, previewLink, previewURL, link, trackingLink
        case amount, payout, payoutCurrency, currency, payoutType, payoutsPerCountry, dailyCap
        case countries, device, devices, category, categories, creatives, offerRank, rank

        /// Nil for a key the parser does not read.
        init?(key: String) {
            switch key {
            case "id": self = .id
            case "campid": self = .campid  // old answers' `id`
            case "title": self = .title
            case "name": self = .name
            case "description": self = .description
            case "conversion": self = .conversion
            case "preview_link": self = .previewLink
            case "preview_url": self = .previewURL
            case "link": self = .link
            case "tracking_link": self = .trackingLink
            case "amount": self = .amount
            case "payout": self = .payout
            case "payout_currency": self = .payoutCurrency
            case "currency": self = .currency
            case "payout_type": self = .payoutType
            case "payouts_per_country": self = .payoutsPerCountry
            case "daily_cap": self = .dailyCap
            case "countries": self = .countries
            case "device": self = .device
            case "devices": self = .devices
            case "category": self = .category
            case "categories": self = .categories
            case "creatives": self = .creatives
            case "offer_rank": self = .offerRank
            case "rank": self = .rank  // old answers' `offer_rank`
            default: return nil
            }
        }
    }

    /// Keeps `value` as `field` (the last of a repeated field is kept).
    mutating func set(_ field: Field, _ value: JSONValue) {
        switch field {
        case .id: id = value
        case .campid: campid = value
        case .title: title = value
        case .name: name = value
        case .description: description = value
        case .conversion: conversion = value
        case .previewLink: previewLink = value
        case .previewURL: previewURL = value
        case .link: link = value
        case .trackingLink: trackingLink = value
        case .amount: amount = value
        case .payout: payout = value
        case .payoutCurrency: payoutCurrency = value
        case .currency: currency = value
        case .payoutType: payoutType = value
        case .payoutsPerCountry: payoutsPerCountry = value
        case .dailyCap: dailyCap = value
        case .countries: countries = value
        case .device: device = value
        case .devices: devices = value
        case .category: category = value
        case .categories: categories = value
        case .creatives: creatives = value
        case .offerRank: offerRank = value
        case .rank: rank = value
        }
    }
}

/// The model's values that the sync stores by the hundred thousand, as `JSONColumnValue`s.
/// Keys are Codable's (the property names), written in sorted order as `JSONEncoder` sorts them.

extension PlatformStatus: JSONColumnValue {}
extension Privacy: JSONColumnValue {}

extension PlatformOfferFields: JSONColumnValue {
    func writeJSON(to writer: inout JSONTextWriter) {
        writer.object { w in
            w.field("advertiser", advertiser)
            w.field("caps", caps)
            w.field("categories", categories)
            w.field("description", description)
            w.field("externalOfferID", externalOfferID)
            w.field("isRedirectOvercap", isRedirectOvercap)
            w.field("logo", logo)
            w.field("payments", payments)
            w.field("previewURL", previewURL)
            w.field("privacy", privacy)
            w.field("redirectType", redirectType)
            w.field("status", status)
            w.field("strictlyCountry", strictlyCountry)
            w.field("title", title)
            w.field("url", url)
        }
    }

    init(json: JSONValue) throws(JSONColumnValueError) {
        let f = try JSONObjectReader(json)
        self.init(
            title: try f.optional("title"), description: try f.optional("description"), url: try f.optional("url"),
            previewURL: try f.optional("previewURL"), externalOfferID: try f.optional("externalOfferID"),
            advertiser: try f.optional("advertiser"), status: try f.optional("status"),
            privacy: try f.optional("privacy"), categories: try f.optional("categories"),
            redirectType: try f.optional("redirectType"), isRedirectOvercap: try f.optional("isRedirectOvercap"),
            strictlyCountry: try f.optional("strictlyCountry"), logo: try f.optional("logo"),
            payments: try f.optional("payments"), caps: try f.optional("caps"))
    }
}

extension PlatformPayment: JSONColumnValue {
    func writeJSON(to writer: inout JSONTextWriter) {
        writer.object { w in
            w.field("countries", countries)
            w.field("country_exclude", countryExclude)
            w.field("currency", currency)
            w.field("devices", devices)
            w.field("goal", goal)
            w.field("os", os)
            w.field("revenue", revenue)
            w.field("total", total)
            w.field("type", type)
        }
    }

    init(json: JSONValue) throws(JSONColumnValueError) {
        let f = try JSONObjectReader(json)
        self.init(
            countries: try f.required("countries"), devices: try f.required("devices"), os: try f.required("os"),
            total: try f.required("total"), revenue: try f.required("revenue"), currency: try f.required("currency"),
            type: try f.required("type"), goal: try f.optional("goal"), countryExclude: try f.optional("country_exclude"))
    }
}

extension CountryPayout: JSONColumnValue {
    func writeJSON(to writer: inout JSONTextWriter) {
        writer.object { w in
            w.field("amount", amount)
            w.field("country", country)
        }
    }

    init(json: JSONValue) throws(JSONColumnValueError) {
        let f = try JSONObjectReader(json)
        self.init(country: try f.required("country"), amount: try f.required("amount"))
    }
}

/// A cap, the source's (`OfferCap`) or the platform's (`PlatformCap`): both are stored as
/// `{"period":…,"type":…,"value":…}`.
protocol StoredCap: JSONColumnValue {
    var period: String { get }
    var type: String { get }
    var value: Double { get }
    init(period: String, type: String, value: Double)
}

extension StoredCap {
    func writeJSON(to writer: inout JSONTextWriter) {
        writer.object { w in
            w.field("period", period)
            w.field("type", type)
            w.field("value", value)
        }
    }

    init(json: JSONValue) throws(JSONColumnValueError) {
        let f = try JSONObjectReader(json)
        self.init(period: try f.required("period"), type: try f.required("type"), value: try f.required("value"))
    }
}

extension OfferCap: StoredCap {}
extension PlatformCap: StoredCap {}

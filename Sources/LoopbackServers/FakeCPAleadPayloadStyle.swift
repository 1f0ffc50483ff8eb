/// How untidy the fake CPAlead server writes its offers (each switch one quirk real feeds show).
public struct FakeCPAleadPayloadStyle: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// `"amount": "0.85"`, `"daily_cap": "500"`, `"offer_rank": "3"`, per-country payouts as strings.
    public static let numbersAsStrings = FakeCPAleadPayloadStyle(rawValue: 1 << 0)
    /// `"id": "18231"`.
    public static let idsAsStrings = FakeCPAleadPayloadStyle(rawValue: 1 << 1)
    /// `payouts_per_country` as `[{"country": "US", "payout": 1.2}]` instead of `{"US": 1.2}`.
    public static let payoutsAsRows = FakeCPAleadPayloadStyle(rawValue: 1 << 2)
    /// Rows use `amount` instead of `payout` (with `payoutsAsRows`).
    public static let rowsUseAmountKey = FakeCPAleadPayloadStyle(rawValue: 1 << 3)
    /// `"countries": "US,CA"` instead of a list.
    public static let countriesAsCommaString = FakeCPAleadPayloadStyle(rawValue: 1 << 4)
    /// `"device": ["android"]` instead of a (comma) string.
    public static let devicesAsList = FakeCPAleadPayloadStyle(rawValue: 1 << 5)
    /// `"featured": 0`, `"is_fast_pay": "true"`.
    public static let booleansAsNumbersOrStrings = FakeCPAleadPayloadStyle(rawValue: 1 << 6)
    /// Absent optional fields sent as `null` (`category`, `creatives`, `daily_cap`), plus `"epc": null`.
    public static let nulls = FakeCPAleadPayloadStyle(rawValue: 1 << 7)
    /// Fields the adapter does not know (`tracking_domain`, `meta`, …).
    public static let extraFields = FakeCPAleadPayloadStyle(rawValue: 1 << 8)
    /// Strings padded with spaces (`"  Royal Match  "`).
    public static let paddedStrings = FakeCPAleadPayloadStyle(rawValue: 1 << 9)
    /// `device` in CPAlead's own words: `iphone_ipad` for iOS, `all_devices` for none given, several
    /// joined with `|` (`"android|iphone_ipad"`) unless `devicesAsList`.
    public static let cpaleadDeviceNames = FakeCPAleadPayloadStyle(rawValue: 1 << 10)
    /// Rows keyed `country_iso` instead of `country` (with `payoutsAsRows`).
    public static let rowsKeyedCountryISO = FakeCPAleadPayloadStyle(rawValue: 1 << 11)
    /// PHP's `json_encode`: `\/` for every `/`, non-ASCII as `\uXXXX` (surrogate pairs past U+FFFF).
    public static let phpEscapes = FakeCPAleadPayloadStyle(rawValue: 1 << 12)
    /// `"daily_cap": false` for an offer without a cap.
    public static let falseForNoCap = FakeCPAleadPayloadStyle(rawValue: 1 << 13)

    /// Every quirk at once.
    public static let untidy: FakeCPAleadPayloadStyle = [
        .numbersAsStrings, .idsAsStrings, .payoutsAsRows, .rowsUseAmountKey, .countriesAsCommaString,
        .devicesAsList, .booleansAsNumbersOrStrings, .nulls, .extraFields, .paddedStrings,
        .cpaleadDeviceNames, .rowsKeyedCountryISO, .phpEscapes, .falseForNoCap
    ]
}

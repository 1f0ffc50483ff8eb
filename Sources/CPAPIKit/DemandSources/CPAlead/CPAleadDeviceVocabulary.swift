/// CPAlead's own device words, mapped to the devices an offer carries (`DemandOffer.devices`:
/// `android`, `ios`, `desktop`), which the campaign filters and the pushed OS targeting read.
///
/// A feed sends `device` (or `devices`) as one word, several joined with `|` or `,`
/// (`"iphone|ipad"`, `"android,iphone_ipad"`), or a list of them, in any case.
enum CPAleadDeviceVocabulary {
    /// Every known word, lower-case, and the devices it means. `all` and `all_devices` mean every
    /// device: they add no restriction of their own (an offer without devices runs on all).
    /// A word not in this table is an unknown device (see `devices`).
    static let table: [String: [String]] = [
        "android": ["android"],
        "ios": ["ios"], "iphone": ["ios"], "ipad": ["ios"], "iphone_ipad": ["ios"],
        "desktop": ["desktop"],
        "mobile": ["android", "ios"],
        "all": [], "all_devices": []
    ]

    /// The devices the values mean, sorted, each once, and the words not in the table (lower-case,
    /// sorted, each once): those are left out of the devices, for the offer's reasons to name.
    static func devices(_ values: JSONValue?...) -> (devices: [String], unknown: [String]) {
        var devices: [String] = [], unknown: [String] = []
        func add(_ word: String) {
            let word = CPAleadOfferParser.lowercased(word)
            if let meant = table[word] { devices.append(contentsOf: meant) } else { unknown.append(word) }
        }
        for value in values {
            value?.forEachText { text in
                guard text.utf8.contains(UInt8(ascii: "|")) else { return add(text) }
                for part in text.split(separator: "|") { if let word = JSONValue.trimmed(String(part)) { add(word) } }
            }
        }
        return (CPAleadOfferParser.sortedUnique(devices), CPAleadOfferParser.sortedUnique(unknown))
    }
}

import Foundation

/// CPAlead's answer around the offers: `{"status":"success","number_offers":N,"offers":[…]}`.
/// Every field is optional here; `CPAleadSource` says what is missing.
struct CPAleadEnvelope: Decodable, Sendable {
    var status: JSONValue?
    var message: JSONValue?
    var error: JSONValue?
    var offers: [JSONValue]?
    /// `offers` was present but not a list (an object, a string…).
    var offersHasWrongShape: Bool

    private enum CodingKeys: String, CodingKey { case status, message, error, offers }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        status = try container.decodeIfPresent(JSONValue.self, forKey: .status)
        message = try container.decodeIfPresent(JSONValue.self, forKey: .message)
        error = try container.decodeIfPresent(JSONValue.self, forKey: .error)
        if container.contains(.offers), try !container.decodeNil(forKey: .offers) {
            if let list = try? container.decode([JSONValue].self, forKey: .offers) {
                offers = list; offersHasWrongShape = false
            } else {
                offers = nil; offersHasWrongShape = true
            }
        } else {
            offers = nil; offersHasWrongShape = false
        }
    }

    /// The message an error answer gave (`message`, else `error`), if any.
    var errorMessage: String? {
        if let text = message?.text { return text }
        if let text = error?.text { return text }
        if let text = error?["message"]?.text { return text }
        return nil
    }
}

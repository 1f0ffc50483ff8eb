import Foundation

/// CPAlead's answer around the offers: `{"status":"success","number_offers":N,"offers":[…]}`.
/// Every field is optional here; `CPAleadSource` says what is missing.
struct CPAleadEnvelope: Sendable {
    var status: String?
    var offers: [JSONValue]?
    /// `offers` was present but not a list (an object, a string…).
    var offersHasWrongShape: Bool
    /// The message an error answer gave (`message`, else `error` or `error.message`), if any.
    var errorMessage: String?

    init(_ fields: [String: JSONValue]) {
        status = fields["status"]?.text
        switch fields["offers"] {
        case .array(let list): offers = list; offersHasWrongShape = false
        case nil, .null?: offers = nil; offersHasWrongShape = false
        default: offers = nil; offersHasWrongShape = true
        }
        errorMessage = fields["message"]?.text ?? fields["error"]?.text ?? fields["error"]?["message"]?.text
    }
}

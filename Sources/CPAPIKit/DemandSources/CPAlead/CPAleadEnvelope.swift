import Foundation

/// CPAlead's answer around the offers: `{"status":"success","number_offers":N,"offers":[…]}`.
/// Every field is optional here; `CPAleadSource` says what is missing.
///
/// Read from the answer's bytes in one pass (`read`): each entry of `offers` becomes an offer, or a
/// skipped entry, as it is met, so no tree of the whole answer is built (it cost more than the
/// offers made from it: docs/PERFORMANCE.md).
struct CPAleadEnvelope {
    var status: String?
    /// What `offers` held when it was a list: the offers, the entries skipped, and how many entries there were.
    var entries: Entries?
    /// `offers` was present but not a list (an object, a string…).
    var offersHasWrongShape = false
    /// The message an error answer gave (`message`, else `error` or `error.message`), if any.
    var errorMessage: String?

    struct Entries {
        var offers: [DemandOffer] = []
        var skipped: [SkippedEntry] = []
        var count = 0
    }

    /// The envelope of a JSON answer, or nil when the answer is JSON but not an object; throws where
    /// the bytes are not JSON. The last of a repeated field counts, as in a dictionary of the fields.
    static func read(_ json: Data, parser: CPAleadOfferParser) throws(JSONValueParser.Failure) -> CPAleadEnvelope? {
        try JSONValueParser.read(json) { reader throws(JSONValueParser.Failure) in
            guard reader.current == UInt8(ascii: "{") else {
                _ = try reader.value(depth: 0)
                return nil
            }
            var envelope = CPAleadEnvelope()
            var message: JSONValue?, error: JSONValue?
            try reader.object(depth: 1) { reader, key throws(JSONValueParser.Failure) in
                switch key {
                case "offers" where reader.current == UInt8(ascii: "["):
                    envelope.entries = try readEntries(&reader, parser: parser)
                    envelope.offersHasWrongShape = false
                case "offers":
                    let value = try reader.value(depth: 1)
                    envelope.entries = nil
                    envelope.offersHasWrongShape = value != .null
                case "status": envelope.status = try reader.value(depth: 1).text
                case "message": message = try reader.value(depth: 1)
                case "error": error = try reader.value(depth: 1)
                default: _ = try reader.value(depth: 1)
                }
            }
            envelope.errorMessage = message?.text ?? error?.text ?? error?["message"]?.text
            return envelope
        }
    }

    /// The `offers` list at the reader's position, each entry read by `parser`.
    private static func readEntries(_ reader: inout JSONByteReader, parser: CPAleadOfferParser) throws(JSONValueParser.Failure) -> Entries {
        var entries = Entries()
        var writer = CanonicalObjectWriter<CPAleadOfferFields.Field?>()
        try reader.array(depth: 2) { reader, index throws(JSONValueParser.Failure) in
            switch try parser.read(&reader, depth: 2, index: index, writer: &writer) {
            case .success(let offer): entries.offers.append(offer)
            case .failure(let skip): entries.skipped.append(skip)
            }
            entries.count += 1
        }
        return entries
    }
}

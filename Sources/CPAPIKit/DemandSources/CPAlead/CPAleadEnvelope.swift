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
        /// Each offer's `FeedEntryHash`, in `offers`' order.
        var entryHashes: [Int64] = []
        var skipped: [SkippedEntry] = []
        /// The external ids of the entries passed over as known (`FetchRequest.knownEntries`).
        var unchanged: [String] = []
        var count = 0
    }

    /// The envelope of a JSON answer, or nil when the answer is JSON but not an object; throws where
    /// the bytes are not JSON. The last of a repeated field counts, as in a dictionary of the fields.
    /// `known`: entries passed over unparsed when their bytes hash to one of these (see `readEntries`).
    static func read(
        _ json: Data, parser: CPAleadOfferParser, known: [Int64: String] = [:]
    ) throws(JSONValueParser.Failure) -> CPAleadEnvelope? {
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
                    let start = reader.index
                    envelope.entries = try readEntries(&reader, parser: parser, known: known)
                    if let entries = envelope.entries, !entries.unchanged.isEmpty, !entries.hasDistinctIDs {
                        // An id both passed over and parsed (or passed over twice): read every entry,
                        // so the last of a repeated id wins as it always does.
                        reader.index = start
                        envelope.entries = try readEntries(&reader, parser: parser, known: [:])
                    }
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

    /// The `offers` list at the reader's position, each entry read by `parser`, but for an entry
    /// whose bytes hash to one in `known` (the same bytes make the same offer as stored): its
    /// brackets are followed to its end, and its id is listed as unchanged.
    private static func readEntries(
        _ reader: inout JSONByteReader, parser: CPAleadOfferParser, known: [Int64: String]
    ) throws(JSONValueParser.Failure) -> Entries {
        var entries = Entries()
        var writer = CanonicalObjectWriter<CPAleadOfferFields.Field?>()
        try reader.array(depth: 2) { reader, index throws(JSONValueParser.Failure) in
            entries.count += 1
            let start = reader.index
            if !known.isEmpty, let end = reader.containerEnd(),
                let id = known[FeedEntryHash.hash(UnsafeBufferPointer(rebasing: reader.bytes[start..<end]))]
            {
                reader.index = end
                entries.unchanged.append(id)
                return
            }
            switch try parser.read(&reader, depth: 2, index: index, writer: &writer) {
            case .success(let offer):
                entries.offers.append(offer)
                entries.entryHashes.append(FeedEntryHash.hash(UnsafeBufferPointer(rebasing: reader.bytes[start..<reader.index])))
            case .failure(let skip): entries.skipped.append(skip)
            }
        }
        return entries
    }

}

extension CPAleadEnvelope.Entries {
    /// Whether no external id is both unchanged and parsed, or unchanged twice.
    var hasDistinctIDs: Bool {
        var ids = Set(unchanged)
        guard ids.count == unchanged.count else { return false }
        ids.reserveCapacity(unchanged.count + offers.count)
        return offers.allSatisfy { !ids.contains($0.key.externalID) }
    }
}

import CPAPIKit
import Foundation

/// The fake CPAlead server's state: feeds per publisher, fault switches, payload style, request log.
/// An actor, so tests change it while requests are served.
actor FakeCPAleadFeeds {
    private struct Feed {
        var offers: [OfferFeedOffer]
        /// Each offer's wire bytes for the current style, written when the feed or the style is set,
        /// so a request only copies bytes (the benchmark measures the client, not this server).
        var encoded: [[UInt8]]
        /// Raw entries appended after the offers (for entries that are not offers).
        var rawEntries: [String]
    }

    private struct ArmedFault {
        var fault: FakeCPAleadFault
        var remaining: Int?
        var publisherID: String?
        /// Only requests this accepts (nil: any).
        var matches: (@Sendable (FakeCPAleadRequest) -> Bool)?
    }

    private var feeds: [String: Feed] = [:]
    /// Whole answers served as given to a publisher, in place of its feed.
    private var rawAnswers: [String: [UInt8]] = [:]
    private var faults: [ArmedFault] = []
    private var style: FakeCPAleadPayloadStyle = []
    private(set) var requests: [FakeCPAleadRequest] = []

    func setFeed(publisherID: String, offers: [OfferFeedOffer], rawEntries: [String]) {
        feeds[publisherID] = Feed(offers: offers, encoded: Self.encode(offers, style: style), rawEntries: rawEntries)
    }

    func removeFeed(publisherID: String) { feeds[publisherID] = nil; rawAnswers[publisherID] = nil }

    func setRawAnswer(_ body: String, publisherID: String) { rawAnswers[publisherID] = Array(body.utf8) }

    func offers(publisherID: String) -> [OfferFeedOffer] { feeds[publisherID]?.offers ?? [] }

    func setStyle(_ newStyle: FakeCPAleadPayloadStyle) {
        guard newStyle != style else { return }
        style = newStyle
        for id in feeds.keys { feeds[id]!.encoded = Self.encode(feeds[id]!.offers, style: style) }
    }

    private static func encode(_ offers: [OfferFeedOffer], style: FakeCPAleadPayloadStyle) -> [[UInt8]] {
        offers.map { FakeCPAleadOfferEncoder.encode($0, style: style) }
    }

    func addFault(
        _ fault: FakeCPAleadFault, repeat count: FakeCPAleadFaultRepeat, publisherID: String?,
        matches: (@Sendable (FakeCPAleadRequest) -> Bool)? = nil
    ) {
        faults.append(ArmedFault(fault: fault, remaining: count.count, publisherID: publisherID, matches: matches))
    }

    func clearFaults() { faults.removeAll() }

    private let held = HeldCalls()

    /// Returns once `release()` lets this request go.
    func waitForRelease() async {
        await held.hold()
    }

    func release() async {
        await held.release()
    }

    func clearRequests() { requests.removeAll() }

    /// Logs the request and takes the first armed fault that applies to it, if any.
    func begin(_ request: FakeCPAleadRequest) -> FakeCPAleadFault? {
        requests.append(request)
        let publisherID = request.value("id")
        guard
            let index = faults.firstIndex(where: {
                ($0.publisherID == nil || $0.publisherID == publisherID) && ($0.matches?(request) ?? true)
            })
        else { return nil }
        let fault = faults[index].fault
        if let remaining = faults[index].remaining {
            if remaining <= 1 { faults.remove(at: index) } else { faults[index].remaining = remaining - 1 }
        }
        return fault
    }

    /// The success answer's JSON for this request, or an error envelope for an unknown publisher.
    func answer(for request: FakeCPAleadRequest, emptyFeed: Bool) -> [UInt8] {
        guard let publisherID = request.value("id"), !publisherID.isEmpty else {
            return Array(#"{"status":"error","message":"Missing publisher id"}"#.utf8)
        }
        if let raw = rawAnswers[publisherID] { return raw }
        guard let feed = feeds[publisherID] else {
            return Array(#"{"status":"error","message":"Invalid publisher id"}"#.utf8)
        }
        let limit = min(max(Int(request.value("limit") ?? "") ?? 2500, 1), 5000)
        let types = Set((request.value("type") ?? "cpa,cpi,cpe").lowercased().split(separator: ",").map(String.init))
        let since = request.value("updated_since").flatMap(Self.parseDate)
        let country = request.value("country").map { $0.uppercased() }
        let devices = request.value("device").map { Set($0.lowercased().split(separator: ",").map(String.init)) }

        var body: [UInt8] = []
        var count = 0
        var offerBytes: [UInt8] = []
        if !emptyFeed {
            for index in feed.offers.indices where count < limit {
                let offer = feed.offers[index]
                guard types.contains(offer.payoutType.lowercased()) else { continue }
                if let since, offer.updatedAt < since { continue }
                if let country, country != "USER", !offer.countries.contains(country) { continue }
                if let devices, !devices.contains("user"), !devices.contains("all"), devices.isDisjoint(with: Self.deviceClasses(offer.devices)) {
                    continue
                }
                if count > 0 { offerBytes.append(UInt8(ascii: ",")) }
                offerBytes.append(contentsOf: feed.encoded[index])
                count += 1
            }
            for raw in feed.rawEntries where count < limit {
                if count > 0 { offerBytes.append(UInt8(ascii: ",")) }
                offerBytes.append(contentsOf: raw.utf8)
                count += 1
            }
        }
        body.reserveCapacity(offerBytes.count + 120)
        body.append(contentsOf: #"{"status":"success","number_offers":\#(count),"country":"\#(country ?? "all")","devices":"all","offers":["#.utf8)
        body.append(contentsOf: offerBytes)
        body.append(contentsOf: "]}".utf8)
        return body
    }

    /// `mobile` matches android and ios offers.
    private static func deviceClasses(_ devices: [String]) -> Set<String> {
        var classes = Set(devices)
        if classes.contains("android") || classes.contains("ios") { classes.insert("mobile") }
        return classes
    }

    /// `YYYY-MM-DD` or a full ISO 8601 date-time.
    static func parseDate(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: .iso8601) { return date }
        let day = Date.ISO8601FormatStyle().year().month().day()
        return try? Date(text, strategy: day)
    }
}

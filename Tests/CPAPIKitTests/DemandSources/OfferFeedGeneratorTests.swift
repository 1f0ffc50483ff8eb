import Foundation
import LoopbackServers
import Testing
@testable import CPAPIKit

/// The generated feed the demo and the benchmark serve: realistic, deterministic, evolving.
@Suite struct OfferFeedGeneratorTests {
    let generator = OfferFeedGenerator(seed: 11, publisherID: "777")

    @Test func sameSeedGivesTheSameFeed() {
        #expect(generator.offers(count: 300) == OfferFeedGenerator(seed: 11, publisherID: "777").offers(count: 300))
        #expect(generator.offers(count: 300) != OfferFeedGenerator(seed: 12, publisherID: "777").offers(count: 300))
    }

    @Test func offersLookLikeCPAleadOffers() throws {
        let offers = generator.offers(count: 500)
        #expect(Set(offers.map(\.id)).count == 500)
        #expect(offers.map(\.offerRank) == Array(1...500))
        for offer in offers {
            #expect(offer.link == "https://www.cpalead.com/view.php?id=\(offer.id)&pub=777&subid=")
            #expect(offer.previewLink.hasPrefix("https://"))
            #expect((0.05...25).contains(offer.amount))
            #expect(!offer.countries.isEmpty && offer.countries == offer.countries.sorted())
            #expect(offer.title.contains(" - "))
            let unlisted = offer.payoutsPerCountry.filter { !offer.countries.contains($0.country) }
            #expect(unlisted.isEmpty)
        }
        let types = Set(offers.map(\.payoutType))
        #expect(types.isSuperset(of: ["CPI", "CPA", "CPE"]))
        let stores = Set(offers.compactMap { URL(string: $0.previewLink)?.host })
        #expect(stores.isSuperset(of: ["play.google.com", "apps.apple.com"]))
    }

    @Test func laterStepsChangePayoutsAddOffersAndLetSomeLeaveAndComeBack() {
        let count = 2000
        let start = Dictionary(uniqueKeysWithValues: generator.feed(count: count, step: 0).map { ($0.id, $0) })
        let step1 = generator.feed(count: count, step: 1)
        let step4 = generator.feed(count: count, step: 4)
        let ids1 = Set(step1.map(\.id)), ids4 = Set(step4.map(\.id))

        let changed = step1.filter { offer in start[offer.id].map { $0.amount != offer.amount } ?? false }
        #expect(changed.count > count / 20 && changed.count < count / 5)
        let stepOne = generator.start.addingTimeInterval(generator.stepInterval)
        let stamped = changed.filter { $0.updatedAt == stepOne }
        #expect(stamped.count == changed.count)

        let gone = Set(start.keys).subtracting(ids1)
        #expect(!gone.isEmpty && gone.count < count / 10)
        #expect(gone.isSubset(of: ids4), "offers away at step 1 are back at step 4")

        let newcomers = ids4.subtracting(start.keys)
        #expect(!newcomers.isEmpty && newcomers.count <= count / 20)
        #expect(generator.feed(count: count, step: 4) == step4)
    }
}

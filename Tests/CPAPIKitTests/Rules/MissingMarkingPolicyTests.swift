import Testing
@testable import CPAPIKit

/// When offers a fetch did not return may be marked missing (rule 11 of docs/RULES.md), as a pure decision.
@Suite struct MissingMarkingPolicyTests {
    func policy(_ kind: FetchKind = .full, cutShort: Bool = false, share: Double = 0.5) -> MissingMarkingPolicy {
        MissingMarkingPolicy(fetchKind: kind, mayBeCutShort: cutShort, limit: 5000, maxMissingShare: share)
    }

    func marksNothing(_ decision: MissingMarkingPolicy.Decision) -> Bool {
        if case .markNothing = decision { return true } else { return false }
    }

    @Test func incrementalFetchMarksNothing() {
        #expect(marksNothing(policy(.incremental).decision(inFeedCount: 100, notReturnedCount: 1)))
        #expect(marksNothing(policy(.incremental).decision(inFeedCount: 100, notReturnedCount: 0)))
    }

    @Test func cutShortFullFetchMarksNothing() {
        let decision = policy(cutShort: true).decision(inFeedCount: 100, notReturnedCount: 3)
        #expect(
            decision
                == .markNothing(
                    reason: "the answer held exactly limit=5000 offers and may be cut short: "
                        + "3 offers not returned were not marked missing"))
    }

    @Test func moreThanTheShareMarksNothing() {
        let decision = policy(share: 0.5).decision(inFeedCount: 100, notReturnedCount: 51)
        #expect(
            decision
                == .markNothing(
                    reason: "51 of 100 offers (51%) were not returned, "
                        + "more than max_missing_share 50%: none was marked missing"))
    }

    @Test func theShareItselfIsMarked() {
        #expect(policy(share: 0.5).decision(inFeedCount: 100, notReturnedCount: 50) == .mark)
        #expect(policy(share: 1).decision(inFeedCount: 10, notReturnedCount: 10) == .mark)
    }

    @Test func nothingMissingIsMarked() {
        #expect(policy(cutShort: true).decision(inFeedCount: 100, notReturnedCount: 0) == .mark)
        #expect(policy(share: 0.01).decision(inFeedCount: 0, notReturnedCount: 0) == .mark)
    }
}

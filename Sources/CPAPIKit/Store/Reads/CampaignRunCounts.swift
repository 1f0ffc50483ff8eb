import Foundation
import GRDB

/// How many of a campaign's offers the platform runs, holds paused or no longer gets from the
/// sync: the Campaigns pane's counts. A placement counts by what the platform runs, not by its
/// state alone: a live placement whose platform offer is suspended or stopped (a retired campaign's,
/// or a campaign whose status default pauses its offers) is paused.
public struct CampaignRunCounts: Sendable, Equatable {
    /// Every placement: the offers the campaign matched.
    public var matched = 0
    /// Live placements whose platform offer is active (or not reported yet).
    public var live = 0
    /// Paused by a rule, by the operator, or in the platform.
    public var paused = 0
    public var excluded = 0

    public init(matched: Int = 0, live: Int = 0, paused: Int = 0, excluded: Int = 0) {
        self.matched = matched; self.live = live; self.paused = paused; self.excluded = excluded
    }
}

extension WorkspaceStore {
    /// The counts of every campaign with placements, by campaign id, in one pass over the placements.
    /// The platform status is the one the Offers rows show: as last observed, else as last pushed.
    public func campaignRunCounts() throws -> [String: CampaignRunCounts] {
        try pool.read { db in
            var counts: [String: CampaignRunCounts] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT campaign_id, state,
                           COALESCE(json_extract(last_observed, '$.status'), json_extract(last_pushed, '$.status')) IN ('suspended', 'stopped'),
                           COUNT(*)
                    FROM placements GROUP BY 1, 2, 3
                    """)
            {
                let n: Int = row[3]
                var count = counts[row[0], default: CampaignRunCounts()]
                count.matched += n
                switch PlacementState(rawValue: row[1]) {
                case .live: if row[2] as Bool? == true { count.paused += n } else { count.live += n }
                case .pausedMissing, .pausedSourceGone, .held: count.paused += n
                case .excluded: count.excluded += n
                case .pending, nil: break
                }
                counts[row[0]] = count
            }
            return counts
        }
    }
}

import CPAPIKit
import Foundation

/// Where the console reads and asks for a source's reports (CPAlead's Reversals and Conversions
/// APIs). Every call runs in a background task; the calls that reach the API first wait for their
/// rate-limit slot, telling the console until when.
public protocol ConsoleReports: Sendable {
    /// The stored reversals of `sourceID` dated within `range`, per offer and per day.
    func reversalReport(sourceID: String, range: ReportWindow) async throws -> ReversalReport
    /// One offer's stored reversals and the days they cover, for its details screen.
    func offerReversals(_ key: OfferKey) async throws -> OfferReversalFigures
    /// Downloads the reversals of `range` month by month into the workspace (windows already stored are
    /// skipped); `progress` hears each window's wait and outcome. Cancelling the task stops it; what was
    /// stored stays stored.
    func downloadReversals(
        sourceID: String, range: ReportWindow,
        progress: @escaping @Sendable (ReversalProgress) -> Void
    ) async throws -> [ReversalWindowOutcome]
    /// Asks the Conversions API whether `subid` converted (on `offerID` only, when given), waiting for
    /// the slot first and telling `onWait` until when. Cancelling the task ends the wait.
    func lookUpConversions(
        sourceID: String, subid: String, offerID: String?,
        onWait: @escaping @Sendable (Date) -> Void
    ) async throws -> ConversionLookup
}

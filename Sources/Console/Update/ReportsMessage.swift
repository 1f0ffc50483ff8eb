import CPAPIKit
import Foundation

/// What report work tells the console.
public enum ReportsMessage: Sendable {
    case reportLoaded(ReversalReport)
    case reportFailed(sourceID: String, range: ReportWindow, String)
    case downloadProgress(sourceID: String, ReversalProgress)
    /// The download ended: the windows' outcomes, or why it stopped early.
    case downloadFinished(sourceID: String, Result<[ReversalWindowOutcome], ConsoleFailure>)
    /// The lookup waits for the Conversions API's slot until then.
    case lookupWaiting(requestID: Int, until: Date)
    case lookupFinished(requestID: Int, Result<ConversionLookup, ConsoleFailure>)
}

import CPAPIKit

/// Report work `ReportsUpdate` asks for; `ReportsRunner` runs it in background tasks that post
/// `ReportsMessage`s.
public enum ReportsEffect: Sendable, Equatable {
    case loadReport(sourceID: String, range: ReportWindow)
    case download(sourceID: String, range: ReportWindow)
    case stopDownload(sourceID: String)
    case lookUp(requestID: Int, sourceID: String, subid: String, offerID: String?)
    case cancelLookup(requestID: Int)
}

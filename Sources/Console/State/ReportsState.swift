/// Everything the console holds of reports: the open Reports view, the reversal downloads started
/// from this console (live, then their outcome), and the conversion-lookup dialog.
public struct ReportsState: Sendable {
    /// Whether this console can read reports (it was opened with a `ConsoleReports`).
    public var available = false
    public var view: ReversalReportState?
    /// The latest download of each source, by source id.
    public var downloads: [String: ReversalDownload] = [:]
    public var lookup: ConversionLookupState?
    /// Tells a lookup's answer from a cancelled earlier one's.
    public var nextRequestID = 1

    public init() {}
}

import CPAPIKit
import Foundation
import TUI

/// The Reports view's and the conversion-lookup dialog's part of `ConsoleUpdate`: their keys,
/// commands and messages. Pure like the rest of `update`: the work goes out as effects.
enum ReportsUpdate {
    static let unavailable = "reports are not available in this console (it was opened without a workspace's reports)"

    // MARK: Opening

    /// Opens the Reports view of `sourceID` (nil: the source in focus) over the default range.
    static func open(_ s: inout ConsoleState, sourceID: String?) -> [ConsoleEffect] {
        guard s.reports.available else { return refuse(&s, unavailable) }
        guard let id = sourceID ?? sourceInFocus(s) else { return refuse(&s, "reports: no source selected") }
        if s.hasSnapshot, !s.sources.contains(where: { $0.id == id }) {
            return refuse(&s, "reports: no source \"\(id)\" in the workspace")
        }
        s.overlays.removeAll { $0.isReports }
        s.reports.view = ReversalReportState(sourceID: id, range: ReportRanges.lastDays(ReportRanges.defaultDays, endingOn: ReportDay(s.now)))
        s.overlays.append(.reports)
        return load(&s)
    }

    /// Opens the lookup dialog on `sourceID`; starts the call at once when a subid is given.
    static func openLookup(_ s: inout ConsoleState, sourceID: String, subid: String = "", offerID: String? = nil) -> [ConsoleEffect] {
        guard s.reports.available else { return refuse(&s, unavailable) }
        if s.hasSnapshot, !s.sources.contains(where: { $0.id == sourceID }) {
            return refuse(&s, "conversions: no source \"\(sourceID)\" in the workspace")
        }
        s.overlays.removeAll { $0.isLookup }
        s.reports.lookup = ConversionLookupState(sourceID: sourceID, subid: subid, offer: offerID ?? "")
        s.overlays.append(.conversionLookup)
        return subid.isEmpty ? [] : startLookup(&s)
    }

    /// The source a key or a bare `:reports` means: the Sources pane's selection when it has the
    /// focus, else the selected offer's source, else the Sources pane's selection.
    static func sourceInFocus(_ s: ConsoleState) -> String? {
        if s.focus != .sources, let row = s.selectedRow { return row.key.sourceID }
        return s.selectedSource?.id
    }

    static func refuse(_ s: inout ConsoleState, _ why: String) -> [ConsoleEffect] {
        s.status = StatusMessage(why, isError: true)
        return []
    }

    // MARK: The range input and the lookup dialog (modal contexts of the binding table)

    /// Edits the range input or the lookup dialog's field (not while its call runs) with `body`:
    /// pasted text, a typed key.
    static func editInput(_ s: inout ConsoleState, _ body: (inout InputState) -> Void) {
        if s.prompt == .range, var view = s.reports.view, var input = view.rangeInput {
            body(&input)
            view.rangeInput = input
            s.reports.view = view
        } else if s.prompt == .lookup, var lookup = s.reports.lookup, lookup.call == nil {
            if lookup.field == .subid { body(&lookup.subid) } else { body(&lookup.offer) }
            s.reports.lookup = lookup
        }
    }

    /// Enter in the range input: the typed range is read, or the input says why not.
    static func applyRange(_ s: inout ConsoleState) -> [ConsoleEffect] {
        guard var view = s.reports.view, let input = view.rangeInput else { return [] }
        switch ReportRanges.parse(input.text) {
        case .failure(let error):
            view.rangeError = error.message
            s.reports.view = view
            return []
        case .success(let range):
            view.rangeInput = nil
            view.rangeError = nil
            view.range = range
            s.reports.view = view
            return load(&s)
        }
    }

    /// Esc in the range input: the old range stays.
    static func cancelRange(_ s: inout ConsoleState) {
        guard var view = s.reports.view else { return }
        view.rangeInput = nil
        view.rangeError = nil
        s.reports.view = view
    }

    /// Esc in the lookup dialog: the first cancels a call in progress (its message then says how it
    /// ended), a second, or one with no call, closes the dialog.
    static func escapeLookup(_ s: inout ConsoleState) -> [ConsoleEffect] {
        guard var lookup = s.reports.lookup, var call = lookup.call, !call.cancelling else { return closeLookup(&s) }
        call.cancelling = true
        lookup.call = call
        s.reports.lookup = lookup
        return [.reports(.cancelLookup(requestID: call.requestID))]
    }

    /// Tab in the lookup dialog: the other field.
    static func switchLookupField(_ s: inout ConsoleState) {
        guard var lookup = s.reports.lookup, lookup.call == nil else { return }
        lookup.field = lookup.field == .subid ? .offer : .subid
        s.reports.lookup = lookup
    }

    static func closeLookup(_ s: inout ConsoleState) -> [ConsoleEffect] {
        s.overlays.removeAll { $0.isLookup }
        s.reports.lookup = nil
        return []
    }

    static func startLookup(_ s: inout ConsoleState) -> [ConsoleEffect] {
        guard var lookup = s.reports.lookup else { return [] }
        let subid = lookup.subid.text.trimmingCharacters(in: .whitespaces)
        let offer = lookup.offer.text.trimmingCharacters(in: .whitespaces)
        guard !subid.isEmpty else {
            lookup.failure = "give a subid, an IP address, or user"
            s.reports.lookup = lookup
            return []
        }
        guard !offer.contains(" ") else {
            lookup.failure = "offer \"\(offer)\": give one offer id, or leave it empty for every offer"
            s.reports.lookup = lookup
            return []
        }
        let id = s.reports.nextRequestID
        s.reports.nextRequestID += 1
        lookup.call = ConversionLookupState.Call(requestID: id)
        lookup.answer = nil
        lookup.failure = nil
        s.reports.lookup = lookup
        return [.reports(.lookUp(requestID: id, sourceID: lookup.sourceID, subid: subid, offerID: offer.isEmpty ? nil : offer))]
    }

    // MARK: Commands of the binding table

    /// The report commands, and the shared ones (sort, back) while the Reports view is on top; nil
    /// for everything else.
    static func run(_ s: inout ConsoleState, _ command: ConsoleCommand) -> [ConsoleEffect]? {
        if command == .openReports { return open(&s, sourceID: nil) }
        guard case .reports? = s.topOverlay, var view = s.reports.view else { return nil }
        switch command {
        case .sortPrevious, .sortNext:
            let columns = ReversalColumn.allCases
            let current = columns.firstIndex(of: view.sortColumn) ?? 0
            let next = (current + (command == .sortNext ? 1 : columns.count - 1)) % columns.count
            // Figures read best largest first; text from A.
            let column = columns[next]
            fitTable(&view, in: s)
            view.sort(by: column, ascending: column == .offer || column == .title)
        case .reverseSort:
            fitTable(&view, in: s)
            view.sort(by: view.sortColumn, ascending: !view.ascending)
        case .reportsEarlier, .reportsLater:
            if command == .reportsEarlier {
                view.range = ReportRanges.earlier(view.range)
            } else {
                guard let later = ReportRanges.later(view.range, today: ReportDay(s.now)) else {
                    s.reports.view = view
                    return refuse(&s, "]: the range already ends today")
                }
                view.range = later
            }
            s.reports.view = view
            return load(&s)
        case .reportsSetRange:
            // Empty, so typing starts a range at once; the placeholder shows the current one.
            view.rangeInput = InputState()
            view.rangeError = nil
        case .downloadReversals:
            s.reports.downloads[view.sourceID] = ReversalDownload(sourceID: view.sourceID, range: view.range)
            s.inFlight.append(downloadLabel(view.sourceID))
            s.status = StatusMessage("\(downloadLabel(view.sourceID)) \(view.range)…")
            return [.reports(.download(sourceID: view.sourceID, range: view.range))]
        case .stopDownload:
            s.reports.downloads[view.sourceID]?.stopping = true
            return [.reports(.stopDownload(sourceID: view.sourceID))]
        case .lookUpConversions:
            return openLookup(&s, sourceID: view.sourceID)
        case .reportOfferDetails:
            guard let offerID = view.selectedRow?.offerID else { return [] }
            s.reports.view = view
            return ConsoleUpdate.openDetails(&s, OfferKey(sourceID: view.sourceID, externalID: offerID))
        case .close:
            s.overlays.removeLast()
            s.reports.view = nil
            return []
        default:
            return nil
        }
        s.reports.view = view
        return []
    }

    /// Moves the report table's selection.
    static func move(_ s: inout ConsoleState, _ body: (inout TableState, Int) -> Void) {
        guard var view = s.reports.view else { return }
        fitTable(&view, in: s)
        body(&view.table, view.rows.count)
        s.reports.view = view
    }

    /// Tells the report table how many rows it shows now (the screen's size, the download's lines).
    static func fitTable(_ view: inout ReversalReportState, in s: ConsoleState) {
        let area = ConsoleLayout(size: s.size, sourceCount: s.sources.count).overlayArea
        view.table.setViewportHeight(ReportsView.tableRows(in: area, state: s), rowCount: view.rows.count)
    }

    /// After a resize.
    static func relayout(_ s: inout ConsoleState) {
        guard var view = s.reports.view else { return }
        fitTable(&view, in: s)
        s.reports.view = view
    }

    /// Why a report command cannot act now; nil when it can.
    static func disabledReason(_ command: ConsoleCommand, in s: ConsoleState) -> String? {
        guard s.reports.available else { return unavailable }
        switch command {
        case .openReports:
            return sourceInFocus(s) == nil ? "no source selected" : nil
        case .downloadReversals:
            guard let view = s.reports.view else { return nil }
            return s.reports.downloads[view.sourceID]?.running == true ? "already downloading the reversals of \(view.sourceID)" : nil
        case .stopDownload:
            guard let view = s.reports.view, let download = s.reports.downloads[view.sourceID], download.running else {
                return "no download running"
            }
            return download.stopping ? "already stopping" : nil
        case .reportOfferDetails:
            guard let row = s.reports.view?.selectedRow else { return "no offer selected" }
            guard let offerID = row.offerID else { return "these reversals name no offer" }
            return row.isStored ? nil : "offer \(offerID) is not in the stored feed"
        default:
            return nil
        }
    }

    static func downloadLabel(_ sourceID: String) -> String { "reversals \(sourceID)" }

    // MARK: Reading

    /// Reads the view's report now (or right after the read in progress).
    static func load(_ s: inout ConsoleState) -> [ConsoleEffect] {
        guard var view = s.reports.view else { return [] }
        defer { s.reports.view = view }
        if view.loading {
            view.reloadWanted = true
            return []
        }
        view.loading = true
        view.reloadWanted = false
        return [.reports(.loadReport(sourceID: view.sourceID, range: view.range))]
    }

    // MARK: Messages

    static func handle(_ s: inout ConsoleState, _ message: ReportsMessage) -> [ConsoleEffect] {
        switch message {
        case .reportLoaded(let report):
            guard var view = s.reports.view else { return [] }
            view.loading = false
            fitTable(&view, in: s)
            if report.sourceID == view.sourceID && report.range == view.range { view.setReport(report) }
            let again = view.reloadWanted || !view.isCurrent
            s.reports.view = view
            return again ? load(&s) : []
        case .reportFailed(let sourceID, let range, let why):
            guard var view = s.reports.view else { return [] }
            view.loading = false
            if sourceID == view.sourceID && range == view.range { view.loadError = why }
            let again = view.reloadWanted || sourceID != view.sourceID || range != view.range
            s.reports.view = view
            return again ? load(&s) : []
        case .downloadProgress(let sourceID, let progress):
            s.reports.downloads[sourceID]?.record(progress)
            // Each stored window's rows show as soon as it lands.
            if case .stored = progress.event, s.reports.view?.sourceID == sourceID { return load(&s) }
            return []
        case .downloadFinished(let sourceID, let result):
            if let i = s.inFlight.firstIndex(of: downloadLabel(sourceID)) { s.inFlight.remove(at: i) }
            guard var download = s.reports.downloads[sourceID] else { return [] }
            download.running = false
            switch result {
            case .success:
                s.status = StatusMessage("\(downloadLabel(sourceID)): \(download.summary)")
            case .failure(let error):
                download.failure = error.message
                let verb = download.stopping ? "stopped" : "failed"
                s.status = StatusMessage("\(downloadLabel(sourceID)) \(verb): \(error.message)", isError: !download.stopping)
            }
            s.reports.downloads[sourceID] = download
            return s.reports.view?.sourceID == sourceID ? load(&s) : []
        case .lookupWaiting(let requestID, let until):
            guard var lookup = s.reports.lookup, lookup.call?.requestID == requestID else { return [] }
            lookup.call?.waitingUntil = until
            s.reports.lookup = lookup
            return []
        case .lookupFinished(let requestID, let result):
            guard var lookup = s.reports.lookup, lookup.call?.requestID == requestID else { return [] }
            lookup.call = nil
            switch result {
            case .success(let answer): lookup.answer = answer
            case .failure(let error): lookup.failure = error.message
            }
            s.reports.lookup = lookup
            return []
        }
    }
}

import CPAPIKit
import Foundation
import TUI

/// What takes typed keys on the screen now. While a prompt is open every key goes to it and the
/// screen under it never acts: a letter typed into a filter is text, not that screen's action.
public enum Prompt: Sendable, Equatable {
    /// A confirmation, a message or the welcome screen: its own keys only.
    case dialog
    /// The `:` command line (over any screen).
    case commandLine
    /// `/` on the main screen: the Offers filter.
    case offerFilter
    /// `/` in offer details: text to find in the details.
    case detailsFind
    /// `/` in `:platform`: a filter of the platform offers.
    case platformFilter
    /// `/` in Reports: a filter of the per-offer table.
    case reportsFilter
    /// `f` in Reports: the typed `FROM TO` range.
    case range
    /// The conversion-lookup dialog.
    case lookup
}

/// The filter (or find) of one screen: the text typed and whether its prompt has the keys. After
/// Enter the text is kept (the screen stays filtered) and the screen has the keys again.
public struct ScreenFilter: Sendable, Equatable {
    public var input = InputState()
    public var isOpen = false

    public init(_ text: String = "", isOpen: Bool = false) {
        self.input = InputState(text: text)
        self.isOpen = isOpen
    }

    public var text: String { input.text }
    public var isActive: Bool { !input.isEmpty }

    /// Whether a row with these cell texts passes: any cell contains the text (case-insensitive);
    /// a leading `!` inverts. An empty filter passes everything.
    public func matches(_ cells: [String]) -> Bool {
        var query = text
        let inverted = query.hasPrefix("!")
        if inverted { query.removeFirst() }
        guard !query.isEmpty else { return true }
        let found = cells.contains { $0.range(of: query, options: [.caseInsensitive, .diacriticInsensitive]) != nil }
        return found != inverted
    }
}

extension ConsoleState {
    /// The prompt that has the keys now, if any: the command line (it is typed over anything), else
    /// the top screen's dialog, input or filter. A screen's filter belongs to that screen: it has the
    /// keys only while that screen is on top.
    public var prompt: Prompt? {
        if commandOpen { return .commandLine }
        switch topOverlay {
        case .confirm?, .message?, .welcome?, .campaignPicker?: return .dialog
        case .conversionLookup?: return .lookup
        case .reports?:
            if reports.view?.rangeInput != nil { return .range }
            return reports.view?.filter.isOpen == true ? .reportsFilter : nil
        case .details?, .subjectDetails?: return detailsFind.isOpen ? .detailsFind : nil
        case .platform?: return platformFilter.isOpen ? .platformFilter : nil
        case .help?: return nil
        case nil: return filterOpen ? .offerFilter : nil
        }
    }

    /// The platform offers `:platform` lists: every one, or those its filter keeps, in its sort
    /// order; nil while loading.
    public var platformRows: PlatformBrowser? {
        guard case .platform(let offers?, _)? = overlays.last(where: { if case .platform = $0 { return true } else { return false } })
        else { return nil }
        return offers
    }
}

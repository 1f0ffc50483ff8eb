import TUI

/// The console's one table of key bindings. Dispatch, the hint bar and the `?` help all read
/// it; `keyMap(for:)` marks the bindings that cannot act right now with the reason why.
public enum ConsoleBindings {
    /// The context of the movement keys shared by every list.
    public static let lists = "Lists"
    public static let details = "Details"
    public static let platform = "Platform"
    public static let help = "Help"
    public static let reports = "Reports"

    static let table: [KeyBinding<ConsoleCommand>] = {
        let g = KeyMap<ConsoleCommand>.global
        let offers = Pane.offers.title, sources = Pane.sources.title, campaigns = Pane.campaigns.title
        return [
            KeyBinding(.up, keys: [.character("k"), .up], description: "up", context: lists, showInHints: false),
            KeyBinding(.down, keys: [.character("j"), .down], description: "down", context: lists, showInHints: false),
            KeyBinding(.pageUp, keys: [.pageUp], description: "page up", context: lists, showInHints: false),
            KeyBinding(.pageDown, keys: [.pageDown], description: "page down", context: lists, showInHints: false),
            KeyBinding(.top, keys: [.character("g"), .home], description: "first", context: lists, showInHints: false),
            KeyBinding(.bottom, keys: [.character("G"), .end], description: "last", context: lists, showInHints: false),

            KeyBinding(.details, keys: [.enter], description: "details", context: offers),
            KeyBinding(.pauseResume, keys: [.character("p")], description: "pause/resume", context: offers),
            KeyBinding(.exclude, keys: [.character("x")], description: "exclude", context: offers),
            KeyBinding(.duplicate, keys: [.character("c")], description: "duplicate", context: offers),
            KeyBinding(.detach, keys: [.character("u")], description: "detach", context: offers),
            KeyBinding(.syncSource, keys: [.character("s")], description: "sync source", context: offers),
            KeyBinding(.sortPrevious, keys: [.character("<")], description: "sort column left", context: offers, showInHints: false),
            KeyBinding(.sortNext, keys: [.character(">")], description: "sort column right", context: offers, showInHints: false),
            KeyBinding(.reverseSort, keys: [.character("r")], description: "reverse sort", context: offers, showInHints: false),
            KeyBinding(.clearScope, keys: [.escape], description: "clear filter and narrowing", context: offers, showInHints: false),

            KeyBinding(.narrow, keys: [.enter], description: "show its offers", context: sources),
            KeyBinding(.syncSource, keys: [.character("s")], description: "sync now", context: sources),
            KeyBinding(.edit, keys: [.character("e")], description: "edit", context: sources),
            KeyBinding(.deleteSource, keys: [.character("d")], description: "delete", context: sources),
            KeyBinding(.openReports, keys: [.character("v")], description: "reports", context: sources),
            KeyBinding(.clearScope, keys: [.escape], description: "show all offers", context: sources, showInHints: false),

            KeyBinding(.narrow, keys: [.enter], description: "show its offers", context: campaigns),
            KeyBinding(.toggleCampaign, keys: [.space], description: "on/off", context: campaigns),
            KeyBinding(.edit, keys: [.character("e")], description: "edit", context: campaigns),
            KeyBinding(.retireCampaign, keys: [.character("R")], description: "retire", context: campaigns),
            KeyBinding(.clearScope, keys: [.escape], description: "show all offers", context: campaigns, showInHints: false),

            KeyBinding(.close, keys: [.escape, .character("q")], description: "back", context: details),
            KeyBinding(.pauseResume, keys: [.character("p")], description: "pause/resume", context: details),
            KeyBinding(.exclude, keys: [.character("x")], description: "exclude", context: details),
            KeyBinding(.duplicate, keys: [.character("c")], description: "duplicate", context: details),
            KeyBinding(.detach, keys: [.character("u")], description: "detach", context: details),
            KeyBinding(.openFilter, keys: [.character("/")], description: "find", context: details),
            KeyBinding(.findNext, keys: [.character("n")], description: "next match", context: details, showInHints: false),
            KeyBinding(.findPrevious, keys: [.character("N")], description: "previous match", context: details, showInHints: false),
            KeyBinding(.openPlatformOffer, keys: [.character("P")], description: "platform offer", context: details),

            KeyBinding(.close, keys: [.escape, .character("q")], description: "back", context: platform),
            KeyBinding(.platformDisable, keys: [.character("x")], description: "disable by hand", context: platform),
            KeyBinding(.platformDelete, keys: [.character("D")], description: "delete by hand", context: platform),
            KeyBinding(.openFilter, keys: [.character("/")], description: "filter", context: platform),
            KeyBinding(.platformOfferDetails, keys: [.enter], description: "offer details", context: platform),
            KeyBinding(.sortPrevious, keys: [.character("<")], description: "sort column left", context: platform, showInHints: false),
            KeyBinding(.sortNext, keys: [.character(">")], description: "sort column right", context: platform, showInHints: false),
            KeyBinding(.reverseSort, keys: [.character("r")], description: "reverse sort", context: platform, showInHints: false),

            KeyBinding(.close, keys: [.escape, .character("q")], description: "back", context: reports),
            KeyBinding(.openFilter, keys: [.character("/")], description: "filter", context: reports),
            KeyBinding(.downloadReversals, keys: [.character("d")], description: "download range", context: reports),
            KeyBinding(.stopDownload, keys: [.character("x")], description: "stop download", context: reports),
            KeyBinding(.reportsEarlier, keys: [.character("[")], description: "earlier", context: reports),
            KeyBinding(.reportsLater, keys: [.character("]")], description: "later", context: reports),
            KeyBinding(.reportsSetRange, keys: [.character("f")], description: "from/to", context: reports),
            KeyBinding(.lookUpConversions, keys: [.character("c")], description: "conversions", context: reports),
            KeyBinding(.reportOfferDetails, keys: [.enter], description: "offer details", context: reports),
            KeyBinding(.sortPrevious, keys: [.character("<")], description: "sort column left", context: reports, showInHints: false),
            KeyBinding(.sortNext, keys: [.character(">")], description: "sort column right", context: reports, showInHints: false),
            KeyBinding(.reverseSort, keys: [.character("r")], description: "reverse sort", context: reports, showInHints: false),

            KeyBinding(.close, keys: [.escape, .character("q"), .character("?")], description: "close help", context: help),
            // Not offered in help (and so not in its hints): the key says why.
            KeyBinding(.openFilter, keys: [.character("/")], description: "filter", context: help, showInHints: false),

            KeyBinding(.focusNext, keys: [.tab], description: "next pane", context: g, showInHints: false),
            KeyBinding(.focusPrevious, keys: [.backTab], description: "previous pane", context: g, showInHints: false),
            KeyBinding(.focus(.sources), keys: [.character("1")], description: "Sources", context: g, showInHints: false),
            KeyBinding(.focus(.campaigns), keys: [.character("2")], description: "Campaigns", context: g, showInHints: false),
            KeyBinding(.focus(.offers), keys: [.character("3")], description: "Offers", context: g, showInHints: false),
            KeyBinding(.focus(.sync), keys: [.character("4")], description: "Sync", context: g, showInHints: false),
            KeyBinding(.openFilter, keys: [.character("/")], description: "filter", context: g),
            KeyBinding(.openCommandLine, keys: [.character(":")], description: "command", context: g),
            KeyBinding(.syncAll, keys: [.character("S")], description: "sync all", context: g),
            KeyBinding(.help, keys: [.character("?")], description: "help", context: g),
            KeyBinding(.quit, keys: [.character("q"), .ctrl("c")], description: "quit", context: g)
        ]
    }()

    /// The table with every binding that cannot act in `state` disabled, with the reason.
    public static func keyMap(for state: ConsoleState) -> KeyMap<ConsoleCommand> {
        var map = KeyMap(table)
        for command in [
            ConsoleCommand.pauseResume, .exclude, .duplicate, .detach, .details, .syncSource,
            .narrow, .deleteSource, .toggleCampaign, .retireCampaign, .edit, .syncAll,
            .platformDisable, .platformDelete, .openReports, .downloadReversals, .stopDownload,
            .reportOfferDetails, .openFilter, .findNext, .findPrevious, .platformOfferDetails, .openPlatformOffer
        ] {
            if let reason = ConsoleRules.disabledReason(command, in: state) { map.setDisabled(command, reason: reason) }
        }
        return map
    }

    /// The binding contexts that apply now, innermost first (the global context is implied).
    public static func contexts(for state: ConsoleState) -> [String] {
        switch state.topOverlay {
        case .help: return [help, lists]
        case .details: return [details, lists]
        case .platform: return [platform, lists]
        case .reports: return [reports, lists]
        case .conversionLookup: return ["Dialog"]
        case .confirm, .message, .welcome, .campaignPicker: return ["Dialog"]
        case nil: return [state.focus.title, lists]
        }
    }
}

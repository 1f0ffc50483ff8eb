import TUI

/// The console's one table of key bindings, for every screen, prompt and dialog. Dispatch, the hint
/// bar, the `?` help and docs/CONSOLE.md's key table all read it; each binding that cannot always
/// act carries its rule (`disabledWhen:`, see `ConsoleRules`), and `keyMap(for:)` checks them.
public enum ConsoleBindings {
    /// The context of the movement keys shared by every list.
    public static let lists = "Lists"
    public static let details = "Details"
    public static let subjectDetails = "Source and campaign details"
    public static let platform = "Platform"
    public static let help = "Help"
    public static let reports = "Reports"
    // The prompts and dialogs: modal, so no global key reaches through them.
    public static let commandLine = "Command line"
    public static let filter = "Filter"
    public static let find = "Find in details"
    public static let range = "Reports range"
    public static let lookup = "Conversion lookup"
    public static let lookupCall = "Conversion lookup call"
    public static let confirm = "Confirmation"
    public static let message = "Message"
    public static let welcome = "Welcome"
    public static let picker = "Campaign picker"
    /// Shared by the text prompts, after their own context: editing keys, and every printable key
    /// they do not bind is typed.
    public static let typing = "Typing"

    static let modal: Set<String> = [commandLine, filter, find, range, lookup, lookupCall, confirm, message, welcome, picker, typing]

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

            KeyBinding(.details, keys: [.enter], description: "details", context: offers, disabledWhen: ConsoleRules.offerSelected),
            KeyBinding(
                .pauseResume, keys: [.character("p")], description: "pause/resume", context: offers,
                disabledWhen: ConsoleRules.offerAction(.pauseResume)),
            KeyBinding(.exclude, keys: [.character("x")], description: "exclude", context: offers, disabledWhen: ConsoleRules.offerAction(.exclude)),
            KeyBinding(
                .duplicate, keys: [.character("c")], description: "duplicate", context: offers, disabledWhen: ConsoleRules.offerAction(.duplicate)),
            KeyBinding(.detach, keys: [.character("u")], description: "detach", context: offers, disabledWhen: ConsoleRules.offerAction(.detach)),
            KeyBinding(.syncSource, keys: [.character("s")], description: "sync source", context: offers, disabledWhen: ConsoleRules.syncOfferSource),
            KeyBinding(.sortPrevious, keys: [.character("<")], description: "sort column left", context: offers, showInHints: false),
            KeyBinding(.sortNext, keys: [.character(">")], description: "sort column right", context: offers, showInHints: false),
            KeyBinding(.reverseSort, keys: [.character("r")], description: "reverse sort", context: offers, showInHints: false),
            KeyBinding(.clearScope, keys: [.escape], description: "clear filter and narrowing", context: offers, showInHints: false),

            KeyBinding(.narrow, keys: [.enter], description: "show its offers", context: sources, disabledWhen: ConsoleRules.sourceSelected),
            KeyBinding(
                .syncSource, keys: [.character("s")], description: "sync now", context: sources, disabledWhen: ConsoleRules.syncSelectedSource),
            KeyBinding(.edit, keys: [.character("e")], description: "edit", context: sources, disabledWhen: ConsoleRules.sourceSelected),
            KeyBinding(.deleteSource, keys: [.character("d")], description: "delete", context: sources, disabledWhen: ConsoleRules.sourceSelected),
            KeyBinding(
                .openReports, keys: [.character("v")], description: "reports", context: sources, disabledWhen: ConsoleRules.reports(.openReports)),
            KeyBinding(.subjectDetails, keys: [.character("i")], description: "details", context: sources, disabledWhen: ConsoleRules.sourceSelected),
            KeyBinding(.clearScope, keys: [.escape], description: "show all offers", context: sources, showInHints: false),

            KeyBinding(.narrow, keys: [.enter], description: "show its offers", context: campaigns, disabledWhen: ConsoleRules.campaignSelected),
            KeyBinding(.toggleCampaign, keys: [.space], description: "on/off", context: campaigns, disabledWhen: ConsoleRules.campaignSelected),
            KeyBinding(.edit, keys: [.character("e")], description: "edit", context: campaigns, disabledWhen: ConsoleRules.campaignSelected),
            KeyBinding(
                .retireCampaign, keys: [.character("R")], description: "retire", context: campaigns, disabledWhen: ConsoleRules.retireCampaign),
            KeyBinding(
                .subjectDetails, keys: [.character("i")], description: "details", context: campaigns, disabledWhen: ConsoleRules.campaignSelected),
            KeyBinding(.clearScope, keys: [.escape], description: "show all offers", context: campaigns, showInHints: false),

            KeyBinding(.close, keys: [.escape, .character("q")], description: "back", context: details),
            KeyBinding(
                .pauseResume, keys: [.character("p")], description: "pause/resume", context: details,
                disabledWhen: ConsoleRules.offerAction(.pauseResume)),
            KeyBinding(.exclude, keys: [.character("x")], description: "exclude", context: details, disabledWhen: ConsoleRules.offerAction(.exclude)),
            KeyBinding(
                .duplicate, keys: [.character("c")], description: "duplicate", context: details, disabledWhen: ConsoleRules.offerAction(.duplicate)),
            KeyBinding(.detach, keys: [.character("u")], description: "detach", context: details, disabledWhen: ConsoleRules.offerAction(.detach)),
            KeyBinding(.openFilter, keys: [.character("/")], description: "find", context: details),
            KeyBinding(
                .findNext, keys: [.character("n")], description: "next match", context: details, disabledWhen: ConsoleRules.findActive,
                showInHints: false),
            KeyBinding(
                .findPrevious, keys: [.character("N")], description: "previous match", context: details, disabledWhen: ConsoleRules.findActive,
                showInHints: false),
            KeyBinding(
                .openPlatformOffer, keys: [.character("P")], description: "platform offer", context: details,
                disabledWhen: ConsoleRules.platformRow(.openPlatformOffer)),

            KeyBinding(.close, keys: [.escape, .character("q")], description: "back", context: subjectDetails),
            KeyBinding(.openFilter, keys: [.character("/")], description: "find", context: subjectDetails),
            KeyBinding(
                .findNext, keys: [.character("n")], description: "next match", context: subjectDetails, disabledWhen: ConsoleRules.findActive,
                showInHints: false),
            KeyBinding(
                .findPrevious, keys: [.character("N")], description: "previous match", context: subjectDetails,
                disabledWhen: ConsoleRules.findActive, showInHints: false),

            KeyBinding(.close, keys: [.escape, .character("q")], description: "back", context: platform),
            KeyBinding(
                .platformDisable, keys: [.character("x")], description: "disable by hand", context: platform,
                disabledWhen: ConsoleRules.platformOffer(.platformDisable)),
            KeyBinding(
                .platformDelete, keys: [.character("D")], description: "delete by hand", context: platform,
                disabledWhen: ConsoleRules.platformOffer(.platformDelete)),
            KeyBinding(.openFilter, keys: [.character("/")], description: "filter", context: platform),
            KeyBinding(
                .platformOfferDetails, keys: [.enter], description: "offer details", context: platform,
                disabledWhen: ConsoleRules.platformRow(.platformOfferDetails)),
            KeyBinding(.sortPrevious, keys: [.character("<")], description: "sort column left", context: platform, showInHints: false),
            KeyBinding(.sortNext, keys: [.character(">")], description: "sort column right", context: platform, showInHints: false),
            KeyBinding(.reverseSort, keys: [.character("r")], description: "reverse sort", context: platform, showInHints: false),

            KeyBinding(.close, keys: [.escape, .character("q")], description: "back", context: reports),
            KeyBinding(.openFilter, keys: [.character("/")], description: "filter", context: reports),
            KeyBinding(
                .downloadReversals, keys: [.character("d")], description: "download range", context: reports,
                disabledWhen: ConsoleRules.reports(.downloadReversals)),
            KeyBinding(
                .stopDownload, keys: [.character("x")], description: "stop download", context: reports,
                disabledWhen: ConsoleRules.reports(.stopDownload)),
            KeyBinding(.reportsEarlier, keys: [.character("[")], description: "earlier", context: reports),
            KeyBinding(.reportsLater, keys: [.character("]")], description: "later", context: reports),
            KeyBinding(.reportsSetRange, keys: [.character("f")], description: "from/to", context: reports),
            KeyBinding(
                .lookUpConversions, keys: [.character("c")], description: "conversions", context: reports,
                disabledWhen: ConsoleRules.reports(.lookUpConversions)),
            KeyBinding(
                .reportOfferDetails, keys: [.enter], description: "offer details", context: reports,
                disabledWhen: ConsoleRules.reports(.reportOfferDetails)),
            KeyBinding(.sortPrevious, keys: [.character("<")], description: "sort column left", context: reports, showInHints: false),
            KeyBinding(.sortNext, keys: [.character(">")], description: "sort column right", context: reports, showInHints: false),
            KeyBinding(.reverseSort, keys: [.character("r")], description: "reverse sort", context: reports, showInHints: false),

            KeyBinding(.close, keys: [.escape, .character("q"), .character("?")], description: "close help", context: help),
            // Not offered in help (and so not in its hints): the key says why.
            KeyBinding(
                .openFilter, keys: [.character("/")], description: "filter", context: help,
                disabledReason: "help has no filter: Esc closes it, then / filters the offers", showInHints: false),

            KeyBinding(.prompt(.runCommand), keys: [.enter], description: "run", context: commandLine),
            KeyBinding(.prompt(.previousCommand), keys: [.up], description: "history", context: commandLine),
            KeyBinding(.prompt(.nextCommand), keys: [.down], description: "history", context: commandLine),
            KeyBinding(.prompt(.cancelCommand), keys: [.escape], description: "cancel", context: commandLine),

            KeyBinding(.prompt(.keepFilter), keys: [.enter], description: "keep filter", context: filter),
            KeyBinding(.prompt(.clearFilter), keys: [.escape], description: "clear", context: filter),
            KeyBinding(.up, keys: [.up], description: "move", context: filter),
            KeyBinding(.down, keys: [.down], description: "move", context: filter),
            KeyBinding(.pageUp, keys: [.pageUp], description: "move", context: filter, showInHints: false),
            KeyBinding(.pageDown, keys: [.pageDown], description: "move", context: filter, showInHints: false),

            KeyBinding(.prompt(.keepFilter), keys: [.enter], description: "keep (n/N: next/previous)", context: find),
            KeyBinding(.prompt(.clearFilter), keys: [.escape], description: "clear", context: find),
            KeyBinding(.up, keys: [.up], description: "scroll", context: find),
            KeyBinding(.down, keys: [.down], description: "scroll", context: find),
            KeyBinding(.pageUp, keys: [.pageUp], description: "scroll", context: find, showInHints: false),
            KeyBinding(.pageDown, keys: [.pageDown], description: "scroll", context: find, showInHints: false),

            KeyBinding(.prompt(.applyRange), keys: [.enter], description: "apply range", context: range),
            KeyBinding(.prompt(.cancelRange), keys: [.escape], description: "cancel", context: range),

            KeyBinding(.prompt(.lookUp), keys: [.enter], description: "look up", context: lookup),
            KeyBinding(.prompt(.switchLookupField), keys: [.tab, .backTab, .up, .down], description: "subid/offer", context: lookup),
            KeyBinding(.prompt(.closeLookup), keys: [.escape], description: "close", context: lookup),
            KeyBinding(.prompt(.closeLookup), keys: [.escape], description: "cancel the call", context: lookupCall),

            // Editing keys for help's sake: these, and every printable key, go to the text as typed.
            KeyBinding(.prompt(.type), keys: [.left, .right, .home, .end], description: "move the cursor", context: typing, showInHints: false),
            KeyBinding(.prompt(.type), keys: [.backspace, .delete], description: "delete a character", context: typing, showInHints: false),
            KeyBinding(
                .prompt(.type), keys: [.ctrl("w"), .ctrl("u"), .ctrl("k")], description: "delete a word, to the start, to the end",
                context: typing, showInHints: false),

            KeyBinding(.prompt(.yes), keys: [.character("y"), .character("Y")], description: "yes", context: confirm),
            KeyBinding(.prompt(.no), keys: [.character("n"), .character("N"), .escape], description: "no", context: confirm),
            KeyBinding(.prompt(.switchAnswer), keys: [.left, .right], description: "choose", context: confirm),
            KeyBinding(.prompt(.switchAnswer), keys: [.tab, .backTab], description: "choose", context: confirm, showInHints: false),
            KeyBinding(.prompt(.selectedAnswer), keys: [.enter], description: "the chosen answer (No at first)", context: confirm),

            KeyBinding(.close, keys: [.enter, .escape, .space], description: "close", context: message),

            KeyBinding(.prompt(.pick), keys: [.enter], description: "act on this campaign", context: picker),
            KeyBinding(.prompt(.pickPrevious), keys: [.up, .character("k")], description: "choose", context: picker),
            KeyBinding(.prompt(.pickNext), keys: [.down, .character("j")], description: "choose", context: picker),
            KeyBinding(.prompt(.cancelPick), keys: [.escape, .character("q")], description: "cancel", context: picker),

            KeyBinding(.prompt(.startDemo), keys: [.character("d")], description: "demo", context: welcome),
            KeyBinding(.close, keys: [.escape, .enter], description: "close", context: welcome),
            KeyBinding(.openCommandLine, keys: [.character(":")], description: "command", context: welcome),
            KeyBinding(.quit, keys: [.character("q"), .ctrl("c")], description: "quit", context: welcome),

            KeyBinding(.focusNext, keys: [.tab], description: "next pane", context: g, showInHints: false),
            KeyBinding(.focusPrevious, keys: [.backTab], description: "previous pane", context: g, showInHints: false),
            KeyBinding(.focus(.sources), keys: [.character("1")], description: "Sources", context: g, showInHints: false),
            KeyBinding(.focus(.campaigns), keys: [.character("2")], description: "Campaigns", context: g, showInHints: false),
            KeyBinding(.focus(.offers), keys: [.character("3")], description: "Offers", context: g, showInHints: false),
            KeyBinding(.focus(.sync), keys: [.character("4")], description: "Sync", context: g, showInHints: false),
            KeyBinding(.openFilter, keys: [.character("/")], description: "filter", context: g),
            KeyBinding(.openCommandLine, keys: [.character(":")], description: "command", context: g),
            KeyBinding(.syncAll, keys: [.character("S")], description: "sync all", context: g, disabledWhen: ConsoleRules.syncAll),
            KeyBinding(.help, keys: [.character("?")], description: "help", context: g),
            KeyBinding(.quit, keys: [.character("q"), .ctrl("c")], description: "quit", context: g)
        ]
    }()

    static let map = KeyMap(table, modalContexts: modal)

    /// The table with every binding that cannot act in `state` disabled, with the reason its rule gives.
    public static func keyMap(for state: ConsoleState) -> KeyMap<ConsoleCommand> {
        map.checked(in: state)
    }

    /// The binding contexts that apply now, innermost first: an open prompt's or dialog's (modal),
    /// else the top screen's or the focused pane's (the global context is implied).
    public static func contexts(for state: ConsoleState) -> [String] {
        switch state.prompt {
        case .commandLine?: return [commandLine, typing]
        case .offerFilter?, .platformFilter?, .reportsFilter?: return [filter, typing]
        case .detailsFind?: return [find, typing]
        case .range?: return [range, typing]
        case .lookup?: return state.reports.lookup?.call == nil ? [lookup, typing] : [lookupCall]
        case .dialog?:
            switch state.topOverlay {
            case .confirm?: return [confirm]
            case .welcome?: return [welcome]
            case .campaignPicker?: return [picker]
            default: return [message]
            }
        case nil:
            break
        }
        switch state.topOverlay {
        case .help: return [help, lists]
        case .details: return [details, lists]
        case .subjectDetails: return [subjectDetails, lists]
        case .platform: return [platform, lists]
        case .reports: return [reports, lists]
        case nil: return [state.focus.title, lists]
        case .confirm, .message, .welcome, .conversionLookup, .campaignPicker: return []  // a prompt (above)
        }
    }
}

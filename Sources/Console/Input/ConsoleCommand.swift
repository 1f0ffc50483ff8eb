/// What a key does in the console: the actions of the one binding table (`ConsoleBindings`).
public enum ConsoleCommand: Hashable, Sendable {
    // Everywhere
    case focusNext, focusPrevious, focus(Pane)
    case openFilter, openCommandLine, help, quit, syncAll
    // Moving in the focused list
    case up, down, pageUp, pageDown, top, bottom
    // Offers
    case details, pauseResume, exclude, duplicate, detach, syncSource
    case sortPrevious, sortNext, reverseSort, clearScope
    // Sources and campaigns
    case narrow, deleteSource, toggleCampaign, retireCampaign, edit
    case subjectDetails
    // Overlays
    case close, platformDisable, platformDelete, findNext, findPrevious
    case platformOfferDetails, openPlatformOffer
    // Reports
    case openReports, reportsEarlier, reportsLater, reportsSetRange, downloadReversals, stopDownload
    case lookUpConversions, reportOfferDetails
    // Prompts and dialogs (modal)
    case prompt(PromptCommand)
}

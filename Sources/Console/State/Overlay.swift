import CPAPIKit
import TUI

/// What covers the main screen, if anything. Keys go to the overlay first.
public enum Overlay: Sendable {
    case help(scroll: Int)
    /// The offer details screen; `details` is nil while it loads.
    case details(key: OfferKey, details: OfferDetails?, scroll: Int)
    /// A source's or a campaign's details screen (`i`); `details` is nil while they load.
    case subjectDetails(EditTarget, details: SubjectDetails?, scroll: Int)
    /// A question before a destructive action.
    case confirm(PendingConfirmation)
    /// Information (an action's outcome that needs reading, an error).
    case message(title: String, text: String)
    /// The local platform's offers (`:platform`); `offers` nil while loading.
    case platform(offers: PlatformBrowser?, table: TableState)
    /// Which campaign an offer action acts on, for an offer several campaigns placed.
    case campaignPicker(CampaignPicker)
    /// An empty workspace: how to start.
    case welcome
    /// A source's reversals per offer (`ConsoleState.reports.view` holds what it shows).
    case reports
    /// The conversion-lookup dialog (`ConsoleState.reports.lookup` holds it).
    case conversionLookup

    var isReports: Bool { if case .reports = self { return true } else { return false } }
    var isLookup: Bool { if case .conversionLookup = self { return true } else { return false } }
}

/// A destructive action waiting for the operator's yes.
public struct PendingConfirmation: Sendable {
    public var action: OperatorAction
    public var title: String
    /// Exactly what will happen.
    public var message: String
    public var answer: ConfirmState

    public init(action: OperatorAction, title: String, message: String) {
        self.action = action; self.title = title; self.message = message; self.answer = ConfirmState()
    }
}

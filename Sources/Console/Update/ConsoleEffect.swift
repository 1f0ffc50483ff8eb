import CPAPIKit

/// Work `ConsoleUpdate` asks for; `ConsoleApp` runs it off the loop and answers with messages.
public enum ConsoleEffect: Sendable, Equatable {
    /// Read the workspace and prepare the offer browser with these settings; with `firstPage`,
    /// first answer with that many offers, then with all of them.
    case loadSnapshot(sort: OfferColumn, ascending: Bool, scope: OfferScope, query: String, firstPage: Int?)
    case loadDetails(OfferKey)
    case loadSubjectDetails(EditTarget)
    case perform(OperatorAction)
    case loadFragment(EditTarget)
    /// Open `$EDITOR` on `text` (with `error` written as a comment on top when the last try was refused).
    case edit(EditTarget, text: String, error: String?)
    case applyFragment(EditTarget, text: String)
    case loadPlatformOffers
    case reports(ReportsEffect)
    case quit
}

import CPAPIKit

/// What background work tells the console.
public enum ConsoleMessage: Sendable {
    /// A fresh read of the workspace, with the offers already indexed, sorted, scoped and filtered
    /// for the browser settings it was asked with; `changeToken`: the workspace's change counter
    /// read just before (the read covers every change up to it).
    case snapshotLoaded(ConsoleSnapshot, OfferBrowser, changeToken: Int?)
    case snapshotFailed(String)
    /// The workspace's change counter (polled); a new value triggers a reload.
    case changeToken(Int)
    case detailsLoaded(OfferKey, OfferDetails?)
    case detailsFailed(OfferKey, String)
    /// A source's or a campaign's details; nil when it is no longer stored.
    case subjectDetailsLoaded(EditTarget, Result<SubjectDetails?, ConsoleFailure>)
    case actionFinished(OperatorAction, Result<String, ConsoleFailure>)
    case schedulerStarted(SchedulerStart)
    /// Who syncs and how far its runs are (polled; posted when it changes).
    case syncWatched(SyncWatch)
    case scheduler(SchedulerEvent)
    case fragmentLoaded(EditTarget, Result<String, ConsoleFailure>)
    /// The editor closed: the edited text, or nil when it could not run / the file is unchanged.
    case editorFinished(EditTarget, original: String, edited: String?, error: String?)
    case fragmentApplied(EditTarget, text: String, error: String?)
    /// `:platform`'s rows, ready to browse (nil: the platform is not the local one).
    case platformOffersLoaded(Result<PlatformBrowser?, ConsoleFailure>)
    case reports(ReportsMessage)
}

/// An error as a sentence, so it can travel in messages.
public struct ConsoleFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public init(_ error: any Error) { self.message = String(describing: error) }
    public var description: String { message }
}

/// The operator's actions on one placed offer (`cpapi-tui offer ACTION SOURCE:ID`), for the console's
/// key bindings and hints.
public enum OfferAction: String, Sendable, CaseIterable {
    /// Hold it paused in the platform until resumed.
    case pause
    /// Hand a held offer back to its campaign's rules.
    case resume
    /// Copy it for the operator, detach the copy, disable the original; the placement leaves the sync.
    case exclude
    /// A copy with no external offer id; the original stays in the sync.
    case duplicate
    /// Remove the external offer id: the offer stays as it is in the platform, no longer synced.
    case detach
}

/// The operator's actions on one campaign (`cpapi-tui campaign ACTION ID`).
public enum CampaignAction: String, Sendable, CaseIterable {
    case enable, disable, delete, retire
}

/// How far an interrupted `offer exclude` got (`Placement.workflowStep`); running it again resumes from there.
public enum ExcludeStep: String, Sendable, CaseIterable {
    /// A copy is being created (its answer may have been lost: it is looked up by its marker).
    case copying
    /// The copy exists (`copyPlatformOfferID`) and still carries its marker external id.
    case copied
    /// The copy has no external id; the original is to be disabled.
    case copyDetached = "copy_detached"
    /// Finished: the original is disabled and the placement excluded.
    case done
}

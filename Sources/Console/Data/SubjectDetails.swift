/// The details of a source or a campaign, as read for its screen (`Overlay.subjectDetails`).
public enum SubjectDetails: Sendable {
    case source(SourceDetails)
    case campaign(CampaignDetails)
}

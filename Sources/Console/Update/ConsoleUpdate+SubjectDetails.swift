import CPAPIKit

/// `i` in Sources or Campaigns: the selected source's or campaign's details, read in the background
/// and read again with every snapshot while on top (a run that ends shows there at once).
extension ConsoleUpdate {
    /// What `i` opens details of in the focused pane, if anything is selected there.
    static func selectedSubject(_ s: ConsoleState) -> EditTarget? {
        switch s.focus {
        case .sources: return s.selectedSource.map { .source($0.id) }
        case .campaigns: return s.selectedCampaign.map { .campaign($0.id) }
        case .offers, .sync: return nil
        }
    }

    static func openSubjectDetails(_ s: inout ConsoleState) -> [ConsoleEffect] {
        guard let subject = selectedSubject(s) else { return [] }
        s.detailsFind = ScreenFilter()
        s.overlays.append(.subjectDetails(subject, details: nil, scroll: 0))
        return [.loadSubjectDetails(subject)]
    }

    static func subjectDetailsLoaded(
        _ s: inout ConsoleState, _ subject: EditTarget, _ result: Result<SubjectDetails?, ConsoleFailure>
    ) {
        switch result {
        case .success(let details?):
            for i in s.overlays.indices {
                if case .subjectDetails(subject, _, let scroll) = s.overlays[i] {
                    s.overlays[i] = .subjectDetails(subject, details: details, scroll: scroll)
                }
            }
        case .success(nil):
            s.overlays.removeAll { if case .subjectDetails(subject, _, _) = $0 { return true } else { return false } }
            s.status = StatusMessage("\(subject.label) is no longer in the workspace", isError: true)
        case .failure(let error):
            s.status = StatusMessage("cannot read \(subject.label): \(error.message)", isError: true)
        }
    }
}

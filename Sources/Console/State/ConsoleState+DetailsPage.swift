import TUI

/// The details screen on top, whichever it is (an offer's, a source's, a campaign's): its text as
/// drawn, for `/` find and its count, and its scroll.
extension ConsoleState {
    /// The lines of the details on top and its scroll; nil when none is on top or it is still read.
    var detailsPage: (lines: [String], scroll: Int)? {
        switch topOverlay {
        case .details(_, let details?, let scroll)?:
            return (DetailsView.lines(details), scroll)
        case .subjectDetails(_, let details?, let scroll)?:
            let area = ConsoleLayout(size: size, sourceCount: sources.count).overlayArea
            return (SubjectDetailsView.lines(details, now: now, width: SubjectDetailsView.textWidth(in: area)), scroll)
        default:
            return nil
        }
    }

    /// Scrolls the details on top so that `line` is its first line.
    mutating func scrollDetails(to line: Int) {
        switch topOverlay {
        case .details(let key, let details, _)?: overlays[overlays.count - 1] = .details(key: key, details: details, scroll: line)
        case .subjectDetails(let subject, let details, _)?:
            overlays[overlays.count - 1] = .subjectDetails(subject, details: details, scroll: line)
        default: break
        }
    }
}

import Foundation
import TUI

/// The details screen of a source or a campaign (`i` in Sources or Campaigns).
struct SubjectDetailsView {
    let subject: EditTarget
    let details: SubjectDetails?
    let scroll: Int
    var find: String = ""
    let now: Date

    static func lines(_ details: SubjectDetails, now: Date, width: Int) -> [String] {
        switch details {
        case .source(let source): return SourceDetailsView.lines(source, now: now, width: width)
        case .campaign(let campaign): return CampaignDetailsView.lines(campaign)
        }
    }

    /// The text's width in `area`: inside the border and the margins.
    static func textWidth(in area: Rect) -> Int { max(1, area.width - 4) }

    var title: String {
        switch subject {
        case .source(let id): return "Source \(id)"
        case .campaign(let id): return "Campaign \(id)"
        }
    }

    func render(in area: Rect, frame: inout Frame) {
        let lines = details.map { Self.lines($0, now: now, width: Self.textWidth(in: area)) }
        TextPageView(title: title, lines: lines, scroll: scroll, find: find).render(in: area, frame: &frame)
    }
}

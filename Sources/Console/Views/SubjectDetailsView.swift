import Foundation
import TUI

/// The details screen of a source or a campaign (`i` in Sources or Campaigns).
struct SubjectDetailsView {
    let subject: EditTarget
    let details: SubjectDetails?
    let scroll: Int
    var find: String = ""
    let now: Date

    /// The screen's text at `width`: a long line (a failure's reason, a body, a run's counts) is
    /// wrapped, not cut, under its value column.
    static func lines(_ details: SubjectDetails, now: Date, width: Int) -> [String] {
        let lines: [String]
        switch details {
        case .source(let source): lines = SourceDetailsView.lines(source, now: now)
        case .campaign(let campaign): lines = CampaignDetailsView.lines(campaign)
        }
        return lines.flatMap { wrapped($0, width: width) }
    }

    /// The column values start at (`  label             value`).
    static let valueColumn = 20

    /// `line` in pieces no wider than `width`: the first keeps the line's own spacing (its columns),
    /// cut at the last space that fits; the rest is wrapped, indented to the value column (a
    /// `label  value` line) or four past the line's indentation.
    static func wrapped(_ line: String, width: Int) -> [String] {
        let chars = Array(line)
        guard chars.count > width else { return [line] }
        let indent = line.prefix { $0 == " " }.count
        let isLabelled =
            indent == 2 && chars.count > valueColumn && chars[valueColumn - 2] == " " && chars[valueColumn - 1] == " "
            && chars[valueColumn] != " "
        let hang = isLabelled ? valueColumn : indent + 4
        guard width - hang >= 16 else { return [line] }  // too narrow to wrap into: cut as drawn
        var cut = width
        while cut > hang && chars[cut] != " " { cut -= 1 }
        if cut <= hang { cut = width }  // one word longer than the line: broken inside it
        let first = String(chars[..<cut]).replacingOccurrences(of: " +$", with: "", options: .regularExpression)
        let rest = String(chars[cut...].drop { $0 == " " })
        let pad = String(repeating: " ", count: hang)
        return [first] + TextWrap.wrap(rest, width: width - hang).map { pad + $0 }
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

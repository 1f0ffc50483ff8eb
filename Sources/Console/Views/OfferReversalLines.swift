import Foundation

/// The details screen's Reversals section: the offer's stored reversals, its reversal rate and
/// share of the source's, or what to do when nothing is downloaded.
///
/// The rate is reversals per downloaded day: the Reversals API gives no lead count, so the share
/// of leads reversed cannot be known; how often the offer is reversed, over the days the downloads
/// cover, can.
enum OfferReversalLines {
    static func lines(_ reading: Result<OfferReversalFigures, ConsoleFailure>, currency: String?) -> [String] {
        var out = ["Reversals"]
        let figures: OfferReversalFigures
        switch reading {
        case .failure(let error):
            out.append("  cannot read the stored reversals: \(error.message)")
            return out
        case .success(let read): figures = read
        }
        guard let perDay = figures.perDay else {
            out.append("  no reversal data for this source — press d in Reports (v on the source) to download")
            return out
        }
        let days = Formatting.count(figures.coverage.days)
        out.append(
            "  reversed          \(ReportsView.reversals(figures.count)) · \(ReportsView.money(figures.amount, currency))"
                + " (downloaded: \(figures.coverage))")
        out.append(
            "  reversal rate     "
                + (figures.count == 0
                    ? "none in \(days) downloaded days"
                    : "\(rate(perDay)) a day (\(Formatting.count(figures.count)) in \(days) downloaded days)"))
        out.append("                    reversals per downloaded day: the API gives no lead count, so no share of leads")
        if figures.sourceCount > 0 {
            out.append(
                "  share of source   \(ReversalColumn.percent(figures.count, of: figures.sourceCount)) of the source's "
                    + "\(Formatting.count(figures.sourceCount)) stored reversals")
        }
        return out
    }

    /// "0.033", "0.50", "12.0": enough digits to tell a rare offer from a clean one.
    static func rate(_ perDay: Double) -> String {
        String(format: perDay < 0.1 ? "%.3f" : (perDay < 10 ? "%.2f" : "%.1f"), perDay)
    }
}

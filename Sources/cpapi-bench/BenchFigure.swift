/// One measured figure, with its target when there is one.
struct BenchFigure {
    var name: String
    var value: String
    var target: String?
    /// Whether the target is met; nil when there is no target or it could not be told.
    var met: Bool?

    var line: String {
        let padded = name.padding(toLength: 34, withPad: " ", startingAt: 0)
        var text = "\(padded) \(value)"
        if let target { text += "   (target \(target)\(met.map { $0 ? ": met" : ": MISSED" } ?? ""))" }
        return text
    }
}

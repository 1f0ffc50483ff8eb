@testable import TUI

/// Renders a widget into a fresh buffer of the given size.
func render(_ widget: some Widget, width: Int, height: Int) -> Buffer {
    var buffer = Buffer(size: Size(width: width, height: height))
    widget.render(in: buffer.area, buffer: &buffer)
    return buffer
}

/// The buffer's rows with trailing spaces removed (snapshots stay readable).
func trimmed(_ buffer: Buffer) -> [String] {
    buffer.lines.map { String($0.reversed().drop(while: { $0 == " " }).reversed()) }
}

/// A tiny deterministic random generator so "random" tests are reproducible.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

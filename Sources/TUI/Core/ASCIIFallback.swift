/// What a terminal whose locale is not UTF-8 (`LANG=C`) can show: printable ASCII only. Every cell
/// of a frame is turned into one ASCII column before it is sent, so widths stay exactly what the
/// buffer counted: line drawing becomes `+-|`, the marks their ASCII look-alikes (`▶` `>`, `▲` `^`,
/// `✓` `v`, `✗` `x`, `●` `*`, `○` `o`, `…` `~`), anything else not ASCII `?` (a wide glyph `? `).
public enum ASCIIFallback {
    /// The frame as ASCII, in place.
    public static func apply(to buffer: inout Buffer) {
        buffer.transformCells(cell)
    }

    /// The cell as one ASCII column.
    @inlinable
    public static func cell(_ cell: Cell) -> Cell {
        if cell.symbol.isASCII && cell.width == 1 { return cell }
        if cell.isContinuation { return Cell(" ", width: 1, style: cell.style) }
        return Cell(symbol(for: cell.symbol), width: 1, style: cell.style)
    }

    /// The ASCII stand-in for a glyph.
    public static func symbol(for character: Character) -> Character {
        if character.isASCII { return character }
        guard let scalar = character.unicodeScalars.first else { return "?" }
        if let mapped = table[scalar.value] { return mapped }
        // Box drawing (U+2500…257F): vertical-ish lines, horizontal-ish lines, the rest are joints.
        if (0x2500...0x257F).contains(scalar.value) { return "+" }
        if let latin = latinBase(scalar.value) { return latin }
        return "?"
    }

    static let table: [UInt32: Character] = [
        0x2500: "-", 0x2501: "-", 0x2550: "-", 0x2574: "-", 0x2576: "-", 0x2578: "-", 0x257A: "-",
        0x2502: "|", 0x2503: "|", 0x2551: "|", 0x2575: "|", 0x2577: "|", 0x2579: "|", 0x257B: "|",
        0x25B6: ">", 0x25B8: ">", 0x25BA: ">", 0x25C0: "<", 0x25C2: "<", 0x25C4: "<",
        0x25B2: "^", 0x25B4: "^", 0x25BC: "v", 0x25BE: "v",
        0x2713: "v", 0x2714: "v", 0x2717: "x", 0x2718: "x", 0x00D7: "x", 0x00F7: "/",
        0x25CF: "*", 0x2022: "*", 0x25CB: "o", 0x25E6: "o",
        0x2026: "~", 0x00B7: ".", 0x2014: "-", 0x2013: "-", 0x2212: "-", 0x00A0: " ",
        0x2191: "^", 0x2193: "v", 0x2190: "<", 0x2192: ">", 0x21BB: "@", 0x21BA: "@",
        0x2581: "_", 0x2582: ".", 0x2583: "-", 0x2584: "=", 0x2585: "+", 0x2586: "*", 0x2587: "%", 0x2588: "#",
        0x2591: ".", 0x2592: ":", 0x2593: "#", 0x00AB: "<", 0x00BB: ">", 0x2018: "'", 0x2019: "'",
        0x201C: "\"", 0x201D: "\"", 0x00B1: "+"
    ]

    /// Latin-1 letters with an accent, as their base letter ("é" as "e"), so titles stay readable.
    static func latinBase(_ value: UInt32) -> Character? {
        guard (0xC0...0xFF).contains(value) else { return nil }
        return latinBases[Int(value - 0xC0)]
    }

    static let latinBases: [Character] = Array("AAAAAAACEEEEIIIIDNOOOOOxOUUUUYTsaaaaaaaceeeeiiiidnooooo/ouuuuyty")
}

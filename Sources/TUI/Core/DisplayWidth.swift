/// How many terminal columns text occupies, computed in pure Swift from Unicode properties,
/// so results do not depend on the C locale (headless tests and the real terminal agree).
///
/// Rules per grapheme cluster: ASCII printable is 1; East Asian Wide/Fullwidth bases, emoji
/// presentation, emoji + VS16 and flag pairs are 2; a cluster made only of combining marks,
/// zero-width joiners or other format/control characters is 0; everything else is 1.
public enum DisplayWidth {
    /// Width of one grapheme cluster: 0, 1 or 2.
    @inlinable
    public static func of(_ character: Character) -> Int {
        // ASCII fast path: one scalar below 0x80.
        if let ascii = character.asciiValue {
            return (ascii >= 0x20 && ascii != 0x7F) ? 1 : 0
        }
        return ofCluster(character.unicodeScalars)
    }

    /// Width of a string: the sum of its grapheme clusters' widths.
    public static func of(_ string: String) -> Int {
        if let fast = string.utf8.withContiguousStorageIfAvailable({ asciiWidth($0) }), let width = fast {
            return width
        }
        var total = 0
        for c in string { total += of(c) }
        return total
    }

    /// Width of a string that is pure printable ASCII, or nil if it is not.
    @usableFromInline
    static func asciiWidth(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        for b in bytes where b < 0x20 || b >= 0x7F { return nil }
        return bytes.count
    }

    @usableFromInline
    static func ofCluster(_ scalars: Character.UnicodeScalarView) -> Int {
        var iterator = scalars.makeIterator()
        guard let first = iterator.next() else { return 0 }
        var sawVS16 = false
        var sawMoreScalars = false
        while let s = iterator.next() {
            sawMoreScalars = true
            if s.value == 0xFE0F { sawVS16 = true }
        }
        let props = first.properties
        if isZeroWidth(first) {
            return 0
        }
        if isWide(first.value) || props.isEmojiPresentation { return 2 }
        if sawVS16 && props.isEmoji { return 2 }
        // A pair of regional indicators is a flag; a lone one is drawn narrow by most terminals.
        if (0x1F1E6...0x1F1FF).contains(first.value) { return sawMoreScalars ? 2 : 1 }
        return 1
    }

    /// Combining marks, joiners and other invisible scalars occupy no column of their own.
    @usableFromInline
    static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x20 || (0x7F..<0xA0).contains(v) { return true }
        if v == 0x200B || v == 0x200C || v == 0x200D || v == 0x2060 || v == 0xFEFF { return true }
        if (0xFE00...0xFE0F).contains(v) { return true }  // variation selectors
        if (0x1160...0x11FF).contains(v) { return true }  // Hangul medial vowels and final consonants
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return true
        default: return false
        }
    }

    /// East_Asian_Width W and F ranges (Unicode 15), plus the emoji blocks drawn wide.
    @usableFromInline
    static func isWide(_ v: UInt32) -> Bool {
        if v < 0x1100 { return false }
        for range in wideRanges where range.contains(v) { return true }
        return false
    }

    @usableFromInline
    static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0,
        0x23F3...0x23F3, 0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F,
        0x2693...0x2693, 0x26A1...0x26A1, 0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5,
        0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA, 0x26F2...0x26F3, 0x26F5...0x26F5,
        0x26FA...0x26FA, 0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B, 0x2728...0x2728,
        0x274C...0x274C, 0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797,
        0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55,
        0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
        0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
        0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x16FF0...0x16FF1, 0x17000...0x18CFF,
        0x18D00...0x18D08, 0x1AFF0...0x1B2FF, 0x1F004...0x1F004, 0x1F0CF...0x1F0CF,
        0x1F18E...0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F202, 0x1F210...0x1F23B,
        0x1F240...0x1F248, 0x1F250...0x1F251, 0x1F260...0x1F265, 0x1F300...0x1F320,
        0x1F32D...0x1F335, 0x1F337...0x1F37C, 0x1F37E...0x1F393, 0x1F3A0...0x1F3CA,
        0x1F3CF...0x1F3D3, 0x1F3E0...0x1F3F0, 0x1F3F4...0x1F3F4, 0x1F3F8...0x1F43E,
        0x1F440...0x1F440, 0x1F442...0x1F4FC, 0x1F4FF...0x1F53D, 0x1F54B...0x1F54E,
        0x1F550...0x1F567, 0x1F57A...0x1F57A, 0x1F595...0x1F596, 0x1F5A4...0x1F5A4,
        0x1F5FB...0x1F64F, 0x1F680...0x1F6C5, 0x1F6CC...0x1F6CC, 0x1F6D0...0x1F6D2,
        0x1F6D5...0x1F6D7, 0x1F6DC...0x1F6DF, 0x1F6EB...0x1F6EC, 0x1F6F4...0x1F6FC,
        0x1F7E0...0x1F7EB, 0x1F7F0...0x1F7F0, 0x1F90C...0x1F93A, 0x1F93C...0x1F945,
        0x1F947...0x1F9FF, 0x1FA70...0x1FAFF, 0x20000...0x2FFFD, 0x30000...0x3FFFD
    ]
}

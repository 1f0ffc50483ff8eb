import Testing
@testable import TUI

@Suite struct DisplayWidthTests {
    @Test(arguments: [
        ("a", 1), (" ", 1), ("中", 2), ("한", 2), ("Ａ", 2), ("😀", 2), ("👍🏽", 2), ("👨‍👩‍👧", 2),
        ("🇫🇷", 2), ("❤️", 2), ("❤", 1), ("e\u{301}", 1), ("é", 1), ("…", 1), ("│", 1), ("\u{301}", 0),
        ("\u{200D}", 0), ("\t", 0), ("ア", 2), ("ｱ", 1)
    ])
    func characterWidth(text: String, width: Int) {
        #expect(text.count == 1)
        #expect(DisplayWidth.of(Character(text)) == width, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
    }

    @Test func stringWidthSumsGraphemes() {
        #expect(DisplayWidth.of("") == 0)
        #expect(DisplayWidth.of("hello") == 5)
        #expect(DisplayWidth.of("a中😀e\u{301}") == 6)
        #expect(DisplayWidth.of("日本語テキスト") == 14)
        #expect(DisplayWidth.of("tab\there") == 7)  // control characters take no column
    }
}

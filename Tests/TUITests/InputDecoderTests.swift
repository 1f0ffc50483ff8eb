import CNcurses
import Testing
@testable import TUI

@Suite struct InputDecoderTests {
    func decode(_ raw: [RawInput]) -> [Event] {
        var d = InputDecoder()
        return d.decode(raw)
    }

    @Test func printableTextAndControlCharacters() {
        #expect(decode([.character(0x71)]) == [.key(.character("q"))])
        #expect(decode([.character(0x20)]) == [.key(.space)])
        #expect(decode([.character(0x4E2D)]) == [.key(.character("中"))])
        #expect(decode([.character(13)]) == [.key(.enter)])
        #expect(decode([.character(10)]) == [.key(.enter)])
        #expect(decode([.character(9)]) == [.key(.tab)])
        #expect(decode([.character(127)]) == [.key(.backspace)])
        #expect(decode([.character(8)]) == [.key(.backspace)])
        #expect(decode([.character(27)]) == [.key(.escape)])
        #expect(decode([.character(3)]) == [.key(.ctrl("c"))])
        #expect(decode([.character(1)]) == [.key(.ctrl("a"))])
        #expect(decode([.character(23)]) == [.key(.ctrl("w"))])
    }

    @Test func scalarsArrivingTogetherFormGraphemes() {
        // 👍 + skin tone modifier, e + combining acute, then a plain letter.
        let events = decode([.character(0x1F44D), .character(0x1F3FD), .character(0x65), .character(0x301), .character(0x78)])
        #expect(events == [.key(.character("👍🏽")), .key(.character("e\u{301}")), .key(.character("x"))])
    }

    @Test func functionKeys() {
        let table: [(Int32, Key)] = [
            (KEY_UP, .up), (KEY_DOWN, .down), (KEY_LEFT, .left), (KEY_RIGHT, .right), (KEY_HOME, .home),
            (KEY_END, .end), (KEY_PPAGE, .pageUp), (KEY_NPAGE, .pageDown), (KEY_BTAB, .backTab),
            (KEY_BACKSPACE, .backspace), (KEY_DC, .delete), (KEY_IC, .insert), (KEY_ENTER, .enter),
            (cn_key_f(1), .function(1)), (cn_key_f(12), .function(12))
        ]
        for (code, key) in table {
            #expect(decode([.keyCode(code)]) == [.key(key)], "code \(code)")
        }
        #expect(decode([.keyCode(cn_key_f(13))]) == [])
        #expect(decode([.keyCode(KEY_RESIZE)]) == [], "the backend reports resizes with the size")
        #expect(KEY_UP == 0o403 && KEY_BTAB == 0o541, "literal ncurses codes")
    }

    @Test func bracketedPasteIsOneEvent() {
        var d = InputDecoder()
        var events = d.decode([.character(0x61), .keyCode(InputDecoder.pasteStartCode), .character(0x68), .character(0x69), .character(13)])
        #expect(events == [.key(.character("a"))])
        #expect(d.isPasting)
        events = d.decode([.character(0x4E2D), .character(9), .character(0x71), .keyCode(InputDecoder.pasteEndCode), .character(0x71)])
        #expect(events == [.paste("hi\n中\tq"), .key(.character("q"))])
        #expect(!d.isPasting)
    }

    @Test func mouse() {
        let wheelUp = RawInput.mouse(x: 3, y: 4, buttons: UInt(cn_button4_pressed()))
        #expect(decode([wheelUp]) == [.mouse(MouseEvent(.wheelUp, at: Position(x: 3, y: 4)))])
        #expect(decode([.mouse(x: 0, y: 1, buttons: UInt(cn_button5_pressed()))]) == [.mouse(MouseEvent(.wheelDown, at: Position(x: 0, y: 1)))])
        #expect(
            decode([.mouse(x: 7, y: 2, buttons: UInt(cn_button1_pressed()))]) == [.mouse(MouseEvent(.press(button: 1), at: Position(x: 7, y: 2)))])
        #expect(
            decode([.mouse(x: 7, y: 2, buttons: UInt(cn_button1_clicked()))]) == [.mouse(MouseEvent(.click(button: 1), at: Position(x: 7, y: 2)))])
    }

    @Test func keyNames() {
        #expect(Key.tab.displayName == "Tab")
        #expect(Key.backTab.displayName == "S-Tab")
        #expect(Key.ctrl("c").displayName == "^C")
        #expect(Key.pageDown.displayName == "PgDn")
        #expect(Key.space.displayName == "Space")
        #expect(Key.character("?").displayName == "?")
        #expect(Key.function(5).displayName == "F5")
        #expect(Key.escape.displayName == "Esc")
    }
}

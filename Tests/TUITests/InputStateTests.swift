import Testing
@testable import TUI

@Suite struct InputStateTests {
    @Test func insertAndDeleteAroundTheCursor() {
        var s = InputState()
        for c in "hello" { s.handle(.character(c)) }
        s.handle(.left); s.handle(.left)
        s.handle(.character("X"))
        #expect(s.text == "helXlo" && s.cursor == 4)
        s.handle(.backspace)
        s.handle(.delete)
        #expect(s.text == "helo" && s.cursor == 3)
        s.handle(.home); s.handle(.delete)
        #expect(s.text == "elo" && s.cursor == 0)
        s.handle(.end)
        #expect(s.cursor == 3)
        let usedEnter = s.handle(.enter)
        #expect(!usedEnter, "Enter is left to the app")
    }

    @Test func graphemesAreEditedWhole() {
        var s = InputState(text: "a👍🏽e\u{301}")
        #expect(s.cursor == 3)
        s.deleteBackward()
        #expect(s.text == "a👍🏽")
        s.deleteBackward()
        #expect(s.text == "a")
    }

    @Test func wordAndLineMotions() {
        var s = InputState(text: "status:active  merchant:acme")
        s.moveWordLeft()
        #expect(s.cursor == 15)
        s.moveWordLeft()
        #expect(s.cursor == 0)
        s.moveWordRight()
        #expect(s.cursor == 13)
        s.handle(.end)
        s.handle(.ctrl("w"))
        #expect(s.text == "status:active  ")
        s.handle(.ctrl("a"))
        s.moveWordRight()
        s.handle(.ctrl("k"))
        #expect(s.text == "status:active")
        s.handle(.ctrl("u"))
        #expect(s.text == "" && s.cursor == 0)
    }

    @Test func historyKeepsTheDraft() {
        var s = InputState()
        s.insert("first"); _ = s.submit()
        s.insert("second"); _ = s.submit()
        s.insert("second"); _ = s.submit()  // repeats are not stored twice
        #expect(s.history == ["first", "second"])
        s.insert("dra")
        s.handle(.up)
        #expect(s.text == "second")
        s.handle(.up); s.handle(.up)
        #expect(s.text == "first")
        s.handle(.down)
        #expect(s.text == "second")
        s.handle(.down)
        #expect(s.text == "dra")
    }

    @Test func pasteIsInsertedAsOneLine() {
        var s = InputState(text: "ab")
        s.moveLeft()
        let used = s.handle(Event.paste("x\ny\tz"))
        #expect(used)
        #expect(s.text == "ax y zb" && s.cursor == 6)
    }
}

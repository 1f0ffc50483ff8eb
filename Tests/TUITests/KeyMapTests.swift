import Testing
@testable import TUI

@Suite struct KeyMapTests {
    enum Action: Hashable, Sendable { case quit, help, down, openOffer, confirm, cancel, sync }

    var keys: KeyMap<Action> {
        var k = KeyMap<Action>()
        k.register(.down, keys: [.character("j"), .down], description: "down", context: "Offers")
        k.register(.openOffer, keys: [.enter], description: "open", context: "Offers")
        k.register(.sync, keys: [.character("s")], description: "sync", context: "Offers")
        k.register(.confirm, keys: [.character("y")], description: "yes", context: "Dialog")
        k.register(.cancel, keys: [.escape, .character("q")], description: "cancel", context: "Dialog")
        k.register(.quit, keys: [.character("q")], description: "quit")
        k.register(.help, keys: [.character("?")], description: "help")
        return k
    }

    @Test func innerContextsWin() {
        let k = keys
        #expect(k.action(for: .character("q"), in: ["Offers"]) == .quit)
        #expect(k.action(for: .character("q"), in: ["Dialog", "Offers"]) == .cancel)
        #expect(k.action(for: .down, in: ["Offers"]) == .down)
        #expect(k.action(for: .down, in: []) == nil)
        #expect(k.action(for: .key(.character("?")), in: ["Dialog"]) == .help)
        #expect(k.action(for: .paste("q"), in: []) == nil, "pasted text never triggers bindings")
    }

    @Test func disabledBindingsReportTheirReason() {
        var k = keys
        k.setDisabled(.sync, reason: "a sync is already running")
        #expect(k.lookup(.character("s"), in: ["Offers"]) == .disabled(.sync, reason: "a sync is already running"))
        #expect(k.action(for: .character("s"), in: ["Offers"]) == nil)
        #expect(k.hints(for: ["Offers"]).first { $0.description == "sync" }?.isEnabled == false)
        k.setDisabled(.sync, reason: nil)
        #expect(k.action(for: .character("s"), in: ["Offers"]) == .sync)
    }

    @Test func hintsFollowTheContextAndHideShadowedKeys() {
        let k = keys
        #expect(k.hints(for: ["Offers"]).map(\.keys) == ["j/↓", "Enter", "s", "q", "?"])
        // In the dialog, q means cancel: the global "q quit" hint disappears.
        let dialog = k.hints(for: ["Dialog"])
        #expect(dialog.map(\.description) == ["yes", "cancel", "help"])
        #expect(dialog[1].keys == "Esc/q")
    }

    @Test func helpIsGroupedByContext() {
        let sections = keys.helpSections()
        #expect(sections.map(\.title) == ["Offers", "Dialog", "Global"])
        #expect(sections[0].entries.map(\.keys) == ["j/↓", "Enter", "s"])
        #expect(keys.helpSections(for: ["Offers"]).map(\.title) == ["Offers", "Global"])
    }
}

import Testing
@testable import TUI

/// Bindings that carry their own rule, modal contexts, and bindings that read as one hint.
@Suite struct KeyRuleTests {
    enum Action: Hashable, Sendable { case up, down, sync, keep, clear, quit }
    struct Screen: Sendable { var syncing = false }

    var keys: KeyMap<Action> {
        KeyMap(
            [
                KeyBinding(.up, keys: [.up], description: "move", context: "Filter"),
                KeyBinding(.down, keys: [.down], description: "move", context: "Filter"),
                KeyBinding(.keep, keys: [.enter], description: "keep", context: "Filter"),
                KeyBinding(.clear, keys: [.escape], description: "clear", context: "Filter"),
                KeyBinding(
                    .sync, keys: [.character("s")], description: "sync", context: "Offers",
                    disabledWhen: { (screen: Screen) in screen.syncing ? "a sync is running" : nil }),
                KeyBinding(.quit, keys: [.character("q")], description: "quit")
            ], modalContexts: ["Filter"])
    }

    @Test func aBindingsRuleDecidesWhetherItActs() {
        #expect(keys.checked(in: Screen()).lookup(.character("s"), in: ["Offers"]) == .action(.sync))
        let busy = keys.checked(in: Screen(syncing: true))
        #expect(busy.lookup(.character("s"), in: ["Offers"]) == .disabled(.sync, reason: "a sync is running"))
        #expect(busy.hints(for: ["Offers"]).first == KeyHint(keys: "s", description: "sync", isEnabled: false))
        #expect(busy.helpSections().first { $0.title == "Offers" }?.entries.first?.disabledReason == "a sync is running")
        // Checked again in a calmer state, the binding acts again.
        #expect(busy.checked(in: Screen()).lookup(.character("s"), in: ["Offers"]) == .action(.sync))
    }

    @Test func aModalContextShutsTheGlobalBindingsOut() {
        #expect(keys.lookup(.character("q"), in: ["Offers"]) == .action(.quit))
        #expect(keys.lookup(.character("q"), in: ["Filter"]) == .unbound, "q is not quit while the filter has the keys")
        #expect(!keys.hints(for: ["Filter"]).contains { $0.description == "quit" })
        #expect(keys.searchPath(["Filter"]) == ["Filter"] && keys.searchPath(["Offers"]) == ["Offers", KeyMap<Action>.global])
    }

    @Test func bindingsSideBySideThatSayTheSameReadAsOne() {
        #expect(keys.hints(for: ["Filter"]).map { "\($0.keys) \($0.description)" } == ["↑/↓ move", "Enter keep", "Esc clear"])
        let filter = keys.helpSections().first { $0.title == "Filter" }
        #expect(filter?.entries.map(\.keys) == ["↑/↓", "Enter", "Esc"])
    }
}

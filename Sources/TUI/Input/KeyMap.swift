/// The app's single table of key bindings. Dispatch (`lookup`), the hint bar (`hints`) and the
/// help overlay (`helpSections`) all read this one table, so they can never disagree.
///
/// Contexts are searched innermost first: `lookup(.key(k), in: ["dialog", "offers"])` tries the
/// dialog's bindings, then the pane's, then the global ones. A modal context (a dialog, a prompt)
/// shuts the global ones out: when one of the contexts searched is modal, only those contexts count.
public struct KeyMap<Action: Hashable & Sendable>: Sendable {
    /// The context whose bindings apply everywhere (unless a more specific context binds the same key).
    public static var global: String { "Global" }

    public private(set) var bindings: [KeyBinding<Action>] = []
    /// Contexts whose keys are all there is while they apply: no global binding reaches through.
    public var modalContexts: Set<String>

    public init(_ bindings: [KeyBinding<Action>] = [], modalContexts: Set<String> = []) {
        self.bindings = bindings
        self.modalContexts = modalContexts
    }

    /// The map with every binding's rule checked against `state`: a binding with a rule is
    /// disabled exactly while its rule gives a reason.
    public func checked<State>(in state: State) -> KeyMap {
        var map = self
        let boxed: Any = state  // boxed once, not once per rule
        for i in map.bindings.indices {
            if let rule = map.bindings[i].rule { map.bindings[i].disabledReason = rule.reason(in: boxed) }
        }
        return map
    }

    /// The contexts searched, innermost first: `contexts`, then the global one unless one is modal.
    public func searchPath(_ contexts: [String]) -> [String] {
        contexts.contains(where: modalContexts.contains) ? contexts : contexts + [KeyMap.global]
    }

    /// Adds a binding; registration order is the order of hints and help.
    public mutating func register(_ binding: KeyBinding<Action>) {
        bindings.append(binding)
    }

    public mutating func register(
        _ action: Action, keys: [Key], description: String,
        context: String = KeyMap.global, showInHints: Bool = true
    ) {
        register(KeyBinding(action, keys: keys, description: description, context: context, showInHints: showInHints))
    }

    /// Disables (with a reason) or re-enables (`reason: nil`) every binding of `action`.
    public mutating func setDisabled(_ action: Action, reason: String?) {
        for i in bindings.indices where bindings[i].action == action {
            bindings[i].disabledReason = reason
        }
    }

    public func binding(for action: Action) -> KeyBinding<Action>? {
        bindings.first { $0.action == action }
    }

    /// What a key means in the given contexts (innermost first; the global context is searched
    /// last, unless one of them is modal).
    public func lookup(_ key: Key, in contexts: [String] = []) -> KeyLookup<Action> {
        for context in searchPath(contexts) {
            if let b = bindings.first(where: { $0.context == context && $0.keys.contains(key) }) {
                if let reason = b.disabledReason { return .disabled(b.action, reason: reason) }
                return .action(b.action)
            }
        }
        return .unbound
    }

    /// Convenience for dispatch: the enabled action bound to `event`, if it is a key.
    public func action(for event: Event, in contexts: [String] = []) -> Action? {
        guard case .key(let key) = event else { return nil }
        return lookup(key, in: contexts).action
    }

    public func action(for key: Key, in contexts: [String] = []) -> Action? {
        lookup(key, in: contexts).action
    }

    /// The hints for the hint bar: the contexts' bindings (innermost first) then the global ones
    /// (unless a context is modal). A key already bound by an inner context hides the outer binding
    /// of the same key. Bindings side by side that say the same read as one: "↑/↓ move".
    public func hints(for contexts: [String] = []) -> [KeyHint] {
        var seenKeys = Set<Key>()
        var hints: [KeyHint] = []
        for context in searchPath(contexts) {
            let first = hints.count
            for b in bindings where b.context == context && b.showInHints {
                let visibleKeys = b.keys.filter { !seenKeys.contains($0) }
                guard !visibleKeys.isEmpty else { continue }
                let keys = visibleKeys.map(\.displayName).joined(separator: "/")
                if hints.count > first, hints[hints.count - 1].description == b.description,
                    hints[hints.count - 1].isEnabled == b.isEnabled
                {
                    hints[hints.count - 1].keys += "/" + keys
                    continue
                }
                hints.append(KeyHint(keys: keys, description: b.description, isEnabled: b.isEnabled))
            }
            for b in bindings where b.context == context { seenKeys.formUnion(b.keys) }
        }
        return hints
    }

    /// Every binding, grouped by context in registration order of the contexts (or only `contexts`
    /// plus global, when given).
    public func helpSections(for contexts: [String]? = nil) -> [HelpSection] {
        var order: [String] = []
        for b in bindings where !order.contains(b.context) { order.append(b.context) }
        if let contexts { order = order.filter { contexts.contains($0) || $0 == KeyMap.global } }
        return order.map { context in
            var entries: [HelpEntry] = []
            for b in bindings where b.context == context {
                // Side by side and saying the same (and equally disabled): one line, as in the hints.
                if let last = entries.last, last.description == b.description, last.disabledReason == b.disabledReason {
                    entries[entries.count - 1].keys += "/" + b.keyLabel
                } else {
                    entries.append(HelpEntry(keys: b.keyLabel, description: b.description, disabledReason: b.disabledReason))
                }
            }
            return HelpSection(title: context, entries: entries)
        }
    }
}

/// The result of looking a key up in a `KeyMap`.
public enum KeyLookup<Action: Hashable & Sendable>: Sendable {
    case action(Action)
    /// Bound, but disabled right now; show the reason (e.g. in the status line).
    case disabled(Action, reason: String)
    case unbound

    public var action: Action? {
        if case .action(let a) = self { return a }
        return nil
    }
}

extension KeyLookup: Equatable where Action: Equatable {}

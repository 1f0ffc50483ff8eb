/// One entry of an app's key table: which keys trigger `action`, what to call it in hints and
/// help, in which context (a pane, a dialog, or `KeyMap.global`) it applies, and, when it cannot be
/// used right now, why.
public struct KeyBinding<Action: Hashable & Sendable>: Sendable {
    public var action: Action
    public var keys: [Key]
    public var description: String
    public var context: String
    /// Non-nil while the binding is disabled: the hint is dimmed and dispatch reports the reason.
    public var disabledReason: String?
    /// Decides `disabledReason` from the app's state (`KeyMap.checked(in:)`); nil: only
    /// `disabledReason` as given counts.
    public var rule: KeyRule?
    /// Whether the binding appears in the hint bar (all bindings appear in the help).
    public var showInHints: Bool

    public init(
        _ action: Action, keys: [Key], description: String, context: String = KeyMap<Action>.global,
        disabledReason: String? = nil, showInHints: Bool = true
    ) {
        self.action = action
        self.keys = keys
        self.description = description
        self.context = context
        self.disabledReason = disabledReason
        self.showInHints = showInHints
    }

    /// A binding that cannot act while `disabledWhen` gives a reason for the app's state.
    public init<State>(
        _ action: Action, keys: [Key], description: String, context: String = KeyMap<Action>.global,
        disabledWhen: @escaping @Sendable (State) -> String?, showInHints: Bool = true
    ) {
        self.init(action, keys: keys, description: description, context: context, showInHints: showInHints)
        self.rule = KeyRule(disabledWhen)
    }

    public var isEnabled: Bool { disabledReason == nil }

    /// The keys as shown to the user: "j/↓".
    public var keyLabel: String { keys.map(\.displayName).joined(separator: "/") }
}

/// A binding as the hint bar shows it.
public struct KeyHint: Sendable, Hashable {
    public var keys: String
    public var description: String
    public var isEnabled: Bool
    public init(keys: String, description: String, isEnabled: Bool = true) {
        self.keys = keys
        self.description = description
        self.isEnabled = isEnabled
    }
}

/// The bindings of one context, as the help overlay lists them.
public struct HelpSection: Sendable, Hashable {
    public var title: String
    public var entries: [HelpEntry]
    public init(title: String, entries: [HelpEntry]) { self.title = title; self.entries = entries }
}

/// One line of the help overlay.
public struct HelpEntry: Sendable, Hashable {
    public var keys: String
    public var description: String
    public var disabledReason: String?
    public init(keys: String, description: String, disabledReason: String? = nil) {
        self.keys = keys
        self.description = description
        self.disabledReason = disabledReason
    }
}

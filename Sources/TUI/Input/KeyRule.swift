/// When a binding cannot act, and why: a check of the app's state that a `KeyBinding` carries, so
/// the table says each key's rule next to the key (`KeyMap.checked(in:)` applies them all).
///
/// The state's type is the app's; a rule written for one type and checked against another is a
/// programming error and stops the program.
public struct KeyRule: Sendable {
    private let check: @Sendable (Any) -> String?

    /// `rule` answers why the binding cannot act in a state, nil when it can.
    public init<State>(_ rule: @escaping @Sendable (State) -> String?) {
        check = { state in
            guard let state = state as? State else {
                preconditionFailure("a key rule over \(State.self) was checked against \(type(of: state))")
            }
            return rule(state)
        }
    }

    /// Why the binding cannot act in `state`; nil when it can.
    public func reason(in state: Any) -> String? { check(state) }
}

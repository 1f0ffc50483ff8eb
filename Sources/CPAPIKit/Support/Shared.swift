/// An immutable value held by reference: a copy of what holds it costs one retain, not one for each
/// string and array inside the value. The sync's per-placement records (`PlacementWork`) are copied
/// several times each in a run, by the hundred thousand; their campaign and offer do not change.
final class Shared<Value: Sendable>: Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

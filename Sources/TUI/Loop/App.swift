/// An application in the Elm / Bubble Tea shape: state lives in the conforming type, every input
/// becomes an `AppEvent` fed to `update`, and `view` draws the current state into a frame.
///
/// `update` and `view` always run on the loop's thread; background work posts `Message`s through
/// a `Mailbox` and never touches the terminal.
///
/// ```swift
/// struct Hello: App {
///     mutating func update(_ event: AppEvent<Never>) -> UpdateResult {
///         event.isKey(.character("q")) ? .quit : .none
///     }
///     func view(_ frame: inout Frame) {
///         frame.render(Paragraph("Hello!", block: Block(title: "Demo")), in: frame.area)
///     }
/// }
/// ```
public protocol App {
    /// What background work sends back to the loop.
    associatedtype Message: Sendable = Never

    /// Handles one event and says whether the screen must be redrawn (or the loop must end).
    /// The first event is always `.resize` with the terminal's size.
    mutating func update(_ event: AppEvent<Message>) -> UpdateResult

    /// Draws the state. Called only after an update asked for it, into a fresh buffer.
    func view(_ frame: inout Frame)

    /// When non-nil, the loop sends `.tick` this often (spinners, clocks, periodic refresh).
    /// Read again after every update, so an app can tick only while it is busy.
    var tickInterval: Duration? { get }
}

extension App {
    public var tickInterval: Duration? { nil }
}

/// Everything that can reach `App.update`.
public enum AppEvent<Message: Sendable>: Sendable {
    case key(Key)
    case mouse(MouseEvent)
    /// Bracketed-paste text, delivered whole.
    case paste(String)
    /// The terminal has a new size (also sent once at start). Scroll positions kept by the app
    /// survive: only the layout changes.
    case resize(Size)
    /// A message posted to the `Mailbox`, usually by background work.
    case message(Message)
    /// The periodic timer asked for with `App.tickInterval`.
    case tick

    /// Whether this is the key press `key`.
    public func isKey(_ key: Key) -> Bool {
        if case .key(let k) = self { return k == key }
        return false
    }

    /// The terminal input this event came from, if any (handy for `KeyMap.action(for:)`).
    public var input: Event? {
        switch self {
        case .key(let k): return .key(k)
        case .mouse(let m): return .mouse(m)
        case .paste(let s): return .paste(s)
        case .resize(let s): return .resize(s)
        case .message, .tick: return nil
        }
    }
}

/// What the loop should do after an update.
public enum UpdateResult: Sendable, Hashable {
    /// Nothing visible changed.
    case none
    /// Draw a new frame.
    case redraw
    /// Leave the loop and restore the terminal.
    case quit
}

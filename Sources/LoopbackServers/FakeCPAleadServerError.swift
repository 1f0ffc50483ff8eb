/// Why the fake CPAlead server failed (to start), or how it fails on purpose.
public enum FakeCPAleadServerError: Error, Sendable {
    case couldNotStart
    case droppedConnection
}

import Hummingbird
import CPAPIKit
public enum LoopbackServersInfo {}

import CPAPIKit
import TUI

/// The operator's console: panes for sources, campaigns, offers and live sync over a workspace.
public enum ConsoleModule {}

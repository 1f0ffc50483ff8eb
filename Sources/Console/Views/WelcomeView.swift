import TUI

/// What an empty workspace shows: how to describe one, and the demo.
struct WelcomeView {
    let workspace: String

    var text: String {
        """
        The workspace \(workspace) is empty.

        Describe your platform, sources and campaigns in a TOML file, then apply it:
            cpapi-tui apply FILE
        (see the README for the file format), and open this console again.

        Or watch everything work first on a self-contained demo:
            cpapi-tui demo

        d  start the demo now    Esc  close    q  quit
        """
    }

    func render(in area: Rect, frame: inout Frame) {
        let theme = frame.theme
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let width = min(area.width, (lines.map { DisplayWidth.of($0) }.max() ?? 40) + 6)
        let box = area.centered(width: width, height: min(area.height, lines.count + 4))
        frame.buffer.fill(box)
        let block = Block(title: "Welcome to cpapi-tui", theme: theme, focused: true)
        frame.render(block, in: box)
        let inner = block.inner(box).inner(Margin(horizontal: 2, vertical: 1))
        for (i, line) in lines.prefix(inner.height).enumerated() {
            frame.buffer.write(line, in: inner.row(i), style: line.hasPrefix("    ") ? theme.hintKey : theme.normal)
        }
    }
}

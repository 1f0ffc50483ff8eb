// A small program over the TUI toolkit: a bordered table of 1,000 rows (j/k/arrows, PgUp/PgDn),
// a clock line fed by a background task, a hint bar and a help overlay from the key table.
import TUI

enum Action: Hashable, Sendable { case up, down, pageUp, pageDown, help, quit }

struct Example: App {
    enum Message: Sendable { case second(Int) }
    var table = TableState()
    var seconds = 0
    var showHelp = false
    let rows = ClosureTableDataSource(rowCount: 1_000) { TableRow(["\($0)", "Row \($0)", $0 % 2 == 0 ? "even" : "odd"]) }
    let keys = KeyMap<Action>([
        KeyBinding(.down, keys: [.character("j"), .down], description: "down", context: "Table"),
        KeyBinding(.up, keys: [.character("k"), .up], description: "up", context: "Table"),
        KeyBinding(.pageDown, keys: [.pageDown], description: "page down", context: "Table", showInHints: false),
        KeyBinding(.pageUp, keys: [.pageUp], description: "page up", context: "Table", showInHints: false),
        KeyBinding(.help, keys: [.character("?")], description: "help"),
        KeyBinding(.quit, keys: [.character("q")], description: "quit")
    ])

    func layout(_ area: Rect) -> [Rect] { Layout.vertical([.fill, .length(1), .length(1)]).split(area) }
    func makeTable(theme: Theme) -> Table {
        Table(
            columns: [TableColumn("#", width: .length(5), alignment: .right), TableColumn("Name"), TableColumn("Parity", width: .length(8))],
            data: rows, state: table, block: Block(title: "Rows", theme: theme, focused: true), highlightSymbol: "▶ ", theme: theme)
    }

    mutating func update(_ event: AppEvent<Message>) -> UpdateResult {
        switch event {
        case .resize(let size):
            let area = layout(Rect(size: size))[0]
            table.setViewportHeight(makeTable(theme: .monochrome).visibleRowCount(in: area), rowCount: rows.rowCount)
            return .redraw
        case .message(.second(let s)): seconds = s; return .redraw
        case .key(let key):
            if showHelp { showHelp = false; return .redraw }
            switch keys.action(for: key, in: ["Table"]) {
            case .down: table.moveDown(rowCount: rows.rowCount)
            case .up: table.moveUp(rowCount: rows.rowCount)
            case .pageDown: table.pageDown(rowCount: rows.rowCount)
            case .pageUp: table.pageUp(rowCount: rows.rowCount)
            case .help: showHelp = true
            case .quit: return .quit
            case nil: return .none
            }
            return .redraw
        default: return .none
        }
    }

    func view(_ frame: inout Frame) {
        let areas = layout(frame.area)
        frame.render(makeTable(theme: frame.theme), in: areas[0])
        frame.render(StatusBar(left: "Row \(table.selected + 1) of \(rows.rowCount)", right: "Uptime \(seconds)s", theme: frame.theme), in: areas[1])
        frame.render(KeyHintBar(keys.hints(for: ["Table"]), theme: frame.theme), in: areas[2])
        if showHelp { frame.render(HelpOverlay(keys.helpSections(), theme: frame.theme), in: frame.area) }
    }
}

let mailbox = Mailbox<Example.Message>()
mailbox.spawn { mailbox in  // background work: a clock that never touches the terminal
    for s in 1... { try? await Task.sleep(for: .seconds(1)); mailbox.post(.second(s)) }
}
do { try Application(Example(), backend: NcursesBackend(), mailbox: mailbox).run() } catch { print("tui-example: \(error)") }

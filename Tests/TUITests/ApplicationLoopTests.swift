import Testing
@testable import TUI

/// A counter app: keys move a table, background messages and ticks are counted.
struct LoopApp: App {
    enum Message: Sendable { case progress(Int) }
    var keysSeen: [Key] = []
    var messages: [Int] = []
    var ticks = 0
    var sizes: [Size] = []
    var table = TableState()
    var tick: Duration? = nil
    var tickInterval: Duration? { tick }
    let rows = ClosureTableDataSource(rowCount: 100_000) { TableRow(["row \($0)"]) }

    func makeTable() -> Table {
        Table(columns: [TableColumn("Name")], data: rows, state: table, block: Block(title: "T"), highlightSymbol: ">")
    }

    mutating func update(_ event: AppEvent<Message>) -> UpdateResult {
        switch event {
        case .resize(let size):
            sizes.append(size)
            table.setViewportHeight(
                makeTable().visibleRowCount(in: Rect(x: 0, y: 0, width: size.width, height: size.height - 1)), rowCount: rows.rowCount)
            return .redraw
        case .key(.character("q")): return .quit
        case .key(.character("n")): keysSeen.append(.character("n")); return .none  // changes nothing visible
        case .key(let k):
            keysSeen.append(k)
            if k == .down { table.moveDown(rowCount: rows.rowCount) }
            if k == .pageDown { table.pageDown(rowCount: rows.rowCount) }
            return .redraw
        case .message(.progress(let n)): messages.append(n); return .redraw
        case .tick: ticks += 1; return .redraw
        default: return .none
        }
    }

    func view(_ frame: inout Frame) {
        let areas = Layout.vertical([.fill, .length(1)]).split(frame.area)
        frame.render(makeTable(), in: areas[0])
        frame.render(StatusBar(left: "messages: \(messages.count)", right: "ticks: \(ticks)"), in: areas[1])
    }
}

@Suite struct ApplicationLoopTests {
    @Test func backgroundMessagesAndScriptedKeysInterleave() async throws {
        let mailbox = Mailbox<LoopApp.Message>()
        let backend = HeadlessBackend(
            size: Size(width: 30, height: 8),
            script: [
                .key(.down), .key(.down),
                .waitUntil("all messages arrived") { $0.screenContains("messages: 20") },
                .key(.down),
                .key(.character("q"))
            ])
        let worker = mailbox.spawn { box in
            for i in 1...20 {
                try? await Task.sleep(for: .milliseconds(2))
                box.post(.progress(i))
            }
        }
        let final = try await Application(LoopApp(), backend: backend, mailbox: mailbox).runOnOwnThread()
        #expect(final.messages == Array(1...20), "every message, in order")
        #expect(final.keysSeen == [.down, .down, .down])
        #expect(final.table.selected == 3)
        #expect(final.sizes == [Size(width: 30, height: 8)], "the first event is the size")
        #expect(backend.lines[0] == "┌ T " + String(repeating: "─", count: 25) + "┐")
        #expect(backend.lines[5] == "│>row 3" + String(repeating: " ", count: 22) + "│")
        #expect(backend.trimmedLines[7].hasPrefix("messages: 20"))
        #expect(!backend.isActive, "the terminal is released")
        worker.cancel()
    }

    @Test func ticksArriveAtTheRequestedInterval() async throws {
        let backend = HeadlessBackend(
            size: Size(width: 30, height: 5),
            script: [
                .waitUntil("five ticks") { $0.screenContains("ticks: 5") },
                .key(.character("q"))
            ])
        var app = LoopApp()
        app.tick = .milliseconds(5)
        let clock = ContinuousClock()
        let start = clock.now
        let final = try await Application(app, backend: backend).runOnOwnThread()
        #expect(final.ticks >= 5)
        #expect(clock.now - start >= .milliseconds(25))
    }

    @Test func redrawsOnlyWhenAnUpdateAsksForIt() async throws {
        let backend = HeadlessBackend(
            size: Size(width: 20, height: 6),
            script: [
                .key(.character("n")), .key(.character("n")), .key(.down), .key(.character("q"))
            ])
        let final = try await Application(LoopApp(), backend: backend).runOnOwnThread()
        #expect(final.keysSeen.count == 3)
        #expect(backend.frameCount == 2, "the first frame, then one for ↓")
        // Moving the selection restyles two rows of the 18-column table: only those cells are sent.
        #expect(backend.lastDrawCount == 2 * 18)
    }

    @Test func resizeRelaysOutAndKeepsTheSelection() async throws {
        let backend = HeadlessBackend(
            size: Size(width: 30, height: 12),
            script: [
                .key(.pageDown), .key(.pageDown), .key(.down),
                .resize(Size(width: 20, height: 6)),
                .waitUntil("narrow frame drawn") { $0.lines[0].count == 20 },
                .key(.character("q"))
            ])
        let final = try await Application(LoopApp(), backend: backend).runOnOwnThread()
        #expect(final.sizes == [Size(width: 30, height: 12), Size(width: 20, height: 6)])
        #expect(final.table.selected == 15)  // two pages of 7 (viewport 8) and one row
        #expect(backend.lines.count == 6)
        #expect(backend.lines.contains { $0.contains(">row 15") }, "the selected row is still on screen")
        #expect(backend.lines.allSatisfy { DisplayWidth.of($0) == 20 })
    }

    @Test func aScriptThatNeverQuitsFailsInsteadOfHanging() async {
        let backend = HeadlessBackend(size: Size(width: 10, height: 3), script: [.key(.down)], stepTimeout: .milliseconds(200))
        await #expect(throws: HeadlessBackend.ScriptError.self) { _ = try await Application(LoopApp(), backend: backend).runOnOwnThread() }
        #expect(!backend.isActive)
    }

    @Test func mailboxIsSafeFromManyThreads() async {
        let mailbox = Mailbox<Int>()
        await withTaskGroup(of: Void.self) { group in
            for t in 0..<8 { group.addTask { for i in 0..<1000 { mailbox.post(t * 1000 + i) } } }
        }
        let all = mailbox.drain()
        #expect(all.count == 8000)
        #expect(Set(all).count == 8000)
        #expect(mailbox.isEmpty)
    }
}

import Testing
import TUI

// The ten-line program shown in docs/TUI.md, compiled here as a type so the docs cannot rot.
// (In the docs it ends with: try Application(Hello(), backend: NcursesBackend()).run())
struct Hello: App {
    mutating func update(_ event: AppEvent<Never>) -> UpdateResult {
        event.isKey(.character("q")) ? .quit : .none
    }
    func view(_ frame: inout Frame) {
        frame.render(Paragraph("Hello, terminal! Press q to quit.", block: Block(title: "TUI")), in: frame.area)
    }
}

@Suite struct ReadmeExampleTests {
    @Test func helloRunsHeadless() throws {
        let backend = HeadlessBackend(size: Size(width: 24, height: 4), script: [.key(.character("x")), .key(.character("q"))])
        try Application(Hello(), backend: backend).run()
        #expect(
            backend.lines == [
                "┌ TUI ─────────────────┐",
                "│Hello, terminal! Press│",
                "│q to quit.            │",
                "└──────────────────────┘"
            ])
    }

    @Test func theNcursesRunLineCompiles() {
        // Type-checks the docs' last line without starting curses in the test process.
        let run: () throws -> Hello = { try Application(Hello(), backend: NcursesBackend()).run() }
        _ = run
    }
}

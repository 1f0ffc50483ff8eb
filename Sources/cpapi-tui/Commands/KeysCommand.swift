import ArgumentParser
import Console

/// `cpapi-tui keys` (hidden): the console's key table as Markdown, for docs/CONSOLE.md.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Print the console's key table as Markdown (the table in docs/CONSOLE.md).",
        shouldDisplay: false)

    func run() throws {
        print(ConsoleBindings.markdownTable(), terminator: "")
    }
}

import ArgumentParser

/// `cpapi-tui ui` (the default): the terminal console.
struct UICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ui", abstract: "Open the terminal console (the default command).")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        throw CLIError("the console is not built yet; try `cpapi-tui demo` for a headless demo sync")
    }
}

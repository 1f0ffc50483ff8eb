import ArgumentParser

/// A command's failure: one line for stderr (ArgumentParser prints it as `Error: …` and exits 1).
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

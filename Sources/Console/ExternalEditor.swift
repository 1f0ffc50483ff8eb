import Foundation
import TUI

/// Edits text in an editor the operator knows (`e` on a source or campaign).
public protocol ExternalEditor {
    /// Shows `text` for editing, with `error` (the last attempt's refusal) on top when given;
    /// returns the edited text. Blocks until the editor closes.
    func edit(_ text: String, error: String?, fileName: String) throws -> String
}

/// `$VISUAL`, else `$EDITOR`, else `vi`, on a temporary file, with the terminal handed to it while it
/// runs (curses ended, the editor in the foreground, the typed-ahead input dropped after).
public final class TerminalEditor: ExternalEditor {
    /// Set once the loop runs: the terminal to suspend while the editor has it.
    public var terminal: Terminal?
    private let environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// The comment lines put on top of the file after a refused edit; removed again on read.
    static let errorPrefix = "# ERROR: "

    public func edit(_ text: String, error: String?, fileName: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cpapi-tui-edit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent(fileName)
        var content = ""
        if let error {
            content += error.split(separator: "\n").map { Self.errorPrefix + $0 }.joined(separator: "\n")
            content += "\n# Fix the fragment below and save; close without saving to give up.\n"
        }
        content += text
        try content.write(to: file, atomically: true, encoding: .utf8)
        let command =
            environment["VISUAL"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["EDITOR"].flatMap { $0.isEmpty ? nil : $0 } ?? "vi"
        let status: Int32 = try run {
            // `$EDITOR` may carry arguments ("code -w"): let the shell split it. In the foreground
            // process group: vi sets the terminal's modes, which a background group may not do.
            try ForegroundProcess.run("/bin/sh", ["-c", "\(command) \"$1\"", "editor", file.path])
        }
        guard status == 0 else { throw ConsoleFailure("\(command) exited with status \(status)") }
        let edited = try String(contentsOf: file, encoding: .utf8)
        return Self.stripErrorComments(edited)
    }

    private func run<T>(_ body: () throws -> T) throws -> T {
        if let terminal { return try terminal.suspended(body) }
        return try body()
    }

    static func stripErrorComments(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let kept = lines.drop { $0.hasPrefix(errorPrefix) || $0.hasPrefix("# Fix the fragment below") }
        return kept.joined(separator: "\n")
    }
}

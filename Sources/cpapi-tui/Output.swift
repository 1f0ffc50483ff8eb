import Foundation

/// Where commands write: results to stdout, progress and problems to stderr.
enum Output {
    /// Prints a line and flushes it: into a file or a pipe stdout is block-buffered, and `sync`'s
    /// run lines would wait for the exit (lost to a SIGKILL). `fflush(nil)` rather than
    /// `setvbuf(stdout, …)`: Swift 6 refuses C's mutable global `stdout`.
    static func line(_ text: String = "") {
        print(text)
        fflush(nil)
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Columns padded to the widest cell; the last column is not padded.
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.indices.map { column in
                column == row.count - 1 ? row[column] : row[column].padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    /// `2026-05-01 12:00:00Z`-style times for tables; `-` for none.
    static func time(_ date: Date?) -> String {
        guard let date else { return "-" }
        return date.formatted(
            .iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false)
                .timeSeparator(.colon).dateTimeSeparator(.space))
    }
}

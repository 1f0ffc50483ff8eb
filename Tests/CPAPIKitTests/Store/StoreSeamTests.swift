import Foundation
import Testing

/// The store seam holds: outside `Sources/CPAPIKit/Store/` nothing opens a transaction or runs SQL of
/// its own (no `.pool`, no GRDB), so a second store needs only the seams' protocols
/// (`SyncStore`, `WorkflowStore`, `ConsoleStore`, `ConfigStore`, `LocalPlatformStore`).
@Suite struct StoreSeamTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../Sources").standardized

    /// Every Swift file under Sources/ but the store's own, with its text.
    static func filesOutsideTheStore() throws -> [(path: String, text: String)] {
        let store = sources.appendingPathComponent("CPAPIKit/Store").path + "/"
        let walker = try #require(FileManager.default.enumerator(atPath: sources.path))
        var files: [(String, String)] = []
        while let relative = walker.nextObject() as? String {
            let path = sources.appendingPathComponent(relative).path
            guard path.hasSuffix(".swift"), !path.hasPrefix(store) else { continue }
            files.append((relative, try String(contentsOfFile: path, encoding: .utf8)))
        }
        return files
    }

    @Test func nothingOutsideTheStoreTouchesTheDatabase() throws {
        let files = try Self.filesOutsideTheStore()
        #expect(files.count > 100, "found the sources")
        for file in files {
            #expect(!file.text.contains("import GRDB"), "\(file.path) imports GRDB")
            #expect(file.text.range(of: #"\.pool\b"#, options: .regularExpression) == nil, "\(file.path) uses the store's pool")
        }
    }
}

import Foundation
@testable import CPAPIKit

/// A unique folder under the system temp dir, removed by `remove()`; tests run in parallel.
struct ScratchFolder {
    let path: String

    init() throws {
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent("cpapi-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let target = file(name)
        try text.write(toFile: target, atomically: true, encoding: .utf8)
        return target
    }

    /// A fresh workspace store in a sub-folder.
    func makeStore(_ name: String = "workspace") throws -> WorkspaceStore {
        try Workspace.openOrCreate(directory: file(name)).store
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

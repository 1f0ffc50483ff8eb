import CPAPIKit
import Foundation

/// The simplest sync that does the tool's essential work, written by hand as a script would be: per
/// source, fetch CPAlead's answer, decode it with `JSONDecoder`, hash each offer and store what
/// changed (`FloorDatabase`); 4 sources at a time. The measure the tool is held to (`FloorBenchmark`).
struct FloorSync {
    let database: FloorDatabase
    let sources: [SourceConfig]
    static let concurrency = 4

    /// One sync of every source; returns the offers written and marked gone.
    func sync() async throws -> (written: Int, gone: Int) {
        try await withThrowingTaskGroup(of: (written: Int, gone: Int).self) { group in
            var pending = sources[...]
            var total = (written: 0, gone: 0)
            func next() {
                guard let source = pending.popFirst() else { return }
                group.addTask { try await sync(source) }
            }
            for _ in 0..<Self.concurrency { next() }
            while let done = try await group.next() {
                total.written += done.written
                total.gone += done.gone
                next()
            }
            return total
        }
    }

    private func sync(_ source: SourceConfig) async throws -> (written: Int, gone: Int) {
        let url = "\(source.baseURL)/api/offers?id=\(source.publisherID)&limit=\(source.effectiveLimit)&format=json"
        let response = try await HTTPFetcher.shared.fetch(.get(url))
        guard response.status == 200 else { throw BenchError(description: "floor: \(url) answered \(response.status)") }
        let envelope = try JSONDecoder().decode(FloorOffer.Envelope.self, from: response.body)
        guard envelope.status == "success" else { throw BenchError(description: "floor: \(url) answered \(envelope.status)") }
        return try await database.store(source: source.id, offers: envelope.offers)
    }
}

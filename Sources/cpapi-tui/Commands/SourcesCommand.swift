import ArgumentParser
import CPAPIKit
import Foundation

/// `cpapi-tui sources`: the sources, their state and their offer counts.
struct SourcesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sources",
        abstract: "List the sources with their state and offer counts.",
        discussion: """
            --json prints {"sources": [{"id", "kind", "title", "url", "publisher_id", "api_key" (where the key \
            is read from, never the key), "status": "ready"|"processing"|"invalid", "archived_at", \
            "last_success_at", "last_full_fetch_at", "failure": null | {"at", "reason", "http_status", "headers", \
            "body"}, "offers": {"total", "in_feed", "missing", "invalid"}}]}. Dates are ISO 8601 or null.
            """)

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Include deleted (archived) sources.") var archived = false
    @Flag(help: "Print one JSON document.") var json = false

    func run() async throws {
        let store = try global.openWorkspace().store
        let sources = try store.sources(includeArchived: archived)
        let counts = try store.offerCounts()
        if json {
            try JSONOutput.print(Document(sources: sources.map { Item($0, counts: counts[$0.id] ?? .init()) }))
            return
        }
        guard !sources.isEmpty else {
            Output.line("No sources. Add [[sources]] to a config file and run `cpapi-tui apply FILE`.")
            return
        }
        let rows = sources.map { source -> [String] in
            let count = counts[source.id] ?? .init()
            let status = source.isArchived ? "deleted" : source.state.status.rawValue
            return [
                source.id, source.config.kind.rawValue, status, "\(count.inFeed)", "\(count.missing)", "\(count.invalid)",
                Output.time(source.state.lastSuccessAt), source.config.title
            ]
        }
        Output.line(Output.table(["ID", "KIND", "STATUS", "IN FEED", "MISSING", "INVALID", "LAST SUCCESS", "TITLE"], rows))
        for source in sources where source.state.status == .invalid {
            if let failure = source.state.failure {
                Output.line("\(source.id): \(failure.reason) (at \(Output.time(failure.at)))")
            }
        }
    }

    struct Document: Encodable { var sources: [Item] }

    struct Item: Encodable {
        var id: String
        var kind: String
        var title: String
        var url: String
        var publisherId: String
        var apiKey: Nullable<String>
        var status: String
        var archivedAt: Nullable<Date>
        var lastSuccessAt: Nullable<Date>
        var lastFullFetchAt: Nullable<Date>
        var failure: Nullable<JSONShapes.Failure>
        var offers: JSONShapes.OfferCounts

        init(_ source: Source, counts: WorkspaceStore.OfferCounts) {
            id = source.id; kind = source.config.kind.rawValue; title = source.config.title; url = source.config.baseURL
            publisherId = source.config.publisherID; apiKey = Nullable(source.config.apiKey?.description)
            status = source.state.status.rawValue; archivedAt = Nullable(source.state.archivedAt)
            lastSuccessAt = Nullable(source.state.lastSuccessAt); lastFullFetchAt = Nullable(source.state.lastFullFetchAt)
            failure = Nullable(source.state.failure.map(JSONShapes.Failure.init)); offers = JSONShapes.OfferCounts(counts)
        }
    }
}

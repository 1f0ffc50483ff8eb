import Console
import CPAPIKit
import Foundation
import LoopbackServers
import TUI

/// Times the console at benchmark scale, in-process on the headless terminal: a workspace of
/// `sourceCount × offersPerSource` generated offers (fetched from a loopback advertiser through
/// the real adapter and stored by the store, like a sync) placed by one campaign, then the
/// console over it: time to the
/// first frame, to the first frame listing offers (the first page) and to the frame with every
/// offer read, keypress → frame for scrolling (`j`, PgDn), per keystroke of filter-as-you-type
/// over every offer (plain text, then the filter language), and the peak resident memory while
/// the console ran.
///
/// ```swift
/// let figures = try await ConsoleBenchmark().run()
/// print(figures.keyToFrame(.scroll).max)
/// ```
public struct ConsoleBenchmark: Sendable {
    public var sourceCount: Int
    public var offersPerSource: Int
    public var size: Size
    /// Typed one key at a time after `/`; it matches some of the generated titles.
    public var filterText: String
    /// Typed one key at a time after the first filter is cleared: the filter language (a column
    /// term, a comparison, a negation and a bare word).
    public var languageFilterText: String
    public var scrollKeys: Int
    public var pageKeys: Int
    /// `>` presses: each sorts every offer by the next column (ID, Title, Payout…).
    public var sortKeys: Int

    public init(
        sourceCount: Int = 20, offersPerSource: Int = 5000, size: Size = Size(width: 120, height: 40),
        filterText: String = "candy crush", languageFilterText: String = "ctry:US payout>1 !state:held surv",
        scrollKeys: Int = 200, pageKeys: Int = 50, sortKeys: Int = 3
    ) {
        self.sourceCount = sourceCount
        self.offersPerSource = offersPerSource
        self.size = size
        self.filterText = filterText
        self.languageFilterText = languageFilterText
        self.scrollKeys = scrollKeys
        self.pageKeys = pageKeys
        self.sortKeys = sortKeys
    }

    /// What was measured.
    public struct Figures: Sendable {
        public var offerCount: Int
        /// From opening the console to its first frame (before the workspace is read).
        public var firstFrame: Duration
        /// From opening the console to the first frame listing offers (the first page of them).
        public var firstFrameWithOffers: Duration
        /// From opening the console to the first frame with every offer read ("loading…" gone).
        public var everyOfferRead: Duration
        public var scroll: Timings
        public var pageDown: Timings
        /// One entry per `>`: a re-sort of every offer by the next column.
        public var sort: Timings
        /// One entry per keystroke of the filter text (each re-filters every offer).
        public var filterKeystroke: Timings
        /// One entry per keystroke of the filter-language text.
        public var languageKeystroke: Timings
        /// The process's peak resident memory from just before the console opened until it quit
        /// (the high-water mark is reset first, so the workspace generation does not count); nil
        /// when the system cannot tell.
        public var peakResidentMegabytes: Double?
        /// The resident memory when the console opened (what the peak started from).
        public var startResidentMegabytes: Double?
    }

    /// Keypress → frame durations of one kind of key.
    public struct Timings: Sendable {
        public var samples: [Duration]
        public var median: Duration { sorted[sorted.count / 2] }
        public var p95: Duration { sorted[min(sorted.count - 1, sorted.count * 95 / 100)] }
        public var max: Duration { sorted.last ?? .zero }
        private var sorted: [Duration] { samples.isEmpty ? [.zero] : samples.sorted() }
    }

    public struct BenchmarkError: Error, CustomStringConvertible {
        public let description: String
    }

    public func run() async throws -> Figures {
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("cpapi-console-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let workspace = try Workspace.openOrCreate(directory: folder)
        let stored = try await fill(workspace)
        guard stored == sourceCount * offersPerSource else {
            throw BenchmarkError(description: "the workspace holds \(stored) offers, expected \(sourceCount * offersPerSource)")
        }
        return try await measure(workspace, offerCount: stored)
    }

    /// Stores the generated feeds, one source at a time (so one feed is in memory at once), and
    /// places every offer in one campaign.
    private func fill(_ workspace: Workspace) async throws -> Int {
        let server = try await FakeCPAleadServer.start()
        do {
            var sources: [SourceConfig] = []
            for index in 0..<sourceCount {
                let publisher = "\(9000 + index)"
                let generator = OfferFeedGenerator(seed: UInt64(index + 1), firstID: (index + 1) * 1_000_000, publisherID: publisher)
                await server.setFeed(publisherID: publisher, offers: generator.offers(count: offersPerSource))
                sources.append(SourceConfig(id: "bench-\(index + 1)", baseURL: server.baseURL, publisherID: publisher))
            }
            let campaign = Campaign(id: Self.campaignID, title: "Every bench offer", sources: sources.map(\.id))
            _ = try ConfigApplier(store: workspace.store).apply(WorkspaceConfig(path: "(benchmark)", sources: sources, campaigns: [campaign]))
            let maker = DemandSourceMakers.live()
            var stored = 0
            for source in sources {
                let result = try await maker(source).fetchOffers(FetchRequest(kind: .full))
                let policy = MissingMarkingPolicy(fetchKind: .full, mayBeCutShort: false, limit: offersPerSource, maxMissingShare: 0.5)
                _ = try await workspace.store.storeFetch(
                    sourceID: source.id, result: result, policy: policy, runID: nil,
                    startedAt: Date(), now: Date())
                stored += result.offers.count
                await server.setFeed(publisherID: source.publisherID, offers: [])
            }
            await server.stop()
            try await place(workspace)
            return stored
        } catch {
            await server.stop()
            throw error
        }
    }

    static let campaignID = "bench-all"

    /// Gives every offer a live placement in the campaign, with a platform offer id and the pushed
    /// status, as the engine's first sync would leave them. Written in one statement: the engine
    /// takes minutes to push 100k creates, and what is timed here is how the console reads them.
    private func place(_ workspace: Workspace) async throws {
        try await workspace.store.seedLivePlacements(campaignID: Self.campaignID, at: Date())
    }

    private func measure(_ workspace: Workspace, offerCount: Int) async throws -> Figures {
        let engine = try WorkspaceEngine.open(store: workspace.store)
        let console = WorkspaceConsole(workspace: workspace, engine: engine, makeSource: DemandSourceMakers.live())

        // Each key waits until the previous one reached the screen, so every key is timed alone.
        var script: [HeadlessBackend.Step] = []
        let box = BackendBox()
        let drawn = HeadlessBackend.Step.waitUntil("the key's frame") { _ in box.backend?.keysDrawn ?? false }
        func press(_ key: Key) { script += [.key(key), drawn] }
        let total = Formatting.count(offerCount)
        let listed = FrameTimingBackend.Milestone("offers listed") { $0.screenContains(total) }
        let everyOffer = FrameTimingBackend.Milestone("every offer read") { $0.screenContains(total) && !$0.screenContains("loading…") }
        script.append(.waitUntil("every offer is read") { everyOffer.condition($0) })
        press(.character("3"))  // the Offers pane
        for _ in 0..<scrollKeys { press(.character("j")) }
        for _ in 0..<pageKeys { press(.pageDown) }
        for _ in 0..<sortKeys { press(.character(">")) }
        press(.character("/"))
        for character in filterText { press(.character(character)) }
        script.append(.waitUntil("the filter's matches") { $0.screenContains("/\(filterText)") })
        press(.escape)  // clears the filter
        press(.character("/"))
        for character in languageFilterText { press(.character(character)) }
        script.append(.waitUntil("the language filter's matches") { $0.screenContains("/\(languageFilterText)") })
        script.append(.key(.enter))
        script.append(.key(.character("q")))

        PeakMemory.reset()
        let start = PeakMemory.currentResidentMegabytes()
        let backend = FrameTimingBackend(size: size, milestones: [listed, everyOffer], script: script, stepTimeout: .seconds(120))
        box.backend = backend
        _ = try await Console.open(
            data: console, actions: console, workspace: "benchmark", backend: { box.backend! },
            options: Console.Options(changePollInterval: .seconds(3600), startScheduler: false))
        let peak = PeakMemory.residentMegabytes()

        // Keys in script order: "3", the j's, the PgDn's, "/", the filter text, Esc, "/", the language
        // filter's text, Enter, q (quits: no frame).
        let times = backend.keyToFrame
        let expected = 1 + scrollKeys + pageKeys + sortKeys + 1 + filterText.count + 2 + languageFilterText.count + 1
        guard times.count >= expected - 1, let firstFrame = backend.firstFrame, let withOffers = backend.reached[listed.name],
            let allRead = backend.reached[everyOffer.name]
        else {
            throw BenchmarkError(description: "the console drew \(times.count) key frames, expected \(expected)")
        }
        let scrollStart = 1
        let pageStart = scrollStart + scrollKeys
        let sortStart = pageStart + pageKeys
        let filterStart = sortStart + sortKeys + 1
        let languageStart = filterStart + filterText.count + 2
        return Figures(
            offerCount: offerCount, firstFrame: firstFrame, firstFrameWithOffers: withOffers, everyOfferRead: allRead,
            scroll: Timings(samples: Array(times[scrollStart..<pageStart])),
            pageDown: Timings(samples: Array(times[pageStart..<sortStart])),
            sort: Timings(samples: Array(times[sortStart..<(sortStart + sortKeys)])),
            filterKeystroke: Timings(samples: Array(times[filterStart..<(filterStart + filterText.count)])),
            languageKeystroke: Timings(samples: Array(times[languageStart..<(languageStart + languageFilterText.count)])),
            peakResidentMegabytes: peak, startResidentMegabytes: start)
    }

    /// Hands the backend to the console's thread; the script reads it from there too.
    private final class BackendBox: @unchecked Sendable {
        var backend: FrameTimingBackend?
    }
}

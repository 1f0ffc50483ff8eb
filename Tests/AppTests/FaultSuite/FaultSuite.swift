import Foundation
import LoopbackServers
import Testing
@testable import CPAPIKit

/// Issue #19's fault suite: the built `cpapi-tui` against loopback fakes, a bounded number of
/// trials per case (`CPAPI_FAULT_TRIALS`, default `FaultTrials.defaultCount`), each case printing
/// one line of figures (`fault suite: NAME: tried N, survived N, …`) and then asserting the
/// product's promises: nothing lost, nothing duplicated, the workspace consistent (`doctor` exits 0).
///
/// No timed assertion and no fixed sleep: every wait is for a condition (a request held at a fake, a
/// process ended), polled within `BinaryProcess.hangGuard`; every loop is bounded by the trial count.
/// Serialized: the cases share two cores with the processes they start.
@Suite(.serialized) enum FaultSuite {}

/// How many trials each case runs, and from which seed.
enum FaultTrials {
    static let defaultCount = 8

    /// `CPAPI_FAULT_TRIALS` (1…10 000) when set, else `defaultCount`.
    static var count: Int {
        guard let text = ProcessInfo.processInfo.environment["CPAPI_FAULT_TRIALS"], let value = Int(text) else { return defaultCount }
        return min(max(value, 1), 10_000)
    }

    /// `CPAPI_FAULT_SEED` when set (to replay a run), else a fixed seed per case.
    static func seed(_ caseSeed: UInt64) -> UInt64 {
        ProcessInfo.processInfo.environment["CPAPI_FAULT_SEED"].flatMap { UInt64($0) } ?? caseSeed
    }
}

/// SplitMix64: a small, seeded, reproducible generator (the same seed picks the same kill points).
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// One case's figures and what went wrong in its trials. `run(_:)` counts a trial as survived when it
/// recorded no problem; `finish()` prints the line and then records every problem as an issue.
struct FaultFigures {
    let name: String
    let seed: UInt64
    var tried = 0
    var survived = 0
    var lost = 0
    var duplicated = 0
    /// Further figures of the case, printed after the four, in order.
    var extra: [(String, Int)] = []
    private(set) var problems: [String] = []
    /// Problems of a known product bug (`finish(knownIssue:)` records them as known issues).
    private(set) var knownProblems: [String] = []

    /// Picks this case's kill points, mutations and damage (from `seed`).
    var random: SeededGenerator

    /// `caseSeed` unless `CPAPI_FAULT_SEED` replays another.
    init(_ name: String, caseSeed: UInt64) {
        self.name = name
        seed = FaultTrials.seed(caseSeed)
        random = SeededGenerator(seed: seed)
    }

    mutating func problem(_ text: String) { problems.append("trial \(tried): \(text)") }

    mutating func knownProblem(_ text: String) { knownProblems.append("trial \(tried): \(text)") }

    mutating func add(_ figure: String, _ amount: Int = 1) {
        if let index = extra.firstIndex(where: { $0.0 == figure }) { extra[index].1 += amount } else { extra.append((figure, amount)) }
    }

    /// Runs one trial; an error it throws (a hang guard, a fake that did not start) is its problem.
    mutating func run(_ trial: (inout FaultFigures) async throws -> Void) async {
        tried += 1
        let before = problems.count + knownProblems.count
        do { try await trial(&self) } catch { problem("\(error)") }
        if problems.count + knownProblems.count == before { survived += 1 }
    }

    var line: String {
        let figures =
            ["tried \(tried)", "survived \(survived)", "lost \(lost)", "duplicated \(duplicated)"]
            + extra.map { "\($0.0) \($0.1)" }
        return "fault suite: \(name): " + figures.joined(separator: ", ") + " (seed \(seed))"
    }

    /// Prints the line, then records the problems; `knownProblems` as a known issue (intermittent:
    /// whether a trial meets the bug depends on what the seed picked).
    func finish(knownIssue: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
        print(line)
        #expect(lost == 0, "\(line)", sourceLocation: sourceLocation)
        #expect(duplicated == 0, "\(line)", sourceLocation: sourceLocation)
        for problem in problems { Issue.record("\(name): \(problem)", sourceLocation: sourceLocation) }
        guard !knownProblems.isEmpty || knownIssue != nil else { return }
        withKnownIssue(knownIssue, isIntermittent: true) {
            guard !knownProblems.isEmpty else { return }
            let shown = knownProblems.prefix(6).joined(separator: "\n")
            Issue.record("\(name): \(knownProblems.count) problems, the first:\n\(shown)", sourceLocation: sourceLocation)
        }
    }
}

/// Waits for what a fake or a file shows, never for a time: polls `condition` until it holds, and
/// fails when `process` (if given) ends first or the hang guard passes.
func waitUntil(_ what: String, process: BinaryProcess? = nil, _ condition: () async throws -> Bool) async throws {
    let guardrail = ContinuousClock.now + BinaryProcess.hangGuard
    while try await !condition() {
        if let process, process.hasEnded { throw BinaryProcess.Failure(description: "cpapi-tui ended before \(what): \(process.stderr)") }
        if ContinuousClock.now > guardrail { throw BinaryProcess.Failure(description: "still no \(what)") }
        try await Task.sleep(for: .milliseconds(5))
    }
}

extension BinaryProcess {
    /// Whether it has ended (reaped by `finish()` later).
    var hasEnded: Bool { kill(pid, 0) != 0 || isZombie }

    private var isZombie: Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        return stat[stat.index(close, offsetBy: 2)] == "Z"
    }

    /// Kills it with SIGKILL and reaps it.
    func kill9() async throws -> Finished {
        signal(SIGKILL)
        return try await finish()
    }
}

/// A workspace in a scratch folder and the `cpapi-tui` commands the cases run on it.
struct FaultWorkspace: WorkspaceProcessFixture {
    let scratch = try! CommandLineTests.Scratch()

    var path: String { scratch.workspace }

    func run(_ arguments: [String]) async throws -> BinaryProcess.Finished {
        try await BinaryProcess.run(["--workspace", path] + arguments)
    }

    func start(_ arguments: [String]) throws -> BinaryProcess {
        try BinaryProcess(["--workspace", path] + arguments)
    }

    /// Writes `config` to `name` and applies it; a refusal is the trial's problem.
    @discardableResult
    func apply(_ config: String, name: String = "cfg.toml", into figures: inout FaultFigures) async throws -> String {
        let file = try scratch.write(name, config)
        let applied = try await run(["apply", file])
        if applied.status != 0 { figures.problem("apply exited \(applied.status): \(applied.stderr)") }
        return file
    }

    /// Runs `arguments` and records a problem unless it exits 0.
    @discardableResult
    func expectSuccess(_ arguments: [String], into figures: inout FaultFigures) async throws -> BinaryProcess.Finished {
        let finished = try await run(arguments)
        if finished.status != 0 {
            figures.problem("\(arguments.joined(separator: " ")) exited \(finished.status): \(finished.stderr.suffix(2000))")
        }
        return finished
    }

    /// `doctor` must find the workspace consistent.
    func expectHealthy(into figures: inout FaultFigures) async throws {
        let doctor = try await run(["doctor"])
        if doctor.status != 0 { figures.problem("doctor exited \(doctor.status):\n\(doctor.stdout)\(doctor.stderr)") }
    }

    func remove() { scratch.remove() }
}

/// A fake Affise started for one trial, released and stopped whatever the trial did.
func withFakeAffise(apiKey: String = FaultPlatform.apiKey, _ body: (FakeAffiseServer) async throws -> Void) async throws {
    let affise = try await FakeAffiseServer.start(apiKey: apiKey)
    do {
        try await body(affise)
    } catch {
        await FaultPlatform.releaseAll(affise)
        await affise.stop()
        throw error
    }
    await FaultPlatform.releaseAll(affise)
    await affise.stop()
}

/// A fake CPAlead serving `offers` to publisher 1 (source `alpha` of `alphaConfig`).
func fakeCPAlead(serving offers: [OfferFeedOffer]) async throws -> FakeCPAleadServer {
    let cpalead = try await FakeCPAleadServer.start()
    await cpalead.setFeed(publisherID: "1", offers: offers)
    return cpalead
}

/// What the platform holds, held against what the feed offers.
enum FaultPlatform {
    static let apiKey = "fault-suite-key-5c1e"

    /// Lets every held call go, and keeps none held for later (the faults are cleared first).
    static func releaseAll(_ affise: FakeAffiseServer) async {
        await affise.clearFaults()
        var released = 0
        while await affise.heldCount() > 0, released < 100_000 {
            await affise.release()
            released += 1
        }
    }

    /// Feed keys (`advertiser`, external id) with no platform offer (lost) and with more than one
    /// (the extra copies: duplicated); platform offers for no feed key are `foreign`.
    struct Tally {
        var lost = 0
        var duplicated = 0
        var foreign = 0
        var notActive = 0
    }

    static func tally(_ offers: [PlatformOffer], expected: Set<Key>) -> Tally {
        var counts: [Key: Int] = [:]
        var tally = Tally()
        for offer in offers {
            guard let external = offer.externalOfferID else { continue }
            let key = Key(advertiser: offer.fields.advertiser ?? "", externalID: external)
            if expected.contains(key) {
                counts[key, default: 0] += 1
                if offer.status != .active { tally.notActive += 1 }
            } else {
                tally.foreign += 1
            }
        }
        for key in expected {
            let count = counts[key] ?? 0
            if count == 0 { tally.lost += 1 } else { tally.duplicated += count - 1 }
        }
        return tally
    }

    struct Key: Hashable, CustomStringConvertible {
        var advertiser: String
        var externalID: String
        var description: String { "\(advertiser)/\(externalID)" }
    }
}

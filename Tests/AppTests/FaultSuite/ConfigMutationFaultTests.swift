import Foundation
import Testing
@testable import CPAPIKit

extension FaultSuite {
    /// Mutations of a valid config (README's, over two sources and two campaigns), each applied:
    /// never a crash; a refused file says `FILE:LINE: key: reason` per problem and leaves the
    /// workspace as it was (`sources --json` shows the same). A problem
    /// printed without its line (`FILE:?:`) is counted, not failed. A fresh workspace per trial,
    /// `mutationsPerTrial` mutations each.
    @Suite struct ConfigMutations: WorkspaceProcessFixture {
        static let mutationsPerTrial = 12

        static let valid = """
            [sync]
            poll_interval = "45m"
            missing_grace = "2h"
            max_missing_share = 0.5
            source_concurrency = 4

            [[sources]]
            id = "cpalead"
            kind = "cpalead"
            title = "CPAlead"
            url = "http://127.0.0.1:9"
            publisher_id = "12345"
            api_key_env = "CPALEAD_API_KEY"
            types = ["cpa", "cpi", "cpe"]
            tracking_params = "subid={clickid}&subid2={pid}"
            limit = 500
            incremental = true
            full_every = "6h"

            [[sources]]
            id = "second"
            kind = "cpalead"
            url = "http://127.0.0.1:9"
            publisher_id = "777"

            [[campaigns]]
            id = "tier1"
            title = "Tier 1 installs"
            sources = ["cpalead"]
            offers = ["second:18231"]
            [campaigns.defaults]
            payout_percent = 70
            status = "source"
            redirect_type = "http302"
            [campaigns.filters]
            countries = ["US", "CA"]
            payout_min = 0.1
            payout_max = 50
            [campaigns.sync_rules]
            description = "first_sync"

            [[campaigns]]
            id = "rest"
            sources = ["second"]
            enabled = false
            """

        enum Kind: String, CaseIterable {
            case lineDeleted, lineDoubled, linesSwapped, truncated, byteChanged, valueReplaced, keyRenamed, lineInserted
        }

        @Test func mutatedConfigs() async throws {
            var figures = FaultFigures("mutated configs", caseSeed: 0x5EED_0004)
            var refused = 0, withoutLine = 0
            for _ in 0..<FaultTrials.count {
                var mutations: [(Kind, String)] = []
                for _ in 0..<Self.mutationsPerTrial {
                    let kind = Kind.allCases.randomElement(using: &figures.random)!
                    mutations.append((kind, Self.mutate(Self.valid, kind, using: &figures.random)))
                }
                await figures.run { figures in
                    let workspace = FaultWorkspace(); defer { workspace.remove() }
                    try await workspace.apply(Self.valid, into: &figures)
                    var state = try await listing(workspace)
                    for (number, (kind, text)) in mutations.enumerated() {
                        let file = try workspace.scratch.write("mutation-\(number).toml", text)
                        let applied = try await workspace.run(["apply", file])
                        switch applied.status {
                        case 0:
                            state = try await listing(workspace)
                        case 1:
                            refused += 1
                            let problems = applied.errorLines.filter { !$0.hasPrefix("warning: ") && !$0.hasPrefix("\(file): ") }
                            withoutLine += problems.filter { !Self.hasLine($0, file: file) }.count
                            if problems.isEmpty { figures.problem("\(kind) refused without a problem: \(applied.stderr)") }
                            if try await listing(workspace) != state {
                                figures.problem("\(kind) refused but changed the workspace:\n\(text)\n\(applied.stderr)")
                            }
                        default:
                            figures.problem("apply of a \(kind) config ended \(applied.status):\n\(text)\n\(applied.stderr)")
                        }
                    }
                    try await workspace.expectHealthy(into: &figures)
                }
            }
            figures.add("mutations", figures.tried * Self.mutationsPerTrial)
            figures.add("refused", refused)
            figures.add("problems without a line", withoutLine)
            figures.finish()
        }

        /// `FILE:LINE: …` with a line number (not `FILE:?:`).
        static func hasLine(_ problem: String, file: String) -> Bool {
            guard problem.hasPrefix(file + ":") else { return false }
            let rest = problem.dropFirst(file.count + 1)
            return rest.first?.isNumber == true && rest.drop(while: \.isNumber).hasPrefix(": ")
        }

        /// What the workspace shows of what `apply` writes. Not the database's bytes: opening the
        /// pool when there is no `-wal` file bumps the schema cookie (GRDB's create-and-drop of
        /// `grdb_issue_102`), a write of no content that every command opening the store does.
        private func listing(_ workspace: FaultWorkspace) async throws -> String {
            let finished = try await workspace.run(["sources", "--json"])
            return "\(finished.status) \(finished.stdout) \(finished.stderr)"
        }

        static func mutate(_ text: String, _ kind: Kind, using random: inout SeededGenerator) -> String {
            var lines = text.components(separatedBy: "\n")
            let index = Int.random(in: 0..<lines.count, using: &random)
            let assignments = lines.indices.filter { lines[$0].contains(" = ") }
            let assignment = assignments.randomElement(using: &random)!
            switch kind {
            case .lineDeleted:
                lines.remove(at: index)
            case .lineDoubled:
                lines.insert(lines[index], at: index)
            case .linesSwapped:
                lines.swapAt(index, Int.random(in: 0..<lines.count, using: &random))
            case .truncated:
                return String(text.prefix(Int.random(in: 0..<text.count, using: &random)))
            case .byteChanged:
                var bytes = Array(text.utf8)
                let at = Int.random(in: 0..<bytes.count, using: &random)
                bytes[at] = (bytes[at] &+ UInt8.random(in: 1...127, using: &random)) & 0x7F
                return String(decoding: bytes, as: UTF8.self)
            case .valueReplaced:
                let key = lines[assignment].components(separatedBy: " = ")[0]
                let value = [
                    "1", "-1", "0", "\"x\"", "\"\"", "true", "[]", "{}", "[1, \"a\"]", "1e308", "-1e308", "nan", "inf",
                    "99999999999999999999", "\"0s\"", "\"-5m\"", "\"1h30\"", "\"ab:cd\"", "{ a = 1 }", "\"\\u0000\""
                ]
                .randomElement(using: &random)!
                lines[assignment] = "\(key) = \(value)"
            case .keyRenamed:
                lines[assignment] = lines[assignment].replacingOccurrences(of: " = ", with: "x = ")
            case .lineInserted:
                let garbage = [
                    "[[sources]]", "[sync]", "= 1", "key", "[campaigns.defaults]", "\"unterminated", "[[campaigns]]",
                    "id = \"tier1\"", "[platform]\nkind = \"affise\"", "[platform]\nkind = \"nope\"", "[[sources]]\nid = \"cpalead\""
                ]
                lines.insert(garbage.randomElement(using: &random)!, at: index)
            }
            return lines.joined(separator: "\n")
        }
    }
}

import Foundation
import TOMLKit

/// Reads the keys of one TOML table with type checks, recording every problem instead of stopping
/// at the first, and reports the keys it was never asked for as unknown.
final class ConfigTableReader {
    let table: TOMLTable
    /// Canonical path for line lookup (`campaigns[0].defaults`).
    let path: [String]
    /// The table as the operator reads it (`campaigns.tier1.defaults`).
    /// Renamed once the table's id is known.
    var display: String
    let issues: ConfigIssueCollector
    private var asked: Set<String> = []

    init(table: TOMLTable, path: [String], display: String, issues: ConfigIssueCollector) {
        self.table = table; self.path = path; self.display = display; self.issues = issues
    }

    /// Records a problem with `key` of this table (nil: the table itself).
    func report(_ key: String?, _ reason: String) {
        issues.report(path: key.map { path + [$0] } ?? path, key: key.map(qualified) ?? display, reason: reason)
    }

    private func qualified(_ key: String) -> String { display.isEmpty ? key : "\(display).\(key)" }

    func has(_ key: String) -> Bool { table.contains(key: key) }

    /// Marks a key as known without reading it through this reader.
    func markAsked(_ key: String) { asked.insert(key) }

    private func value(_ key: String, required: Bool) -> TOMLValueConvertible? {
        asked.insert(key)
        guard let value = table[key] else {
            if required { report(nil, "missing required key \"\(key)\"") }
            return nil
        }
        return value
    }

    private func wrongType(_ key: String, expected: String, got value: TOMLValueConvertible) {
        report(key, "expected \(expected), got \(value.type.description)")
    }

    func string(_ key: String, required: Bool = false, allowEmpty: Bool = false) -> String? {
        guard let value = value(key, required: required) else { return nil }
        guard let text = value.string else { wrongType(key, expected: "a string", got: value); return nil }
        if !allowEmpty && text.trimmingCharacters(in: .whitespaces).isEmpty {
            report(key, "must not be empty")
            return nil
        }
        return text
    }

    /// A string, or an integer written without quotes (publisher ids).
    func stringOrInteger(_ key: String, required: Bool = false) -> String? {
        guard let value = value(key, required: required) else { return nil }
        if let number = value.int { return String(number) }
        asked.remove(key)
        return string(key, required: required)
    }

    func bool(_ key: String) -> Bool? {
        guard let value = value(key, required: false) else { return nil }
        guard let flag = value.bool else { wrongType(key, expected: "true or false", got: value); return nil }
        return flag
    }

    func integer(_ key: String, in range: ClosedRange<Int>) -> Int? {
        guard let value = value(key, required: false) else { return nil }
        guard let number = value.int else { wrongType(key, expected: "an integer", got: value); return nil }
        guard range.contains(number) else {
            report(key, "\(number) is out of range: must be \(range.lowerBound)…\(range.upperBound)")
            return nil
        }
        return number
    }

    /// An integer or a floating-point number, checked by `valid` (which returns why it is not, or nil).
    func number(_ key: String, check: (Double) -> String? = { _ in nil }) -> Double? {
        guard let value = value(key, required: false) else { return nil }
        guard let number = value.double ?? value.int.map(Double.init) else {
            wrongType(key, expected: "a number", got: value)
            return nil
        }
        // TOML has inf and nan; no setting means them, and none may reach the workspace.
        guard number.isFinite else {
            report(key, "\(number) is not a finite number")
            return nil
        }
        if let problem = check(number) {
            report(key, problem)
            return nil
        }
        return number
    }

    func stringArray(_ key: String) -> [String]? {
        guard let value = value(key, required: false) else { return nil }
        guard let array = value.array else { wrongType(key, expected: "a list of strings", got: value); return nil }
        var result: [String] = []
        for (index, element) in array.enumerated() {
            guard let text = element.string else {
                report(key, "item \(index + 1) must be a string, got \(element.type.description)")
                return nil
            }
            result.append(text)
        }
        return result
    }

    /// A duration (`90s`, `45m`, `2h`, `1h30m`) in seconds.
    func duration(_ key: String) -> Double? {
        guard let value = value(key, required: false) else { return nil }
        guard let text = value.string else {
            report(key, "expected a duration in quotes such as \"45m\", got \(value.type.description)")
            return nil
        }
        do {
            return try ConfigDuration.seconds(from: text)
        } catch {
            report(key, error.description)
            return nil
        }
    }

    /// One of an enum's raw values.
    func choice<Choice: RawRepresentable & CaseIterable>(_ key: String, _ type: Choice.Type, required: Bool = false) -> Choice?
    where Choice.RawValue == String {
        guard let text = string(key, required: required) else { return nil }
        guard let choice = Choice(rawValue: text) else {
            let known = Choice.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            report(key, "unknown value \"\(text)\"; expected one of \(known)")
            return nil
        }
        return choice
    }

    /// A sub-table (`[campaigns.defaults]` or an inline table).
    func subtable(_ key: String) -> ConfigTableReader? {
        guard let value = value(key, required: false) else { return nil }
        guard let table = value.table else { wrongType(key, expected: "a table", got: value); return nil }
        return ConfigTableReader(table: table, path: path + [key], display: qualified(key), issues: issues)
    }

    /// Reports every key of the table that was never read.
    func rejectUnknownKeys() {
        for key in table.keys where !asked.contains(key) {
            report(key, "unknown key")
        }
    }
}

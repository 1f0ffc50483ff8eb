import Foundation

/// Durations in a config file: a number and a unit, `90s`, `45m`, `2h`, and combinations of them
/// from the largest unit down (`1h30m`). Zero, negative and unit-less values are refused.
public enum ConfigDuration {
    /// Why a text is not a duration.
    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    private static let units: [(suffix: Character, seconds: Double)] = [("h", 3600), ("m", 60), ("s", 1)]

    /// The duration in seconds.
    public static func seconds(from text: String) throws(ParseError) -> Double {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let hint = "write a number and a unit: 90s, 45m, 2h or 1h30m"
        guard !trimmed.isEmpty else { throw ParseError(description: "empty duration; \(hint)") }
        if trimmed.hasPrefix("-") { throw ParseError(description: "\"\(text)\" is negative; \(hint)") }
        if trimmed.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) {
            throw ParseError(description: "\"\(text)\" has no unit; \(hint)")
        }
        var total = 0.0
        var digits = ""
        var nextUnit = 0
        for character in trimmed {
            if character.isASCII && character.isNumber {
                digits.append(character)
                continue
            }
            guard let unitIndex = units.firstIndex(where: { $0.suffix == character }) else {
                throw ParseError(description: "\"\(text)\" is not a duration (unknown unit \"\(character)\"); \(hint)")
            }
            guard !digits.isEmpty, let value = Double(digits) else {
                throw ParseError(description: "\"\(text)\" is not a duration (a unit without a number); \(hint)")
            }
            guard unitIndex >= nextUnit else {
                throw ParseError(description: "\"\(text)\" is not a duration (units must go from hours down to seconds, each once); \(hint)")
            }
            total += value * units[unitIndex].seconds
            nextUnit = unitIndex + 1
            digits = ""
        }
        guard digits.isEmpty else {
            throw ParseError(description: "\"\(text)\" is not a duration (\(digits) has no unit); \(hint)")
        }
        guard total > 0 else { throw ParseError(description: "\"\(text)\" is zero; a duration must be positive") }
        return total
    }

    /// The shortest text for a duration in seconds (`2h`, `1h30m`, `90s` → `1m30s`).
    public static func text(seconds: Double) -> String {
        var rest = Int(seconds.rounded())
        guard rest > 0 else { return "0s" }
        var text = ""
        for unit in units {
            let count = rest / Int(unit.seconds)
            if count > 0 { text += "\(count)\(unit.suffix)" }
            rest -= count * Int(unit.seconds)
        }
        return text
    }
}

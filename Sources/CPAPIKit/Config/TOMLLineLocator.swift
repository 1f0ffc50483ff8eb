/// Finds the line of a table or key in a TOML text. TOMLKit reports positions for syntax errors
/// only, so the lines of semantic errors are found by scanning the text: table headers
/// (`[a.b]`, `[[a]]`), and `key = …` lines (dotted keys included) inside them.
///
/// Paths are dotted, with an array of tables' element as `name[index]` (0-based):
/// `sources[1].url`, `campaigns[0].defaults.status`, `platform`.
struct TOMLLineLocator {
    private var lines: [String: Int] = [:]

    init(text: String) {
        var arrayCounts: [String: Int] = [:]
        var currentTable: [String] = []
        var bracketDepth = 0
        var inMultilineString: String?
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if let delimiter = inMultilineString {
                if line.contains(delimiter) { inMultilineString = nil }
                continue
            }
            if bracketDepth > 0 {
                bracketDepth = max(0, bracketDepth + Self.bracketBalance(line))
                continue
            }
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[[") {
                let name = Self.keyPath(Self.headerBody(line, open: "[[", close: "]]"))
                let parents = Self.canonical(Array(name.dropLast()), arrays: arrayCounts)
                let joined = name.joined(separator: ".")
                let index = arrayCounts[joined, default: 0]
                arrayCounts[joined] = index + 1
                currentTable = parents + ["\(name.last ?? "")[\(index)]"]
                record(currentTable, line: lineNumber)
                continue
            }
            if line.hasPrefix("[") {
                let name = Self.keyPath(Self.headerBody(line, open: "[", close: "]"))
                currentTable = Self.canonical(name, arrays: arrayCounts)
                record(currentTable, line: lineNumber)
                continue
            }
            guard let equals = Self.assignmentIndex(line) else { continue }
            let key = Self.keyPath(String(line[..<equals]))
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            // `platform.kind = …` at the top also defines the table `platform` on this line.
            for length in 1...key.count { record(currentTable + key.prefix(length), line: lineNumber) }
            for delimiter in ["\"\"\"", "'''"] where value.hasPrefix(delimiter) {
                if !value.dropFirst(3).contains(delimiter) { inMultilineString = delimiter }
            }
            if inMultilineString == nil { bracketDepth = max(0, Self.bracketBalance(value)) }
        }
    }

    /// The line of `path`, or of its nearest enclosing key or table that has one. An element of an
    /// array written inline (`sources = [{ … }]`) has no line of its own: the array's is given.
    func line(of path: [String]) -> Int? {
        var path = path
        while let last = path.last {
            if let line = lines[path.joined(separator: ".")] { return line }
            if let bracket = last.firstIndex(of: "["), last.hasSuffix("]") {
                path[path.count - 1] = String(last[..<bracket])
            } else {
                path.removeLast()
            }
        }
        return nil
    }

    private mutating func record(_ path: [String], line: Int) {
        let key = path.joined(separator: ".")
        if lines[key] == nil { lines[key] = line }
    }

    /// A header's path with every prefix that is an array of tables pointing at its latest element.
    private static func canonical(_ name: [String], arrays: [String: Int]) -> [String] {
        var result: [String] = []
        for (index, part) in name.enumerated() {
            let prefix = name[...index].joined(separator: ".")
            if let count = arrays[prefix], count > 0 {
                result.append("\(part)[\(count - 1)]")
            } else {
                result.append(part)
            }
        }
        return result
    }

    private static func headerBody(_ line: String, open: String, close: String) -> String {
        var body = line.dropFirst(open.count)
        if let end = body.range(of: close) { body = body[..<end.lowerBound] }
        return String(body)
    }

    /// Splits `a."b.c".d` into `["a", "b.c", "d"]`.
    private static func keyPath(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var quote: Character?
        for character in text {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "." {
                parts.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current.trimmingCharacters(in: .whitespaces))
        return parts
    }

    /// The `=` of a `key = value` line, outside quotes.
    private static func assignmentIndex(_ line: String) -> String.Index? {
        var quote: Character?
        var escaped = false
        for index in line.indices {
            let character = line[index]
            if let open = quote {
                if Self.closes(open, character, escaped: &escaped) { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "=" {
                return index
            } else if character == "#" {
                return nil
            }
        }
        return nil
    }

    /// Opening minus closing brackets and braces outside strings and comments.
    private static func bracketBalance(_ text: String) -> Int {
        var balance = 0
        var quote: Character?
        var escaped = false
        for character in text {
            if let open = quote {
                if Self.closes(open, character, escaped: &escaped) { quote = nil }
                continue
            }
            switch character {
            case "\"", "'": quote = character
            case "[", "{": balance += 1
            case "]", "}": balance -= 1
            case "#": return balance
            default: break
            }
        }
        return balance
    }

    /// Whether `character` ends a string opened by `open`: a `\"` inside a basic string does not
    /// (literal strings, in `'`, have no escapes).
    private static func closes(_ open: Character, _ character: Character, escaped: inout Bool) -> Bool {
        if escaped {
            escaped = false
            return false
        }
        if open == "\"" && character == "\\" {
            escaped = true
            return false
        }
        return character == open
    }
}

/// Reads a filter's text term by term (see `FilterQuery`), failing with what the operator should
/// fix: an unknown field, a number that is not one, a regex or quote left open.
struct FilterParser {
    let characters: [Character]
    let schema: FilterSchema
    var position = 0

    init(text: String, schema: FilterSchema) {
        // Control characters (a paste) never match anything: they go.
        self.characters = Array(text).filter { !($0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } ?? false) || $0 == "\t" }
        self.schema = schema
    }

    var current: Character? { position < characters.count ? characters[position] : nil }
    var atTermEnd: Bool { current.map(\.isWhitespace) ?? true }

    mutating func terms() throws(FilterError) -> [FilterTerm] {
        var terms: [FilterTerm] = []
        while true {
            while let c = current, c.isWhitespace { position += 1 }
            guard current != nil else { return terms }
            terms.append(try term())
        }
    }

    mutating func term() throws(FilterError) -> FilterTerm {
        var negated = false
        if current == "!" {
            negated = true
            position += 1
            if atTermEnd { throw FilterError("! needs a term after it (!state:held)") }
        }
        if current == "/" { return FilterTerm(negated: negated, fields: schema.bareFields, test: .regex(try regex())) }
        if current == "\"" { return FilterTerm(negated: negated, fields: schema.bareFields, test: .text([try quoted()])) }
        let start = position
        while let c = current, c.isLetter, c.isASCII { position += 1 }
        let head = String(characters[start..<position]).lowercased()
        if !head.isEmpty, let c = current, c == ":" || c == "<" || c == ">" || c == "=" {
            guard let field = schema.field(named: head) else {
                throw FilterError("unknown field \"\(head)\" (fields: \(schema.names))")
            }
            return FilterTerm(negated: negated, fields: [field], test: try scopedTest(field))
        }
        position = start
        return FilterTerm(negated: negated, fields: schema.bareFields, test: .text([word()]))
    }

    /// After `FIELD`: `:TEXT[,TEXT…]`, `:/re/`, `:"text"`, or a comparison with a number.
    mutating func scopedTest(_ field: Int) throws(FilterError) -> FilterTerm.Test {
        let name = schema.fields[field].name
        if current == ":" {
            position += 1
            if current == "/" { return .regex(try regex()) }
            if current == "\"" { return .text([try quoted()]) }
            let alternatives = word().split(separator: ",").map(String.init)
            guard !alternatives.isEmpty else { throw FilterError("\(name): needs a value (\(name):\(example(field)))") }
            return .text(alternatives)
        }
        var symbol = String(current!)
        position += 1
        if current == "=" && symbol != "=" {
            symbol.append("=")
            position += 1
        }
        guard let comparison = FilterTerm.Comparison(rawValue: symbol) else { throw FilterError("\(name)\(symbol): not a comparison") }
        let text = word()
        guard schema.fields[field].isNumeric else {
            if comparison == .equal { return .text([text]) }
            throw FilterError("\(name) is not a number: compare \(schema.numericNames) (payout>5)")
        }
        guard !text.isEmpty else { throw FilterError("\(name)\(symbol) needs a number (\(name)\(symbol)5)") }
        guard let bound = Double(text), bound.isFinite else { throw FilterError("\(name)\(symbol)\(text): \"\(text)\" is not a number") }
        return .compare(comparison, bound)
    }

    func example(_ field: Int) -> String {
        schema.fields[field].rule == .token ? "US" : "text"
    }

    /// The rest of the term, lower-cased.
    mutating func word() -> String {
        let start = position
        while !atTermEnd { position += 1 }
        return String(characters[start..<position]).lowercased()
    }

    /// `"…"`: the text between the quotes, lower-cased (spaces kept).
    mutating func quoted() throws(FilterError) -> String {
        position += 1
        let start = position
        while let c = current, c != "\"" { position += 1 }
        guard current == "\"" else { throw FilterError("unterminated quote: close it with \"") }
        let text = String(characters[start..<position]).lowercased()
        position += 1
        guard !text.isEmpty else { throw FilterError("empty quotes: put the text between them") }
        guard atTermEnd else { throw FilterError("a quoted term ends at its closing quote: add a space after it") }
        return text
    }

    /// `/…/`: the pattern (`\/` for a slash in it), checked to compile.
    mutating func regex() throws(FilterError) -> String {
        position += 1
        var pattern = ""
        while let c = current, c != "/" {
            if c == "\\", position + 1 < characters.count, characters[position + 1] == "/" {
                pattern.append("/")
                position += 2
                continue
            }
            pattern.append(c)
            position += 1
        }
        guard current == "/" else { throw FilterError("unterminated regex: close it with / (/sign ?up/)") }
        position += 1
        guard !pattern.isEmpty else { throw FilterError("empty regex: put a pattern between the slashes") }
        guard atTermEnd else { throw FilterError("a regex ends at its closing /: add a space after it") }
        guard FilterQuery.regex(pattern) != nil else { throw FilterError("/\(pattern)/ is not a valid regular expression") }
        return pattern
    }
}

/// The text of an input line (filter, command, search) being edited: cursor, editing commands,
/// word and line motions, history and paste. Positions count grapheme clusters, so the cursor
/// never lands inside an emoji or between a letter and its accent.
public struct InputState: Sendable, Hashable {
    public private(set) var characters: [Character]
    /// Cursor position, `0 ... characters.count`.
    public private(set) var cursor: Int
    public private(set) var history: [String]
    private var historyIndex: Int?
    private var draft: [Character] = []

    public init(text: String = "", history: [String] = []) {
        self.characters = Array(text)
        self.cursor = characters.count
        self.history = history
    }

    public var text: String { String(characters) }
    public var isEmpty: Bool { characters.isEmpty }

    /// Replaces the whole text, cursor at the end.
    public mutating func setText(_ text: String) {
        characters = Array(text)
        cursor = characters.count
    }

    // MARK: Editing

    /// Inserts text at the cursor. Line breaks and tabs (from a paste) become spaces: the input
    /// is one line.
    public mutating func insert(_ text: String) {
        let clean = text.map { ($0 == "\n" || $0 == "\r\n" || $0 == "\r" || $0 == "\t") ? " " : $0 }
            .filter { DisplayWidth.of($0) > 0 }
        characters.insert(contentsOf: clean, at: cursor)
        cursor += clean.count
    }

    public mutating func deleteBackward() {
        guard cursor > 0 else { return }
        characters.remove(at: cursor - 1)
        cursor -= 1
    }

    public mutating func deleteForward() {
        guard cursor < characters.count else { return }
        characters.remove(at: cursor)
    }

    /// ^W: deletes the word before the cursor (and the spaces after it).
    public mutating func deleteWordBackward() {
        let start = wordStart(before: cursor)
        characters.removeSubrange(start..<cursor)
        cursor = start
    }

    /// ^K: deletes from the cursor to the end.
    public mutating func deleteToEnd() { characters.removeSubrange(cursor...) }

    /// ^U: deletes from the start to the cursor.
    public mutating func deleteToStart() {
        characters.removeSubrange(..<cursor)
        cursor = 0
    }

    public mutating func clear() { setText("") }

    // MARK: Motions

    public mutating func moveLeft() { cursor = max(0, cursor - 1) }
    public mutating func moveRight() { cursor = min(characters.count, cursor + 1) }
    public mutating func moveToStart() { cursor = 0 }
    public mutating func moveToEnd() { cursor = characters.count }
    public mutating func moveWordLeft() { cursor = wordStart(before: cursor) }
    public mutating func moveWordRight() {
        var i = cursor
        while i < characters.count && characters[i].isWhitespace { i += 1 }
        while i < characters.count && !characters[i].isWhitespace { i += 1 }
        cursor = i
    }

    private func wordStart(before position: Int) -> Int {
        var i = position
        while i > 0 && characters[i - 1].isWhitespace { i -= 1 }
        while i > 0 && !characters[i - 1].isWhitespace { i -= 1 }
        return i
    }

    // MARK: History

    /// ↑: the previous entry (the text being typed is kept as a draft).
    public mutating func historyPrevious() {
        guard !history.isEmpty else { return }
        let index: Int
        if let current = historyIndex {
            index = max(0, current - 1)
        } else {
            draft = characters
            index = history.count - 1
        }
        historyIndex = index
        characters = Array(history[index])
        cursor = characters.count
    }

    /// ↓: the next entry, and finally the draft again.
    public mutating func historyNext() {
        guard let current = historyIndex else { return }
        if current + 1 < history.count {
            historyIndex = current + 1
            characters = Array(history[current + 1])
        } else {
            historyIndex = nil
            characters = draft
        }
        cursor = characters.count
    }

    /// Enter: returns the text, remembers it in the history (unless empty or a repeat) and clears.
    public mutating func submit() -> String {
        let value = text
        if !value.isEmpty && history.last != value { history.append(value) }
        historyIndex = nil
        draft = []
        clear()
        return value
    }

    // MARK: Keys

    /// Applies the standard editing key `key`; returns false when the key is not an editing key
    /// (Enter, Esc, Tab… are left to the app).
    @discardableResult
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .character(let c): insert(String(c))
        case .backspace, .ctrl("h"): deleteBackward()
        case .delete, .ctrl("d"): deleteForward()
        case .left, .ctrl("b"): moveLeft()
        case .right, .ctrl("f"): moveRight()
        case .home, .ctrl("a"): moveToStart()
        case .end, .ctrl("e"): moveToEnd()
        case .ctrl("w"): deleteWordBackward()
        case .ctrl("k"): deleteToEnd()
        case .ctrl("u"): deleteToStart()
        case .up, .ctrl("p"): historyPrevious()
        case .down, .ctrl("n"): historyNext()
        default: return false
        }
        return true
    }

    /// Applies an event: editing keys and pasted text. Returns whether it was used.
    @discardableResult
    public mutating func handle(_ event: Event) -> Bool {
        switch event {
        case .key(let k): return handle(k)
        case .paste(let s): insert(s); return true
        default: return false
        }
    }
}

/// What a key does in an open prompt or dialog (`Prompt`): the modal contexts of the one binding
/// table (`ConsoleBindings`), where the screen under them never acts.
public enum PromptCommand: Hashable, Sendable {
    /// A text prompt's editing keys; every printable key a text prompt does not bind types too.
    case type
    // A screen's filter, or the details' find
    case keepFilter, clearFilter
    // The `:` command line
    case runCommand, cancelCommand, previousCommand, nextCommand
    // Reports' `FROM TO` range
    case applyRange, cancelRange
    // The conversion lookup
    case lookUp, switchLookupField, closeLookup
    // A confirmation
    case yes, no, switchAnswer, selectedAnswer
    // The campaign picker
    case pickPrevious, pickNext, pick, cancelPick
    // The welcome screen
    case startDemo
}

import TUI

/// The prompts' and dialogs' commands (`PromptCommand`), from their modal contexts of the binding
/// table, and the typing that a text prompt takes for every key it does not bind.
extension ConsoleUpdate {
    static func runPrompt(_ s: inout ConsoleState, _ command: PromptCommand) -> [ConsoleEffect] {
        switch command {
        case .type:
            return []  // `handleKey` types the key itself
        case .keepFilter, .clearFilter:
            // Enter keeps the text and gives the keys back to the screen; Esc clears it.
            guard let prompt = s.prompt else { return [] }
            editFilter(&s, prompt) { filter in
                if command == .keepFilter { filter.isOpen = false } else { filter = ScreenFilter() }
            }
        case .runCommand:
            s.commandOpen = false
            return runCommandLine(&s, s.command.submit())
        case .cancelCommand:
            s.commandOpen = false
            s.command.clear()
        case .previousCommand: s.command.historyPrevious()
        case .nextCommand: s.command.historyNext()
        case .applyRange: return ReportsUpdate.applyRange(&s)
        case .cancelRange: ReportsUpdate.cancelRange(&s)
        case .lookUp: return ReportsUpdate.startLookup(&s)
        case .switchLookupField: ReportsUpdate.switchLookupField(&s)
        case .closeLookup: return ReportsUpdate.escapeLookup(&s)
        case .yes, .no, .selectedAnswer:
            guard case .confirm(let pending)? = s.topOverlay else { return [] }
            s.overlays.removeLast()
            let confirmed = command == .yes || (command == .selectedAnswer && pending.answer.selectedOutcome == .confirmed)
            if confirmed { return start(&s, pending.action) }
            s.status = StatusMessage("\(pending.action.label): cancelled, nothing changed")
        case .switchAnswer:
            guard case .confirm(var pending)? = s.topOverlay else { return [] }
            pending.answer.switchChoice()
            s.overlays[s.overlays.count - 1] = .confirm(pending)
        case .pickPrevious, .pickNext, .pick, .cancelPick:
            return runPicker(&s, command)
        case .startDemo:
            s.startDemoOnExit = true
            return [.quit]
        }
        return []
    }

    /// A key the open text prompt does not bind: a printable one is typed, an editing one edits.
    static func type(_ s: inout ConsoleState, _ key: Key) {
        editPrompt(&s) { $0.handle(key) }
    }

    /// Edits the open text prompt's input with `body` (nothing when no text prompt is open).
    static func editPrompt(_ s: inout ConsoleState, _ body: (inout InputState) -> Void) {
        switch s.prompt {
        case .commandLine?: body(&s.command)
        case .range?, .lookup?: ReportsUpdate.editInput(&s, body)
        case .dialog?, nil: break
        case let filter?: editFilter(&s, filter) { body(&$0.input) }  // a screen's filter, or the details' find
        }
    }
}

import TUI

/// The console's view: a pure function of the state.
public enum ConsoleView {
    public static func render(_ state: ConsoleState, into frame: inout Frame) {
        let layout = ConsoleLayout(size: frame.area.size, sourceCount: state.sources.count)
        TitleBarView(state: state).render(in: layout.titleBar, frame: &frame)
        SourcesPaneView(state: state).render(in: layout.sources, frame: &frame)
        CampaignsPaneView(state: state).render(in: layout.campaigns, frame: &frame)
        OffersPaneView(state: state, fit: layout.offerFit).render(in: layout.offers, frame: &frame)
        SyncStripView(state: state).render(in: layout.sync, frame: &frame)

        let map = ConsoleBindings.keyMap(for: state)
        for overlay in state.overlays {
            switch overlay {
            case .help(let scroll):
                let sections = map.helpSections() + [FilterHelp.section(title: "Offers filter (/)", schema: OfferFilterFields.schema)]
                frame.render(HelpOverlay(sections, title: "Keys", scroll: scroll, theme: frame.theme), in: layout.overlayArea)
            case .details(let key, let details, let scroll):
                DetailsView(key: key, details: details, scroll: scroll, find: state.detailsFind.text)
                    .render(in: layout.overlayArea, frame: &frame)
            case .subjectDetails(let subject, let details, let scroll):
                SubjectDetailsView(subject: subject, details: details, scroll: scroll, find: state.detailsFind.text, now: state.now)
                    .render(in: layout.overlayArea, frame: &frame)
            case .confirm(let pending):
                frame.render(
                    Dialog.confirm(title: pending.title, message: pending.message, state: pending.answer, theme: frame.theme),
                    in: frame.area)
            case .message(let title, let text):
                frame.render(Dialog.message(title: title, message: text, theme: frame.theme), in: frame.area)
            case .platform(let offers, let table):
                PlatformView(offers: offers, table: table, filter: state.platformFilter.text)
                    .render(in: layout.overlayArea, frame: &frame)
            case .campaignPicker(let picker):
                CampaignPickerView(picker: picker, state: state).render(in: frame.area, frame: &frame)
            case .welcome:
                WelcomeView(workspace: state.workspace).render(in: layout.overlayArea, frame: &frame)
            case .reports:
                ReportsView(state: state).render(in: layout.overlayArea, frame: &frame)
            case .conversionLookup:
                if let lookup = state.reports.lookup {
                    ConversionLookupView(lookup: lookup, now: state.now).render(in: layout.overlayArea, frame: &frame)
                }
            }
        }
        StatusLineView(state: state).render(in: layout.statusLine, frame: &frame)
        frame.render(KeyHintBar(hints(state, map), theme: frame.theme), in: layout.hints)
    }

    /// The hint bar: the bindings of the contexts that apply now, innermost first (an open prompt's
    /// or dialog's alone), then the global ones.
    static func hints(_ state: ConsoleState, _ map: KeyMap<ConsoleCommand>) -> [KeyHint] {
        map.hints(for: ConsoleBindings.contexts(for: state))
    }
}

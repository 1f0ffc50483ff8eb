import CPAPIKit
import Foundation
import TUI

/// The console's `update`: one event in, the state changed and the work to start out. Pure: no
/// I/O, no clock (the time comes in with the event), so screens are tested by feeding events.
public enum ConsoleUpdate {
    public static func update(_ s: inout ConsoleState, _ event: AppEvent<ConsoleMessage>, now: Date) -> [ConsoleEffect] {
        s.now = now
        defer { ageStatus(&s) }
        return dispatch(&s, event)
    }

    /// Stamps a new status line with the time it is first shown and drops one that has been read
    /// long enough (not while actions it counts are still running).
    static func ageStatus(_ s: inout ConsoleState) {
        if s.status != nil && s.status?.shownAt == nil { s.status?.shownAt = s.now }
        if s.backgroundStatus != nil && s.backgroundStatus?.shownAt == nil { s.backgroundStatus?.shownAt = s.now }
        if s.status?.hasExpired(at: s.now) == true && s.inFlight.isEmpty { s.status = nil }
        if s.backgroundStatus?.hasExpired(at: s.now) == true { s.backgroundStatus = nil }
    }

    static func dispatch(_ s: inout ConsoleState, _ event: AppEvent<ConsoleMessage>) -> [ConsoleEffect] {
        switch event {
        case .resize(let size):
            s.size = size
            relayout(&s)
            // The first event is always a resize: the first read of the workspace starts here.
            guard !s.hasSnapshot && !s.loading else { return [] }
            s.loading = true
            return [load(s)]
        case .tick:
            return []
        case .key(let key):
            return handleKey(&s, key)
        case .mouse(let mouse):
            handleMouse(&s, mouse)
            return []
        case .paste(let text):
            paste(&s, text)
            return []
        case .message(let message):
            return handleMessage(&s, message)
        }
    }

    /// The effect that loads the workspace with the browser's current settings. The first read
    /// shows a first page of offers at once; later reads keep the rows on screen until they finish.
    public static func load(_ s: ConsoleState) -> ConsoleEffect {
        .loadSnapshot(
            sort: s.offers.sortColumn, ascending: s.offers.sortAscending, scope: s.offers.scope, query: s.offers.appliedQuery,
            firstPage: s.hasSnapshot ? nil : ConsoleState.firstOfferPage)
    }

    // MARK: Keys

    static func handleKey(_ s: inout ConsoleState, _ key: Key) -> [ConsoleEffect] {
        // Every mode's keys are in the one table. An open prompt's contexts are modal: it takes every
        // key, and the screen under it never acts.
        let contexts = ConsoleBindings.contexts(for: s)
        switch ConsoleBindings.keyMap(for: s).lookup(key, in: contexts) {
        case .unbound:
            // A text prompt types what it does not bind.
            if contexts.contains(ConsoleBindings.typing) { type(&s, key) }
            return []
        case .disabled(_, let reason):
            s.status = StatusMessage("\(key.displayName): \(reason)", isError: true)
            return []
        case .action(.prompt(.type)):
            type(&s, key)
            return []
        case .action(let command):
            return run(&s, command)
        }
    }

    /// The filter `prompt` edits, changed by `body`; the screen follows its new text.
    static func editFilter(_ s: inout ConsoleState, _ prompt: Prompt, _ body: (inout ScreenFilter) -> Void) {
        switch prompt {
        case .offerFilter:
            var filter = ScreenFilter(s.filter.text, isOpen: s.filterOpen)
            filter.input = s.filter
            body(&filter)
            s.filterOpen = filter.isOpen
            let changed = filter.text != s.filter.text
            s.filter = filter.input
            if changed { applyFilter(&s) }
        case .detailsFind:
            let before = s.detailsFind.text
            body(&s.detailsFind)
            if s.detailsFind.text != before { findInDetails(&s, from: 0) }
        case .platformFilter:
            body(&s.platformFilter)
            if case .platform(var offers, var table)? = s.topOverlay {
                offers?.setQuery(s.platformFilter.text)
                table.clamp(rowCount: offers?.count ?? 0)
                s.overlays[s.overlays.count - 1] = .platform(offers: offers, table: table)
            }
        case .reportsFilter:
            guard var view = s.reports.view else { return }
            var filter = view.filter
            body(&filter)
            view.setFilter(filter)
            ReportsUpdate.fitTable(&view, in: s)
            s.reports.view = view
        case .commandLine, .dialog, .range, .lookup:
            break
        }
    }

    /// Scrolls the details to the next line holding the found text, searching down from `step`
    /// lines below the top line (0: the top line itself), round to the start; `step` -1 searches up.
    static func findInDetails(_ s: inout ConsoleState, from step: Int) {
        guard let (lines, scroll) = s.detailsPage, s.detailsFind.isActive, !lines.isEmpty else { return }
        let top = min(scroll, lines.count - 1)
        let direction = step < 0 ? -1 : 1
        for i in 0..<lines.count {
            let line = ((top + step + direction * i) % lines.count + lines.count) % lines.count
            if DetailsView.matches(of: s.detailsFind.text, in: lines[line]).isEmpty { continue }
            s.scrollDetails(to: line)
            return
        }
    }

    /// Pasted text goes to the open prompt (and nowhere when none is open).
    static func paste(_ s: inout ConsoleState, _ text: String) {
        editPrompt(&s) { $0.insert(text) }
    }

    static func runCommandLine(_ s: inout ConsoleState, _ text: String) -> [ConsoleEffect] {
        switch CommandLineParser.parse(text) {
        case .failure(let error):
            s.status = StatusMessage(error.message, isError: true)
            return []
        case .success(let command):
            switch command {
            case .none: return []
            case .quit: return [.quit]
            case .help: s.overlays.append(.help(scroll: 0)); return []
            case .platform(let id): return openPlatform(&s, jumpTo: id)
            case .filter(let q):
                s.filter.setText(q)
                applyFilter(&s)
                return []
            case .edit(let target): return [.loadFragment(target)]
            case .reports(let sourceID): return ReportsUpdate.open(&s, sourceID: sourceID)
            case .conversions(let sourceID, let subid, let offerID):
                return ReportsUpdate.openLookup(&s, sourceID: sourceID, subid: subid, offerID: offerID)
            case .action(let action):
                if let reason = ConsoleRules.syncReason(s), case .sync = action {
                    s.status = StatusMessage(reason, isError: true)
                    return []
                }
                return ask(&s, action)
            }
        }
    }

    // MARK: Commands

    static func run(_ s: inout ConsoleState, _ command: ConsoleCommand) -> [ConsoleEffect] {
        if let effects = ReportsUpdate.run(&s, command) { return effects }
        if let effects = runPlatform(&s, command) { return effects }
        switch command {
        case .focusNext: s.focus = s.focus.next
        case .focusPrevious: s.focus = s.focus.previous
        case .focus(let pane): s.focus = pane
        case .openFilter:
            // `/` filters the screen on top: the offers, the details (find), `:platform`, Reports.
            switch s.topOverlay {
            case nil:
                s.filterOpen = true
                s.focus = .offers
            case .details?, .subjectDetails?: s.detailsFind.isOpen = true
            case .platform?: s.platformFilter.isOpen = true
            case .reports?: editFilter(&s, .reportsFilter) { $0.isOpen = true }
            default: break  // disabled there (`ConsoleRules`)
            }
        case .findNext: findInDetails(&s, from: 1)
        case .findPrevious: findInDetails(&s, from: -1)
        case .openCommandLine: s.commandOpen = true
        case .help: s.overlays.append(.help(scroll: 0))
        case .quit: return [.quit]
        case .syncAll: return ask(&s, .sync(sourceID: nil))
        case .up: move(&s) { $0.moveUp(rowCount: $1) }
        case .down: move(&s) { $0.moveDown(rowCount: $1) }
        case .pageUp: move(&s) { $0.pageUp(rowCount: $1) }
        case .pageDown: move(&s) { $0.pageDown(rowCount: $1) }
        case .top: move(&s) { $0.selectFirst(rowCount: $1) }
        case .bottom: move(&s) { $0.selectLast(rowCount: $1) }
        case .details:
            guard let row = ConsoleRules.offerInFocus(s) else { return [] }
            return openDetails(&s, row.key)
        case .subjectDetails:
            return openSubjectDetails(&s)
        case .pauseResume, .exclude, .duplicate, .detach, .openPlatformOffer:
            guard let row = ConsoleRules.offerInFocus(s) else { return [] }
            return offerCommand(&s, command, row)
        case .syncSource:
            let source = (s.focus == .sources && s.topOverlay == nil) ? s.selectedSource?.id : ConsoleRules.offerInFocus(s)?.key.sourceID
            guard let source else { return [] }
            return ask(&s, .sync(sourceID: source))
        case .sortPrevious, .sortNext:
            let columns = OfferColumn.visible(in: ConsoleLayout(size: s.size, sourceCount: s.sources.count).offerFit)
            let current = columns.firstIndex(of: s.offers.sortColumn) ?? 0
            let next = (current + (command == .sortNext ? 1 : columns.count - 1)) % columns.count
            s.offers.sort(by: columns[next], ascending: true)
            reselect(&s)
        case .reverseSort:
            s.offers.sort(by: s.offers.sortColumn, ascending: !s.offers.sortAscending)
            reselect(&s)
        case .clearScope:
            if s.focus == .offers { s.filter.clear(); s.offers.setQuery("") }
            s.offers.setScope(.all)
            reselect(&s)
        case .narrow:
            if s.focus == .sources, let source = s.selectedSource { s.offers.setScope(.source(source.id)) }
            if s.focus == .campaigns, let campaign = s.selectedCampaign { s.offers.setScope(.campaign(campaign.id)) }
            s.focus = .offers
            reselect(&s)
        case .deleteSource:
            guard let source = s.selectedSource else { return [] }
            return ask(&s, .deleteSource(source.id))
        case .toggleCampaign:
            guard let campaign = s.selectedCampaign else { return [] }
            return ask(&s, .setCampaignEnabled(campaign.id, !campaign.enabled))
        case .retireCampaign:
            guard let campaign = s.selectedCampaign else { return [] }
            return ask(&s, .retireCampaign(campaign.id))
        case .edit:
            if s.focus == .campaigns, let campaign = s.selectedCampaign { return [.loadFragment(.campaign(campaign.id))] }
            if let source = s.selectedSource { return [.loadFragment(.source(source.id))] }
        case .close:
            if !s.overlays.isEmpty { s.overlays.removeLast() }
        case .platformDisable, .platformDelete:
            guard case .platform(_, let table)? = s.topOverlay, let offers = s.platformRows, !offers.isEmpty else { return [] }
            let id = offers[min(table.selected, offers.count - 1)].id
            return ask(&s, command == .platformDisable ? .platformDisable(offerID: id) : .platformDelete(offerID: id))
        case .openReports, .reportsEarlier, .reportsLater, .reportsSetRange, .downloadReversals, .stopDownload,
            .lookUpConversions, .reportOfferDetails:
            break  // bound in the Reports view only, where `ReportsUpdate.run` takes them
        case .platformOfferDetails:
            break  // bound in `:platform` only, where `runPlatform` takes it
        case .prompt(let command):
            return runPrompt(&s, command)
        }
        return []
    }

    /// Asks first when the action is destructive, else starts it.
    static func ask(_ s: inout ConsoleState, _ action: OperatorAction) -> [ConsoleEffect] {
        if let question = Confirmations.question(for: action, in: s) {
            s.overlays.append(.confirm(question))
            return []
        }
        return start(&s, action)
    }

    static func start(_ s: inout ConsoleState, _ action: OperatorAction) -> [ConsoleEffect] {
        s.inFlight.append(action.label)
        s.status = StatusMessage("\(action.label)…")
        return [.perform(action)]
    }

    /// Opens `:platform` (or reads it again when on top), selecting platform offer `id` once read.
    static func openPlatform(_ s: inout ConsoleState, jumpTo id: Int? = nil) -> [ConsoleEffect] {
        guard s.platform.kind == .local else {
            s.status = StatusMessage(":platform shows the local platform; this workspace writes to \(s.platform.kind.rawValue)", isError: true)
            return []
        }
        s.platformJump = id
        if case .platform? = s.topOverlay { return [.loadPlatformOffers] }
        s.platformFilter = ScreenFilter()
        s.overlays.append(.platform(offers: nil, table: TableState()))
        return [.loadPlatformOffers]
    }

    /// Opens the details of `key` (they load in the background), with no text to find yet.
    static func openDetails(_ s: inout ConsoleState, _ key: OfferKey) -> [ConsoleEffect] {
        s.detailsFind = ScreenFilter()
        s.overlays.append(.details(key: key, details: nil, scroll: 0))
        return [.loadDetails(key)]
    }

    /// Moves the selection of whatever has the keys: an overlay's list or the focused pane.
    static func move(_ s: inout ConsoleState, _ body: (inout TableState, Int) -> Void) {
        let layout = ConsoleLayout(size: s.size, sourceCount: s.sources.count)
        switch s.topOverlay {
        case .help(let scroll)?:
            var t = TableState(selected: scroll, offset: scroll, viewportHeight: 1)
            body(&t, 1000)
            s.overlays[s.overlays.count - 1] = .help(scroll: t.selected)
            return
        case .details(_, _, let scroll)?, .subjectDetails(_, _, let scroll)?:
            var t = TableState(selected: scroll, offset: scroll, viewportHeight: max(1, layout.overlayArea.height - 2))
            body(&t, 10_000)
            s.scrollDetails(to: t.selected)
            return
        case .platform(let offers, var table)?:
            let count = s.platformRows?.count ?? 0
            table.setViewportHeight(max(1, layout.overlayArea.height - 3), rowCount: count)
            body(&table, count)
            s.overlays[s.overlays.count - 1] = .platform(offers: offers, table: table)
            return
        case .reports?:
            ReportsUpdate.move(&s, body)
            return
        case .confirm?, .message?, .welcome?, .conversionLookup?, .campaignPicker?:
            return
        case nil:
            break
        }
        switch s.focus {
        case .sources: body(&s.sourceList, s.sources.count)
        case .campaigns: body(&s.campaignList, s.campaigns.count)
        case .offers:
            body(&s.offerTable, s.offers.count)
            s.selectedOffer = s.selectedRow?.key
        case .sync: body(&s.syncList, s.events.count)
        }
    }

    // MARK: Mouse

    static func handleMouse(_ s: inout ConsoleState, _ mouse: MouseEvent) {
        guard s.topOverlay == nil else {
            if mouse.action == .wheelUp { move(&s) { $0.moveBy(-3, rowCount: $1) } }
            if mouse.action == .wheelDown { move(&s) { $0.moveBy(3, rowCount: $1) } }
            return
        }
        let layout = ConsoleLayout(size: s.size, sourceCount: s.sources.count)
        guard let pane = Pane.allCases.first(where: { layout.rect(of: $0).contains(mouse.position) }) else { return }
        switch mouse.action {
        case .wheelUp:
            s.focus = pane
            move(&s) { $0.moveBy(-3, rowCount: $1) }
        case .wheelDown:
            s.focus = pane
            move(&s) { $0.moveBy(3, rowCount: $1) }
        case .click(button: 1), .press(button: 1):
            s.focus = pane
            let rect = layout.rect(of: pane)
            // Rows start under the top border (and the table's header, except in the Sync strip).
            let firstRowY = rect.y + (pane == .sync ? 1 : 2)
            let line = mouse.position.y - firstRowY
            guard line >= 0 else { return }
            switch pane {
            case .sources:
                let offset = s.sourceList.visibleOffset(rowCount: s.sources.count, height: layout.sourceRows)
                s.sourceList.select(offset + line, rowCount: s.sources.count)
            case .campaigns:
                let offset = s.campaignList.visibleOffset(rowCount: s.campaigns.count, height: layout.campaignRows)
                s.campaignList.select(offset + line, rowCount: s.campaigns.count)
            case .offers:
                let offset = s.offerTable.visibleOffset(rowCount: s.offers.count, height: layout.offerRows)
                guard offset + line < s.offers.count else { return }
                s.offerTable.select(offset + line, rowCount: s.offers.count)
                s.selectedOffer = s.selectedRow?.key
            case .sync:
                break
            }
        default:
            break
        }
    }

    // MARK: Messages

    static func handleMessage(_ s: inout ConsoleState, _ message: ConsoleMessage) -> [ConsoleEffect] {
        switch message {
        case .snapshotLoaded(let snapshot, var browser, let token):
            // A first page: the same read goes on for the rest of the offers.
            s.loading = !snapshot.offersComplete
            s.offersLoading = !snapshot.offersComplete
            s.offerTotal = snapshot.offerTotal
            if snapshot.offersComplete { s.loadedChangeToken = token }
            s.loadError = nil
            let first = !s.hasSnapshot
            s.hasSnapshot = true
            s.workspace = snapshot.workspace
            s.platform = snapshot.platform
            s.sources = snapshot.sources
            s.campaigns = snapshot.campaigns
            s.events = snapshot.events
            s.runningRuns = snapshot.runningRuns
            s.otherSyncHolder = snapshot.otherSyncHolder
            if let next = snapshot.nextRunAt { s.nextRunAt = next }
            s.ui = snapshot.ui
            // The operator may have changed the view while the read ran: apply the current settings.
            browser.sort(by: s.offers.sortColumn, ascending: s.offers.sortAscending)
            browser.setScope(s.offers.scope)
            browser.setQuery(s.offers.appliedQuery)
            browser.setQuery(s.offers.query)  // a text that does not parse keeps its error
            s.offers = browser
            s.sourceList.clamp(rowCount: s.sources.count)
            s.campaignList.clamp(rowCount: s.campaigns.count)
            s.syncList.clamp(rowCount: s.events.count)
            relayout(&s)
            reselect(&s)
            if first && snapshot.isEmptyWorkspace && s.overlays.isEmpty { s.overlays.append(.welcome) }
            if !snapshot.isEmptyWorkspace, case .welcome? = s.topOverlay { s.overlays.removeLast() }
            var effects: [ConsoleEffect] = []
            // Read again when asked to meanwhile, or when a poll saw a change this read may have missed.
            let missedChange = token != nil && s.lastChangeToken != nil && s.lastChangeToken != token
            if (s.reloadWanted || missedChange) && !s.loading {
                s.reloadWanted = false
                s.loading = true
                effects.append(load(s))
            }
            if case .details(let key, _, _)? = s.topOverlay { effects.append(.loadDetails(key)) }
            if case .subjectDetails(let subject, _, _)? = s.topOverlay { effects.append(.loadSubjectDetails(subject)) }
            return effects
        case .snapshotFailed(let why):
            s.loading = false
            s.loadError = why
            return []
        case .changeToken(let token):
            guard token != s.lastChangeToken else { return [] }
            s.lastChangeToken = token
            // A read in progress is checked against it when it finishes.
            if s.loading || token == s.loadedChangeToken { return [] }
            s.loading = true
            return [load(s)]
        case .detailsLoaded(let key, let details):
            for i in s.overlays.indices {
                if case .details(key, _, let scroll) = s.overlays[i] { s.overlays[i] = .details(key: key, details: details, scroll: scroll) }
            }
            if details == nil { s.status = StatusMessage("offer \(key) is no longer stored", isError: true) }
            return []
        case .subjectDetailsLoaded(let subject, let result):
            subjectDetailsLoaded(&s, subject, result)
            return []
        case .detailsFailed(let key, let why):
            s.status = StatusMessage("cannot read \(key): \(why)", isError: true)
            return []
        case .actionFinished(let action, let result):
            if let i = s.inFlight.firstIndex(of: action.label) { s.inFlight.remove(at: i) }
            switch result {
            case .success(let text): s.status = StatusMessage(text)
            case .failure(let error): s.status = StatusMessage("\(action.label) failed: \(error.message)", isError: true)
            }
            return reload(&s)
        case .schedulerStarted(let start):
            s.scheduler = start
            if case .heldElsewhere(let holder) = start { s.backgroundStatus = StatusMessage("synced by \(holder): this console watches its runs") }
            if case .unavailable(let why) = start { s.backgroundStatus = StatusMessage("sync off: \(why)", isError: true) }
            return []
        case .syncWatched(let watch):
            return SyncWatchUpdate.watched(&s, watch)
        case .scheduler(let event):
            switch event {
            case .activity(let activity):
                if let i = s.activities.firstIndex(where: { $0.sourceID == activity.sourceID }) {
                    s.activities[i] = activity
                } else {
                    s.activities.append(activity)
                }
            case .finished(let sourceID, let error):
                s.activities.removeAll { $0.sourceID == sourceID }
                // A scheduled run: the sync strip lists it too, and it never hides an answer the operator waits for.
                if let error { s.backgroundStatus = StatusMessage("sync \(sourceID) failed: \(error)", isError: true) }
                return reload(&s)
            case .nextRun(let at):
                s.nextRunAt = at
            }
            return []
        case .fragmentLoaded(let target, let result):
            switch result {
            case .success(let text): return [.edit(target, text: text, error: nil)]
            case .failure(let error):
                s.status = StatusMessage("cannot edit \(target.label): \(error.message)", isError: true)
                return []
            }
        case .editorFinished(let target, let original, let edited, let error):
            if let error {
                s.status = StatusMessage("editor: \(error)", isError: true)
                return []
            }
            guard let edited, edited != original else {
                s.status = StatusMessage("\(target.label) unchanged: nothing applied")
                return []
            }
            return [.applyFragment(target, text: edited)]
        case .fragmentApplied(let target, let text, let error):
            if let error { return [.edit(target, text: text, error: error)] }
            s.status = StatusMessage("\(target.label) applied")
            return reload(&s)
        case .platformOffersLoaded(let result):
            switch result {
            case .success(let offers?):
                platformLoaded(&s, offers)
            case .success(nil):
                s.overlays.removeAll { if case .platform = $0 { return true } else { return false } }
                s.status = StatusMessage("this workspace's platform is not the local one", isError: true)
            case .failure(let error):
                s.status = StatusMessage("cannot read the platform: \(error.message)", isError: true)
            }
            return []
        case .reports(let message):
            return ReportsUpdate.handle(&s, message)
        }
    }

    /// Reload now (or right after the read in progress).
    static func reload(_ s: inout ConsoleState) -> [ConsoleEffect] {
        var effects: [ConsoleEffect] = []
        if s.loading {
            s.reloadWanted = true
        } else {
            s.loading = true
            effects.append(load(s))
        }
        if case .platform? = s.topOverlay { effects.append(.loadPlatformOffers) }
        return effects
    }

    // MARK: Helpers

    static func applyFilter(_ s: inout ConsoleState) {
        s.offers.setQuery(s.filter.text)
        reselect(&s)
    }

    /// Keeps the selection on the same offer after the rows changed; if it is gone, on the row
    /// at the same place.
    static func reselect(_ s: inout ConsoleState) {
        if let key = s.selectedOffer, let position = s.offers.position(of: key) {
            s.offerTable.select(position, rowCount: s.offers.count)
        } else {
            s.offerTable.clamp(rowCount: s.offers.count)
            s.selectedOffer = s.selectedRow?.key
        }
    }

    static func relayout(_ s: inout ConsoleState) {
        let layout = ConsoleLayout(size: s.size, sourceCount: s.sources.count)
        s.offerTable.setViewportHeight(layout.offerRows, rowCount: s.offers.count)
        s.sourceList.setViewportHeight(layout.sourceRows, rowCount: s.sources.count)
        s.campaignList.setViewportHeight(layout.campaignRows, rowCount: s.campaigns.count)
        s.syncList.setViewportHeight(layout.syncRows, rowCount: s.events.count)
        ReportsUpdate.relayout(&s)
    }
}

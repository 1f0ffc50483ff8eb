import CPAPIKit
import Foundation
import TUI

/// The console as a `TUI.App`: holds the state, feeds events to `ConsoleUpdate`, draws with
/// `ConsoleView`, and runs the effects: reads and actions in background tasks that post their
/// answers to the mailbox, the editor in the foreground (it owns the terminal meanwhile).
public struct ConsoleApp: App {
    public typealias Message = ConsoleMessage

    public private(set) var state: ConsoleState
    let data: any ConsoleDataSource
    let actions: any ConsoleActions
    let editor: any ExternalEditor
    let mailbox: Mailbox<ConsoleMessage>
    let clock: @Sendable () -> Date
    var reportsRunner: ReportsRunner

    public init(
        state: ConsoleState, data: any ConsoleDataSource, actions: any ConsoleActions, editor: any ExternalEditor,
        mailbox: Mailbox<ConsoleMessage>, clock: @escaping @Sendable () -> Date = { Date() },
        reports: (any ConsoleReports)? = nil
    ) {
        self.state = state
        self.state.reports.available = reports != nil
        self.data = data
        self.actions = actions
        self.editor = editor
        self.mailbox = mailbox
        self.clock = clock
        self.reportsRunner = ReportsRunner(reports: reports)
    }

    /// The clock in the title bar and the countdown move every second.
    public var tickInterval: Duration? { .seconds(1) }

    public mutating func update(_ event: AppEvent<ConsoleMessage>) -> UpdateResult {
        var pending = ConsoleUpdate.update(&state, event, now: clock())
        // Effects may answer at once (the editor): run them until none is left.
        while !pending.isEmpty {
            let effect = pending.removeFirst()
            if effect == .quit { return .quit }
            pending += run(effect)
        }
        return .redraw
    }

    public func view(_ frame: inout Frame) {
        frame.theme = ConsoleTheme.theme(for: state.ui, on: frame.theme)
        ConsoleView.render(state, into: &frame)
    }

    /// Starts `effect`; returns follow-up effects when it ran in the foreground.
    private mutating func run(_ effect: ConsoleEffect) -> [ConsoleEffect] {
        let data = self.data, actions = self.actions
        switch effect {
        case .quit:
            return []
        case .loadSnapshot(let sort, let ascending, let scope, let query, let firstPage):
            mailbox.spawn { box in
                let token = try? await data.changeToken()
                func post(_ read: ConsoleSnapshot) {
                    var snapshot = read
                    let browser = OfferBrowser(
                        index: OfferIndex(rows: snapshot.offers), sortColumn: sort, ascending: ascending,
                        scope: scope, query: query)
                    snapshot.offers = []  // the index holds them now
                    box.post(.snapshotLoaded(snapshot, browser, changeToken: token))
                }
                do {
                    if let firstPage {
                        let first = try await data.snapshot(offerLimit: firstPage)
                        post(first)
                        if first.offersComplete { return }
                    }
                    post(try await data.snapshot(offerLimit: nil))
                } catch {
                    box.post(.snapshotFailed(String(describing: error)))
                }
            }
        case .loadDetails(let key):
            let reports = reportsRunner.reports
            mailbox.spawn { box in
                do {
                    var details = try await data.offerDetails(key)
                    if let reports, details != nil {
                        do { details?.reversals = .success(try await reports.offerReversals(key)) } catch {
                            details?.reversals = .failure(ConsoleFailure(error))
                        }
                    }
                    box.post(.detailsLoaded(key, details))
                } catch {
                    box.post(.detailsFailed(key, String(describing: error)))
                }
            }
        case .loadSubjectDetails(let subject):
            mailbox.spawn { box in
                do { box.post(.subjectDetailsLoaded(subject, .success(try await data.subjectDetails(subject)))) } catch {
                    box.post(.subjectDetailsLoaded(subject, .failure(ConsoleFailure(error))))
                }
            }
        case .perform(let action):
            mailbox.spawn { box in
                do { box.post(.actionFinished(action, .success(try await actions.perform(action)))) } catch {
                    box.post(.actionFinished(action, .failure(ConsoleFailure(error))))
                }
            }
        case .loadFragment(let target):
            mailbox.spawn { box in
                do { box.post(.fragmentLoaded(target, .success(try await actions.fragment(for: target)))) } catch {
                    box.post(.fragmentLoaded(target, .failure(ConsoleFailure(error))))
                }
            }
        case .edit(let target, let text, let error):
            // In the foreground on purpose: the editor has the terminal until it closes.
            let name: String
            switch target {
            case .source(let id): name = "source-\(id).toml"
            case .campaign(let id): name = "campaign-\(id).toml"
            }
            do {
                let edited = try editor.edit(text, error: error, fileName: name)
                return ConsoleUpdate.update(
                    &state, .message(.editorFinished(target, original: text, edited: edited, error: nil)),
                    now: clock())
            } catch {
                return ConsoleUpdate.update(
                    &state, .message(.editorFinished(target, original: text, edited: nil, error: String(describing: error))),
                    now: clock())
            }
        case .applyFragment(let target, let text):
            mailbox.spawn { box in
                do {
                    try await actions.apply(fragment: text, for: target)
                    box.post(.fragmentApplied(target, text: text, error: nil))
                } catch {
                    box.post(.fragmentApplied(target, text: text, error: String(describing: error)))
                }
            }
        case .loadPlatformOffers:
            mailbox.spawn { box in
                // Packed and indexed here, off the loop: 100k rows take a moment.
                do { box.post(.platformOffersLoaded(.success(try await data.localPlatformOffers().map(PlatformBrowser.init)))) } catch {
                    box.post(.platformOffersLoaded(.failure(ConsoleFailure(error))))
                }
            }
        case .reports(let effect):
            reportsRunner.run(effect, mailbox: mailbox)
        }
        return []
    }
}

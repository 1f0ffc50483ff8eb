import CPAPIKit
import TUI

/// Runs `ReportsEffect`s for `ConsoleApp`: each in a background task that posts its progress and
/// outcome to the mailbox, keeping the tasks a key can stop (a download, the lookup) to cancel them.
struct ReportsRunner {
    let reports: (any ConsoleReports)?
    private var downloads: [String: Task<Void, Never>] = [:]
    private var lookup: (requestID: Int, task: Task<Void, Never>)?

    init(reports: (any ConsoleReports)?) { self.reports = reports }

    mutating func run(_ effect: ReportsEffect, mailbox: Mailbox<ConsoleMessage>) {
        // `ReportsUpdate` asks for no report work when the console has no reports.
        guard let reports else { return }
        switch effect {
        case .loadReport(let sourceID, let range):
            mailbox.spawn { box in
                do { box.post(.reports(.reportLoaded(try await reports.reversalReport(sourceID: sourceID, range: range)))) } catch {
                    box.post(.reports(.reportFailed(sourceID: sourceID, range: range, String(describing: error))))
                }
            }
        case .download(let sourceID, let range):
            downloads[sourceID] = mailbox.spawn { box in
                do {
                    let outcomes = try await reports.downloadReversals(sourceID: sourceID, range: range) { progress in
                        box.post(.reports(.downloadProgress(sourceID: sourceID, progress)))
                    }
                    box.post(.reports(.downloadFinished(sourceID: sourceID, .success(outcomes))))
                } catch {
                    box.post(.reports(.downloadFinished(sourceID: sourceID, .failure(ConsoleFailure(error)))))
                }
            }
        case .stopDownload(let sourceID):
            downloads.removeValue(forKey: sourceID)?.cancel()
        case .lookUp(let requestID, let sourceID, let subid, let offerID):
            lookup = (
                requestID,
                mailbox.spawn { box in
                    do {
                        let answer = try await reports.lookUpConversions(sourceID: sourceID, subid: subid, offerID: offerID) { until in
                            box.post(.reports(.lookupWaiting(requestID: requestID, until: until)))
                        }
                        box.post(.reports(.lookupFinished(requestID: requestID, .success(answer))))
                    } catch {
                        box.post(.reports(.lookupFinished(requestID: requestID, .failure(ConsoleFailure(error)))))
                    }
                }
            )
        case .cancelLookup(let requestID):
            guard let running = lookup, running.requestID == requestID else { return }
            running.task.cancel()
            lookup = nil
        }
    }
}

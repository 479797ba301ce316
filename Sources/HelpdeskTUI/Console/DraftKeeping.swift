import Foundation
import HelpdeskCore
import HelpdeskStore

/// A screen holding a draft that must reach the disk: the console asks it on every tick (the save is
/// debounced to at most ~0.5 s after the last keystroke, and at least once a second while typing), and
/// forces a save before it exits for any reason (quit, Ctrl-C, SIGHUP, SIGTERM, a lost terminal).
public protocol DraftKeeping: AnyObject {
    /// When the console should wake to save (nil when nothing is waiting to be saved).
    var nextDraftSave: Date? { get }
    /// Saves if the draft changed and the debounce time has come.
    func saveDraftIfDue(console: Console)
    /// Saves now if anything changed; returns false (and says why) when the save failed.
    @discardableResult
    func saveDraftNow(console: Console) -> Bool
}

/// The console's side of drafting: which tickets have a draft of mine (for the queue's mark) and
/// the outbox courier that runs the configured send command and retries failures.
public final class DraftingSupport {
    /// Tickets with a saved draft of this agent, re-read from `drafts/` every few seconds (other
    /// consoles of the same agent may add or send drafts).
    public private(set) var myDrafts: Set<Int> = []
    private var draftsReadAt: Date?
    /// The last delivery problem, shown in the status line until a delivery succeeds.
    public private(set) var deliveryProblem: String?
    private var nextDelivery: Date?
    static let retryInterval: TimeInterval = 60

    public init() {}

    func refreshDrafts(console: Console, force: Bool = false) {
        if !force, let at = draftsReadAt, console.now.timeIntervalSince(at) < 3 { return }
        draftsReadAt = console.now
        myDrafts = console.store.drafts.tickets(of: console.me)
    }

    /// Runs the send command now (after a send) or when a retry is due.
    func deliver(console: Console, now force: Bool = false) {
        let storage = console.store
        if !force, let at = nextDelivery, console.now < at { return }
        nextDelivery = console.now.addingTimeInterval(Self.retryInterval)
        guard let report = OutboxDelivery.deliver(storage.outbox, forStoreAt: console.store.location) else { return }
        if report.failed.isEmpty && report.stuck.isEmpty {
            deliveryProblem = nil
            if !report.sent.isEmpty && force { console.show("Mail sent (\(report.summary))") }
        } else {
            deliveryProblem = "Outbox: " + report.summary
            console.show(deliveryProblem!, kind: .warning)
        }
    }

    func tick(console: Console) {
        refreshDrafts(console: console)
        deliver(console: console)
    }
}

extension Console {
    /// Every screen that holds a draft.
    var draftKeepers: [DraftKeeping] { screens.compactMap { $0 as? DraftKeeping } }

    /// Saves every draft now; true when all were saved.
    @discardableResult
    public func saveAllDrafts() -> Bool {
        var ok = true
        for keeper in draftKeepers where !keeper.saveDraftNow(console: self) { ok = false }
        return ok
    }

    /// Milliseconds until the next draft save is due (nil when none is waiting).
    func millisecondsUntilDraftSave() -> Int? {
        guard let due = draftKeepers.compactMap(\.nextDraftSave).min() else { return nil }
        return max(1, Int(due.timeIntervalSince(Date()) * 1000))
    }
}

import Foundation
import XCTest
@testable import HelpdeskCore

/// A helpdesk in memory for exchange tests: the state plus every thread, changed the way the file
/// store changes it (each change prepared against the state with the earlier ones applied).
struct MemoryHelpdesk {
    var state = HelpdeskState()
    var threads: [Int: [Message]] = [:]
    /// Every event appended, as the store's log would hold them.
    var events: [Event] = []

    static let t0 = Date(timeIntervalSince1970: 1_790_000_000)  // 2026-09-21T…Z, whole seconds

    /// Prepares and applies a batch; throws, with nothing applied, if any change is refused.
    mutating func append(_ changes: [Change], actor: String = "sam", at: Date = MemoryHelpdesk.t0) throws {
        try append(changes.map { Event(at: at, actor: actor, change: $0) })
    }

    /// Appends events that keep their own actor and time (as `FileStore.appendHistory`).
    mutating func append(_ incoming: [Event]) throws {
        var work = state
        var added: [Int: [Message]] = [:]
        var written: [Event] = []
        for e in incoming {
            let prepared = try work.prepare(e.change, actor: e.actor, at: e.at)
            let event = Event(seq: work.lastSeq + 1, at: e.at, actor: e.actor, change: prepared)
            work.apply(event)
            written.append(event)
            switch prepared {
            case .ticketCreated(let t): if let m = t.message { added[t.number, default: []].append(m) }
            case .messageAdded(let n, let m): added[n, default: []].append(m)
            default: break
            }
        }
        state = work
        events += written
        for (n, messages) in added { threads[n, default: []] += messages }
    }

    /// Applies an import plan the way `helpdesk import` does: one batch, each step at its original
    /// time and by its original actor when it has them.
    mutating func apply(_ plan: ImportPlan, importer: String = "sam", now: Date) throws {
        try append(plan.steps.map { Event(at: $0.originalTime ?? now, actor: $0.originalActor ?? importer, change: $0.change) })
    }

    /// A ticket with its thread loaded, as `Store.ticket(_:)` returns it.
    func ticket(_ number: Int) throws -> Ticket {
        guard var t = state.tickets[number] else { throw ChangeError.ticketNotFound(number) }
        t.messages = threads[number] ?? []
        t.threadLoaded = true
        return t
    }

    /// An empty helpdesk with one supervisor, like a fresh `helpdesk init`.
    static func empty() throws -> MemoryHelpdesk {
        var h = MemoryHelpdesk()
        try h.append([.agentSaved(Agent(login: "sam", displayName: "Sam Ortiz", role: .supervisor))])
        return h
    }

    /// Two agents, two customers (one with every field filled), three tickets with a thread, a rating,
    /// a link and a merge; text with commas, quotes, line breaks and non-ASCII.
    static func sample() throws -> MemoryHelpdesk {
        var h = try empty()
        let t0 = MemoryHelpdesk.t0
        try h.append([
            .agentSaved(Agent(login: "dana", displayName: "Dana Kim")),
            .customerCreated(Customer(id: "", name: "Danielle Okafor", preferredName: "Dani",
                                      emails: ["Dani.Okafor@Example.com", "dani@work.example"],
                                      phones: ["+44 20 7946 0958"], organisation: "Okafor & Sons",
                                      usualOrder: "oat flat white, extra hot",
                                      preferences: [Preference(key: "milk", value: "oat", confirmedAt: t0)],
                                      notes: "Prefers \"quick\" answers,\nby phone", customerSince: t0, vip: true,
                                      birthday: "04-12")),
            .customerCreated(Customer(id: "", name: "Zoë Fairbanks", emails: ["zoe@example.org"], customerSince: t0)),
            .ticketCreated(NewTicket(subject: "Grinder broken, \"again\"", priority: .high, tags: ["hardware", "repeat"],
                                     assignee: "dana", group: "Repairs", requester: "c00001", channel: .phone,
                                     message: Message(kind: .customer, author: "c00001", body: "It squeaks,\nthen stops. ☕",
                                                      at: t0))),
            .messageAdded(number: 1001, message: Message(kind: .reply, author: "dana", body: "Bring it in — we'll look.",
                                                         at: t0.addingTimeInterval(600))),
            .messageAdded(number: 1001, message: Message(kind: .note, author: "sam", body: "Warranty until May.",
                                                         at: t0.addingTimeInterval(700))),
            .ticketRated(number: 1001, satisfaction: Satisfaction(score: 4, comment: "Quick, thanks", at: t0.addingTimeInterval(900))),
            .ticketCreated(NewTicket(subject: "Café loyalty card", status: .onHold, requester: "c00002", channel: .walkIn,
                                     message: Message(kind: .customer, author: "c00002", body: "Lost my card", at: t0))),
            .ticketCreated(NewTicket(subject: "Grinder (duplicate)", status: .closed, requester: "c00001")),
        ])
        let t2 = h.state.tickets[1002]!, t3 = h.state.tickets[1003]!
        try h.append([
            .ticketUpdated(number: 1002, base: t2.version, patch: TicketPatch(links: FromTo([], [1001]))),
            .ticketUpdated(number: 1003, base: t3.version, patch: TicketPatch(mergedInto: FromTo(nil, 1001))),
        ])
        return h
    }

    /// The sample plus every other kind of record and event: promises (kept and open), templates (one
    /// removed again), saved views, settings, an agent's signature, a merged duplicate customer whose
    /// preferred name is their first name, status changes by different agents, an SLA breach.
    static func complete() throws -> MemoryHelpdesk {
        var h = try sample()
        let t0 = MemoryHelpdesk.t0
        func at(_ minutes: Double) -> Date { t0.addingTimeInterval(minutes * 60) }
        try h.append([.agentSaved(Agent(login: "lee", displayName: "Lee Park", signature: "Lee\nNorthwind support"))], at: at(1))
        try h.append([.customerCreated(Customer(id: "", name: "Robert Finch", preferredName: "Robert",
                                                emails: ["rob@example.net"], usualOrder: "espresso", customerSince: t0))],
                     actor: "lee", at: at(2))
        try h.append([.customerMerged(from: "c00003", into: "c00001")], actor: "dana", at: at(3))
        let zoe = h.state.customers["c00002"]!
        try h.append([.customerUpdated(id: "c00002", base: zoe.version, patch: CustomerPatch.diff(zoe, preferredName: "Zoë", usualOrder: "chai"))],
                     actor: "lee", at: at(4))
        try h.append([.ticketCreated(NewTicket(subject: "Order late", requester: "c00002",
                                               message: Message(kind: .customer, author: "c00002", body: "Where is it?", at: at(5))))],
                     actor: "lee", at: at(5))
        let t4 = h.state.tickets[1004]!
        try h.append([.ticketUpdated(number: 1004, base: t4.version, patch: TicketPatch.diff(t4, status: .open, assignee: .some("lee")))],
                     actor: "dana", at: at(6))
        try h.append([.messageAdded(number: 1004, message: Message(kind: .reply, author: "lee", body: "Checking now.", at: at(7)))],
                     actor: "lee", at: at(7))
        try h.append([.promiseMade(CustomerPromise(id: 0, text: "Call back with tracking", due: at(120), ticket: 1004,
                                                   owner: "lee", createdAt: at(8)))], actor: "lee", at: at(8))
        try h.append([.promiseMade(CustomerPromise(id: 0, text: "Send a voucher", due: at(3000), ticket: 1004,
                                                   owner: "dana", createdAt: at(9)))], actor: "dana", at: at(9))
        try h.append([.promiseResolved(id: 1, state: .kept)], actor: "lee", at: at(30))
        try h.append([.slaBreached(number: 1002, target: .firstReply, since: at(10))], actor: "system", at: at(40))
        let t4b = h.state.tickets[1004]!
        try h.append([.ticketUpdated(number: 1004, base: t4b.version, patch: TicketPatch.diff(t4b, status: .solved))],
                     actor: "lee", at: at(50))
        try h.append([.ticketRated(number: 1004, satisfaction: Satisfaction(score: 5, comment: nil, at: at(55)))], actor: "lee", at: at(55))
        try h.append([.templateSaved(Template(name: "late", body: "Hi {{customer.preferredName}}, sorry it is late.",
                                              actions: TemplateActions(status: .pending, addTags: ["late"]))),
                      .templateSaved(Template(name: "old", body: "Gone soon"))], actor: "sam", at: at(60))
        try h.append([.templateRemoved(name: "old")], actor: "sam", at: at(61))
        try h.append([.viewSaved(SavedView(owner: "lee", name: "Mine late", query: "assignee:me tag:late")),
                      .viewSaved(SavedView(owner: "dana", name: "VIP", query: "tag:vip"))], actor: "lee", at: at(62))
        var settings = h.state.settings
        settings.name = "Northwind"
        settings.timeZone = "Europe/London"
        settings.autoAssign = AutoAssignSettings(enabled: true, maxOpenLoad: 12)
        try h.append([.settingsChanged(settings)], actor: "sam", at: at(63))
        return h
    }

    /// The JSON export of this helpdesk, history included.
    func exportText(now: Date = MemoryHelpdesk.t0.addingTimeInterval(86_400), history: Bool = true) throws -> String {
        var text = ""
        try ExportDocument.write(state: state, store: ExchangeStore(mode: "single", group: nil, createdAt: ISOTime.format(MemoryHelpdesk.t0),
                                                                   createdBy: "sam", defaultAgent: nil),
                                 now: now, thread: ticket, history: history ? events : nil) { text += $0 }
        return text
    }

    /// Plans an import into this helpdesk.
    func plan(_ text: String, file: String = "orders.csv", format: ExchangeFileFormat = .csv) throws -> ImportPlan {
        try ImportPlan.make(text: text, fileName: file, format: format, state: state, actor: "sam",
                            now: MemoryHelpdesk.t0.addingTimeInterval(86_400))
    }

    /// The problems a bad import reports, as printed.
    func problems(_ text: String, file: String = "orders.csv", format: ExchangeFileFormat = .csv,
                  line: UInt = #line) -> [String] {
        do {
            let plan = try plan(text, file: file, format: format)
            XCTFail("expected bad rows, got a plan of \(plan.changes.count) changes", line: line)
        } catch ImportError.badRows(let problems) {
            return problems.map(\.description)
        } catch {
            XCTFail("expected bad rows, got \(error)", line: line)
        }
        return []
    }
}

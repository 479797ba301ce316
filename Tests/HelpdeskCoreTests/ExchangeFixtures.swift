import Foundation
import XCTest
@testable import HelpdeskCore

/// A helpdesk in memory for exchange tests: the state plus every thread, changed the way the file
/// store changes it (each change prepared against the state with the earlier ones applied).
struct MemoryHelpdesk {
    var state = HelpdeskState()
    var threads: [Int: [Message]] = [:]

    static let t0 = Date(timeIntervalSince1970: 1_790_000_000)  // 2026-09-21T…Z, whole seconds

    /// Prepares and applies a batch; throws, with nothing applied, if any change is refused.
    mutating func append(_ changes: [Change], actor: String = "sam", at: Date = MemoryHelpdesk.t0) throws {
        var work = state
        var added: [Int: [Message]] = [:]
        for change in changes {
            let prepared = try work.prepare(change, actor: actor, at: at)
            work.apply(Event(seq: work.lastSeq + 1, at: at, actor: actor, change: prepared))
            switch prepared {
            case .ticketCreated(let t): if let m = t.message { added[t.number, default: []].append(m) }
            case .messageAdded(let n, let m): added[n, default: []].append(m)
            default: break
            }
        }
        state = work
        for (n, messages) in added { threads[n, default: []] += messages }
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

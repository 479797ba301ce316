import Foundation

/// A validated import: the changes to append as one batch, and what they amount to.
///
/// Built by `ImportPlan.make`, which checks every row first and throws `ImportError.badRows` listing
/// all bad rows when any is bad, so a plan only ever exists for a file that imports completely.
public struct ImportPlan: Sendable {
    /// One change, with the time it originally happened when the file says (a ticket's creation,
    /// a message, a rating) and, when the file's history says, who made it. Steps without them are
    /// recorded at the time of the import, under the importing agent.
    public struct Step: Sendable {
        public var change: Change
        public var originalTime: Date?
        public var originalActor: String?
    }

    public var steps: [Step]
    /// Numbers of the tickets the import creates, in file order.
    public var ticketNumbers: [Int]
    public var newCustomerCount: Int
    /// Distinct customers already in the store that rows were matched to (by email or phone).
    public var matchedCustomerCount: Int
    public var newAgentCount: Int
    public var messageCount: Int
    /// Things worth saying that do not stop the import (an ignored column…).
    public var warnings: [String]

    /// The changes to hand to `Store.append` as one batch.
    public var changes: [Change] { steps.map(\.change) }
    public var ticketCount: Int { ticketNumbers.count }

    /// `imported 120 tickets and 37 new customers (12 matched existing customers)`; `verb` is
    /// "imported" or "would import".
    public func summary(verb: String) -> String {
        func count(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }
        var text = "\(verb) \(count(ticketCount, "ticket", "tickets")) and \(count(newCustomerCount, "new customer", "new customers"))"
        text += " (\(count(matchedCustomerCount, "matched existing customer", "matched existing customers")))"
        if newAgentCount > 0 { text += "; \(count(newAgentCount, "agent", "agents")) added to the roster" }
        return text
    }

    /// Reads an import file and plans it against the current state. Pure: the caller reads the file
    /// and appends `changes`. `actor` is who the changes will be recorded under; `now` stands in for
    /// times the file leaves out.
    public static func make(text: String, fileName: String, format: ExchangeFileFormat, state: HelpdeskState,
                            actor: String, now: Date) throws -> ImportPlan {
        switch format {
        case .csv: try CSVImport(fileName: fileName, state: state, actor: actor, now: now).plan(text)
        case .json: try JSONImport(fileName: fileName, state: state, actor: actor, now: now).plan(text)
        }
    }
}

/// Replays planned changes on a copy of the state exactly as the store will (prepare, then apply), so
/// every refusal the store could raise is found before anything is written, and allocated numbers and
/// versions are known.
struct ImportSimulation {
    /// The state before the import, to tell matched customers from ones this import creates.
    let original: HelpdeskState
    var state: HelpdeskState
    let actor: String
    let now: Date
    var steps: [ImportPlan.Step] = []
    var ticketNumbers: [Int] = []
    var newCustomers = 0
    var matchedCustomers = Set<String>()
    var newAgents = 0
    var messages = 0
    /// The threads of the tickets this import creates, as they grow, so a replayed history can be
    /// compared with the ticket records it should rebuild.
    var threads: [Int: [Message]] = [:]

    init(state: HelpdeskState, actor: String, now: Date) {
        self.original = state
        self.state = state
        self.actor = actor
        self.now = now
    }

    /// Prepares and applies one change at the time the store will record it (its original time when
    /// the file has one), so the store's checks of that time are made here too; returns it as
    /// prepared (numbers and ids filled in).
    @discardableResult
    mutating func commit(_ change: Change, at original: Date?, by originalActor: String? = nil) throws -> Change {
        let who = originalActor ?? actor
        let at = original ?? now
        let prepared = try state.prepare(change, actor: who, at: at)
        state.apply(Event(seq: state.lastSeq + 1, at: at, actor: who, change: prepared))
        steps.append(ImportPlan.Step(change: prepared, originalTime: original, originalActor: originalActor))
        switch prepared {
        case .ticketCreated(let t):
            ticketNumbers.append(t.number)
            threads[t.number] = t.message.map { [$0] } ?? []
            if t.message != nil { messages += 1 }
        case .messageAdded(let n, let m):
            threads[n, default: []].append(m)
            messages += 1
        case .customerCreated: newCustomers += 1
        case .agentSaved: newAgents += 1
        default: break
        }
        return prepared
    }

    /// Creates a customer and returns the id it got.
    mutating func create(_ customer: Customer) throws -> String {
        guard case .customerCreated(let made) = try commit(.customerCreated(customer), at: customer.customerSince) else {
            return customer.id
        }
        return made.id
    }

    /// The customer already in the store, or created earlier by this import, with one of these contacts.
    mutating func existingCustomer(emails: [String], phones: [String]) -> String? {
        for key in emails + phones {
            if let c = state.customer(matching: key) {
                if original.customers[c.id] != nil { matchedCustomers.insert(c.id) }
                return c.id
            }
        }
        return nil
    }

    func plan(warnings: [String]) -> ImportPlan {
        ImportPlan(steps: steps, ticketNumbers: ticketNumbers, newCustomerCount: newCustomers,
                   matchedCustomerCount: matchedCustomers.count, newAgentCount: newAgents, messageCount: messages,
                   warnings: warnings)
    }
}

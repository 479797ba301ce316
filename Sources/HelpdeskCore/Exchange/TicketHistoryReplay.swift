import Foundation

/// Rebuilds an import's tickets by replaying their own events from the document's history, each with
/// its own actor and time: creation, every field change, message, rating, SLA breach and promise.
///
/// The store receiving them may already hold other records, so the events are adapted, not copied:
/// customer ids follow the import's matching (`customerIDs`), promise ids are kept when free, and each
/// change is re-based on the ticket as the replay has built it so far. Customer-record events (edits,
/// merges) are not replayed here; the customers come from their records. Every ticket must then come
/// out exactly as its record in the document says, or the import is refused.
struct TicketHistoryReplay {
    /// The document's tickets to rebuild (index in the document, record), each with a number.
    let tickets: [(Int, ExchangeTicket)]
    /// Document customer id → the id it has in the store after the import.
    let customerIDs: [String: String]

    struct Problem {
        var index: Int
        var reason: String
    }

    /// The agents a history names as assignees or authors, who must be on the roster to replay it.
    static func agentsNamed(by history: [Event]) -> Set<String> {
        var names = Set<String>()
        for event in history {
            switch event.change {
            case .ticketCreated(let t):
                if let a = t.assignee { names.insert(a) }
            case .ticketUpdated(_, _, let patch):
                if let a = patch.assignee?.to { names.insert(a) }
            case .messageAdded(_, let m) where m.kind != .customer:
                names.insert(m.author)
            case .promiseMade(let p):
                names.insert(p.owner)
            default:
                break
            }
        }
        return names
    }

    func run(_ history: [Event], in simulation: inout ImportSimulation) -> [Problem] {
        var indexByNumber: [Int: Int] = [:]
        for (i, t) in tickets { if let n = t.number { indexByNumber[n] = i } }
        var failed = Set<Int>()
        var created = Set<Int>()
        var promiseIDs: [Int: Int] = [:]       // document promise id → id in the store
        var promiseTickets: [Int: Int] = [:]   // document promise id → ticket
        var problems: [Problem] = []

        for event in history {
            let number: Int?
            switch event.change {
            case .promiseResolved(let id, _): number = promiseTickets[id]
            case .customerCreated, .customerUpdated, .customerMerged: number = nil
            default: number = event.change.ticketNumber
            }
            guard let number, let index = indexByNumber[number], !failed.contains(number) else { continue }
            do {
                switch event.change {
                case .ticketCreated(var t):
                    guard let requester = customerIDs[t.requester] else {
                        throw FieldProblem("its customer '\(t.requester)' is not among this file's customers, or could not be imported")
                    }
                    t.requester = requester
                    t.message = t.message.map { remap($0, requester: requester) }
                    try simulation.commit(.ticketCreated(t), at: event.at, by: event.actor)
                    created.insert(number)
                case .ticketUpdated(_, _, let patch):
                    guard let current = simulation.state.tickets[number] else { throw ChangeError.ticketNotFound(number) }
                    var requester: String?
                    if let r = patch.requester?.to {
                        guard let id = customerIDs[r] else {
                            throw FieldProblem("it moved to customer '\(r)', who is not among this file's customers")
                        }
                        requester = id
                    }
                    let rebased = TicketPatch.diff(current, subject: patch.subject?.to, status: patch.status?.to,
                                                   priority: patch.priority?.to, tags: patch.tags?.to,
                                                   assignee: patch.assignee.map { $0.to }, group: patch.group.map { $0.to },
                                                   requester: requester, channel: patch.channel?.to,
                                                   mergedInto: patch.mergedInto.map { $0.to }, links: patch.links?.to)
                    // A change the adapted ids already made (a requester both sides map to) has nothing left to do.
                    guard !rebased.isEmpty else { continue }
                    try simulation.commit(.ticketUpdated(number: number, base: current.version, patch: rebased),
                                          at: event.at, by: event.actor)
                case .messageAdded(_, let m):
                    guard let current = simulation.state.tickets[number] else { throw ChangeError.ticketNotFound(number) }
                    try simulation.commit(.messageAdded(number: number, message: remap(m, requester: current.requester)),
                                          at: event.at, by: event.actor)
                case .ticketRated, .slaBreached:
                    try simulation.commit(event.change, at: event.at, by: event.actor)
                case .promiseMade(var p):
                    let documentID = p.id
                    promiseTickets[documentID] = number
                    p.id = documentID > 0 && simulation.state.promises[documentID] == nil ? documentID : 0
                    if case .promiseMade(let made) = try simulation.commit(.promiseMade(p), at: event.at, by: event.actor) {
                        promiseIDs[documentID] = made.id
                    }
                case .promiseResolved(let id, let state):
                    guard let mine = promiseIDs[id] else { continue }
                    try simulation.commit(.promiseResolved(id: mine, state: state), at: event.at, by: event.actor)
                default:
                    continue
                }
            } catch {
                failed.insert(number)
                let why = (error as? FieldProblem)?.reason ?? "\(error)"
                problems.append(Problem(index: index, reason: "its history cannot be replayed here: event #\(event.seq) (\(event.change.typeName)): \(why)"))
            }
        }

        for (index, record) in tickets {
            guard let number = record.number, !failed.contains(number) else { continue }
            guard created.contains(number), var ticket = simulation.state.tickets[number] else {
                problems.append(Problem(index: index, reason: "#\(number) is not created anywhere in the file's history"))
                continue
            }
            ticket.messages = simulation.threads[number] ?? []
            ticket.threadLoaded = true
            let rebuilt = ExportDocument.ticket(ticket)
            let expected = adapted(record, requester: ticket.requester)
            let differing = Self.differences(rebuilt, expected)
            if !differing.isEmpty {
                problems.append(Problem(index: index, reason: "its history does not rebuild it as its record says (\(differing.joined(separator: ", ")) differ); "
                                        + "fix the file, or remove its \"history\" to import the records as they are"))
            }
        }
        return problems
    }

    /// A customer's message is signed with their id, which may differ in this store.
    private func remap(_ m: Message, requester: String) -> Message {
        guard m.kind == .customer else { return m }
        var m = m
        m.author = customerIDs[m.author] ?? requester
        return m
    }

    /// The record as it should read in this store: customer ids as the import assigned them.
    private func adapted(_ t: ExchangeTicket, requester: String) -> ExchangeTicket {
        var t = t
        t.customer = t.customer.map { customerIDs[$0] ?? $0 }
        t.messages = t.messages?.map { m in
            var m = m
            if m.kind == MessageKind.customer.rawValue { m.author = customerIDs[m.author] ?? requester }
            return m
        }
        return t
    }

    /// The names of the fields in which two records differ.
    static func differences(_ a: ExchangeTicket, _ b: ExchangeTicket) -> [String] {
        zip(Mirror(reflecting: a).children, Mirror(reflecting: b).children).compactMap { x, y in
            String(describing: x.value) == String(describing: y.value) ? nil : x.label
        }
    }
}

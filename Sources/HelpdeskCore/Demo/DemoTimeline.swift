/// Turns planned beats into events: puts everything in time order, numbers promises in the order they
/// were made, and derives each ticket change from the ticket as it stands at that moment (its version
/// and `from` values), by folding the events into a `HelpdeskState` as it goes.
struct DemoTimeline {
    /// A beat placed in the timeline; `ticket` is the ticket number, or 0 when the beat is not about one.
    private struct Placed {
        var beat: DemoBeat
        var ticket: Int
        var order: Int
    }

    private var placed: [Placed] = []

    mutating func add(_ beat: DemoBeat, ticket: Int = 0) {
        placed.append(Placed(beat: beat, ticket: ticket, order: placed.count))
    }

    /// The events in time order; ties keep the order beats were added in.
    func events() -> [Event] {
        let sorted = placed.sorted { ($0.beat.at, $0.order) < ($1.beat.at, $1.order) }
        var state = HelpdeskState()
        var promiseIDs: [PromiseKey: Int] = [:]
        var events: [Event] = []
        events.reserveCapacity(sorted.count)
        for p in sorted {
            let at = DemoClock.date(p.beat.at)
            let change: Change
            switch p.beat.action {
            case .change(let c):
                change = c
            case .open(var n):
                n.number = p.ticket
                n.message?.at = at
                change = .ticketCreated(n)
            case .message(let kind, let author, let body):
                change = .messageAdded(number: p.ticket, message: Message(kind: kind, author: author, body: body, at: at))
            case .update(let status, let priority, let addTags, let assignee):
                guard let t = state.tickets[p.ticket] else {
                    preconditionFailure("demo timeline updates #\(p.ticket) before creating it")
                }
                let tags = HelpdeskState.normalised(tags: t.tags + addTags)
                let patch = TicketPatch.diff(t, status: status, priority: priority, tags: tags,
                                             assignee: assignee.map { .some($0) })
                if patch.isEmpty { continue }
                change = .ticketUpdated(number: p.ticket, base: t.version, patch: patch)
            case .promise(let key, let text, let due, let owner):
                let id = state.maxPromiseID + 1
                promiseIDs[PromiseKey(ticket: p.ticket, key: key)] = id
                change = .promiseMade(CustomerPromise(id: id, text: text, due: DemoClock.date(due), ticket: p.ticket,
                                                      owner: owner, createdAt: at))
            case .resolve(let key, let promiseState):
                guard let id = promiseIDs[PromiseKey(ticket: p.ticket, key: key)] else {
                    preconditionFailure("demo timeline resolves a promise on #\(p.ticket) before making it")
                }
                change = .promiseResolved(id: id, state: promiseState)
            case .learn(let id, let usualOrder, let preference):
                guard let c = state.customers[id] else {
                    preconditionFailure("demo timeline updates customer \(id) before creating it")
                }
                var preferences = c.preferences
                if let preference {
                    preferences.removeAll { $0.key == preference.key }
                    preferences.append(Preference(key: preference.key, value: preference.value, confirmedAt: at))
                    preferences.sort { $0.key < $1.key }
                }
                let patch = CustomerPatch.diff(c, usualOrder: usualOrder.map { .some($0) }, preferences: preferences)
                if patch.isEmpty { continue }
                change = .customerUpdated(id: id, base: c.version, patch: patch)
            case .rate(let score, let comment):
                change = .ticketRated(number: p.ticket, satisfaction: Satisfaction(score: score, comment: comment, at: at, source: .customer))
            }
            let event = Event(at: at, actor: p.beat.actor, change: change)
            state.apply(event)
            events.append(event)
        }
        return events
    }

    private struct PromiseKey: Hashable {
        var ticket: Int
        var key: Int
    }
}

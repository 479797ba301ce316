import Foundation

/// A believable helpdesk for demos, screenshots and tests: Northwind Coffee Roasters, a small roaster with
/// cafés and an online shop, its six-person team, ~90 customers and ~330 tickets over the last 90 days.
///
/// Pure and deterministic: the same seed and `now` give the same events on every machine. `events`, folded
/// in order with `HelpdeskState.prepare` and `apply` (or appended to a store), make the demo store; each
/// event has `seq` 0 for the store to assign.
public struct DemoData: Sendable {
    /// The team, supervisor first.
    public var agents: [Agent]
    /// The login a demo console acts as: a regular agent, not the supervisor.
    public var defaultAgent: String
    public var settings: Settings
    public var templates: [Template]
    /// The customers as they are created by `events`.
    public var customers: [Customer]
    /// Everything that happened, oldest first: agents, settings, templates, customers, then tickets.
    public var events: [Event]

    /// The seed `helpdesk demo` uses unless told otherwise.
    public static let defaultSeed: UInt64 = 1_042

    /// How far back the demo's history reaches.
    public static let days = 90

    public static func generate(seed: UInt64 = defaultSeed, now: Date) -> DemoData {
        var rng = SplitMix64(seed: seed)
        let nowS = DemoClock.seconds(now)
        let start = nowS - days * DemoClock.day
        var customers = DemoPeople.customers(rng: &rng, now: nowS)
        var plans = planTickets(customers: customers, rng: &rng)
        DemoSchedule.place(&plans, start: start, now: nowS, rng: &rng)
        addOpenPromises(&plans, now: nowS, rng: &rng)
        addCustomerUpdates(&plans, now: nowS, rng: &rng)

        var timeline = DemoTimeline()
        for agent in DemoRoster.agents {
            timeline.add(DemoBeat(at: start, actor: "system", action: .change(.agentSaved(agent))))
        }
        timeline.add(DemoBeat(at: start + 60, actor: DemoRoster.supervisor,
                              action: .change(.settingsChanged(DemoRoster.settings))))
        for (i, template) in DemoTemplates.all.enumerated() {
            timeline.add(DemoBeat(at: start + 120 + i * 45, actor: DemoRoster.supervisor,
                                  action: .change(.templateSaved(template))))
        }
        introduce(&customers, plans: plans, start: start, timeline: &timeline, rng: &rng)

        // Ticket numbers follow creation order, from 1001.
        let byCreation = plans.indices.sorted { (plans[$0].createdAt, $0) < (plans[$1].createdAt, $1) }
        for (rank, i) in byCreation.enumerated() {
            let plan = plans[i]
            let beats = plan.beats.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }
            for (_, beat) in beats { timeline.add(beat, ticket: 1001 + rank) }
        }
        return DemoData(agents: DemoRoster.agents, defaultAgent: DemoRoster.defaultAgent, settings: DemoRoster.settings,
                        templates: DemoTemplates.all, customers: customers, events: timeline.events())
    }

    /// Folds the events into a fresh state the way a store would (prepare, then apply, numbering `seq`
    /// from 1). Throws the first change `prepare` refuses, which would be a bug in the generator.
    public func fold() throws -> HelpdeskState {
        var state = HelpdeskState()
        for (i, event) in events.enumerated() {
            let change = try state.prepare(event.change, actor: event.actor, at: event.at)
            state.apply(Event(seq: i + 1, at: event.at, actor: event.actor, change: change))
        }
        return state
    }

    // MARK: Planning

    /// Decides who writes about what and how each ticket ends, then writes the threads.
    private static func planTickets(customers: [Customer], rng: inout SplitMix64) -> [DemoTicketPlan] {
        // Special tickets first: long threads, an urgent office call, and one that attacks the terminal.
        typealias Special = (story: DemoStory, status: TicketStatus, options: DemoThreadPlanner.Options)
        var long = DemoThreadPlanner.Options(long: true)
        long.channel = .email
        var urgent = DemoThreadPlanner.Options()
        urgent.priority = .urgent
        urgent.channel = .phone
        var hostile = DemoThreadPlanner.Options()
        hostile.subject = DemoStories.hostileSubject
        hostile.opening = DemoStories.hostileBody
        hostile.extraTags = ["billing", "suspicious"]
        hostile.channel = .email
        hostile.priority = .normal
        let specials: [Special] = [
            (DemoStories.wholesale, .closed, long), (DemoStories.grinder, .solved, long),
            (DemoStories.eventPrint, .closed, long), (DemoStories.wholesale, .pending, long),
            (DemoStories.grinder, .closed, long), (DemoStories.officeMachine, .solved, urgent),
            (DemoStories.officeMachine, .onHold, urgent), (DemoStories.website, .open, hostile),
        ]

        let total = rng.int(in: 325...345)
        let requesters = requesterList(count: total, customers: customers, rng: &rng)
        let ordinary = total - specials.count
        var statuses: [TicketStatus] = []
        for (status, count) in [(TicketStatus.new, 10), (.open, 22), (.pending, 18), (.onHold, 8), (.solved, 40)] {
            statuses += Array(repeating: status, count: count)
        }
        statuses += Array(repeating: .closed, count: ordinary - statuses.count)
        rng.shuffle(&statuses)

        var plans: [DemoTicketPlan] = []
        for (i, customerIndex) in requesters.enumerated() {
            let customer = customers[customerIndex]
            if i < specials.count {
                let s = specials[i]
                plans.append(DemoThreadPlanner.plan(story: s.story, customer: customer, status: s.status,
                                                    options: s.options, rng: &rng))
            } else {
                let story = DemoStories.all[rng.weighted(DemoStories.weights)]
                plans.append(DemoThreadPlanner.plan(story: story, customer: customer,
                                                    status: statuses[i - specials.count], rng: &rng))
            }
        }
        return plans
    }

    /// Which customer each ticket belongs to: a few regulars with 8–15 tickets, most people with a handful,
    /// some with none.
    private static func requesterList(count: Int, customers: [Customer], rng: inout SplitMix64) -> [Int] {
        var order = Array(customers.indices)
        rng.shuffle(&order)
        var list: [Int] = []
        for regular in order.prefix(5) {
            list += Array(repeating: regular, count: rng.int(in: 8...15))
        }
        let rest = Array(order.dropFirst(5))
        let weights = rest.map { _ in rng.chance(0.08) ? 0 : rng.int(in: 1...4) }
        // Everyone with a weight gets at least one ticket, the rest are spread by weight.
        for (i, w) in weights.enumerated() where w > 0 && list.count < count { list.append(rest[i]) }
        while list.count < count { list.append(rest[rng.weighted(weights)]) }
        rng.shuffle(&list)
        return list
    }

    /// Open promises on tickets still in progress: one overdue, a few due within the day, the rest due
    /// later this week.
    private static func addOpenPromises(_ plans: inout [DemoTicketPlan], now: Int, rng: inout SplitMix64) {
        let h = DemoClock.hour
        var candidates = plans.indices.filter {
            plans[$0].status.isOpen && plans[$0].lastAgentReply != nil && !plans[$0].story.promises.isEmpty
                && plans[$0].owner != nil
        }
        rng.shuffle(&candidates)
        var overdueDone = false
        var soon = 0
        var later = 0
        for i in candidates {
            let made = plans[i].lastAgentReply! + 30
            guard made < now - 60 else { continue }
            let due: Int
            if !overdueDone, made < now - 8 * h {
                overdueDone = true
                due = now - rng.int(in: 2 * h...5 * h)
            } else if soon < 3 {
                soon += 1
                due = now + rng.int(in: 1 * h...20 * h)
            } else if later < 4 {
                later += 1
                due = now + rng.int(in: 26 * h...96 * h)
            } else {
                continue
            }
            let owner = plans[i].owner!
            let key = plans[i].nextPromiseKey()
            plans[i].beats.append(DemoBeat(at: made, actor: owner,
                                           action: .promise(key: key, text: rng.pick(plans[i].story.promises),
                                                            due: due, owner: owner)))
        }
    }

    /// A few agents note what they learnt in a conversation on the customer's record, so customer history
    /// and freshly confirmed preferences have something to show.
    private static func addCustomerUpdates(_ plans: inout [DemoTicketPlan], now: Int, rng: inout SplitMix64) {
        var candidates = plans.indices.filter {
            plans[$0].owner != nil && (plans[$0].lastAgentReply.map { $0 + 45 < now } ?? false)
        }
        rng.shuffle(&candidates)
        for i in candidates.prefix(12) {
            let customer = plans[i].customer
            let learnt: DemoBeat.Action
            if let old = customer.preferences.first, rng.chance(0.6) {
                let values = DemoPeople.preferenceChoices.first { $0.key == old.key }?.values ?? [old.value]
                learnt = .learn(customer: customer.id, usualOrder: nil,
                                preference: (old.key, rng.chance(0.5) ? old.value : rng.pick(values)))
            } else {
                learnt = .learn(customer: customer.id, usualOrder: rng.pick(DemoPeople.usualOrders), preference: nil)
            }
            plans[i].beats.append(DemoBeat(at: plans[i].lastAgentReply! + 45, actor: plans[i].owner!, action: learnt))
        }
    }

    /// Customer records: most were imported when the helpdesk started; a few are new and were created
    /// just before their first ticket.
    private static func introduce(_ customers: inout [Customer], plans: [DemoTicketPlan], start: Int,
                                  timeline: inout DemoTimeline, rng: inout SplitMix64) {
        var firstTicket: [String: Int] = [:]
        for p in plans { firstTicket[p.customer.id] = min(firstTicket[p.customer.id] ?? .max, p.createdAt) }
        for i in customers.indices {
            let id = customers[i].id
            if let first = firstTicket[id], first > start + 5 * DemoClock.day, rng.chance(0.15) {
                let at = first - rng.int(in: 60...600)
                customers[i].customerSince = DemoClock.date(at)
                customers[i].preferences = customers[i].preferences.map {
                    Preference(key: $0.key, value: $0.value, confirmedAt: DemoClock.date(at))
                }
                timeline.add(DemoBeat(at: at, actor: "intake", action: .change(.customerCreated(customers[i]))))
            } else {
                timeline.add(DemoBeat(at: start + DemoClock.hour, actor: "import",
                                      action: .change(.customerCreated(customers[i]))))
            }
        }
    }
}

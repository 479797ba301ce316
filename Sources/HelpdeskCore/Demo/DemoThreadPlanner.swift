/// One demo ticket's story. While planned, times are offsets from its creation (0); `DemoSchedule` then
/// places it in time and makes them absolute.
struct DemoTicketPlan {
    var customer: Customer
    var status: TicketStatus
    var story: DemoStory
    var beats: [DemoBeat] = []
    /// When the last public reply by an agent was written, where a promise can be made.
    var lastAgentReply: Int?
    var owner: String?
    /// When the ticket was solved, if it was (an offset; `DemoSchedule` finds the beat by it).
    var solvedAt: Int?
    /// Absolute creation time, set by `DemoSchedule`.
    var createdAt = 0
    /// Promises made so far on this ticket; their keys are unique within the ticket.
    var promiseCount = 0

    mutating func nextPromiseKey() -> Int {
        promiseCount += 1
        return promiseCount
    }

    /// How long the thread runs from creation to its last beat.
    var duration: Int { beats.map(\.at).max() ?? 0 }
}

/// Writes one ticket's conversation for a story, ending in the wanted status: who says what, and how
/// long everyone takes to answer.
enum DemoThreadPlanner {
    struct Options {
        /// Use every exchange of the story (a thread of 10+ messages).
        var long = false
        var subject: String?
        var opening: String?
        var extraTags: [String] = []
        var channel: Channel?
        var priority: Priority?
    }

    static func plan(story: DemoStory, customer: Customer, status: TicketStatus, options: Options = Options(),
                     rng: inout SplitMix64) -> DemoTicketPlan {
        var plan = DemoTicketPlan(customer: customer, status: status, story: story)
        let priority = options.priority ?? Priority.allCases[rng.weighted(story.priorityWeights)]
        // A new ticket has not been touched by anyone, so it cannot have been typed in by an agent.
        let channels = status == .new ? story.channels.filter { $0 != .phone && $0 != .walkIn } : story.channels
        let channel = options.channel ?? rng.pick(channels.isEmpty ? [.email] : channels)
        var owner = rng.chance(0.8) ? rng.pick(story.owners)
            : rng.pick(DemoRoster.regulars + [DemoRoster.supervisor])
        let coffee = rng.pick(DemoRoster.coffees)
        let cafe = rng.pick(DemoRoster.cafes)
        func fill(_ text: String, _ agent: String) -> String {
            var s = text
            let values = [("{name}", customer.greetingName), ("{agent}", DemoRoster.firstName(agent)),
                          ("{order}", customer.usualOrder ?? "my usual order"), ("{coffee}", coffee), ("{cafe}", cafe),
                          ("{atOrg}", customer.organisation.map { " at \($0)" } ?? "")]
            for (key, value) in values where s.contains(key) {
                s = s.replacingOccurrences(of: key, with: value)
            }
            return s
        }
        var t = 0
        func add(_ action: DemoBeat.Action, by actor: String, after delay: Int) {
            t += max(1, delay)
            plan.beats.append(DemoBeat(at: t, actor: actor, action: action))
        }
        func say(_ body: String) {
            add(.message(kind: .customer, author: customer.id, body: fill(body, owner)), by: "intake",
                after: customerDelay(&rng))
        }
        func reply(_ body: String, after delay: Int) {
            add(.message(kind: .reply, author: owner, body: fill(body, owner)), by: owner, after: delay)
            plan.lastAgentReply = t
        }
        func note(_ body: String, after delay: Int) {
            add(.message(kind: .note, author: owner, body: fill(body, owner)), by: owner, after: delay)
        }

        var tags = story.tags + options.extraTags
        if customer.vip { tags.append("vip") }
        if customer.organisation != nil, story.tags.contains("wholesale") || rng.chance(0.3) { tags.append("office") }
        let takenByAgent = channel == .phone || channel == .walkIn
        let start = rng.pick(story.openings)
        let subject = fill(options.subject ?? rng.pick(start.subjects), owner)
        let opening = fill(options.opening ?? start.body, owner)
        let first = Message(kind: .customer, author: customer.id, body: opening, at: DemoClock.date(0))
        // Phone calls and walk-ins are typed in by the agent who took them, so they start open and assigned.
        let ticket = NewTicket(subject: subject, status: takenByAgent ? .open : .new, priority: priority,
                               tags: takenByAgent ? HelpdeskState.normalised(tags: tags) : [],
                               assignee: takenByAgent || (status == .new && rng.chance(0.25)) ? owner : nil,
                               requester: customer.id, channel: channel, message: first)
        plan.beats.append(DemoBeat(at: 0, actor: takenByAgent ? owner : "intake", action: .open(ticket)))

        if status == .new {
            if rng.chance(0.3) { add(.message(kind: .customer, author: customer.id, body: rng.pick(DemoStories.chasers)),
                                     by: "intake", after: rng.int(in: 40 * DemoClock.minute...3 * DemoClock.hour)) }
            return plan
        }
        plan.owner = owner

        // First touch: the agent takes the ticket, opens it and tags it.
        if !takenByAgent {
            add(.update(status: .open, priority: nil, addTags: tags, assignee: owner), by: owner,
                after: firstResponse(priority, &rng))
        }
        if rng.chance(0.4), !story.notes.isEmpty { note(rng.pick(story.notes), after: rng.int(in: 60...1_200)) }

        let maxRounds = story.exchanges.count
        let rounds = options.long ? maxRounds : min(maxRounds, [0, 1, 1, 2, 2, 3][rng.below(6)])
        var escalated = false
        for i in 0..<rounds {
            reply(story.exchanges[i].agent, after: i == 0 && takenByAgent ? firstResponse(priority, &rng) : agentDelay(&rng))
            say(story.exchanges[i].customer)
            if !escalated, priority < .urgent, rng.chance(0.08) {
                escalated = true
                let higher = Priority.allCases[Priority.allCases.firstIndex(of: priority)! + 1]
                add(.update(status: nil, priority: higher, addTags: ["escalated"], assignee: nil), by: owner, after: 120)
            }
            if i + 1 < rounds, rng.chance(0.07) {
                let next = rng.pick(DemoRoster.regulars.filter { $0 != owner })
                note("I'm off tomorrow — handing this to \(DemoRoster.firstName(next)). Customer is up to date.", after: 300)
                add(.update(status: nil, priority: nil, addTags: [], assignee: next), by: owner, after: 10)
                owner = next
                plan.owner = next
            }
        }

        switch status {
        case .new, .open:
            break
        case .pending:
            reply(rng.pick(story.waiting), after: agentDelay(&rng))
            add(.update(status: .pending, priority: nil, addTags: [], assignee: nil), by: owner, after: 5)
        case .onHold:
            reply(rng.pick(story.holding), after: agentDelay(&rng))
            note(rng.pick(story.holdNotes), after: 30)
            add(.update(status: .onHold, priority: nil, addTags: [], assignee: nil), by: owner, after: 5)
        case .solved, .closed:
            let madeAfter = plan.lastAgentReply
            // Resolutions report on things that took time (a delivery, a refund, a repair).
            reply(rng.pick(story.resolutions), after: rng.int(in: 3 * DemoClock.hour...40 * DemoClock.hour))
            let resolvedAt = t
            add(.update(status: .solved, priority: nil, addTags: [], assignee: nil), by: owner, after: 5)
            if let made = madeAfter, !story.promises.isEmpty, resolvedAt - made > 20 * DemoClock.minute, rng.chance(0.45) {
                addSettledPromise(to: &plan, text: rng.pick(story.promises), made: made + 30, settled: resolvedAt - 60,
                                  owner: owner, kept: rng.chance(0.78), rng: &rng)
            }
            let solvedAt = t
            plan.solvedAt = solvedAt
            if rng.chance(0.6) {
                let score = [5, 4, 3, 2, 1][rng.weighted([55, 25, 8, 7, 5])]
                let comments = score >= 4 ? DemoStories.goodRatingComments : DemoStories.badRatingComments
                let comment = rng.chance(score >= 4 ? 0.5 : 0.9) ? fill(rng.pick(comments), owner) : nil
                add(.rate(score: score, comment: comment), by: "intake",
                    after: rng.int(in: DemoClock.hour...2 * DemoClock.day))
            }
            if status == .closed {
                // Solved tickets close themselves after four quiet days.
                t = solvedAt
                add(.update(status: .closed, priority: nil, addTags: [], assignee: nil), by: "system",
                    after: 4 * DemoClock.day + rng.int(in: 0...6 * DemoClock.hour))
            }
        }
        return plan
    }

    /// A promise made mid-thread and settled before the ticket was solved, kept or missed.
    static func addSettledPromise(to plan: inout DemoTicketPlan, text: String, made: Int, settled: Int, owner: String,
                                  kept: Bool, rng: inout SplitMix64) {
        let key = plan.nextPromiseKey()
        let due = kept ? settled + rng.int(in: 2 * DemoClock.hour...DemoClock.day) : made + (settled - made) / 2
        plan.beats.append(DemoBeat(at: made, actor: owner, action: .promise(key: key, text: text, due: due, owner: owner)))
        plan.beats.append(DemoBeat(at: settled, actor: owner, action: .resolve(key: key, state: kept ? .kept : .missed)))
        if !kept {
            plan.beats.append(DemoBeat(at: settled + 10, actor: owner, action: .message(
                kind: .note, author: owner, body: "Missed this one (\(text.lowercased())). Apologised to the customer.")))
        }
    }

    static func firstResponse(_ p: Priority, _ rng: inout SplitMix64) -> Int {
        let m = DemoClock.minute
        switch p {
        case .low: return rng.int(in: 2 * 60 * m...20 * 60 * m)
        case .normal: return rng.int(in: 25 * m...6 * 60 * m)
        case .high: return rng.int(in: 10 * m...2 * 60 * m)
        case .urgent: return rng.int(in: 3 * m...40 * m)
        }
    }

    static func agentDelay(_ rng: inout SplitMix64) -> Int {
        rng.int(in: 10 * DemoClock.minute...5 * DemoClock.hour)
    }

    static func customerDelay(_ rng: inout SplitMix64) -> Int {
        rng.chance(0.6) ? rng.int(in: 8 * DemoClock.minute...3 * DemoClock.hour)
            : rng.int(in: 3 * DemoClock.hour...26 * DemoClock.hour)
    }
}

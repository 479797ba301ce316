import Foundation

/// Bulk data for benchmarks: `tickets` tickets (about four messages each, 200–400 byte bodies),
/// `tickets / 5` customers and 8 agents, produced lazily as chunks of events so a million tickets never
/// sit in memory at once.
///
/// Events come out in time order (one slot per ticket over the last year, newest ending at `now`) and
/// are valid for `HelpdeskState.prepare` and `apply` in that order. Everything about ticket `i` is
/// derived from a hash of the seed and `i`, so a ticket's later events (replies, status changes, emitted
/// a few hundred tickets later) need no per-ticket memory. Strings come from small pools built once:
/// per event there is no formatting, only reference-counted copies.
public struct SyntheticData: Sequence, Sendable {
    public let tickets: Int
    public let seed: UInt64
    public let now: Date
    /// Roughly how many events each chunk holds.
    public let chunkSize: Int

    public var customers: Int { Swift.max(1, tickets / 5) }
    public static let agentLogins = ["alex", "bea", "chris", "dev", "eli", "fran", "gus", "hana"]

    public static func generate(tickets: Int, seed: UInt64, now: Date, chunkSize: Int = 8_192) -> SyntheticData {
        SyntheticData(tickets: Swift.max(0, tickets), seed: seed, now: now, chunkSize: Swift.max(1, chunkSize))
    }

    public func makeIterator() -> Iterator { Iterator(self) }

    /// Produces the chunks: agents and settings, then customers, then tickets and their follow-ups.
    public struct Iterator: IteratorProtocol {
        private enum Phase { case setup, customers, tickets, done }

        private let spec: SyntheticData
        private let pools: SyntheticPools
        private var phase = Phase.setup
        private var cursor = 0
        private var customerIDs: [String] = []
        private let start: Int
        private let slot: Int
        /// The last slot that can hold an event: the final ticket's last follow-up.
        private let lastSlot: Int

        init(_ spec: SyntheticData) {
            self.spec = spec
            pools = SyntheticPools(seed: spec.seed)
            lastSlot = spec.tickets == 0 ? -1 : spec.tickets - 1 + Self.maxFollowUps * Self.lag
            let nowS = DemoClock.seconds(spec.now)
            slot = Swift.max(1, 365 * DemoClock.day / Swift.max(1, lastSlot + 1))
            start = nowS - slot * (lastSlot + 1)
            customerIDs.reserveCapacity(spec.customers)
        }

        /// Follow-ups of ticket `i` land in slots `i + k * lag`, so threads span a few hundred tickets.
        static let lag = 48
        static let maxFollowUps = 7

        public mutating func next() -> [Event]? {
            var out: [Event] = []
            out.reserveCapacity(spec.chunkSize + Self.maxFollowUps + 1)
            while out.count < spec.chunkSize {
                switch phase {
                case .setup:
                    let at = DemoClock.date(start - 2 * DemoClock.hour)
                    for (i, login) in SyntheticData.agentLogins.enumerated() {
                        let agent = Agent(login: login, displayName: pools.agentNames[i], role: i == 0 ? .supervisor : .agent,
                                          signature: pools.agentNames[i] + "\nSynthetic Support")
                        out.append(Event(at: at, actor: "system", change: .agentSaved(agent)))
                    }
                    out.append(Event(at: at, actor: "system", change: .settingsChanged(
                        Settings(name: "Synthetic Helpdesk", supportAddress: "support@synthetic.example", timeZone: "UTC"))))
                    phase = spec.tickets == 0 ? .done : .customers
                case .customers:
                    guard cursor < spec.customers else { phase = .tickets; cursor = 0; continue }
                    out.append(customer(cursor))
                    cursor += 1
                case .tickets:
                    guard cursor <= lastSlot else { phase = .done; continue }
                    emit(slot: cursor, into: &out)
                    cursor += 1
                case .done:
                    return out.isEmpty ? nil : out
                }
            }
            return out
        }

        private mutating func customer(_ n: Int) -> Event {
            let id = Self.customerID(n + 1)
            customerIDs.append(id)
            let h = SplitMix64.mix(spec.seed ^ 0xC057_0000_0000_0000 &+ UInt64(n))
            let first = pools.firstNames[Int(h % UInt64(pools.firstNames.count))]
            let last = pools.lastNames[Int((h >> 16) % UInt64(pools.lastNames.count))]
            let phone = (h >> 40) % 3 == 0 ? [] : ["07700 " + String(900_000 + n % 1_000)]
            let c = Customer(id: id, name: first + " " + last, preferredName: (h >> 8) % 5 == 0 ? first : nil,
                             emails: [id + "@synthetic.example"], phones: phone,
                             usualOrder: (h >> 24) % 3 == 0 ? nil : pools.orders[Int((h >> 28) % UInt64(pools.orders.count))],
                             customerSince: DemoClock.date(start - Int((h >> 32) % UInt64(5 * 365 * DemoClock.day))),
                             vip: (h >> 50) % 10 == 0)
            return Event(at: DemoClock.date(start - DemoClock.hour), actor: "import", change: .customerCreated(c))
        }

        /// Slot `j`: ticket `j` is created, and earlier tickets get their next step.
        private func emit(slot j: Int, into out: inout [Event]) {
            let at = DemoClock.date(start + j * slot)
            if j < spec.tickets {
                let t = SyntheticTicket(index: j, seed: spec.seed, customers: spec.customers)
                let ticket = NewTicket(number: 1001 + j, subject: pools.subjects[t.subject], status: .new,
                                       priority: t.priority, tags: pools.tags[t.tags], requester: customerIDs[t.customer],
                                       channel: t.channel,
                                       message: Message(kind: .customer, author: customerIDs[t.customer],
                                                        body: pools.customerBodies[t.body], at: at))
                out.append(Event(at: at, actor: "intake", change: .ticketCreated(ticket)))
            }
            for k in 1...Self.maxFollowUps {
                let i = j - k * Self.lag
                guard i >= 0, i < spec.tickets else { continue }
                let t = SyntheticTicket(index: i, seed: spec.seed, customers: spec.customers)
                guard t.status != .new else { continue }
                let agent = SyntheticData.agentLogins[t.agent]
                let number = 1001 + i
                if k == 1 {
                    // Version 1 → 2: taken and opened.
                    let patch = TicketPatch(status: FromTo(.new, .open), assignee: FromTo(nil, agent))
                    out.append(Event(at: at, actor: agent, change: .ticketUpdated(number: number, base: 1, patch: patch)))
                } else if k <= t.messages {
                    // Message k-1 of the thread: agent and customer take turns.
                    let fromAgent = k % 2 == 0
                    let body = fromAgent ? pools.agentBodies[(t.body + k) % pools.agentBodies.count]
                        : pools.customerBodies[(t.body + k) % pools.customerBodies.count]
                    let message = Message(kind: fromAgent ? .reply : .customer,
                                          author: fromAgent ? agent : customerIDs[t.customer], body: body, at: at)
                    out.append(Event(at: at, actor: fromAgent ? agent : "intake",
                                     change: .messageAdded(number: number, message: message)))
                } else if k == t.messages + 1, t.status != .open {
                    // Create, open, then messages 2…n: the ticket is at version n + 1.
                    let patch = TicketPatch(status: FromTo(.open, t.status))
                    out.append(Event(at: at, actor: agent,
                                     change: .ticketUpdated(number: number, base: t.messages + 1, patch: patch)))
                }
            }
        }

        /// `c00042`, the way `HelpdeskState.customerID` spells it, without `String(format:)`.
        static func customerID(_ n: Int) -> String {
            let digits = String(n)
            return digits.count >= 5 ? "c" + digits : "c" + String(repeating: "0", count: 5 - digits.count) + digits
        }
    }
}

/// Everything about one synthetic ticket, derived from a hash so it can be recomputed when its later
/// events come due.
struct SyntheticTicket {
    var customer: Int
    /// Messages in the thread, the customer's first included (1…6, about 4 on average).
    var messages: Int
    var status: TicketStatus
    var priority: Priority
    var channel: Channel
    var agent: Int
    var subject: Int
    var tags: Int
    var body: Int

    init(index: Int, seed: UInt64, customers: Int) {
        let h = SplitMix64.mix(seed &+ 0x9E37_79B9_7F4A_7C15 &* UInt64(index + 1))
        let g = SplitMix64.mix(h)
        customer = Int(h % UInt64(customers))
        status = switch (h >> 20) % 100 {
        case 0..<6: .new
        case 6..<14: .open
        case 14..<21: .pending
        case 21..<24: .onHold
        case 24..<40: .solved
        default: .closed
        }
        // 2…6 messages, weighted to an average of about 4; a new ticket has only its first.
        messages = status == .new ? 1 : [2, 3, 3, 4, 4, 4, 5, 5, 6, 4][Int((h >> 28) % 10)]
        priority = switch (h >> 36) % 20 {
        case 0..<3: .low
        case 3..<15: .normal
        case 15..<19: .high
        default: .urgent
        }
        channel = Channel.allCases[Int((h >> 44) % UInt64(Channel.allCases.count))]
        agent = Int((h >> 52) % UInt64(SyntheticData.agentLogins.count))
        subject = Int(g % UInt64(SyntheticPools.subjectCount))
        tags = Int((g >> 16) % UInt64(SyntheticPools.tagSetCount))
        body = Int((g >> 32) % UInt64(SyntheticPools.bodyCount))
    }
}


/// The strings synthetic data is made of, built once per sequence from the seed.
struct SyntheticPools: Sendable {
    static let subjectCount = 96
    static let tagSetCount = 32
    static let bodyCount = 512

    let agentNames = ["Alex Moreno", "Bea Lindholm", "Chris Adeyemi", "Dev Patel", "Eli Novak", "Fran Ortega",
                      "Gus Whitmore", "Hana Sato"]
    let firstNames = ["Ava", "Ben", "Chloe", "Dan", "Ewa", "Femi", "Grace", "Hugo", "Isla", "Jon", "Kemi", "Liam",
                      "Maya", "Nico", "Omar", "Priya", "Quinn", "Rosa", "Sami", "Tara", "Umar", "Vera", "Wen", "Yusuf",
                      "Zoë", "José", "Søren", "Łucja", "Aarav", "Fatima", "Ngozi", "Hoa"]
    let lastNames = ["Smith", "Jones", "Okafor", "Nowak", "García", "Nguyễn", "Khan", "Müller", "Rossi", "Kim", "Silva",
                     "Brown", "Walsh", "Osei", "Haddad", "Berg", "Iyer", "Tanaka", "Dubois", "Novak", "Costa", "Reid"]
    let orders = ["oat flat white", "decaf cortado", "1 kg house espresso monthly", "double espresso",
                  "soya latte", "250 g filter beans fortnightly", "cappuccino, extra shot", "iced americano"]
    let subjects: [String]
    let tags: [[String]]
    let customerBodies: [String]
    let agentBodies: [String]

    init(seed: UInt64) {
        var rng = SplitMix64(seed: seed ^ 0x5EED_5EED)
        let topics = ["order", "delivery", "refund", "subscription", "grinder", "gift card", "invoice", "account",
                      "loyalty card", "wholesale order", "café visit", "espresso machine"]
        let problems = ["not arrived", "question", "problem", "wrong item", "charged twice", "cancel please",
                        "not working", "update needed"]
        subjects = (0..<Self.subjectCount).map { i in
            topics[i % topics.count].capitalized + " " + problems[(i / topics.count) % problems.count]
        }
        let tagWords = ["delivery", "refund", "billing", "subscription", "grinder", "vip", "wholesale", "cafe",
                        "website", "loyalty", "gift-card", "urgent-customer"]
        tags = (0..<Self.tagSetCount).map { _ in
            HelpdeskState.normalised(tags: (0..<rng.below(4)).map { _ in rng.pick(tagWords) })
        }
        let customerSentences = [
            "Hi, I placed an order last week and it still hasn't arrived.",
            "The tracking page has not changed for three days now.",
            "Could you please check what is going on with it?",
            "I have been a customer for years and this has never happened before.",
            "My card was charged but I never got a confirmation email.",
            "The grinder makes a strange clicking noise when it runs.",
            "Please pause my subscription until the end of next month.",
            "I would like a refund for the damaged bag, photos attached.",
            "Is it possible to change the delivery address on my account?",
            "Thanks in advance for your help, it's much appreciated.",
        ]
        let agentSentences = [
            "Thanks for getting in touch, and sorry for the trouble.",
            "I have looked into your order and can see what happened.",
            "The courier has confirmed the parcel is on today's van.",
            "I have issued a refund; it takes three to five working days to arrive.",
            "Your subscription is paused and will restart automatically.",
            "I have sent a replacement by tracked post this afternoon.",
            "Could you send a photo of the label so I can check the batch?",
            "Let me know if there is anything else I can help with.",
            "I have updated your account with the new details.",
            "Best wishes from the support team.",
        ]
        func body(_ sentences: [String]) -> String {
            let target = rng.int(in: 200...400)
            var text = ""
            while text.utf8.count < target { text += (text.isEmpty ? "" : " ") + rng.pick(sentences) }
            return text
        }
        customerBodies = (0..<Self.bodyCount).map { _ in body(customerSentences) }
        agentBodies = (0..<Self.bodyCount).map { _ in body(agentSentences) }
    }
}

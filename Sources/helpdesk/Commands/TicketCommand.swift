import ArgumentParser
import Foundation
import HelpdeskCore
import HelpdeskStore
import HelpdeskTUI

/// `helpdesk ticket …`: create, list, show and change tickets from scripts.
struct TicketCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ticket",
        abstract: "Create, list, show and change tickets.",
        subcommands: [TicketNew.self, TicketList.self, TicketShow.self, TicketReply.self, TicketNote.self,
                      TicketSet.self, TicketRate.self, TicketLog.self,
                      TicketMergeCommand.self, TicketLinkCommand.self, TicketHistoryCommand.self]
    )
}

extension Priority: ExpressibleByArgument {
    public init?(argument: String) { self.init(loose: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension TicketStatus: ExpressibleByArgument {
    public init?(argument: String) { self.init(loose: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension Channel: ExpressibleByArgument {
    public init?(argument: String) { self.init(loose: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

struct TicketNew: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new", abstract: "Open a ticket for a customer; prints the new number.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    @Option(help: ArgumentHelp("The customer: an id, an email (matched case-insensitively) or a phone number. An unknown email creates the customer.", valueName: "email-or-id"))
    var customer: String

    @Option(help: "The subject line.")
    var subject: String

    @Option(help: ArgumentHelp("The customer's first message ('-' reads standard input).", valueName: "text|-"))
    var body: String?

    @Option(help: "low, normal, high or urgent.")
    var priority: Priority = .normal

    @Option(name: .customLong("tag"), help: "A tag (repeatable).")
    var tags: [String] = []

    @Option(help: "phone, email, chat, walk-in or web.")
    var channel: Channel = .email

    @Option(help: "Assign to this agent.")
    var assignee: String?

    @Option(help: "The group/queue the ticket belongs to.")
    var group: String?

    @Option(help: "The new customer's name, when --customer is an email not yet known.")
    var name: String?

    func run() throws {
        try CommandRunner.run {
            let session = try Session.open(global)
            let now = Date()
            var changes: [Change] = []
            let requester: String
            if let c = session.state.customer(matching: customer) {
                requester = c.id
            } else if customer.contains("@") {
                let display = name ?? String(customer.split(separator: "@")[0])
                let new = Customer(id: "", name: display, emails: [customer], customerSince: now)
                let prepared = try session.state.prepare(.customerCreated(new), actor: session.actor, at: now)
                guard case .customerCreated(let c) = prepared else { return }
                changes.append(prepared)
                requester = c.id
            } else {
                throw ChangeError.customerNotFound(customer)
            }
            let text = body.map(Terminal.body)
            let message = text.map { Message(kind: .customer, author: requester, body: $0, at: now) }
            // With auto-assignment on, an unassigned ticket goes to the next online agent in turn.
            let autoAssigned = assignee == nil ? session.state.autoAssignee(online: OnlineAgents.now(session)) : nil
            if let autoAssigned {
                FileHandle.standardError.write(Data("assigned to \(autoAssigned) (round-robin)\n".utf8))
            }
            changes.append(.ticketCreated(NewTicket(subject: subject, priority: priority, tags: tags,
                                                    assignee: assignee ?? autoAssigned, group: group, requester: requester,
                                                    channel: channel, message: message)))
            let events = try session.write(changes)
            guard let number = events.compactMap({ e -> Int? in
                if case .ticketCreated(let t) = e.change { return t.number }
                return nil
            }).first else { return }
            if output.json {
                let t = try session.store.ticket(number)
                try JSONOutput.print(TicketDocument(t, state: session.store.state, includeMessages: true))
            } else {
                print(number)
            }
        }
    }
}

struct TicketList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List tickets (open ones by default), newest activity first.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    @Option(help: ArgumentHelp("Only these statuses (comma-separated), or 'all'.", valueName: "status,…"))
    var status: String?

    @Option(help: ArgumentHelp("Only tickets assigned to this agent ('me' for yourself, 'none' for unassigned).", valueName: "login"))
    var assignee: String?

    @Option(help: "Only tickets with this tag.")
    var tag: String?

    @Option(help: "Only this customer's tickets (id, email or phone).")
    var customer: String?

    @Option(help: "At most this many tickets.")
    var limit: Int?

    @Option(help: ArgumentHelp("A query, as in the console's / filter: 'status:open,pending assignee:me tag:vip priority:>=high created:<7d sort:due refund' (see README). Applies to every ticket unless --status is also given.", valueName: "query"))
    var query: String?

    func validate() throws {
        if let limit, limit < 0 { throw ValidationError("--limit is a number of tickets, 0 or more, not \(limit)") }
    }

    func run() throws {
        try CommandRunner.run {
            let session = try Session.open(global)
            let state = session.state
            var parsed: Query?
            if let query {
                do {
                    parsed = try Query.parse(query, agents: Set(state.agents.keys))
                } catch let e as QueryError {
                    throw UserError("query \(e)", code: ExitStatus.invalid)
                }
            }
            var statuses: Set<TicketStatus>? = parsed == nil ? Set(TicketStatus.allCases.filter(\.isOpen)) : nil
            if let status {
                if status == "all" {
                    statuses = nil
                } else {
                    statuses = []
                    for word in status.split(separator: ",") {
                        guard let s = TicketStatus(loose: String(word)) else {
                            throw UserError("unknown status '\(word)' (new, open, pending, onHold, solved, closed, all)", code: ExitStatus.usage)
                        }
                        statuses?.insert(s)
                    }
                }
            }
            var who: String?? = nil
            if let assignee {
                switch assignee {
                case "me": who = .some(session.actor)
                case "none": who = .some(nil)
                default:
                    guard state.agents[assignee] != nil else { throw ChangeError.agentNotFound(assignee) }
                    who = .some(assignee)
                }
            }
            let requester = try customer.map { try session.customer($0).id }
            let candidates: [Ticket] = requester.map { state.tickets(ofCustomer: $0) } ?? Array(state.tickets.values)
            var tickets = candidates.filter { t in
                if let statuses, !statuses.contains(t.status) { return false }
                if let who, t.assignee != who { return false }
                if let tag, !t.tags.contains(tag.lowercased()) { return false }
                return true
            }
            let now = Date()
            var context = ViewContext(me: session.actor, now: now, startOfToday: LocalTime(identifier: state.settings.timeZone).startOfDay(now))
            context.state = state
            context.sla = state.slaClock
            if let parsed {
                // Free words also match message bodies, through the store's search index.
                var hits: [String: Set<Int>] = [:]
                for w in parsed.freeWords { hits[w] = session.store.ticketsMentioning(w) }
                tickets = tickets.filter { parsed.matches($0, in: context, bodyHits: hits) }
            }
            if let parsed, parsed.sort != nil {
                tickets = parsed.sorted(tickets, in: context)
            } else {
                tickets.sort { ($0.updatedAt, $0.number) > ($1.updatedAt, $1.number) }
            }
            if let limit { tickets = Array(tickets.prefix(limit)) }
            if output.json {
                try JSONOutput.print(tickets.map { TicketDocument($0, state: state, includeMessages: false) })
                return
            }
            var table = TextTable("#", "PRI", "STATUS", "DUE", "CUSTOMER", "SUBJECT", "AGE", "ASSIGNEE")
            let sla = state.slaClock
            for t in tickets {
                let c = state.customers[t.requester]
                let due = sla.next(for: t, now: now).map { ($0.paused ? "paused " : "") + $0.countdown } ?? "-"
                table.add([String(t.number), t.priority.rawValue, t.status.label, due, c?.greetingName ?? t.requester,
                           t.subject, Durations.short(now.timeIntervalSince(t.createdAt)), t.assignee ?? "-"])
            }
            print(table.render())
        }
    }
}

struct TicketShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a ticket with its customer and thread.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "The ticket number (1042 or #1042).")
    var number: String

    func run() throws {
        try CommandRunner.run {
            let session = try Session.open(global)
            let n = try session.ticketNumber(number)
            let t = try session.store.ticket(n)
            let state = session.state
            let now = Date()
            let misses = state.slaMisses(of: t, now: now)
            if output.json {
                var doc = TicketDocument(t, state: state, includeMessages: true)
                doc.slaMisses = misses
                try JSONOutput.print(doc)
                return
            }
            let lt = session.localTime
            let clean: (String) -> String = { Sanitizer.sanitize($0) }
            print("#\(t.number) \(clean(t.subject))")
            print("status \(t.status.label) · priority \(t.priority.rawValue) · \(t.channel.rawValue) · assignee \(clean(t.assignee ?? "none"))"
                  + (t.tags.isEmpty ? "" : " · tags \(clean(t.tags.joined(separator: ", ")))") + " · version \(t.version)")
            var sla: [String] = []
            if let next = state.slaClock.next(for: t, now: now) { sla.append(next.sentence) }
            for m in misses {
                let owner = m.isLegacy ? "owner not known" : "owner then \(clean(m.assignee.map { state.agentName($0) } ?? "nobody"))"
                sla.append("missed \(m.kind.label) " + (m.isLegacy ? "(moment not known)" : "at \(lt.dateTime(m.at))") + " · \(owner)")
            }
            if !sla.isEmpty { print("sla " + sla.joined(separator: " · ")) }
            if let c = state.customers[t.requester] {
                var line = "customer \(clean(c.greetingName)) (\(clean(c.name)))"
                if c.vip { line += " · VIP" }
                if let o = c.usualOrder { line += " · usual: \(clean(o))" }
                print(line)
            }
            for m in t.messages {
                let who = m.kind == .customer ? (state.customers[m.author]?.greetingName ?? m.author) : state.agentName(m.author)
                let label = m.kind == .note ? "internal note" : (m.kind == .reply ? "reply" : "customer")
                print("\n--- \(label) · \(clean(who)) · \(lt.dateTime(m.at))")
                print(Sanitizer.sanitize(m.body, options: .multiLine))
            }
        }
    }
}

/// The shared body of `ticket reply` and `ticket note`: the same send path as the console's
/// (`ReplySender`): thread, status, template actions, outbox, then the configured send command.
private func addMessage(_ global: GlobalOptions, number: String, body: String, kind: MessageKind,
                        status: TicketStatus?, template: String? = nil) throws {
    let session = try Session.open(global)
    let n = try session.ticketNumber(number)
    try AgentIdentity.requireOnRoster(session.actor, roster: session.state.agents)
    var text = Terminal.body(body)
    var actions = TemplateActions()
    if let template {
        guard let t = session.state.templates[template] else { throw ChangeError.templateNotFound(template) }
        guard let ticket = session.state.tickets[n] else { throw ChangeError.ticketNotFound(n) }
        let context = ReplyContext(state: session.state, ticket: ticket, agent: session.actor, now: Date())
        // No promise on this ticket: only the agent knows the time, and the CLI cannot ask for it.
        if context.needsPromiseTime(t.body) {
            throw UserError("template '\(t.name)' uses {{promise.due}} but #\(n) has no open promise — record one first "
                            + "(`helpdesk promise add \(n) --due WHEN --text WHAT`) or reply from the console, which asks for the time",
                            code: ExitStatus.invalid)
        }
        let filled = context.render(t.body).text
        text = text.isEmpty ? filled : filled + "\n\n" + text
        actions = t.actions
    }
    let now = Date()
    let sendID = Draft.makeSendID(ticket: n, agent: session.actor, at: now, random: UInt32.random(in: 0...UInt32.max))
    let outcome: SendOutcome
    do {
        outcome = try ReplySender(store: session.store).send(ticket: n, kind: kind, body: text, author: session.actor,
                                                            at: now, actions: actions, status: status,
                                                            sendID: sendID, base: nil)
    } catch let problem as ReplyProblem {
        throw UserError(problem.description, code: ExitStatus.invalid)
    }
    var line = "#\(n): \(kind == .note ? "note" : "reply") added"
    if case .sent(let events) = outcome, let first = events.first { line += " (event \(first.seq))" }
    if kind == .reply {
        line += "; mail in outbox/new/\(sendID).eml"
        if let report = OutboxDelivery.deliver(session.store.outbox, forStoreAt: session.store.location),
           !report.summary.isEmpty {
            line += "; " + report.summary
        }
    }
    print(line)
}

struct TicketReply: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reply", abstract: "Add a public reply (sets the ticket pending unless --status says otherwise).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The ticket number.") var number: String
    @Option(help: ArgumentHelp("The reply ('-' reads standard input).", valueName: "text|-")) var body: String
    @Option(help: "The status to set after the reply (default: pending, or the template's).") var status: TicketStatus?
    @Option(help: "Start the reply with this template (placeholders filled, its actions applied).") var template: String?

    func run() throws {
        try CommandRunner.run { try addMessage(global, number: number, body: body, kind: .reply, status: status, template: template) }
    }
}

struct TicketNote: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "note", abstract: "Add an internal note (the customer never sees it).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The ticket number.") var number: String
    @Option(help: ArgumentHelp("The note ('-' reads standard input).", valueName: "text|-")) var body: String

    func run() throws {
        try CommandRunner.run { try addMessage(global, number: number, body: body, kind: .note, status: nil) }
    }
}

struct TicketSet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set", abstract: "Change a ticket's status, priority, assignee, tags, subject or group.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The ticket number.") var number: String
    @Option var status: TicketStatus?
    @Option var priority: Priority?
    @Option(help: ArgumentHelp("An agent login, 'me', or 'none'.", valueName: "login")) var assignee: String?
    @Option(name: .customLong("add-tag"), help: "Add a tag (repeatable).") var addTags: [String] = []
    @Option(name: .customLong("remove-tag"), help: "Remove a tag (repeatable).") var removeTags: [String] = []
    @Option var subject: String?
    @Option(help: ArgumentHelp("The group/queue, or 'none'.", valueName: "name")) var group: String?
    @Option(help: ArgumentHelp("Refuse the change if the ticket is no longer at this version (what `ticket show --json` printed).", valueName: "n"))
    var base: Int?

    func run() throws {
        try CommandRunner.run {
            let session = try Session.open(global)
            let n = try session.ticketNumber(number)
            guard let t = session.state.tickets[n] else { throw ChangeError.ticketNotFound(n) }
            var tags: [String]?
            if !addTags.isEmpty || !removeTags.isEmpty {
                let removing = Set(HelpdeskState.normalised(tags: removeTags))
                tags = (t.tags + HelpdeskState.normalised(tags: addTags)).filter { !removing.contains($0) }
            }
            var who: String?? = nil
            if let assignee {
                who = assignee == "none" ? .some(nil) : .some(assignee == "me" ? session.actor : assignee)
            }
            let groupValue: String?? = group.map { $0 == "none" ? nil : $0 }
            let patch = TicketPatch.diff(t, subject: subject, status: status, priority: priority, tags: tags,
                                         assignee: who, group: groupValue)
            guard !patch.isEmpty else {
                throw UserError("#\(n) already has those values; nothing changed", code: ExitStatus.invalid)
            }
            try session.write([.ticketUpdated(number: n, base: base ?? t.version, patch: patch)])
            print("#\(n): " + patch.descriptions.joined(separator: "; "))
        }
    }
}

struct TicketRate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rate", abstract: "Record a satisfaction score (1–5) the customer gave you, as agent-reported.",
        discussion: """
        A score you enter is kept as agent-reported, with your login, and counted apart from customers' own \
        ratings (which only arrive from the customer through a channel such as mail).
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The ticket number.") var number: String
    @Option(help: "1 (bad) to 5 (great).") var score: Int
    @Option(help: "What the customer said.") var comment: String?

    func run() throws {
        try CommandRunner.run {
            let session = try Session.open(global)
            let n = try session.ticketNumber(number)
            try session.write([.ticketRated(number: n, satisfaction: Satisfaction(score: score, comment: comment, at: Date(), source: .agent))])
            print("#\(n): rated \(score)/5 (agent-reported by \(session.actor))")
        }
    }
}

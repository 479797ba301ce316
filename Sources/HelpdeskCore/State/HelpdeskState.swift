import Foundation

/// Everything the helpdesk knows, folded from the event log: ticket summaries (threads are loaded on
/// demand by the store), customers, agents, promises, templates and settings, plus the indexes the
/// console needs so no key press scans every ticket.
public struct HelpdeskState: Sendable {
    /// Ticket summaries by number (`NumberTable`: a `Dictionary`'s API, stored as an array).
    public internal(set) var tickets = NumberTable<Ticket>()
    public internal(set) var customers: [String: Customer] = [:]
    public internal(set) var agents: [String: Agent] = [:]
    public internal(set) var promises: [Int: CustomerPromise] = [:]
    public internal(set) var templates: [String: Template] = [:]
    public internal(set) var settings = Settings()
    /// Personal saved views per agent login, in the order they were first saved.
    public internal(set) var savedViews: [String: [SavedView]] = [:]
    /// The Message-ID index and CC lists of mail (HelpdeskState+Mail.swift).
    public internal(set) var mail = MailIndex()
    /// The business-hours clock for `settings`, built once and shared by copies of the state.
    let clockCache = BusinessClockCache()
    /// The sequence number of the last event folded in.
    public internal(set) var lastSeq = 0

    /// Ticket numbers per customer id, in creation order.
    public internal(set) var ticketsByCustomer: [String: [Int]] = [:]
    /// Normalised email → customer id.
    public internal(set) var customerByEmail: [String: String] = [:]
    /// Normalised phone → customer id.
    public internal(set) var customerByPhone: [String: String] = [:]
    /// Promise ids per ticket.
    public internal(set) var promisesByTicket: [Int: [Int]] = [:]
    /// Ids of promises still open (few), so the status line and "Promises due" never scan them all.
    public internal(set) var openPromiseIDs: Set<Int> = []

    public internal(set) var maxTicketNumber = 1000
    public internal(set) var maxCustomerNumber = 0
    public internal(set) var maxPromiseID = 0

    /// Recent field changes per ticket/customer, for telling a harmless stale change from a conflicting one.
    var ticketStamps: [Int: [FieldStamp]] = [:]
    var customerStamps: [String: [FieldStamp]] = [:]
    /// The version from which stamps are complete; changes based on an earlier version are refused
    /// conservatively (their history was compacted into a snapshot).
    var ticketStampsFrom = NumberTable<Int>()
    var customerStampsFrom: [String: Int] = [:]

    public init() {}

    // MARK: Loading from a snapshot

    /// Makes room for a snapshot's tickets and customers up front, so loading 100k tickets does not
    /// rehash the dictionaries (and move every ticket) a dozen times.
    public mutating func reserveCapacity(tickets: Int, customers: Int) {
        self.tickets.reserveCapacity(tickets)
        ticketStampsFrom.reserveCapacity(tickets)
        self.customers.reserveCapacity(customers)
        customerStampsFrom.reserveCapacity(customers)
        ticketsByCustomer.reserveCapacity(customers)
        customerByEmail.reserveCapacity(customers)
    }

    /// Adds a ticket summary read from a snapshot (no replay of its history).
    public mutating func load(ticket: Ticket) {
        tickets[ticket.number] = ticket.summary
        ticketsByCustomer[ticket.requester, default: []].append(ticket.number)
        ticketStampsFrom[ticket.number] = ticket.version
        maxTicketNumber = max(maxTicketNumber, ticket.number)
    }

    /// Adds a snapshot's ticket summaries (no threads), in the ascending number order snapshots keep.
    /// Their requesters are filed in `grouping`, which `load(_:)` then adds to `ticketsByCustomer`.
    public mutating func load(tickets summaries: [Ticket], grouping: inout CustomerTicketGrouping) {
        for i in summaries.indices {
            let n = summaries[i].number
            tickets.append(summaries[i], number: n)
            grouping.add(n, requester: summaries[i].requester)
            ticketStampsFrom.append(summaries[i].version, number: n)
            maxTicketNumber = max(maxTicketNumber, n)
        }
    }

    /// Adds the requesters gathered while loading tickets to `ticketsByCustomer`.
    public mutating func load(_ grouping: CustomerTicketGrouping) {
        grouping.forEach { id, numbers in
            if ticketsByCustomer[id] == nil { ticketsByCustomer[id] = numbers } else { ticketsByCustomer[id]! += numbers }
        }
    }

    public mutating func load(customer: Customer) {
        insertCustomer(customer)
        customerStampsFrom[customer.id] = customer.version
    }

    public mutating func load(agent: Agent) { agents[agent.login] = agent }

    public mutating func load(promise: CustomerPromise) {
        promises[promise.id] = promise
        promisesByTicket[promise.ticket, default: []].append(promise.id)
        if promise.state == .open { openPromiseIDs.insert(promise.id) } else { openPromiseIDs.remove(promise.id) }
        maxPromiseID = max(maxPromiseID, promise.id)
    }

    /// Open promises, soonest due first.
    public var openPromises: [CustomerPromise] {
        openPromiseIDs.compactMap { promises[$0] }.sorted { ($0.due, $0.id) < ($1.due, $1.id) }
    }

    public mutating func load(template: Template) { templates[template.name] = template }
    public mutating func load(savedView: SavedView) { savedViews[savedView.owner, default: []].append(savedView) }
    public mutating func load(settings: Settings) { self.settings = settings }

    /// Sets the position of a snapshot and the counters it recorded.
    public mutating func load(lastSeq: Int, maxTicketNumber: Int, maxCustomerNumber: Int, maxPromiseID: Int) {
        self.lastSeq = lastSeq
        self.maxTicketNumber = max(self.maxTicketNumber, maxTicketNumber)
        self.maxCustomerNumber = max(self.maxCustomerNumber, maxCustomerNumber)
        self.maxPromiseID = max(self.maxPromiseID, maxPromiseID)
    }

    // MARK: Lookups

    /// Finds a customer by id, by email (case-insensitive) or by phone (format-insensitive).
    public func customer(matching key: String) -> Customer? {
        if customers[key] != nil { return customers[survivor(of: key)] }
        if let id = customerByEmail[ContactKey.email(key)] { return customers[id] }
        let phone = ContactKey.phone(key)
        if phone.count >= 6, let id = customerByPhone[phone] { return customers[id] }
        return nil
    }

    /// A customer's tickets, newest first.
    public func tickets(ofCustomer id: String) -> [Ticket] {
        (ticketsByCustomer[id] ?? []).reversed().compactMap { tickets[$0] }
    }

    /// Promises made on a ticket, oldest first.
    public func promises(ofTicket number: Int) -> [CustomerPromise] {
        (promisesByTicket[number] ?? []).compactMap { promises[$0] }
    }

    /// Open promises to a customer across all their tickets.
    public func openPromises(ofCustomer id: String) -> [CustomerPromise] {
        (ticketsByCustomer[id] ?? []).flatMap { promises(ofTicket: $0) }.filter { $0.state == .open }
            .sorted { $0.due < $1.due }
    }

    public func agentName(_ login: String?) -> String {
        guard let login else { return "" }
        return agents[login]?.displayName ?? login
    }

    public var nextTicketNumber: Int { maxTicketNumber + 1 }
}

/// One field change remembered for conflict detection.
struct FieldStamp: Sendable, Equatable {
    var version: Int
    var fields: [String]
    var actor: String
    var at: Date
}

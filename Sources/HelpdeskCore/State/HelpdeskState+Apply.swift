import Foundation

extension HelpdeskState {
    /// How many field stamps to keep per entity: enough for any realistic stale window.
    static let stampLimit = 32

    /// Checks a change against the current state and fills in what the store allocates (ticket
    /// numbers, customer ids, promise ids). Throws when the change is invalid or stale.
    ///
    /// Every number and time is range-checked before and after (`Change.rangeProblem`, the rule the
    /// store's readers apply too), so what is written can always be read back.
    public func prepare(_ change: Change, actor: String, at: Date) throws -> Change {
        if let problem = Limits.timeProblem(at, "the time of the change") ?? change.rangeProblem ?? Self.textProblem(change) {
            throw ChangeError.invalid(problem)
        }
        let prepared = try checkAndAllocate(Self.attributed(change, actor: actor, agents: agents), at: at)
        if let problem = prepared.rangeProblem { throw ChangeError.invalid(problem) }
        return prepared
    }

    /// Says who a rating came from: an agent's entry names the agent, and nobody on the roster can enter
    /// a rating as the customer's own (only a channel the customer wrote through, such as mail, can).
    static func attributed(_ change: Change, actor: String, agents: [String: Agent]) throws -> Change {
        guard case .ticketRated(let n, var s) = change else { return change }
        switch s.source {
        case .agent:
            s.reportedBy = actor
        case .customer:
            if agents[actor] != nil {
                throw ChangeError.invalid("\(actor) is an agent: a rating an agent enters is agent-reported, not the customer's own")
            }
            s.reportedBy = nil
        }
        return .ticketRated(number: n, satisfaction: s)
    }

    private func checkAndAllocate(_ change: Change, at: Date) throws -> Change {
        switch change {
        case .ticketCreated(var t):
            t.subject = t.subject.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !t.subject.isEmpty else { throw ChangeError.invalid("a ticket needs a subject") }
            guard customers[t.requester] != nil else { throw ChangeError.customerNotFound(t.requester) }
            // A ticket for a merged duplicate goes to the survivor.
            t.requester = survivor(of: t.requester)
            if let a = t.assignee, agents[a] == nil { throw ChangeError.agentNotFound(a) }
            if t.number == 0 {
                t.number = nextTicketNumber
            } else if tickets[t.number] != nil {
                throw ChangeError.invalid("ticket #\(t.number) already exists")
            }
            t.tags = Self.normalised(tags: t.tags)
            return .ticketCreated(t)

        case .ticketUpdated(let number, let base, var patch):
            guard let ticket = tickets[number] else { throw ChangeError.ticketNotFound(number) }
            guard !patch.isEmpty else { throw ChangeError.invalid("nothing to change on #\(number)") }
            try checkStale(entity: "#\(number)", fields: patch.fields, base: base, current: ticket.version,
                           stamps: ticketStamps[number] ?? [], stampsFrom: ticketStampsFrom[number] ?? 1)
            if let a = patch.assignee?.to, agents[a] == nil { throw ChangeError.agentNotFound(a) }
            if let s = patch.subject?.to, s.trimmingCharacters(in: .whitespaces).isEmpty {
                throw ChangeError.invalid("a ticket's subject cannot be empty")
            }
            if let r = patch.requester?.to {
                guard customers[r] != nil else { throw ChangeError.customerNotFound(r) }
                patch.requester = FromTo(ticket.requester, survivor(of: r))
            }
            try checkRelations(of: number, patch: patch)
            if let tags = patch.tags { patch.tags = FromTo(ticket.tags, Self.normalised(tags: tags.to)) }
            // Re-base the "from" side on what is there now, so history shows the real transition.
            rebase(&patch, on: ticket)
            guard !patch.isEmpty else { throw ChangeError.invalid("#\(number) already has those values") }
            return .ticketUpdated(number: number, base: ticket.version, patch: patch)

        case .messageAdded(let number, let message):
            guard tickets[number] != nil else { throw ChangeError.ticketNotFound(number) }
            guard !message.body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw ChangeError.invalid("the message is empty")
            }
            return change

        case .ticketRated(let number, let s):
            guard tickets[number] != nil else { throw ChangeError.ticketNotFound(number) }
            guard Satisfaction.validScores.contains(s.score) else {
                throw ChangeError.invalid("a satisfaction score is 1 to 5, not \(s.score)")
            }
            return change

        case .customerCreated(var c):
            c.name = c.name.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !c.name.isEmpty else { throw ChangeError.invalid("a customer needs a name") }
            for email in c.emails {
                guard email.contains("@") else { throw ChangeError.invalid("'\(email)' is not an email address") }
                if let owner = customerByEmail[ContactKey.email(email)] {
                    throw ChangeError.invalid("\(email) already belongs to customer \(owner) (\(customers[owner]?.name ?? "?"))")
                }
            }
            if c.id.isEmpty {
                c.id = Self.customerID(maxCustomerNumber + 1)
            } else if customers[c.id] != nil {
                throw ChangeError.invalid("customer \(c.id) already exists")
            }
            c.version = 1
            return .customerCreated(c)

        case .customerUpdated(let id, let base, var patch):
            guard let customer = customers[id] else { throw ChangeError.customerNotFound(id) }
            if let into = customer.mergedInto {
                throw ChangeError.invalid("customer \(id) was merged into \(survivor(of: into)); change that customer instead")
            }
            guard !patch.isEmpty else { throw ChangeError.invalid("nothing to change on customer \(id)") }
            try checkStale(entity: "customer \(id)", fields: patch.fields, base: base, current: customer.version,
                           stamps: customerStamps[id] ?? [], stampsFrom: customerStampsFrom[id] ?? 1)
            if let emails = patch.emails?.to {
                for email in emails {
                    guard email.contains("@") else { throw ChangeError.invalid("'\(email)' is not an email address") }
                    if let owner = customerByEmail[ContactKey.email(email)], owner != id {
                        throw ChangeError.invalid("\(email) already belongs to customer \(owner) (\(customers[owner]?.name ?? "?"))")
                    }
                }
            }
            if let prefs = patch.preferences?.to, prefs.contains(where: { $0.key.trimmingCharacters(in: .whitespaces).isEmpty }) {
                throw ChangeError.invalid("a preference needs a name (the part before '=')")
            }
            if let n = patch.name?.to, n.trimmingCharacters(in: .whitespaces).isEmpty {
                throw ChangeError.invalid("a customer's name cannot be empty")
            }
            rebase(&patch, on: customer)
            guard !patch.isEmpty else { throw ChangeError.invalid("customer \(id) already has those values") }
            return .customerUpdated(id: id, base: customer.version, patch: patch)

        case .customerMerged(let from, let into):
            guard from != into else { throw ChangeError.invalid("cannot merge customer \(from) into itself") }
            guard let duplicate = customers[from] else { throw ChangeError.customerNotFound(from) }
            guard let target = customers[into] else { throw ChangeError.customerNotFound(into) }
            if let already = duplicate.mergedInto {
                throw ChangeError.invalid("customer \(from) (\(duplicate.name)) was already merged into \(already)")
            }
            if target.mergedInto != nil {
                let end = survivor(of: into)
                guard end != from else { throw ChangeError.invalid("customer \(into) was merged into \(from); cannot merge back") }
                throw ChangeError.invalid("customer \(into) was merged into \(end); merge into \(end) instead")
            }
            return change

        case .agentSaved(let a):
            guard Self.isValidLogin(a.login) else {
                throw ChangeError.invalid("'\(a.login)' is not a valid login (letters, digits, '.', '-', '_')")
            }
            return change

        case .promiseMade(var p):
            guard tickets[p.ticket] != nil else { throw ChangeError.ticketNotFound(p.ticket) }
            guard !p.text.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ChangeError.invalid("a promise needs to say what was promised")
            }
            guard p.due <= at.addingTimeInterval(Limits.promiseHorizon) else {
                throw ChangeError.invalid("a promise can be due at most 10 years ahead, not \(ISOTime.format(p.due))")
            }
            if p.id == 0 { p.id = maxPromiseID + 1 }
            p.state = .open
            return .promiseMade(p)

        case .promiseResolved(let id, let state):
            guard promises[id] != nil else { throw ChangeError.promiseNotFound(id) }
            guard state != .open else { throw ChangeError.invalid("a promise is resolved as kept or missed") }
            return change

        case .templateSaved(let t):
            guard !t.name.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ChangeError.invalid("a template needs a name")
            }
            return change

        case .templateRemoved(let name):
            guard templates[name] != nil else { throw ChangeError.templateNotFound(name) }
            return change

        case .settingsChanged:
            return change

        case .slaBreached(let number, _, _):
            // Breaches are derived from the history now; a console of an older build may still send one, and
            // it changes nothing beyond settling the ticket's clock at its time.
            guard tickets[number] != nil else { throw ChangeError.ticketNotFound(number) }
            return change

        case .viewSaved(var v):
            if let problem = SavedView.problem(withName: v.name) { throw ChangeError.invalid(problem) }
            v.name = v.name.trimmingCharacters(in: .whitespaces)
            guard agents[v.owner] != nil else { throw ChangeError.agentNotFound(v.owner) }
            return .viewSaved(v)

        case .viewRemoved(let owner, let name):
            guard savedViews[owner]?.contains(where: { $0.name == name }) == true else {
                throw ChangeError.invalid("you have no saved view named '\(name)'")
            }
            return change

        case .mailReceived, .mailSent:
            return try prepareMail(change)
        }
    }

    /// Folds one (already prepared) event into the state.
    public mutating func apply(_ event: Event) {
        lastSeq = max(lastSeq, event.seq)
        settleSLA(before: event)
        switch event.change {
        case .ticketCreated(let n):
            var t = Ticket(number: n.number, subject: n.subject, status: n.status, priority: n.priority,
                           tags: n.tags, assignee: n.assignee, group: n.group, requester: n.requester,
                           channel: n.channel, createdAt: event.at, version: 1)
            if let m = n.message { t.record(m) }
            if !t.status.isOpen { t.solvedAt = event.at }
            t.statusChangedAt = event.at
            tickets[t.number] = t
            ticketsByCustomer[t.requester, default: []].append(t.number)
            ticketStampsFrom[t.number] = 0
            maxTicketNumber = max(maxTicketNumber, t.number)

        case .ticketUpdated(let number, _, let patch):
            guard var t = tickets[number] else { return }
            let oldRequester = t.requester
            let wasOpen = t.status.isOpen
            let oldStatus = t.status
            patch.apply(to: &t)
            if t.status != oldStatus { recordStatusChange(&t, from: oldStatus, at: event.at) }
            if wasOpen && !t.status.isOpen { t.solvedAt = event.at }
            if !wasOpen && t.status.isOpen { t.solvedAt = nil }
            touch(&t, event)
            stamp(ticket: number, fields: patch.fields, version: t.version, event: event)
            tickets[number] = t
            if oldRequester != t.requester {
                ticketsByCustomer[oldRequester]?.removeAll { $0 == number }
                ticketsByCustomer[t.requester, default: []].append(number)
            }

        case .messageAdded(let number, let message):
            guard var t = tickets[number] else { return }
            if message.kind == .customer {
                t.pausedAtLastCustomerMessage = slaClock.pausedSeconds(t, at: max(message.at, t.statusChangedAt ?? t.createdAt))
            }
            t.record(message)
            touch(&t, event)
            tickets[number] = t

        case .ticketRated(let number, let s):
            guard var t = tickets[number] else { return }
            t.satisfaction = s
            touch(&t, event)
            stamp(ticket: number, fields: ["satisfaction"], version: t.version, event: event)
            tickets[number] = t

        case .customerCreated(let c):
            insertCustomer(c)
            customerStampsFrom[c.id] = 0
            if let n = Self.customerNumber(c.id) { maxCustomerNumber = max(maxCustomerNumber, n) }

        case .customerUpdated(let id, _, let patch):
            guard var c = customers[id] else { return }
            removeContactIndex(c)
            patch.apply(to: &c)
            c.version += 1
            customers[id] = c
            addContactIndex(c)
            var list = customerStamps[id] ?? []
            list.append(FieldStamp(version: c.version, fields: patch.fields, actor: event.actor, at: event.at))
            if list.count > Self.stampLimit {
                customerStampsFrom[id] = max(customerStampsFrom[id] ?? 0, list[list.count - Self.stampLimit - 1].version)
                list.removeFirst(list.count - Self.stampLimit)
            }
            customerStamps[id] = list

        case .customerMerged(let from, let into):
            merge(from: from, into: into, event: event)

        case .agentSaved(let a):
            agents[a.login] = a

        case .promiseMade(let p):
            promises[p.id] = p
            promisesByTicket[p.ticket, default: []].append(p.id)
            if p.state == .open { openPromiseIDs.insert(p.id) }
            maxPromiseID = max(maxPromiseID, p.id)

        case .promiseResolved(let id, let state):
            promises[id]?.state = state
            promises[id]?.resolvedAt = event.at
            if state != .open { openPromiseIDs.remove(id) }

        case .templateSaved(let t):
            templates[t.name] = t

        case .templateRemoved(let name):
            templates[name] = nil

        case .settingsChanged(let s):
            settings = s

        case .slaBreached:
            break

        case .viewSaved(let v):
            if let i = savedViews[v.owner]?.firstIndex(where: { $0.name == v.name }) {
                savedViews[v.owner]![i] = v
            } else {
                savedViews[v.owner, default: []].append(v)
            }

        case .viewRemoved(let owner, let name):
            savedViews[owner]?.removeAll { $0.name == name }
            if savedViews[owner]?.isEmpty == true { savedViews[owner] = nil }

        case .mailReceived, .mailSent:
            applyMail(event)
        }
    }

    // MARK: Helpers

    /// Settles the SLA targets of the ticket an event touches, as they stand just before it: a target that
    /// ran out since the ticket's previous event is kept as a miss with its moment and the owner then. The
    /// event's own effect (a reply, a solve) counts from the moment it happened, so a reply after the
    /// deadline is a miss and one before it is not.
    private mutating func settleSLA(before event: Event) {
        let number: Int
        var at = event.at
        switch event.change {
        case .ticketUpdated(let n, _, _), .ticketRated(let n, _), .slaBreached(let n, _, _):
            number = n
        case .messageAdded(let n, let m):
            number = n
            at = m.at
        default:
            return
        }
        guard var t = tickets[number] else { return }
        at = max(at, t.statusChangedAt ?? t.createdAt)
        let missed = slaClock.liveMisses(of: t, now: at)
        guard !missed.isEmpty else { return }
        t.slaMisses += missed
        tickets[number] = t
    }

    /// Keeps the SLA clock's inputs: time spent pending or on hold is banked when the pause ends.
    private func recordStatusChange(_ t: inout Ticket, from old: TicketStatus, at: Date) {
        if old.pausesClock {
            t.pausedSeconds += max(0, slaClock.clock.seconds(from: t.statusChangedAt ?? t.createdAt, to: at))
        }
        t.statusChangedAt = at
    }

    /// Where a customer id ends up after merges (itself when never merged).
    public func survivor(of id: String) -> String {
        var current = id
        var seen: Set<String> = [id]
        while let next = customers[current]?.mergedInto, seen.insert(next).inserted { current = next }
        return current
    }

    /// Folds a duplicate into the survivor: contacts, missing details and tickets move; the duplicate
    /// stays as a pointer so its old id still finds the survivor.
    private mutating func merge(from: String, into: String, event: Event) {
        guard var duplicate = customers[from], var survivor = customers[into] else { return }
        removeContactIndex(duplicate)
        removeContactIndex(survivor)
        let emailKeys = Set(survivor.emails.map(ContactKey.email))
        survivor.emails += duplicate.emails.filter { !emailKeys.contains(ContactKey.email($0)) }
        let phoneKeys = Set(survivor.phones.map(ContactKey.phone))
        survivor.phones += duplicate.phones.filter { !phoneKeys.contains(ContactKey.phone($0)) }
        let prefKeys = Set(survivor.preferences.map { $0.key.lowercased() })
        survivor.preferences += duplicate.preferences.filter { !prefKeys.contains($0.key.lowercased()) }
        if survivor.preferredName == nil { survivor.preferredName = duplicate.preferredName }
        if survivor.organisation == nil { survivor.organisation = duplicate.organisation }
        if survivor.usualOrder == nil { survivor.usualOrder = duplicate.usualOrder }
        if survivor.birthday == nil { survivor.birthday = duplicate.birthday }
        if let n = duplicate.notes, !n.isEmpty, survivor.notes != n {
            survivor.notes = [survivor.notes, n].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " / ")
        }
        survivor.vip = survivor.vip || duplicate.vip
        survivor.customerSince = min(survivor.customerSince, duplicate.customerSince)
        survivor.version += 1
        duplicate.emails = []
        duplicate.phones = []
        duplicate.mergedInto = into
        duplicate.version += 1
        customers[from] = duplicate
        customers[into] = survivor
        addContactIndex(survivor)
        let fields = ["name", "preferredName", "emails", "phones", "organisation", "usualOrder", "preferences",
                      "notes", "vip", "birthday"]
        stamp(customer: into, fields: fields, version: survivor.version, event: event)
        stamp(customer: from, fields: fields, version: duplicate.version, event: event)
        let moved = ticketsByCustomer[from] ?? []
        for n in moved {
            guard var t = tickets[n] else { continue }
            t.requester = into
            t.version += 1
            tickets[n] = t
            stamp(ticket: n, fields: ["requester"], version: t.version, event: event)
        }
        // Ticket number order, as a snapshot loads it.
        ticketsByCustomer[into] = ((ticketsByCustomer[into] ?? []) + moved).sorted()
        ticketsByCustomer[from] = nil
    }

    private mutating func stamp(customer id: String, fields: [String], version: Int, event: Event) {
        var list = customerStamps[id] ?? []
        list.append(FieldStamp(version: version, fields: fields, actor: event.actor, at: event.at))
        if list.count > Self.stampLimit {
            customerStampsFrom[id] = max(customerStampsFrom[id] ?? 0, list[list.count - Self.stampLimit - 1].version)
            list.removeFirst(list.count - Self.stampLimit)
        }
        customerStamps[id] = list
    }

    private func checkStale(entity: String, fields: [String], base: Int, current: Int,
                            stamps: [FieldStamp], stampsFrom: Int) throws {
        guard base <= current else {
            throw ChangeError.invalid("\(entity) is at version \(current); version \(base) does not exist yet")
        }
        guard base < current else { return }
        if base < stampsFrom {
            // History between `base` and now is not in memory: refuse rather than risk overwriting.
            if let last = stamps.last {
                throw ChangeError.stale(StaleChange(entity: entity, fields: last.fields, by: last.actor, at: last.at,
                                                    baseVersion: base, currentVersion: current))
            }
            throw ChangeError.stale(StaleChange(entity: entity, fields: [], by: "another agent", at: Date(timeIntervalSince1970: 0),
                                                baseVersion: base, currentVersion: current))
        }
        let wanted = Set(fields)
        for s in stamps where s.version > base {
            let overlap = s.fields.filter { wanted.contains($0) }
            if !overlap.isEmpty {
                throw ChangeError.stale(StaleChange(entity: entity, fields: overlap, by: s.actor, at: s.at,
                                                    baseVersion: base, currentVersion: current))
            }
        }
    }

    private func rebase(_ p: inout TicketPatch, on t: Ticket) {
        p = TicketPatch.diff(t, subject: p.subject?.to, status: p.status?.to, priority: p.priority?.to,
                             tags: p.tags?.to, assignee: p.assignee.map { $0.to }, group: p.group.map { $0.to },
                             requester: p.requester?.to, channel: p.channel?.to,
                             mergedInto: p.mergedInto.map { $0.to }, links: p.links?.to)
    }

    private func rebase(_ p: inout CustomerPatch, on c: Customer) {
        p = CustomerPatch.diff(c, name: p.name?.to, preferredName: p.preferredName.map { $0.to },
                               emails: p.emails?.to, phones: p.phones?.to,
                               organisation: p.organisation.map { $0.to }, usualOrder: p.usualOrder.map { $0.to },
                               preferences: p.preferences?.to, notes: p.notes.map { $0.to }, vip: p.vip?.to,
                               birthday: p.birthday.map { $0.to })
    }

    private mutating func touch(_ t: inout Ticket, _ event: Event) {
        t.version += 1
        t.updatedAt = max(t.updatedAt, event.at)
    }

    private mutating func stamp(ticket number: Int, fields: [String], version: Int, event: Event) {
        var list = ticketStamps[number] ?? []
        list.append(FieldStamp(version: version, fields: fields, actor: event.actor, at: event.at))
        if list.count > Self.stampLimit {
            // History up to the forgotten stamp is no longer known: changes based on it are refused.
            ticketStampsFrom[number] = max(ticketStampsFrom[number] ?? 0, list[list.count - Self.stampLimit - 1].version)
            list.removeFirst(list.count - Self.stampLimit)
        }
        ticketStamps[number] = list
    }

    mutating func insertCustomer(_ c: Customer) {
        if let old = customers[c.id] { removeContactIndex(old) }
        customers[c.id] = c
        addContactIndex(c)
        if let n = Self.customerNumber(c.id) { maxCustomerNumber = max(maxCustomerNumber, n) }
    }

    private mutating func addContactIndex(_ c: Customer) {
        for e in c.emails { customerByEmail[ContactKey.email(e)] = c.id }
        for p in c.phones where ContactKey.phone(p).count >= 6 { customerByPhone[ContactKey.phone(p)] = c.id }
    }

    private mutating func removeContactIndex(_ c: Customer) {
        for e in c.emails where customerByEmail[ContactKey.email(e)] == c.id { customerByEmail[ContactKey.email(e)] = nil }
        for p in c.phones where customerByPhone[ContactKey.phone(p)] == c.id { customerByPhone[ContactKey.phone(p)] = nil }
    }

    /// Why a field things are identified by (an email, a phone, a name, a tag, a group) holds a control
    /// character (`TextRules`); nil when none does. Subjects, bodies and notes are not checked: they are
    /// the customer's words, neutralised where they are shown.
    static func textProblem(_ change: Change) -> String? {
        func check(_ values: [String?], _ what: String) -> String? {
            values.lazy.compactMap { $0.flatMap { TextRules.controlProblem($0, what) } }.first
        }
        func emails(_ list: [String]) -> String? {
            if let p = check(list, "the email address") { return p }
            let spaced = list.first { $0.contains(where: \.isWhitespace) }
            return spaced.map { "the email address '\(Sanitizer.sanitize($0))' contains a space" }
        }
        switch change {
        case .ticketCreated(let t):
            return check(t.tags, "the tag") ?? check([t.group], "the group")
        case .ticketUpdated(_, _, let patch):
            return check(patch.tags?.to ?? [], "the tag") ?? check([patch.group?.to ?? nil], "the group")
        case .customerCreated(let c):
            return emails(c.emails) ?? check([c.name, c.preferredName], "the name") ?? check(c.phones, "the phone number")
                ?? check([c.organisation], "the organisation") ?? check(c.preferences.map(\.key), "the preference")
        case .customerUpdated(_, _, let p):
            return emails(p.emails?.to ?? []) ?? check([p.name?.to, p.preferredName?.to ?? nil], "the name")
                ?? check(p.phones?.to ?? [], "the phone number") ?? check([p.organisation?.to ?? nil], "the organisation")
                ?? check(p.preferences?.to.map(\.key) ?? [], "the preference")
        case .agentSaved(let a):
            return check([a.displayName], "the agent's name")
        case .templateSaved(let t):
            return check([t.name], "the template name") ?? check(t.actions.addTags, "the tag")
        case .viewSaved(let v):
            return check([v.name], "the view name")
        default:
            return nil
        }
    }

    /// Tags are lower-case, without spaces, unique, in the order given.
    public static func normalised(tags: [String]) -> [String] {
        var seen = Set<String>()
        var out: [String] = []
        for raw in tags {
            let t = raw.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: " ", with: "-")
            if !t.isEmpty, seen.insert(t).inserted { out.append(t) }
        }
        return out
    }

    public static func customerID(_ n: Int) -> String { String(format: "c%05d", n) }

    /// The number of a `c00042`-style id; nil for other ids, and for numbers outside
    /// `Limits.customerNumbers` (so a hand-made `c9223372036854775807` never becomes the counter).
    static func customerNumber(_ id: String) -> Int? {
        guard id.first == "c", let n = Int(id.dropFirst()), Limits.customerNumbers.contains(n) else { return nil }
        return n
    }

    public static func isValidLogin(_ s: String) -> Bool {
        !s.isEmpty && s.count <= 32 && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
    }
}

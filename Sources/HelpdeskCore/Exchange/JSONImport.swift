import Foundation

/// Plans the import of a JSON export document (see `ExchangeDocument`): customers are matched to
/// existing ones by email or phone, else created (keeping their id when it is free); tickets keep
/// their numbers, threads and ratings.
struct JSONImport {
    let fileName: String
    let state: HelpdeskState
    let actor: String
    let now: Date

    /// Decodes one array element on its own, so a bad ticket is reported as a bad row rather than
    /// failing the whole document.
    struct Lenient<T: Decodable>: Decodable {
        var value: Result<T, Error>
        /// How deep the element sits, so errors can name fields from the element down (`number`, not `tickets[2].number`).
        var depth: Int
        init(from decoder: Decoder) throws {
            depth = decoder.codingPath.count
            value = Result { try T(from: decoder) }
        }
    }

    struct Incoming: Decodable {
        var format: Int
        var agents: [Lenient<ExchangeAgent>]?
        var customers: [Lenient<ExchangeCustomer>]?
        var tickets: [Lenient<ExchangeTicket>]?
    }

    func plan(_ text: String) throws -> ImportPlan {
        let document = try decode(text)
        let lines = JSONElementLines.scan(text)
        var problems: [ImportProblem] = []
        func problem(_ key: String, _ index: Int, _ reason: String) {
            let line = lines[key].flatMap { index < $0.count ? $0[index] : nil }
            problems.append(ImportProblem(file: fileName, line: line, item: "\(key)[\(index)]", reason: reason))
        }
        func decoded<T>(_ key: String, _ items: [Lenient<T>]?) -> [(Int, T)] {
            (items ?? []).enumerated().compactMap { i, item in
                switch item.value {
                case .success(let v): return (i, v)
                case .failure(let e): problem(key, i, Self.explain(e, droppingFirst: item.depth)); return nil
                }
            }
        }
        let agents = decoded("agents", document.agents)
        let customers = decoded("customers", document.customers)
        let tickets = decoded("tickets", document.tickets)
        guard !(document.customers ?? []).isEmpty || !(document.tickets ?? []).isEmpty else {
            throw ImportError.malformed(file: fileName, line: nil, reason: "the document has no customers and no tickets")
        }

        var simulation = ImportSimulation(state: state, actor: actor, now: now)

        // Agents the tickets name who are not on the roster yet.
        let named = Set(tickets.flatMap { _, t in [t.assignee].compactMap { $0 } + (t.messages ?? []).filter { $0.kind != "customer" }.map(\.author) })
        for (i, a) in agents where named.contains(a.login) && state.agents[a.login] == nil {
            let role = a.role.flatMap(AgentRole.init(rawValue:)) ?? .agent
            do {
                try simulation.commit(.agentSaved(Agent(login: a.login, displayName: a.displayName ?? a.login, role: role,
                                                        active: a.active ?? true)), at: nil)
            } catch {
                problem("agents", i, "\(error)")
            }
        }

        // Customers: matched, or created keeping their id when free; the rest get fresh ids afterwards.
        var ids: [String: String] = [:]          // document id → id in the store
        var idIndex: [String: Int] = [:]
        var needFreshID: [(Int, String, Customer)] = []
        for (i, c) in customers {
            do {
                let docID = c.id ?? ""
                if !docID.isEmpty {
                    if let first = idIndex[docID] {
                        throw FieldProblem("duplicate customer id '\(docID)' (also customers[\(first)])")
                    }
                    idIndex[docID] = i
                }
                let customer = try read(c)
                if let existing = simulation.existingCustomer(emails: customer.emails, phones: customer.phones) {
                    ids[docID] = existing
                } else if !docID.isEmpty, simulation.state.customers[docID] == nil {
                    ids[docID] = try simulation.create(customer)
                } else {
                    needFreshID.append((i, docID, customer))
                }
            } catch let p as FieldProblem {
                problem("customers", i, p.reason)
            } catch {
                problem("customers", i, "\(error)")
            }
        }
        for (i, docID, var customer) in needFreshID {
            customer.id = ""
            do { ids[docID] = try simulation.create(customer) } catch { problem("customers", i, "\(error)") }
        }

        // Tickets keep their numbers; any without one are numbered after the highest in the file.
        var numberIndex: [Int: Int] = [:]
        for (i, t) in tickets {
            guard let n = t.number else { continue }
            if let reason = Limits.ticketNumberProblem(n) {
                problem("tickets", i, reason)
            } else if state.tickets[n] != nil {
                problem("tickets", i, "ticket #\(n) already exists in this store")
            } else if let first = numberIndex[n] {
                problem("tickets", i, "duplicate ticket number #\(n) (also tickets[\(first)])")
            } else {
                numberIndex[n] = i
            }
        }
        var next = max(state.nextTicketNumber, (numberIndex.keys.max() ?? 0) + 1)
        var relations: [(Int, Int, Int?, [Int])] = []   // index, number, mergedInto, links
        for (i, t) in tickets {
            if let n = t.number, numberIndex[n] != i { continue }  // already reported (taken, repeated or out of range)
            let number: Int
            if let n = t.number { number = n } else { number = next; next += 1 }
            do {
                try plan(t, number: number, customerIDs: ids, documentCustomers: idIndex, in: &simulation)
                let targets = try (t.mergedInto.map { [$0] } ?? []).map { try ImportFields.ticketNumber($0, "mergedInto") }
                    + (t.links ?? []).map { try ImportFields.ticketNumber($0, "linked ticket number") }
                for target in targets where numberIndex[target] == nil && state.tickets[target] == nil {
                    throw FieldProblem("refers to ticket #\(target), which is neither in this file nor in the store")
                }
                if t.mergedInto != nil || !(t.links ?? []).isEmpty { relations.append((i, number, t.mergedInto, t.links ?? [])) }
            } catch let p as FieldProblem {
                problem("tickets", i, p.reason)
            } catch {
                problem("tickets", i, "\(error)")
            }
        }
        // Merges and links last, once every ticket they point at exists.
        for (i, number, mergedInto, links) in relations {
            guard let t = simulation.state.tickets[number] else { continue }
            let patch = TicketPatch.diff(t, mergedInto: .some(mergedInto), links: links)
            guard !patch.isEmpty else { continue }
            do {
                try simulation.commit(.ticketUpdated(number: number, base: t.version, patch: patch), at: nil)
            } catch {
                problem("tickets", i, "\(error)")
            }
        }

        guard problems.isEmpty else { throw ImportError.badRows(ImportProblem.inFileOrder(problems)) }
        return simulation.plan(warnings: [])
    }

    private func decode(_ text: String) throws -> Incoming {
        // Syntax first, with a line and column for whatever is wrong (see `JSONSyntax`).
        if let p = JSONSyntax.problem(in: text, wholeNumbersOnly: true) {
            throw ImportError.malformed(file: fileName, line: p.line, column: p.column, reason: "not valid JSON: \(p.reason)")
        }
        let doc: Incoming
        do {
            doc = try JSONDecoder().decode(Incoming.self, from: Data(text.utf8))
        } catch {
            throw ImportError.malformed(file: fileName, line: nil,
                reason: "not a helpdesk export: expected an object with \"format\", \"customers\" and \"tickets\" (\(Self.explain(error)))")
        }
        guard doc.format <= ExchangeDocument.currentFormat else {
            throw ImportError.malformed(file: fileName, line: nil,
                reason: "export format \(doc.format); this helpdesk reads up to \(ExchangeDocument.currentFormat) — upgrade helpdesk")
        }
        return doc
    }

    /// Turns a document customer into a model customer, checking every field.
    private func read(_ c: ExchangeCustomer) throws -> Customer {
        guard let name = c.name, !name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw FieldProblem("customer \(c.id.map { "'\($0)' " } ?? "")has no name")
        }
        let emails = try (c.emails ?? []).map(ImportFields.email)
        let phones = try (c.phones ?? []).map(ImportFields.phone)
        let since = try c.customerSince.map { try ImportFields.date($0, field: "customerSince") } ?? now
        let preferences = try (c.preferences ?? []).map { p in
            Preference(key: p.key, value: p.value,
                       confirmedAt: try p.confirmedAt.map { try ImportFields.date($0, field: "confirmedAt") } ?? since)
        }
        return Customer(id: c.id ?? "", name: name, preferredName: c.preferredName, emails: emails, phones: phones,
                        organisation: c.organisation, usualOrder: c.usualOrder, preferences: preferences,
                        notes: c.notes, customerSince: since, vip: c.vip ?? false, birthday: c.birthday)
    }

    private func plan(_ t: ExchangeTicket, number: Int, customerIDs: [String: String], documentCustomers: [String: Int],
                      in simulation: inout ImportSimulation) throws {
        guard let subject = t.subject, !subject.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw FieldProblem("missing subject")
        }
        guard let ref = t.customer, !ref.isEmpty else { throw FieldProblem("missing customer") }
        let requester: String
        if let id = customerIDs[ref] {
            requester = id
        } else if let i = documentCustomers[ref] {
            throw FieldProblem("its customer '\(ref)' (customers[\(i)]) could not be imported")
        } else if let c = simulation.state.customer(matching: ref) {
            requester = c.id
        } else {
            throw FieldProblem("unknown customer '\(ref)' (neither in this file's customers nor in the store)")
        }
        let status = try t.status.map(ImportFields.status) ?? .new
        let priority = try t.priority.map(ImportFields.priority) ?? .normal
        let channel = try t.channel.map(ImportFields.channel) ?? .email
        let assignee = try t.assignee.map { try ImportFields.agent($0) { simulation.state.agents[$0] != nil } }
        let created = try t.createdAt.map { try ImportFields.date($0, field: "createdAt") }
        let updated = try t.updatedAt.map { try ImportFields.date($0, field: "updatedAt") }
        let messages = try (t.messages ?? []).map { m in
            let kind = try ImportFields.messageKind(m.kind)
            let at = try m.at.map { try ImportFields.date($0, field: "message time") } ?? created ?? now
            // A customer's messages are signed with their id, which may differ in this store.
            let author = kind == .customer ? (customerIDs[m.author] ?? requester) : m.author
            return Message(kind: kind, author: author, body: m.body, at: at)
        }
        let rating = try t.satisfaction.map { s in
            Satisfaction(score: try ImportFields.score(s.score), comment: s.comment,
                         at: try s.at.map { try ImportFields.date($0, field: "satisfaction time") } ?? updated ?? created ?? now)
        }
        try simulation.commit(.ticketCreated(NewTicket(number: number, subject: subject, status: status, priority: priority,
                                                       tags: t.tags ?? [], assignee: assignee, group: t.group,
                                                       requester: requester, channel: channel, message: messages.first)),
                              at: created)
        for m in messages.dropFirst() {
            try simulation.commit(.messageAdded(number: number, message: m), at: m.at)
        }
        if let rating {
            try simulation.commit(.ticketRated(number: number, satisfaction: rating), at: rating.at)
        }
    }

    /// One sentence for a decoding error: which field, and what was wrong with it.
    static func explain(_ error: Error, droppingFirst depth: Int = 0) -> String {
        DecodingProblem.sentence(error, droppingFirst: depth)
    }
}

import Foundation

/// Plans the import of a JSON export document (see `ExchangeDocument`) into a store that may already
/// hold records: customers are matched to existing ones by email or phone, else created (keeping their
/// id when it is free); tickets keep their numbers, threads, ratings and promises; templates and saved
/// views the store lacks are added; the store keeps its own settings.
///
/// When the document carries its history, each ticket is rebuilt by replaying its own events (who
/// changed what, when: see `TicketHistoryReplay`), and must come out as its record says. Without one
/// (format 1, or a hand-written file) tickets are created from their records, as of their creation
/// time. `helpdesk restore` is the exact path: it replays the whole history into a new store.
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
        var settings: Lenient<Settings>?
        var agents: [Lenient<ExchangeAgent>]?
        var customers: [Lenient<ExchangeCustomer>]?
        var tickets: [Lenient<ExchangeTicket>]?
        var promises: [Lenient<ExchangePromise>]?
        var templates: [Lenient<ExchangeTemplate>]?
        var views: [Lenient<ExchangeView>]?
        var history: [Lenient<Event>]?
    }

    /// Only the format, read first so a newer document is refused before its shape is looked at.
    private struct FormatOnly: Decodable { var format: Int }

    func plan(_ text: String) throws -> ImportPlan {
        let document = try decode(text)
        let lines = JSONElementLines.scan(text)
        var problems: [ImportProblem] = []
        var warnings: [String] = []
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
        let promises = decoded("promises", document.promises)
        let templates = decoded("templates", document.templates)
        let views = decoded("views", document.views)
        let history = decoded("history", document.history).map(\.1)
        let replaying = !(document.history ?? []).isEmpty
        guard !(document.customers ?? []).isEmpty || !(document.tickets ?? []).isEmpty
                || !(document.templates ?? []).isEmpty || !(document.views ?? []).isEmpty else {
            throw ImportError.malformed(file: fileName, line: nil, reason: "the document has no customers, tickets, templates or views")
        }
        if case .success(let settings)? = document.settings?.value, settings != state.settings {
            warnings.append("\(fileName): its settings differ from this store's; the store keeps its own (`helpdesk restore` makes a new store with them)")
        }

        var simulation = ImportSimulation(state: state, actor: actor, now: now)

        // Agents the records name who are not on the roster yet.
        var named = Set(tickets.flatMap { _, t in [t.assignee].compactMap { $0 } + (t.messages ?? []).filter { $0.kind != "customer" }.map(\.author) })
        named.formUnion(promises.compactMap { $0.1.owner })
        named.formUnion(views.compactMap { $0.1.owner })
        if replaying { named.formUnion(TicketHistoryReplay.agentsNamed(by: history)) }
        // While a history is replayed they are active (it may assign them work from before they left);
        // those who left are taken off the active roster afterwards.
        var leavers: [(Int, Agent)] = []
        for (i, a) in agents where named.contains(a.login) && state.agents[a.login] == nil {
            let role = a.role.flatMap(AgentRole.init(rawValue:)) ?? .agent
            let agent = Agent(login: a.login, displayName: a.displayName ?? a.login, role: role, signature: a.signature,
                              active: a.active ?? true, publicKey: a.publicKey)
            var joining = agent
            if replaying && !agent.active {
                joining.active = true
                leavers.append((i, agent))
            }
            do {
                try simulation.commit(.agentSaved(joining), at: nil)
            } catch {
                problem("agents", i, "\(error)")
            }
        }

        // Customers: matched, or created keeping their id when free; the rest get fresh ids afterwards.
        // A merged duplicate is created bare and merged again into its survivor, so its old id still
        // finds the survivor (its contacts and details already moved there).
        var ids: [String: String] = [:]          // document id → id in the store
        var idIndex: [String: Int] = [:]
        var needFreshID: [(Int, String, Customer)] = []
        var duplicates: [(Int, String, String)] = []   // index, document id, merged into (document id)
        for (i, c) in customers {
            do {
                let docID = c.id ?? ""
                if !docID.isEmpty {
                    if let first = idIndex[docID] {
                        throw FieldProblem("duplicate customer id '\(docID)' (also customers[\(first)])")
                    }
                    idIndex[docID] = i
                }
                var customer = try read(c)
                if let into = c.mergedInto {
                    guard !docID.isEmpty else { throw FieldProblem("a merged customer needs its id") }
                    customer = Customer(id: customer.id, name: customer.name, customerSince: customer.customerSince)
                    duplicates.append((i, docID, into))
                } else if let existing = simulation.existingCustomer(emails: customer.emails, phones: customer.phones) {
                    ids[docID] = existing
                    continue
                }
                if !docID.isEmpty, simulation.state.customers[docID] == nil {
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
        let documentCustomers = Dictionary(customers.map { ($0.1.id ?? "", $0.1) }, uniquingKeysWith: { a, _ in a })
        for (i, docID, into) in duplicates {
            // Follow the document's chain to the customer that survived it.
            var end = into
            var seen: Set<String> = [docID]
            while let next = documentCustomers[end]?.mergedInto, seen.insert(end).inserted { end = next }
            guard let from = ids[docID] else { continue }
            guard let target = ids[end] else {
                problem("customers", i, "it was merged into '\(into)', which is not in this file's customers or could not be imported")
                continue
            }
            do { try simulation.commit(.customerMerged(from: from, into: target), at: nil) } catch { problem("customers", i, "\(error)") }
        }

        // Tickets keep their numbers; any without one are numbered after the highest in the file.
        var numberIndex: [Int: Int] = [:]
        for (i, t) in tickets {
            guard let n = t.number else {
                if replaying { problem("tickets", i, "missing number (a document with a history numbers every ticket)") }
                continue
            }
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
        if replaying {
            let replay = TicketHistoryReplay(tickets: tickets.filter { i, t in t.number.map { numberIndex[$0] == i } ?? false },
                                             customerIDs: ids)
            for p in replay.run(history, in: &simulation) { problem("tickets", p.index, p.reason) }
            for (i, agent) in leavers {
                do { try simulation.commit(.agentSaved(agent), at: nil) } catch { problem("agents", i, "\(error)") }
            }
        } else {
            planFromRecords(tickets, numberIndex: numberIndex, customerIDs: ids, documentCustomers: idIndex,
                            in: &simulation, problem: problem)
            planPromises(promises, in: &simulation, problem: problem)
        }
        planTemplates(templates, in: &simulation, warnings: &warnings, problem: problem)
        planViews(views, in: &simulation, warnings: &warnings, problem: problem)

        guard problems.isEmpty else { throw ImportError.badRows(ImportProblem.inFileOrder(problems)) }
        return simulation.plan(warnings: warnings)
    }

    /// Tickets from their records (no history): created as of their creation time, their thread and
    /// rating after; merges and links last, once every ticket they point at exists.
    private func planFromRecords(_ tickets: [(Int, ExchangeTicket)], numberIndex: [Int: Int], customerIDs ids: [String: String],
                                 documentCustomers idIndex: [String: Int], in simulation: inout ImportSimulation,
                                 problem: (String, Int, String) -> Void) {
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
    }

    /// Promises from their records (no history), on tickets this import created: made as of their
    /// creation, then kept or missed as of their resolution. They get fresh ids when theirs are taken.
    private func planPromises(_ promises: [(Int, ExchangePromise)], in simulation: inout ImportSimulation,
                              problem: (String, Int, String) -> Void) {
        let created = Set(simulation.ticketNumbers)
        for (i, p) in promises {
            do {
                guard let ticket = p.ticket else { throw FieldProblem("missing ticket") }
                guard created.contains(ticket) else {
                    throw FieldProblem("its ticket #\(ticket) is not among the tickets this file imports")
                }
                guard let text = p.text else { throw FieldProblem("missing text") }
                guard let dueText = p.due else { throw FieldProblem("missing due") }
                let due = try ImportFields.date(dueText, field: "due")
                let createdAt = try p.createdAt.map { try ImportFields.date($0, field: "createdAt") }
                let resolvedAt = try p.resolvedAt.map { try ImportFields.date($0, field: "resolvedAt") }
                let state = try p.state.map { s -> PromiseState in
                    guard let v = PromiseState(rawValue: s) else { throw FieldProblem("unknown promise state '\(s)' (open, kept, missed)") }
                    return v
                } ?? .open
                let id = p.id.flatMap { simulation.state.promises[$0] == nil && $0 > 0 ? $0 : nil } ?? 0
                let made = try simulation.commit(.promiseMade(CustomerPromise(id: id, text: text, due: due, ticket: ticket,
                                                                              owner: p.owner ?? actor, createdAt: createdAt ?? now)),
                                                 at: createdAt)
                if state != .open, case .promiseMade(let m) = made {
                    try simulation.commit(.promiseResolved(id: m.id, state: state), at: resolvedAt)
                }
            } catch let f as FieldProblem {
                problem("promises", i, f.reason)
            } catch {
                problem("promises", i, "\(error)")
            }
        }
    }

    /// Templates the store lacks are added; one it has by the same name is kept as it is.
    private func planTemplates(_ templates: [(Int, ExchangeTemplate)], in simulation: inout ImportSimulation,
                               warnings: inout [String], problem: (String, Int, String) -> Void) {
        for (i, t) in templates {
            do {
                guard let name = t.name else { throw FieldProblem("missing name") }
                guard let body = t.body else { throw FieldProblem("missing body") }
                let actions = TemplateActions(status: try t.actions?.status.map(ImportFields.status),
                                              priority: try t.actions?.priority.map(ImportFields.priority),
                                              addTags: t.actions?.addTags ?? [])
                let template = Template(name: name, body: body, actions: actions)
                if let existing = simulation.state.templates[name] {
                    if existing != template {
                        warnings.append("\(fileName): template '\(name)' differs from the one this store has; the store's was kept")
                    }
                    continue
                }
                try simulation.commit(.templateSaved(template), at: nil)
            } catch let f as FieldProblem {
                problem("templates", i, f.reason)
            } catch {
                problem("templates", i, "\(error)")
            }
        }
    }

    /// Saved views the store lacks are added; one its owner already has by that name is kept.
    private func planViews(_ views: [(Int, ExchangeView)], in simulation: inout ImportSimulation,
                           warnings: inout [String], problem: (String, Int, String) -> Void) {
        for (i, v) in views {
            do {
                guard let owner = v.owner, let name = v.name, let query = v.query else {
                    throw FieldProblem("a view needs an owner, a name and a query")
                }
                if let existing = simulation.state.savedViews[owner]?.first(where: { $0.name == name }) {
                    if existing.query != query {
                        warnings.append("\(fileName): \(owner)'s view '\(name)' differs from the one this store has; the store's was kept")
                    }
                    continue
                }
                try simulation.commit(.viewSaved(SavedView(owner: owner, name: name, query: query)), at: nil)
            } catch let f as FieldProblem {
                problem("views", i, f.reason)
            } catch {
                problem("views", i, "\(error)")
            }
        }
    }

    private func decode(_ text: String) throws -> Incoming {
        // Syntax first, with a line and column for whatever is wrong (see `JSONSyntax`).
        if let p = JSONSyntax.problem(in: text, wholeNumbersOnly: true) {
            throw ImportError.malformed(file: fileName, line: p.line, column: p.column, reason: "not valid JSON: \(p.reason)")
        }
        if let peek = try? JSONDecoder().decode(FormatOnly.self, from: Data(text.utf8)), peek.format > ExchangeDocument.currentFormat {
            throw ImportError.malformed(file: fileName, line: nil,
                reason: "export format \(peek.format); this helpdesk reads up to \(ExchangeDocument.currentFormat) — upgrade helpdesk")
        }
        let doc: Incoming
        do {
            doc = try ExchangeJSON.decoder().decode(Incoming.self, from: Data(text.utf8))
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
    func read(_ c: ExchangeCustomer) throws -> Customer {
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

    func plan(_ t: ExchangeTicket, number: Int, customerIDs: [String: String], documentCustomers: [String: Int],
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

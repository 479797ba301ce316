import Foundation

/// Plans the import of a tickets CSV (one ticket per row, with a header row naming the columns; see
/// `TicketCSVColumn`). Customers are matched by email or phone, else created once per new contact.
struct CSVImport {
    let fileName: String
    let state: HelpdeskState
    let actor: String
    let now: Date

    /// One row's fields, read and checked, before anything is planned.
    struct Row {
        var line: Int
        var number: Int?
        var subject = ""
        var email: String?
        var phone: String?
        var customerName: String?
        var preferredName: String?
        var usualOrder: String?
        var body: String?
        var status = TicketStatus.new
        var priority = Priority.normal
        var tags: [String] = []
        var channel = Channel.email
        var assignee: String?
        var group: String?
        var created: Date?
        var updated: Date?
        var score: Int?
        var comment: String?
    }

    func plan(_ text: String) throws -> ImportPlan {
        let csv = try CSVRecords.read(text, fileName: fileName)
        var columns: [TicketCSVColumn: Int] = [:]
        var warnings: [String] = []
        for (i, name) in csv.header.enumerated() {
            guard let column = TicketCSVColumn(header: name) else {
                if !name.trimmingCharacters(in: .whitespaces).isEmpty {
                    warnings.append("\(fileName): column '\(name)' is not a ticket field; it was ignored")
                }
                continue
            }
            if let first = columns[column] {
                // Which of the two is meant cannot be guessed, and taking either loses the other's data.
                throw ImportError.malformed(file: fileName, line: csv.headerLine, column: nil,
                    reason: "columns \(first + 1) ('\(csv.header[first])') and \(i + 1) ('\(name)') are both \(column.rawValue); keep one of them")
            }
            columns[column] = i
        }
        guard columns[.subject] != nil, columns[.customerEmail] != nil || columns[.customerPhone] != nil else {
            throw ImportError.malformed(file: fileName, line: csv.headerLine,
                reason: "the header row needs a 'subject' column and a 'customer_email' (or 'customer_phone') column")
        }
        guard !csv.rows.isEmpty else {
            throw ImportError.malformed(file: fileName, line: nil, reason: "the file has a header row but no tickets")
        }

        var problems: [ImportProblem] = []
        var rows: [Row] = []
        var numberLines: [Int: Int] = [:]
        for record in csv.rows {
            func value(_ c: TicketCSVColumn) -> String? {
                guard let i = columns[c], i < record.fields.count else { return nil }
                let v = record.fields[i]
                return v.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : v
            }
            guard record.fields.count <= csv.header.count else {
                // A comma too many (an unquoted comma in a name or an amount) shifts every later field,
                // so nothing else on the row can be trusted or usefully reported.
                problems.append(ImportProblem(file: fileName, line: record.line,
                    reason: "\(record.fields.count) fields, but the header row has \(csv.header.count) columns (is a comma inside a field missing its quotes?)"))
                continue
            }
            var reasons: [String] = []
            func read<T>(_ c: TicketCSVColumn, _ parse: (String) throws -> T) -> T? {
                guard let text = value(c) else { return nil }
                do { return try parse(text) } catch let p as FieldProblem { reasons.append(p.reason) } catch {
                    reasons.append("\(error)")
                }
                return nil
            }

            var row = Row(line: record.line)
            row.number = read(.number, ImportFields.ticketNumber)
            if let n = row.number {
                if state.tickets[n] != nil {
                    reasons.append("ticket #\(n) already exists in this store")
                } else if let first = numberLines[n] {
                    reasons.append("duplicate ticket number #\(n) (also on line \(first))")
                } else {
                    numberLines[n] = record.line
                }
            }
            if let s = value(.subject) { row.subject = s } else { reasons.append("missing subject") }
            row.email = read(.customerEmail, ImportFields.email)
            row.phone = read(.customerPhone, ImportFields.phone)
            if value(.customerEmail) == nil && value(.customerPhone) == nil {
                reasons.append("missing customer_email (or customer_phone)")
            }
            row.customerName = value(.customerName)
            row.preferredName = value(.preferredName)
            row.usualOrder = value(.usualOrder)
            row.body = value(.firstMessage)
            row.status = read(.status, ImportFields.status) ?? .new
            row.priority = read(.priority, ImportFields.priority) ?? .normal
            row.tags = value(.tags).map(ImportFields.tags) ?? []
            row.channel = read(.channel, ImportFields.channel) ?? .email
            row.assignee = read(.assignee) { try ImportFields.agent($0) { state.agents[$0] != nil } }
            row.group = value(.group)
            row.created = read(.created) { try ImportFields.date($0, field: "created") }
            row.updated = read(.updated) { try ImportFields.date($0, field: "updated") }
            row.score = read(.satisfaction, ImportFields.score)
            row.comment = value(.satisfactionComment)
            if row.comment != nil && value(.satisfaction) == nil {
                reasons.append("satisfaction_comment given without a satisfaction score")
            }
            if reasons.isEmpty {
                rows.append(row)
            } else {
                problems += reasons.map { ImportProblem(file: fileName, line: record.line, reason: $0) }
            }
        }

        // Rows without a number get numbers after every number the file names, so they never collide.
        var next = max(state.nextTicketNumber, (numberLines.keys.max() ?? 0) + 1)
        var simulation = ImportSimulation(state: state, actor: actor, now: now)
        for var row in rows {
            if row.number == nil {
                row.number = next
                next += 1
            }
            do {
                try plan(row, in: &simulation)
            } catch {
                problems.append(ImportProblem(file: fileName, line: row.line, reason: "\(error)"))
            }
        }
        guard problems.isEmpty else { throw ImportError.badRows(ImportProblem.inFileOrder(problems)) }
        return simulation.plan(warnings: warnings)
    }

    private func plan(_ row: Row, in simulation: inout ImportSimulation) throws {
        let emails = row.email.map { [$0] } ?? []
        let phones = row.phone.map { [$0] } ?? []
        let requester: String
        if let id = simulation.existingCustomer(emails: emails, phones: phones) {
            requester = id
        } else {
            let name = row.customerName ?? row.email.map { String($0.split(separator: "@")[0]) } ?? row.phone ?? ""
            requester = try simulation.create(Customer(id: "", name: name, preferredName: row.preferredName,
                                                       emails: emails, phones: phones, usualOrder: row.usualOrder,
                                                       customerSince: row.created ?? now))
        }
        let message = row.body.map { Message(kind: .customer, author: requester, body: $0, at: row.created ?? now) }
        let number = row.number ?? 0
        try simulation.commit(.ticketCreated(NewTicket(number: number, subject: row.subject, status: row.status,
                                                       priority: row.priority, tags: row.tags, assignee: row.assignee,
                                                       group: row.group, requester: requester, channel: row.channel,
                                                       message: message)),
                              at: row.created)
        if let score = row.score {
            let at = row.updated ?? row.created ?? now
            try simulation.commit(.ticketRated(number: number, satisfaction: Satisfaction(score: score, comment: row.comment, at: at)),
                                  at: at)
        }
    }
}

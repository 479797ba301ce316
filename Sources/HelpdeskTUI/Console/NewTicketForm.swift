import Foundation
import HelpdeskCore

/// `m`: open a ticket from the console. The customer field searches customers by name, email or
/// phone as you type (Up/Down and Tab pick one); an email nobody has yet creates the customer, named
/// from the Name field. With auto-assignment on, the ticket goes to the next online agent in turn.
enum NewTicketForm {
    static let channels = Channel.allCases.map(\.rawValue)
    static let priorities = Priority.allCases.map(\.rawValue)

    static func open(console: Console) {
        let form = FormWidget(title: "New ticket", fields: [
            .text("Customer", placeholder: "name, email or phone"),
            .text("Subject"),
            .text("Message", placeholder: "the customer's first message (optional)"),
            .choice("Channel", channels, selected: channels.firstIndex(of: Channel.phone.rawValue) ?? 0),
            .choice("Priority", priorities, selected: priorities.firstIndex(of: Priority.normal.rawValue) ?? 0),
            .text("New name", placeholder: "only when Customer is a new email"),
        ], footer: "Enter creates · Tab next field · ↑↓ pick a customer · Esc cancels")
        console.fill(form, actions: FormActions(changed: { form in
            suggest(&form, state: console.state)
        }, submit: { form in
            create(form, console: console)
        }))
    }

    /// The label a customer suggestion shows; the id at the end is how it is found again.
    static func label(_ c: Customer) -> String {
        ([c.name] + [c.emails.first ?? c.phones.first].compactMap { $0 } + [c.id]).joined(separator: " · ")
    }

    /// Customers matching the text: an exact email or phone first, then names starting with it, then
    /// names, emails or phones containing it. At most five.
    static func matches(_ text: String, state: HelpdeskState) -> [Customer] {
        let query = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard query.count >= 2 else { return [] }
        var out: [Customer] = []
        if let exact = state.customer(matching: query) { out.append(exact) }
        var prefix: [Customer] = [], inside: [Customer] = []
        let digits = ContactKey.phone(query)
        for c in state.customers.values where c.id != out.first?.id {
            let name = c.name.lowercased()
            if name.hasPrefix(query) || (c.preferredName?.lowercased().hasPrefix(query) ?? false) {
                prefix.append(c)
            } else if name.contains(query) || c.emails.contains(where: { $0.lowercased().contains(query) })
                        || (digits.count >= 4 && c.phones.contains { ContactKey.phone($0).contains(digits) }) {
                inside.append(c)
            }
        }
        out += prefix.sorted { $0.name < $1.name } + inside.sorted { $0.name < $1.name }
        return Array(out.prefix(5))
    }

    static func suggest(_ form: inout FormWidget, state: HelpdeskState) {
        guard let i = form.index(of: "Customer") else { return }
        let text = form.fields[i].input.text
        if resolve(text, state: state) != nil || form.focus != i {
            form.fields[i].suggestions = []
            form.fields[i].suggestion = nil
            return
        }
        let found = matches(text, state: state).map(label)
        if found != form.fields[i].suggestions {
            form.fields[i].suggestions = found
            form.fields[i].suggestion = found.isEmpty ? nil : 0
        }
    }

    /// The customer a field's text names: a picked suggestion (ends in the id), an id, an email or a phone.
    static func resolve(_ text: String, state: HelpdeskState) -> Customer? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let id = trimmed.components(separatedBy: " · ").last, trimmed.contains(" · "), let c = state.customers[id] { return c }
        return state.customer(matching: trimmed)
    }

    /// Creates the ticket (and the customer when new); returns why not, keeping the form open.
    static func create(_ form: FormWidget, console: Console) -> String? {
        let state = console.state
        let now = console.now
        let customerText = form["Customer"]?.value.trimmingCharacters(in: .whitespaces) ?? ""
        let subject = form["Subject"]?.value.trimmingCharacters(in: .whitespaces) ?? ""
        guard !customerText.isEmpty else { return "Who is it for? Type a name, email or phone in Customer." }
        guard !subject.isEmpty else { return "A ticket needs a subject." }
        var changes: [Change] = []
        let requester: String
        var who: String
        if let c = resolve(customerText, state: state) {
            requester = c.id
            who = c.greetingName
        } else if customerText.contains("@"), !customerText.contains(" ") {
            let typedName = form["New name"]?.value.trimmingCharacters(in: .whitespaces) ?? ""
            let name = typedName.isEmpty ? String(customerText.split(separator: "@")[0]) : typedName
            let new = Customer(id: "", name: name, emails: [customerText], customerSince: now)
            do {
                let prepared = try state.prepare(.customerCreated(new), actor: console.me, at: now)
                guard case .customerCreated(let c) = prepared else { return "could not create the customer" }
                changes.append(prepared)
                requester = c.id
                who = c.name + " (new customer)"
            } catch {
                return "\(error)"
            }
        } else {
            return "No customer matches '\(customerText)'; pick one with ↑↓, or type an email to create one."
        }
        let body = form["Message"]?.value.trimmingCharacters(in: .whitespaces) ?? ""
        let message = body.isEmpty ? nil : Message(kind: .customer, author: requester, body: body, at: now)
        let channel = Channel(rawValue: form["Channel"]?.value ?? "") ?? .email
        let priority = Priority(rawValue: form["Priority"]?.value ?? "") ?? .normal
        let assignee = state.autoAssignee(online: console.presence?.online(me: console.me) ?? [console.me])
        changes.append(.ticketCreated(NewTicket(subject: subject, priority: priority, assignee: assignee,
                                                requester: requester, channel: channel, message: message)))
        var number: Int?
        let done = console.write(changes, done: "") { events in
            for e in events { if case .ticketCreated(let t) = e.change { number = t.number } }
        }
        guard done, let number else { return console.message?.text ?? "not saved" }
        console.show("Created #\(number) for \(who)" + (assignee.map { ", assigned to \(state.agentName($0))" } ?? ""))
        console.push(TicketScreen(number: number, console: console))
        return nil
    }
}

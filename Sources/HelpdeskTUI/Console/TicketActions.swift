import HelpdeskCore

/// The quick actions on one ticket — claim, assign, status, priority — shared by the queue (on the
/// selected row) and the ticket screen. Each goes through the store, which refuses a stale change.
enum TicketActions {
    static let names: Set<String> = ["claim", "assign", "status", "priority", "tags", "edit", "history", "merge", "link",
                                     "unlink", "apply-template"]

    /// Runs `command` on `ticket` (the version the agent was looking at). False if not an action.
    static func perform(_ command: CommandInvocation, on ticket: Ticket, console: Console) -> Bool {
        guard names.contains(command.name) else { return false }
        let arg = command.argumentText
        switch command.name {
        case "claim":
            if ticket.assignee == console.me {
                console.show("#\(ticket.number) is already yours")
                return true
            }
            var patch = TicketPatch.diff(ticket, assignee: .some(console.me))
            // Someone took it on: a new ticket is now open.
            if ticket.status == .new { patch.status = FromTo(.new, .open) }
            console.write([.ticketUpdated(number: ticket.number, base: ticket.version, patch: patch)],
                          done: "#\(ticket.number) is yours")
        case "status":
            if !arg.isEmpty {
                guard let s = TicketStatus(loose: arg) else {
                    console.show("unknown status '\(arg)' (new, open, pending, on hold, solved, closed)", kind: .error)
                    return true
                }
                setStatus(s, on: ticket, console: console)
            } else {
                let all = TicketStatus.allCases
                let items = all.map { PickerItem($0.label, style: console.style(TicketRowPresenter.role(for: $0))) }
                console.pick(PickerWidget(title: "Status of #\(ticket.number)", items: items,
                                          selected: all.firstIndex(of: ticket.status))) { index in
                    setStatus(all[index], on: ticket, console: console)
                    // Solving from the picker asks for the customer's rating (Esc skips).
                    if all[index] == .solved, console.state.tickets[ticket.number]?.status == .solved,
                       ticket.status != .solved, ticket.satisfaction == nil {
                        CustomerActions.rate(ticket.number, console: console)
                    }
                }
            }
        case "priority":
            if !arg.isEmpty {
                guard let p = Priority(loose: arg) else {
                    console.show("unknown priority '\(arg)' (low, normal, high, urgent)", kind: .error)
                    return true
                }
                setPriority(p, on: ticket, console: console)
            } else {
                let all = Array(Priority.allCases.reversed())
                let items = all.map { PickerItem($0.rawValue, style: console.style(TicketRowPresenter.role(for: $0))) }
                console.pick(PickerWidget(title: "Priority of #\(ticket.number)", items: items,
                                          selected: all.firstIndex(of: ticket.priority))) { index in
                    setPriority(all[index], on: ticket, console: console)
                }
            }
        case "assign":
            let agents = console.state.agents.values.filter(\.active).sorted { $0.login < $1.login }
            if !arg.isEmpty {
                let who = arg == "me" ? console.me : arg
                if who == "none" {
                    assign(nil, to: ticket, console: console)
                } else if agents.contains(where: { $0.login == who }) {
                    assign(who, to: ticket, console: console)
                } else {
                    console.show("'\(arg)' is not on the roster", kind: .error)
                }
                return true
            }
            var load: [String: Int] = [:]
            for t in console.state.tickets.values where t.status.isOpen {
                if let a = t.assignee { load[a, default: 0] += 1 }
            }
            let online = console.presence?.online(me: console.me) ?? [console.me]
            var items = agents.map {
                PickerItem($0.displayName, detail: "\($0.login) · \(load[$0.login] ?? 0) open · " + (online.contains($0.login) ? "online" : "offline"))
            }
            items.append(PickerItem("Nobody", detail: "unassign"))
            console.pick(PickerWidget(title: "Assign #\(ticket.number)", items: items,
                                      selected: agents.firstIndex { $0.login == ticket.assignee })) { index in
                assign(index < agents.count ? agents[index].login : nil, to: ticket, console: console)
            }
        case "tags":
            if arg.isEmpty {
                TicketEditForms.editTags(ticket, console: console)
            } else if let refusal = TicketEditForms.setTags(arg, on: ticket, console: console) {
                console.show(refusal, kind: .error)
            }
        case "edit":
            TicketEditForms.editSubjectAndGroup(ticket, console: console)
        case "history":
            console.push(HistoryScreen(number: ticket.number, console: console))
        case "merge":
            MergeLinkActions.merge(ticket, arg: arg, console: console)
        case "link", "unlink":
            MergeLinkActions.link(ticket, arg: arg, console: console, remove: command.name == "unlink")
        case "apply-template":
            TemplateActionsPicker.choose(arg, console: console) { template in
                let patch = TemplateActionsPicker.patch(template.actions, on: ticket)
                guard !patch.isEmpty else { return console.show("#\(ticket.number) already matches '\(template.name)'") }
                console.write([.ticketUpdated(number: ticket.number, base: ticket.version, patch: patch)],
                              done: "#\(ticket.number): " + patch.descriptions.joined(separator: "; "))
            }
        default:
            return false
        }
        return true
    }

    private static func setStatus(_ s: TicketStatus, on t: Ticket, console: Console) {
        guard s != t.status else { return console.show("#\(t.number) is already \(s.label)") }
        console.write([.ticketUpdated(number: t.number, base: t.version, patch: TicketPatch(status: FromTo(t.status, s)))],
                      done: "#\(t.number) is now \(s.label)")
    }

    private static func setPriority(_ p: Priority, on t: Ticket, console: Console) {
        guard p != t.priority else { return console.show("#\(t.number) is already \(p.rawValue)") }
        console.write([.ticketUpdated(number: t.number, base: t.version, patch: TicketPatch(priority: FromTo(t.priority, p)))],
                      done: "#\(t.number) priority \(p.rawValue)")
    }

    private static func assign(_ who: String?, to t: Ticket, console: Console) {
        guard who != t.assignee else { return console.show("#\(t.number) is already assigned to \(who ?? "nobody")") }
        console.write([.ticketUpdated(number: t.number, base: t.version, patch: TicketPatch(assignee: FromTo(t.assignee, who)))],
                      done: "#\(t.number) assigned to \(who.map { console.state.agentName($0) } ?? "nobody")")
    }
}

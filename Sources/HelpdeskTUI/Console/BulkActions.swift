import Foundation
import HelpdeskCore

/// Claim, assign, status, priority, tags or a template's actions on every marked ticket: the value
/// is chosen once, one confirmation, then one change (one event) per ticket, each based on the
/// version the agent saw when marking it. Tickets changed underneath in the same fields are refused
/// by the store and listed in the summary (and stay marked); the rest are changed.
enum BulkActions {
    static let names: Set<String> = ["claim", "assign", "status", "priority", "tags", "apply-template"]

    /// What the agent chose, applied to one ticket as it is now.
    typealias PatchMaker = (Ticket) -> TicketPatch

    static func perform(_ command: CommandInvocation, marks: [(number: Int, seen: Int)], console: Console,
                        finished: @escaping (_ refused: [Int]) -> Void) -> Bool {
        guard names.contains(command.name) else { return false }
        guard !marks.isEmpty else {
            console.show("No tickets are marked — Space marks one, v a range, * the whole view", kind: .warning)
            return true
        }
        let arg = command.argumentText
        let count = marks.count
        func run(_ what: String, _ make: @escaping PatchMaker) {
            console.confirm(title: "Bulk change", message: "\(what) on \(count) ticket\(count == 1 ? "" : "s")?") {
                apply(what, marks: marks, console: console, make: make, finished: finished)
            }
        }
        switch command.name {
        case "claim":
            let me = console.me
            run("Claim (assign to \(console.state.agentName(me)))") { t in
                var p = TicketPatch.diff(t, assignee: .some(me))
                if t.status == .new, !p.isEmpty { p.status = FromTo(.new, .open) }
                return p
            }
        case "status":
            chooseValue(arg, all: TicketStatus.allCases, parse: TicketStatus.init(loose:), label: \.label,
                        unknown: "unknown status '\(arg)' (new, open, pending, on hold, solved, closed)",
                        title: "Status of \(count) tickets", console: console) { s in
                run("Set status \(s.label)") { TicketPatch.diff($0, status: s) }
            }
        case "priority":
            chooseValue(arg, all: Array(Priority.allCases.reversed()), parse: Priority.init(loose:), label: \.rawValue,
                        unknown: "unknown priority '\(arg)' (low, normal, high, urgent)",
                        title: "Priority of \(count) tickets", console: console) { p in
                run("Set priority \(p.rawValue)") { TicketPatch.diff($0, priority: p) }
            }
        case "assign":
            let agents = console.state.agents.values.filter(\.active).sorted { $0.login < $1.login }
            let chosen: (String?) -> Void = { who in
                run("Assign to \(who.map { console.state.agentName($0) } ?? "nobody")") { TicketPatch.diff($0, assignee: .some(who)) }
            }
            if !arg.isEmpty {
                let who = arg == "me" ? console.me : arg
                if who == "none" { chosen(nil) } else if agents.contains(where: { $0.login == who }) { chosen(who) } else {
                    console.show("'\(arg)' is not on the roster", kind: .error)
                }
            } else {
                let load = console.state.openLoad
                let online = console.presence?.online(me: console.me) ?? [console.me]
                var items = agents.map {
                    PickerItem($0.displayName, detail: "\($0.login) · \(load[$0.login] ?? 0) open · " + (online.contains($0.login) ? "online" : "offline"))
                }
                items.append(PickerItem("Nobody", detail: "unassign"))
                console.pick(PickerWidget(title: "Assign \(count) tickets", items: items)) { i in
                    chosen(i < agents.count ? agents[i].login : nil)
                }
            }
        case "tags":
            let chosen: (String) -> String? = { text in
                // In bulk, bare words add; -word removes.
                let words = text.split(whereSeparator: { $0 == " " || $0 == "," }).map { $0.hasPrefix("-") || $0.hasPrefix("+") ? String($0) : "+" + $0 }
                guard !words.isEmpty else { return "Type tags to add (word or +word) or remove (-word)." }
                do { _ = try TicketEditForms.parse(words.joined(separator: " "), current: []) } catch { return "\(error)" }
                run("Tags \(words.joined(separator: " "))") { t in
                    let tags = (try? TicketEditForms.parse(words.joined(separator: " "), current: t.tags)) ?? t.tags
                    return TicketPatch.diff(t, tags: tags)
                }
                return nil
            }
            if !arg.isEmpty {
                if let refusal = chosen(arg) { console.show(refusal, kind: .error) }
            } else {
                console.fill(FormWidget(title: "Tags on \(count) tickets", fields: [
                    .text("Tags", placeholder: "word adds, -word removes; Tab completes", completions: TicketEditForms.knownTags(console.state)),
                ], footer: "Enter continues · Tab completes · Esc cancels"), actions: FormActions(submit: { form in
                    chosen(form["Tags"]?.value ?? "")
                }))
            }
        case "apply-template":
            TemplateActionsPicker.choose(arg, console: console) { template in
                run("Template '\(template.name)' (\(TemplateActionsPicker.summary(template.actions)))") {
                    TemplateActionsPicker.patch(template.actions, on: $0)
                }
            }
        default:
            return false
        }
        return true
    }

    /// The value typed after the command, or picked from `all` when none was typed.
    static func chooseValue<T>(_ arg: String, all: [T], parse: (String) -> T?, label: (T) -> String, unknown: String,
                               title: String, console: Console, chosen: @escaping (T) -> Void) {
        guard arg.isEmpty else {
            guard let value = parse(arg) else { return console.show(unknown, kind: .error) }
            return chosen(value)
        }
        console.pick(PickerWidget(title: title, items: all.map { PickerItem(label($0)) })) { chosen(all[$0]) }
    }

    /// One append per ticket, each on the version seen when marking; then one summary line.
    static func apply(_ what: String, marks: [(number: Int, seen: Int)], console: Console, make: PatchMaker,
                      finished: ([Int]) -> Void) {
        var changed: [Int] = [], unchanged: [Int] = [], refused: [(Int, String)] = []
        for (n, seen) in marks {
            guard let t = console.state.tickets[n] else {
                refused.append((n, "it no longer exists"))
                continue
            }
            let patch = make(t)
            guard !patch.isEmpty else {
                unchanged.append(n)
                continue
            }
            do {
                try console.commit([.ticketUpdated(number: n, base: seen, patch: patch)])
                changed.append(n)
            } catch let ChangeError.stale(s) {
                refused.append((n, "\(s.fields.joined(separator: ", ")) changed by \(console.state.agentName(s.by))"))
            } catch {
                refused.append((n, "\(error)"))
            }
        }
        var summary = "\(what): \(changed.count) changed"
        if !unchanged.isEmpty { summary += ", \(unchanged.count) already so" }
        if !refused.isEmpty {
            summary += ", \(refused.count) refused — " + refused.map { "#\($0.0) \($0.1)" }.joined(separator: "; ")
                + " (still marked)"
        }
        console.show(summary, kind: refused.isEmpty ? .info : .warning)
        finished(refused.map(\.0))
    }
}

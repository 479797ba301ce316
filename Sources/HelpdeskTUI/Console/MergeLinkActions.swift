import Foundation
import HelpdeskCore

/// `M` merge this ticket into another, `L` link it to a related one, `:unlink N`. The target is
/// typed (or given after the command); a merge is confirmed first because it closes this ticket.
enum MergeLinkActions {
    static func ticketNumber(_ text: String) -> Int? {
        let t = text.trimmingCharacters(in: .whitespaces)
        return Int(t.hasPrefix("#") ? String(t.dropFirst()) : t)
    }

    /// Asks for the other ticket's number unless given, then runs `act` with it.
    static func withTarget(_ arg: String, title: String, console: Console, act: @escaping (Ticket) -> String?) {
        if !arg.isEmpty {
            guard let n = ticketNumber(arg) else { return console.show("'\(arg)' is not a ticket number", kind: .error) }
            guard let t = console.state.tickets[n] else { return console.show("ticket #\(n) does not exist", kind: .error) }
            if let refusal = act(t) { console.show(refusal, kind: .error) }
            return
        }
        console.fill(FormWidget(title: title, fields: [.text("Ticket", placeholder: "number, e.g. 1042")]),
                     actions: FormActions(submit: { form in
            let text = form["Ticket"]?.value ?? ""
            guard let n = ticketNumber(text) else { return "'\(text)' is not a ticket number" }
            guard let t = console.state.tickets[n] else { return "ticket #\(n) does not exist" }
            return act(t)
        }))
    }

    static func merge(_ source: Ticket, arg: String, console: Console) {
        withTarget(arg, title: "Merge #\(source.number) into", console: console) { target in
            let full: Ticket
            do {
                full = try console.store.ticket(source.number)
                _ = try TicketMerge.changes(merging: full, into: target, actor: console.me, at: console.now)
            } catch {
                return "\(error)"
            }
            let message = "Merge #\(source.number) \"\(source.subject)\" into #\(target.number) \"\(target.subject)\"? "
                + "Its \(full.messages.count) message(s) are copied into #\(target.number) and #\(source.number) is closed."
            console.confirm(title: "Merge", message: message) {
                // Re-read the source: the thread may have grown while the question was open.
                do {
                    let now = try console.store.ticket(source.number)
                    let changes = try TicketMerge.changes(merging: now, into: console.state.tickets[target.number] ?? target,
                                                          actor: console.me, at: console.now)
                    console.write(changes, done: "Merged #\(source.number) into #\(target.number)")
                } catch {
                    console.show("Not merged: \(error)", kind: .error)
                }
            }
            return nil
        }
    }

    static func link(_ a: Ticket, arg: String, console: Console, remove: Bool = false) {
        withTarget(arg, title: remove ? "Unlink #\(a.number) from" : "Link #\(a.number) to", console: console) { b in
            do {
                let changes = remove ? try TicketLinks.unlink(a, b) : try TicketLinks.link(a, b)
                console.write(changes, done: remove ? "#\(a.number) and #\(b.number) are no longer linked"
                                                    : "#\(a.number) and #\(b.number) are linked")
                return nil
            } catch {
                return "\(error)"
            }
        }
    }
}

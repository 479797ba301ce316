import Foundation
import HelpdeskCore

/// What an agent does with the customer behind a ticket — edit the usual order and preferences,
/// record and resolve promises, record a rating — shared by the ticket screen, the queue (on the
/// selected row) and the customers screen. Every edit is one event (who and when), checked by the
/// store; a refusal keeps the dialog open with the reason, and nothing changes.
enum CustomerActions {
    static let ticketCommands: Set<String> = ["usual", "preferences", "promise", "promise-done", "rate", "log"]

    /// Runs a customer command for `ticket`. False if it is not one.
    static func perform(_ command: CommandInvocation, ticket: Ticket, console: Console) -> Bool {
        switch command.name {
        case "usual": editUsual(customerID: ticket.requester, console: console)
        case "preferences": editPreferences(customerID: ticket.requester, console: console)
        case "promise": makePromise(on: ticket.number, text: command.argumentText, console: console)
        case "promise-done": resolvePromise(on: ticket.number, console: console)
        case "rate": rate(ticket.number, console: console)
        case "log": logWords(on: ticket.number, channel: command.argumentText, console: console)
        default: return false
        }
        return true
    }

    /// Appends changes; nil when saved, else the reason (also shown in the status line).
    static func save(_ changes: [Change], done: String, console: Console, then: (([Event]) -> Void)? = nil) -> String? {
        console.write(changes, done: done, then: then) ? nil : (console.message?.text ?? "not saved")
    }

    // MARK: What the customer said

    /// Writes down what the customer said on the phone (or at the counter: `:log walk-in`) as their
    /// message on the ticket, under the reopen rule (`CustomerWords`).
    static func logWords(on number: Int, channel text: String, console: Console) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let channel = trimmed.isEmpty ? .phone : Channel(loose: trimmed) else {
            return console.show("'\(trimmed)' is not a channel: phone, walk-in, chat, web or email", kind: .warning)
        }
        guard let t = console.state.tickets[number] else { return console.show("#\(number) does not exist", kind: .error) }
        let name = console.state.customers[t.requester]?.greetingName ?? t.requester
        let how = channel == .walkIn ? "in person" : "by \(channel.rawValue)"
        let dialog = InputDialog(title: "\(name)'s words on #\(number) (\(how))",
                                 prompt: "What did \(name) say? It is recorded as their message, written down by you.",
                                 text: "", placeholder: "e.g. still no parcel, will be home after 5",
                                 footer: "Enter records it · Esc cancels")
        console.ask(dialog) { text in
            let changes: [Change]
            do {
                changes = try CustomerWords.changes(state: console.state, ticket: number, body: text, via: channel,
                                                    agent: console.me, at: console.now)
            } catch {
                return "\(error)"
            }
            return save(changes, done: "#\(number): \(name)'s words recorded", console: console, then: { events in
                // A closed ticket: the words started a new one; link the two now its number is known.
                guard case .ticketCreated(let new)? = events.first?.change,
                      let a = console.state.tickets[new.number], let b = console.state.tickets[number],
                      let link = try? TicketLinks.link(a, b) else { return }
                _ = console.write(link, done: "#\(number) is closed: \(name)'s words started #\(new.number), linked to it")
            })
        }
    }

    // MARK: Usual order

    static func editUsual(customerID: String, console: Console) {
        guard let c = console.state.customers[console.state.survivor(of: customerID)] else {
            return console.show("customer \(customerID) does not exist", kind: .error)
        }
        let dialog = InputDialog(title: "Usual order — \(c.greetingName)", prompt: "What does \(c.greetingName) usually have? (empty forgets it)",
                                 text: c.usualOrder ?? "", placeholder: "e.g. oat flat white, extra hot")
        console.ask(dialog) { text in
            let value = text.trimmingCharacters(in: .whitespaces)
            guard let current = console.state.customers[c.id] else { return "customer \(c.id) no longer exists" }
            let patch = CustomerPatch.diff(current, usualOrder: .some(value.isEmpty ? nil : value))
            guard !patch.isEmpty else { console.show("usual order unchanged"); return nil }
            return save([.customerUpdated(id: c.id, base: current.version, patch: patch)],
                        done: value.isEmpty ? "\(c.greetingName)'s usual order forgotten" : "\(c.greetingName)'s usual: \(value)",
                        console: console)
        }
    }

    // MARK: Preferences

    static func editPreferences(customerID: String, console: Console) {
        guard let c = console.state.customers[console.state.survivor(of: customerID)] else {
            return console.show("customer \(customerID) does not exist", kind: .error)
        }
        var items = c.preferences.map { p -> PickerItem in
            let stale = console.now.timeIntervalSince(p.confirmedAt) > 180 * 86_400
            return PickerItem("\(p.key): \(p.value)", detail: "confirmed \(console.localTime.date(p.confirmedAt))" + (stale ? " · still right?" : ""))
        }
        items.append(PickerItem("+ Add a preference…"))
        console.pick(PickerWidget(title: "Preferences — \(c.greetingName)", items: items)) { index in
            if index == c.preferences.count {
                askPreference(for: c.id, replacing: nil, console: console)
                return
            }
            let pref = c.preferences[index]
            let actions = ["Confirm (still right)", "Change…", "Remove"]
            console.pick(PickerWidget(title: "\(pref.key): \(pref.value)", items: actions.map { PickerItem($0) })) { action in
                guard let current = console.state.customers[c.id] else { return }
                var list = current.preferences
                guard let i = list.firstIndex(where: { $0.key == pref.key }) else {
                    return console.show("that preference was changed by someone else — press P again", kind: .warning)
                }
                switch action {
                case 0:
                    list[i].confirmedAt = console.now
                    _ = save([.customerUpdated(id: c.id, base: current.version, patch: CustomerPatch(preferences: FromTo(current.preferences, list)))],
                             done: "\(pref.key): \(pref.value) confirmed", console: console)
                case 1:
                    askPreference(for: c.id, replacing: pref, console: console)
                default:
                    list.remove(at: i)
                    _ = save([.customerUpdated(id: c.id, base: current.version, patch: CustomerPatch(preferences: FromTo(current.preferences, list)))],
                             done: "forgot \(pref.key): \(pref.value)", console: console)
                }
            }
        }
    }

    /// `key: value` (or `key=value`) → a preference; the reason when it cannot be one.
    static func parsePreference(_ text: String) -> Result<(key: String, value: String), InputProblem> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let sep = trimmed.firstIndex(where: { $0 == ":" || $0 == "=" }) else {
            return .failure(InputProblem(reason: "write it as name: value, e.g. milk: oat"))
        }
        let key = trimmed[..<sep].trimmingCharacters(in: .whitespaces)
        let value = trimmed[trimmed.index(after: sep)...].trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty else { return .failure(InputProblem(reason: "a preference needs a name before ':' (e.g. milk: oat)")) }
        guard !value.isEmpty else { return .failure(InputProblem(reason: "say what \(key) should be after ':'")) }
        return .success((key, value))
    }

    static func askPreference(for id: String, replacing old: Preference?, console: Console) {
        let dialog = InputDialog(title: old == nil ? "Add a preference" : "Change a preference",
                                 prompt: "name: value — e.g. calls: not before 10, milk: oat, ships to: office",
                                 text: old.map { "\($0.key): \($0.value)" } ?? "", placeholder: "name: value") { text in
            guard !text.isEmpty else { return nil }
            switch parsePreference(text) {
            case .success(let p): return ("\(p.key) → \(p.value)", false)
            case .failure(let e): return (e.reason, true)
            }
        }
        console.ask(dialog) { text in
            let parsed: (key: String, value: String)
            switch parsePreference(text) {
            case .success(let p): parsed = p
            case .failure(let e): return e.reason
            }
            guard let current = console.state.customers[id] else { return "customer \(id) no longer exists" }
            var list = current.preferences
            let keys = Set([old?.key.lowercased(), parsed.key.lowercased()].compactMap { $0 })
            let position = list.firstIndex { keys.contains($0.key.lowercased()) } ?? list.count
            list.removeAll { keys.contains($0.key.lowercased()) }
            list.insert(Preference(key: parsed.key, value: parsed.value, confirmedAt: console.now), at: min(position, list.count))
            return save([.customerUpdated(id: id, base: current.version, patch: CustomerPatch(preferences: FromTo(current.preferences, list)))],
                        done: "\(parsed.key): \(parsed.value) saved", console: console)
        }
    }

    // MARK: Promises

    static func makePromise(on number: Int, text: String = "", console: Console) {
        let dialog = InputDialog(title: "Promise on #\(number)", prompt: "What did you promise?",
                                 text: text, placeholder: "e.g. call back with the repair quote")
        console.ask(dialog) { what in
            let what = what.trimmingCharacters(in: .whitespaces)
            guard !what.isEmpty else { return "say what was promised" }
            askDue(on: number, what: what, console: console)
            return nil
        }
    }

    static func askDue(on number: Int, what: String, console: Console) {
        let zone = console.localTime.timeZone
        let dialog = InputDialog(title: "Promise on #\(number)", prompt: "By when? “\(what)”",
                                 placeholder: "fri 17:00 · tomorrow 9am · in 2h · 2026-12-01 10:00",
                                 footer: "Enter records it · Esc cancels") { text in
            guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
            switch DueTimeParser.parse(text, now: console.now, timeZone: zone) {
            case .success(let due): return ("→ " + due.understood, false)
            case .failure(let e): return (e.reason, true)
            }
        }
        console.ask(dialog) { text in
            let due: DueTime
            switch DueTimeParser.parse(text, now: console.now, timeZone: zone) {
            case .success(let d): due = d
            case .failure(let e): return e.reason
            }
            let promise = CustomerPromise(id: 0, text: what, due: due.date, ticket: number, owner: console.me,
                                          createdAt: console.now)
            // Said when it is made, so the agent can still change a time nobody will be in to keep.
            let outside = BusinessClock(settings: console.state.settings).isOpen(at: due.date) ? "" : " — outside business hours"
            return save([.promiseMade(promise)], done: "Promised on #\(number): \(what) — due \(console.localTime.spoken(due.date))\(outside)",
                        console: console)
        }
    }

    static func resolvePromise(on number: Int, console: Console) {
        let open = console.state.promises(ofTicket: number).filter { $0.state == .open }
        guard !open.isEmpty else { return console.show("no open promise on #\(number) — f records one", kind: .warning) }
        let items = open.map { p in
            PickerItem(p.text, detail: (p.isOverdue(now: console.now) ? "overdue · " : "due ") + console.localTime.compact(p.due, now: console.now))
        }
        console.pick(PickerWidget(title: "Which promise on #\(number)?", items: items)) { index in
            let p = open[index]
            let states: [PromiseState] = [.kept, .missed]
            console.pick(PickerWidget(title: p.text, items: [PickerItem("Kept", detail: "done as promised"),
                                                            PickerItem("Missed", detail: "we did not make it")])) { choice in
                _ = save([.promiseResolved(id: p.id, state: states[choice])],
                         done: "Promise \(states[choice] == .kept ? "kept" : "missed"): \(p.text)", console: console)
            }
        }
    }

    // MARK: Satisfaction

    /// `4`, `4 quick and friendly`, `2/5 waited too long` → score and comment.
    static func parseRating(_ text: String) -> Result<(score: Int, comment: String?), InputProblem> {
        var rest = text.trimmingCharacters(in: .whitespaces)[...]
        guard let first = rest.first, let score = first.wholeNumberValue, Satisfaction.validScores.contains(score) else {
            return .failure(InputProblem(reason: "start with a score from 1 (bad) to 5 (great), then an optional comment"))
        }
        rest = rest.dropFirst()
        if rest.hasPrefix("/5") { rest = rest.dropFirst(2) }
        if let next = rest.first, next.isNumber {
            return .failure(InputProblem(reason: "a score is 1 to 5"))
        }
        let comment = rest.trimmingCharacters(in: CharacterSet(charactersIn: " -—:,"))
        return .success((score, comment.isEmpty ? nil : comment))
    }

    static func rate(_ number: Int, console: Console) {
        let existing = console.state.tickets[number]?.satisfaction
        let dialog = InputDialog(title: "Satisfaction for #\(number)",
                                 prompt: "What score did the customer give you? 1 (bad) – 5 (great), then an optional comment. Kept as agent-reported.",
                                 text: existing.map { "\($0.score) \($0.comment ?? "")".trimmingCharacters(in: .whitespaces) } ?? "",
                                 placeholder: "e.g. 5 lovely, fixed on the spot", footer: "Enter records it · Esc skips") { text in
            guard !text.isEmpty else { return nil }
            switch parseRating(text) {
            case .success(let r): return ("\(String(repeating: "★", count: r.score))\(String(repeating: "☆", count: 5 - r.score)) \(r.score)/5" + (r.comment.map { " — \($0)" } ?? ""), false)
            case .failure(let e): return (e.reason, true)
            }
        }
        console.ask(dialog) { text in
            switch parseRating(text) {
            case .success(let r):
                return save([.ticketRated(number: number, satisfaction: Satisfaction(score: r.score, comment: r.comment, at: console.now, source: .agent))],
                            done: "#\(number) rated \(r.score)/5 (agent-reported)", console: console)
            case .failure(let e):
                return e.reason
            }
        }
    }
}

/// Why typed text cannot be used, as one sentence.
struct InputProblem: Error {
    var reason: String
}

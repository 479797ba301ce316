import Foundation
import HelpdeskCore

/// The people we serve: a searchable list (name, preferred name, email, phone, organisation), the
/// selected customer's card, their full ticket history (status, subject, date, satisfaction — Enter
/// opens a ticket) and how their record changed (who changed the usual order, when; merges).
/// `a` adds, `e` edits, `M` merges a duplicate into another customer.
public final class CustomersScreen: Screen {
    public let bindingTable = "customers"
    /// Customer ids in name order (merged duplicates left out).
    private var all: [String] = []
    /// What is shown: `all` narrowed by the search.
    public private(set) var rows: [String] = []
    public private(set) var list = ListState()
    private var history = ListState()
    private var historyFocused = false
    private var filterInput: LineInput?
    public private(set) var filterText = ""
    /// Lower-cased search text per customer, cached by version.
    private var searchKeys: [String: (version: Int, text: String)] = [:]
    /// Ids merged into each survivor, for showing their old history too.
    private var mergedFrom: [String: [String]] = [:]
    /// The selected customer's record changes, read from the store when the selection changes.
    private var changes: (key: String, lines: [StyledLine]) = ("", [])
    private var card = TextViewState()
    private var lastHistoryHeight = 10
    private var lastListHeight = 20

    init(console: Console, selecting id: String? = nil, search: String = "") {
        filterText = search
        rebuild(console: console, keeping: id.map { console.state.survivor(of: $0) })
    }

    public var title: String { "Customers" + (filterText.isEmpty ? "" : " /\(filterText)") }
    public var capturesText: Bool { filterInput != nil }

    /// The customer under the selection bar.
    public var selectedCustomerID: String? { list.selectedID(in: rows) }

    public func hint(console: Console) -> String? {
        "/ search · Tab history · Enter open · a add · e edit · M merge · u usual · P prefs · q back"
    }

    // MARK: Model

    private func rebuild(console: Console, keeping selected: String?) {
        let state = console.state
        var merged: [String: [String]] = [:]
        var ids: [(String, String)] = []
        ids.reserveCapacity(state.customers.count)
        for c in state.customers.values {
            if let into = c.mergedInto {
                merged[into, default: []].append(c.id)
            } else {
                ids.append((c.name.lowercased(), c.id))
            }
        }
        mergedFrom = merged
        all = ids.sorted { $0 < $1 }.map(\.1)
        applyFilter(console: console, keeping: selected)
    }

    private func applyFilter(console: Console, keeping selected: String?) {
        let words = filterText.lowercased().split(separator: " ").map(String.init)
        if words.isEmpty {
            rows = all
        } else {
            let state = console.state
            rows = all.filter { id in
                let key = searchKey(id, state: state)
                return words.allSatisfy { key.contains($0) }
            }
        }
        list.setCount(rows.count)
        list.reconcile(selectedID: selected, in: rows)
        history = ListState(count: selectedCustomerID.map { console.state.ticketsByCustomer[$0]?.count ?? 0 } ?? 0)
    }

    private func searchKey(_ id: String, state: HelpdeskState) -> String {
        guard let c = state.customers[id] else { return "" }
        if let cached = searchKeys[id], cached.version == c.version { return cached.text }
        // Phones also as digits only, so "0207946" finds "+44 20 7946 0958".
        let text = ([c.id, c.name, c.preferredName ?? "", c.organisation ?? ""] + c.emails + c.phones
                    + c.phones.map { $0.filter(\.isNumber) }).joined(separator: " ").lowercased()
        searchKeys[id] = (c.version, text)
        return text
    }

    public func storeChanged(_ events: [Event], console: Console) {
        let touchesCustomers = events.contains {
            switch $0.change {
            case .customerCreated, .customerUpdated, .customerMerged, .ticketCreated: true
            default: false
            }
        }
        if touchesCustomers { rebuild(console: console, keeping: selectedCustomerID) }
        changes.key = ""
    }

    // MARK: Commands

    public func perform(_ command: CommandInvocation, console: Console) -> Bool {
        switch command.name {
        case _ where ListState.Motion(command: command.name) != nil:
            let motion = ListState.Motion(command: command.name)!
            if historyFocused {
                history.move(motion, viewportHeight: max(1, lastHistoryHeight))
            } else {
                let before = selectedCustomerID
                list.move(motion, viewportHeight: max(1, lastListHeight))
                if selectedCustomerID != before { selectionChanged(console: console) }
            }
        case "next-pane":
            historyFocused.toggle()
        case "open":
            if let arg = command.arguments.first {
                // `:open N` is a ticket number: the console's own handling goes through the queue.
                _ = arg
                return false
            }
            if historyFocused {
                guard let id = selectedCustomerID else { return true }
                let tickets = console.state.tickets(ofCustomer: id)
                guard let n = history.selectedID(in: tickets.map(\.number)) else {
                    console.show("no ticket selected", kind: .warning)
                    return true
                }
                console.push(TicketScreen(number: n, console: console))
            } else if let id = selectedCustomerID, (console.state.ticketsByCustomer[id]?.count ?? 0) > 0 {
                historyFocused = true
            } else {
                console.show(selectedCustomerID == nil ? "no customer selected" : "no tickets yet", kind: .warning)
            }
        case "filter", "customers":
            if command.arguments.isEmpty {
                filterInput = LineInput(text: filterText, placeholder: "name, email, phone, organisation")
            } else {
                filterText = command.argumentText
                applyFilter(console: console, keeping: selectedCustomerID)
            }
        case "new-customer":
            addCustomer(console: console)
        case "edit-customer":
            guard let id = selectedCustomerID else { console.show("no customer selected", kind: .warning); return true }
            CustomerEditing.edit(customerID: id, console: console)
        case "merge-customer":
            guard let id = selectedCustomerID else { console.show("no customer selected", kind: .warning); return true }
            CustomerEditing.merge(customerID: id, console: console)
        case "usual":
            guard let id = selectedCustomerID else { console.show("no customer selected", kind: .warning); return true }
            CustomerActions.editUsual(customerID: id, console: console)
        case "preferences":
            guard let id = selectedCustomerID else { console.show("no customer selected", kind: .warning); return true }
            CustomerActions.editPreferences(customerID: id, console: console)
        default:
            return false
        }
        return true
    }

    private func selectionChanged(console: Console) {
        history = ListState(count: selectedCustomerID.map { console.state.ticketsByCustomer[$0]?.count ?? 0 } ?? 0)
        card = TextViewState()
    }

    public func handleText(_ event: InputEvent, console: Console) {
        guard filterInput != nil else { return }
        let before = selectedCustomerID
        ListFilterField.handle(event, input: &filterInput, text: &filterText)
        applyFilter(console: console, keeping: before)
        if selectedCustomerID != before { selectionChanged(console: console) }
    }

    private func addCustomer(console: Console) {
        let dialog = InputDialog(title: "Add a customer", prompt: "Name, then emails and phones, separated by commas",
                                 placeholder: "Dana Okafor, dana@example.com, +44 20 7946 0958") { text in
            guard !text.isEmpty else { return nil }
            switch CustomerEditing.parseNew(text) {
            case .success(let c): return ("\(c.name) · " + (c.emails + c.phones).joined(separator: " · "), false)
            case .failure(let e): return (e.reason, true)
            }
        }
        console.ask(dialog) { [weak self] text in
            let c: Customer
            switch CustomerEditing.parseNew(text) {
            case .success(let made): c = made
            case .failure(let e): return e.reason
            }
            var customer = c
            customer.customerSince = console.now
            guard console.write([.customerCreated(customer)], done: "\(c.name) added") else {
                return console.message?.text ?? "not saved"
            }
            // Select the new customer.
            if let self, let id = console.state.customerByEmail[ContactKey.email(c.emails.first ?? "")]
                ?? console.state.customers.values.filter({ $0.name == c.name }).max(by: { $0.id < $1.id })?.id {
                self.filterText = ""
                self.rebuild(console: console, keeping: id)
                self.selectionChanged(console: console)
            }
            return nil
        }
    }

    // MARK: Drawing

    public func render(in area: Rect, buffer: inout CellBuffer, console: Console) {
        let parts = area.splitRows([.fixed(1), .fill(1)])
        renderTitle(in: parts[0], buffer: &buffer, console: console)
        let body = parts[1]
        let (listArea, profileArea) = ListDetailLayout.split(body, wideFrom: 90, listWidth: { min(40, max(26, $0 / 3)) },
                                                             buffer: &buffer, console: console)
        renderList(in: listArea, buffer: &buffer, console: console)
        renderProfile(in: profileArea, buffer: &buffer, console: console)
    }

    private func renderTitle(in area: Rect, buffer: inout CellBuffer, console: Console) {
        ListFilterField.renderTitle("Customers", shown: rows.count, total: all.count, input: &filterInput,
                              kept: filterText, keptLabel: "search", in: area, buffer: &buffer, console: console)
    }

    private func renderList(in area: Rect, buffer: inout CellBuffer, console: Console) {
        let state = console.state
        let columns = [TableColumn("Customer", minWidth: 10, idealWidth: 22, priority: 100, flexible: true),
                       TableColumn("Tickets", minWidth: 3, idealWidth: 7, priority: 60, alignment: .right)]
        let table = TableWidget(columns: columns, styles: TableStyles(theme: console.theme, unicode: console.unicode),
                                showsMarkerColumn: false,
                                emptyMessage: filterText.isEmpty ? "No customers yet — a adds one." : "No customer matches '\(filterText)'.")
        lastListHeight = table.bodyHeight(for: area)
        let vip = console.style(.vip)
        table.render(rowCount: rows.count, row: { i in
            guard let c = state.customers[self.rows[i]] else { return TableRow([]) }
            var name = c.greetingName == c.name ? c.name : "\(c.greetingName) (\(c.name))"
            if c.vip { name += " ★" }
            return TableRow([TableCell(name, style: c.vip ? vip : nil), TableCell(String(state.ticketsByCustomer[c.id]?.count ?? 0))])
        }, in: area, buffer: &buffer, state: &list, focused: !historyFocused)
    }

    private func renderProfile(in area: Rect, buffer: inout CellBuffer, console: Console) {
        guard let id = selectedCustomerID,
              let profile = CustomerProfile(state: console.state, customerID: id, now: console.now,
                                            timeZone: console.localTime.timeZone) else {
            buffer.put("Select a customer.", at: area.origin, style: console.style(.textDim), maxWidth: area.width)
            return
        }
        let presenter = CustomerCardPresenter(state: console.state, theme: console.theme, now: console.now,
                                              localTime: console.localTime)
        let cardLines = presenter.lines(for: profile)
        let changeLines = recordChanges(of: profile.customer, console: console)
        let cardHeight = min(TextView(lines: cardLines).wrappedLines(width: area.width).count, max(4, area.height / 2))
        let wrappedChanges = TextView(lines: changeLines).wrappedLines(width: area.width).count
        let changesHeight = changeLines.isEmpty ? 0 : min(wrappedChanges + 1, max(3, area.height / 4))
        let parts = area.splitRows([.fixed(cardHeight), .fixed(1), .fill(1), .fixed(changesHeight)])
        TextView(lines: cardLines).render(in: parts[0], buffer: &buffer, state: &card)
        buffer.put("History (\(profile.tickets.count))", at: parts[1].origin, style: console.style(.tableHeader), maxWidth: parts[1].width)

        let lt = console.localTime
        let columns = [TableColumn("#", minWidth: 5, idealWidth: 6, priority: 100),
                       TableColumn("Status", minWidth: 7, idealWidth: 8, priority: 80),
                       TableColumn("Date", minWidth: 10, idealWidth: 10, priority: 70),
                       TableColumn("Subject", minWidth: 10, idealWidth: 30, priority: 90, flexible: true),
                       TableColumn("Rating", minWidth: 3, idealWidth: 14, priority: 60)]
        let table = TableWidget(columns: columns, styles: TableStyles(theme: console.theme, unicode: console.unicode),
                                showsMarkerColumn: false, emptyMessage: "No tickets yet.")
        lastHistoryHeight = table.bodyHeight(for: parts[2])
        let tickets = profile.tickets
        history.setCount(tickets.count)
        let theme = console.theme
        table.render(rowCount: tickets.count, row: { i in
            let t = tickets[i]
            var rating = ""
            var ratingStyle: Style?
            if let s = t.satisfaction {
                rating = s.shortText + (s.comment.map { " \($0)" } ?? "")
                ratingStyle = s.score <= 2 ? theme[.warning] : nil
            }
            return TableRow([TableCell("#\(t.number)"),
                             TableCell(t.status.label, style: theme[TicketRowPresenter.role(for: t.status)]),
                             TableCell(lt.date(t.createdAt)), TableCell(t.subject), TableCell(rating, style: ratingStyle)])
        }, in: parts[2], buffer: &buffer, state: &history, focused: historyFocused)

        if changesHeight > 0 {
            buffer.put("Changes", at: parts[3].origin, style: console.style(.tableHeader), maxWidth: parts[3].width)
            // Newest last, so the most recent changes are the ones that fit.
            var scroll = TextViewState()
            scroll.scrollToEnd()
            TextView(lines: changeLines).render(in: parts[3].inset(top: 1), buffer: &buffer, state: &scroll)
        }
    }

    /// Who changed the customer's record and how (the usual order's history among it), oldest first.
    /// Read from the store once per customer version, not per frame.
    private func recordChanges(of c: Customer, console: Console) -> [StyledLine] {
        let ids = [c.id] + (mergedFrom[c.id] ?? [])
        let key = ids.map { "\($0):\(console.state.customers[$0]?.version ?? 0)" }.joined(separator: ",")
        if changes.key == key { return changes.lines }
        var events: [Event] = []
        for id in ids { events += (try? console.store.history(ofCustomer: id)) ?? [] }
        var seen = Set<Int>()
        events = events.filter { seen.insert($0.seq).inserted }.sorted { $0.seq < $1.seq }
        let lt = console.localTime
        let dim = console.style(.textDim), text = console.style(.text)
        let lines = events.compactMap { e -> StyledLine? in
            let what: String
            switch e.change {
            case .customerCreated(let made): what = made.id == c.id ? "added" : "added \(made.name) (\(made.id))"
            case .customerUpdated(let id, _, let patch):
                what = (id == c.id ? "" : "\(id): ") + patch.descriptions.joined(separator: "; ")
            case .customerMerged(let from, let into):
                what = "merged \(console.state.customers[from]?.name ?? from) (\(from)) into \(into)"
            default: return nil
            }
            return StyledLine([Span("\(lt.dateTime(e.at)) \(console.state.agentName(e.actor)) ", style: dim), Span(what, style: text)])
        }
        changes = (key, lines)
        return lines
    }
}

import Foundation
import HelpdeskCore

/// Creating, editing and merging customer records from the customers screen. Validation (an email
/// that belongs to someone else, merging into itself) is the state's; its sentence is shown in the
/// dialog and nothing changes.
enum CustomerEditing {
    /// `Name, email, phone, …` → a new customer (id and customer-since are filled in later).
    static func parseNew(_ text: String) -> Result<Customer, InputProblem> {
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard let name = parts.first, !name.contains("@") else {
            return .failure(InputProblem(reason: "start with the customer's name, then their email or phone"))
        }
        var emails: [String] = [], phones: [String] = []
        for p in parts.dropFirst() {
            if p.contains("@") {
                emails.append(p)
            } else if ContactKey.phone(p).count >= 6 {
                phones.append(p)
            } else {
                return .failure(InputProblem(reason: "'\(p)' is neither an email nor a phone number"))
            }
        }
        guard !emails.isEmpty || !phones.isEmpty else {
            return .failure(InputProblem(reason: "add an email or a phone after the name, so they can be found again"))
        }
        return .success(Customer(id: "", name: name, emails: emails, phones: phones, customerSince: Date(timeIntervalSince1970: 0)))
    }

    private enum Field: CaseIterable {
        case name, preferredName, emails, phones, organisation, notes, birthday, vip

        var label: String {
            switch self {
            case .name: "Name"
            case .preferredName: "Preferred name"
            case .emails: "Emails"
            case .phones: "Phones"
            case .organisation: "Organisation"
            case .notes: "Notes"
            case .birthday: "Birthday"
            case .vip: "VIP"
            }
        }

        func value(_ c: Customer) -> String {
            switch self {
            case .name: c.name
            case .preferredName: c.preferredName ?? ""
            case .emails: c.emails.joined(separator: ", ")
            case .phones: c.phones.joined(separator: ", ")
            case .organisation: c.organisation ?? ""
            case .notes: c.notes ?? ""
            case .birthday: c.birthday ?? ""
            case .vip: c.vip ? "yes" : "no"
            }
        }

        /// The patch for `text`, or why it cannot be.
        func patch(_ c: Customer, _ text: String) -> Result<CustomerPatch, InputProblem> {
            let t = text.trimmingCharacters(in: .whitespaces)
            let optional: String?? = .some(t.isEmpty ? nil : t)
            let list = t.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            switch self {
            case .name:
                guard !t.isEmpty else { return .failure(InputProblem(reason: "a customer's name cannot be empty")) }
                return .success(CustomerPatch.diff(c, name: t))
            case .preferredName: return .success(CustomerPatch.diff(c, preferredName: optional))
            case .emails:
                if let bad = list.first(where: { !$0.contains("@") }) {
                    return .failure(InputProblem(reason: "'\(bad)' is not an email address"))
                }
                return .success(CustomerPatch.diff(c, emails: list))
            case .phones:
                if let bad = list.first(where: { ContactKey.phone($0).count < 6 }) {
                    return .failure(InputProblem(reason: "'\(bad)' is not a phone number"))
                }
                return .success(CustomerPatch.diff(c, phones: list))
            case .organisation: return .success(CustomerPatch.diff(c, organisation: optional))
            case .notes: return .success(CustomerPatch.diff(c, notes: optional))
            case .birthday:
                guard t.isEmpty || CustomerDates.monthDay(t) != nil else {
                    return .failure(InputProblem(reason: "write a birthday as MM-DD (e.g. 03-14), or leave it empty"))
                }
                return .success(CustomerPatch.diff(c, birthday: optional))
            case .vip:
                switch t.lowercased() {
                case "yes", "y", "true", "on", "1": return .success(CustomerPatch.diff(c, vip: true))
                case "no", "n", "false", "off", "0": return .success(CustomerPatch.diff(c, vip: false))
                default: return .failure(InputProblem(reason: "answer yes or no"))
                }
            }
        }
    }

    static func edit(customerID id: String, console: Console) {
        guard let c = console.state.customers[id] else { return console.show("customer \(id) does not exist", kind: .error) }
        let fields = Field.allCases
        let items = fields.map { PickerItem($0.label, detail: $0.value(c).isEmpty ? "—" : $0.value(c)) }
            + [PickerItem("Usual order", detail: c.usualOrder ?? "—"), PickerItem("Preferences", detail: "\(c.preferences.count)")]
        console.pick(PickerWidget(title: "Edit \(c.name)", items: items)) { index in
            if index == fields.count { return CustomerActions.editUsual(customerID: id, console: console) }
            if index == fields.count + 1 { return CustomerActions.editPreferences(customerID: id, console: console) }
            let field = fields[index]
            let hint = field == .emails || field == .phones ? " (comma-separated)" : field == .birthday ? " (MM-DD)" : field == .vip ? " (yes/no)" : ""
            let dialog = InputDialog(title: "\(c.name) — \(field.label)", prompt: field.label + hint, text: field.value(c))
            console.ask(dialog) { text in
                guard let current = console.state.customers[id] else { return "customer \(id) no longer exists" }
                switch field.patch(current, text) {
                case .failure(let e): return e.reason
                case .success(let patch):
                    guard !patch.isEmpty else { console.show("\(field.label) unchanged"); return nil }
                    return CustomerActions.save([.customerUpdated(id: id, base: current.version, patch: patch)],
                                                done: "\(current.name): " + patch.descriptions.joined(separator: "; "), console: console)
                }
            }
        }
    }

    /// Picks the survivor for duplicate `id`, confirms, and merges.
    static func merge(customerID id: String, console: Console) {
        let state = console.state
        guard let duplicate = state.customers[id] else { return console.show("customer \(id) does not exist", kind: .error) }
        let others = state.customers.values.filter { $0.mergedInto == nil && $0.id != id }
            .sorted { ($0.name.lowercased(), $0.id) < ($1.name.lowercased(), $1.id) }
        guard !others.isEmpty else { return console.show("there is no other customer to merge \(duplicate.name) into", kind: .warning) }
        let items = others.map { PickerItem("\($0.name) · \($0.emails.first ?? $0.phones.first ?? "")", detail: $0.id) }
        // Start on the most likely duplicate: the same name.
        let guess = others.firstIndex { $0.name.lowercased() == duplicate.name.lowercased() }
        console.pick(PickerWidget(title: "Merge \(duplicate.name) (\(id)) into…", items: items, selected: guess,
                                  placeholder: "type a name or email")) { index in
            let survivor = others[index]
            let count = state.ticketsByCustomer[id]?.count ?? 0
            console.confirm(title: "Merge customers",
                            message: "Merge \(duplicate.name) (\(id), \(count) ticket\(count == 1 ? "" : "s")) into \(survivor.name) (\(survivor.id))? "
                                + "Tickets, contacts and history move to \(survivor.name); \(id) then points there.") {
                console.write([.customerMerged(from: id, into: survivor.id)],
                              done: "\(duplicate.name) merged into \(survivor.name) (\(survivor.id))")
            }
        }
    }
}

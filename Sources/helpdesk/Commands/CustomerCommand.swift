import ArgumentParser
import Foundation
import HelpdeskCore
import HelpdeskStore
import HelpdeskTUI

/// `helpdesk customer …`: the people we serve and what we remember about them.
struct CustomerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "customer",
        abstract: "Add, show, list and change customers.",
        subcommands: [CustomerAdd.self, CustomerShow.self, CustomerList.self, CustomerSet.self, CustomerMerge.self]
    )
}

/// Parses `key=value` preference arguments.
private func parsePreferences(_ items: [String], now: Date) throws -> [Preference] {
    try items.map { item in
        guard let eq = item.firstIndex(of: "=") else {
            throw UserError("a preference is written key=value, not '\(item)'", code: ExitStatus.usage)
        }
        let key = item[..<eq].trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty else { throw UserError("a preference needs a name before '=' ('\(item)')", code: ExitStatus.invalid) }
        return Preference(key: key, value: item[item.index(after: eq)...].trimmingCharacters(in: .whitespaces), confirmedAt: now)
    }
}

struct CustomerAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a customer; prints their id.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Full name.") var name: String
    @Option(help: "Email address (repeatable).") var email: [String] = []
    @Option(help: "What they like to be called.") var preferredName: String?
    @Option(help: "Their usual order, e.g. \"oat flat white, extra hot\".") var usualOrder: String?
    @Option(help: "Phone number (repeatable).") var phone: [String] = []
    @Option(help: "Organisation.") var organisation: String?
    @Option(name: .customLong("pref"), help: ArgumentHelp("A preference key=value (repeatable).", valueName: "key=value")) var prefs: [String] = []
    @Option(help: "Notes.") var notes: String?
    @Flag(help: "Mark as VIP.") var vip = false
    @Option(help: ArgumentHelp("Birthday as MM-DD.", valueName: "MM-DD")) var birthday: String?

    func run() throws {
        try CommandRunner.run {
            let session = try Session.open(global)
            guard !email.isEmpty || !phone.isEmpty else {
                throw UserError("give at least one --email or --phone so the customer can be found again", code: ExitStatus.usage)
            }
            let now = Date()
            let c = Customer(id: "", name: name, preferredName: preferredName, emails: email, phones: phone,
                             organisation: organisation, usualOrder: usualOrder,
                             preferences: try parsePreferences(prefs, now: now), notes: notes,
                             customerSince: now, vip: vip, birthday: birthday)
            let events = try session.write([.customerCreated(c)])
            if case .customerCreated(let made)? = events.first?.change { print(made.id) }
        }
    }
}

struct CustomerShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a customer with their tickets.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "A customer id, email or phone.") var customer: String

    func run() throws {
        try CommandRunner.run {
            let session = try Session.open(global)
            let c = try session.customer(customer)
            let tickets = session.state.tickets(ofCustomer: c.id)
            if output.json {
                try JSONOutput.print(CustomerDocument(customer: c, tickets: tickets.map {
                    TicketDocument($0, state: session.state, includeMessages: false)
                }))
                return
            }
            let lt = session.localTime
            let clean: (String) -> String = { Sanitizer.sanitize($0) }
            print("\(clean(c.greetingName)) — \(clean(c.name)) [\(clean(c.id))]\(c.vip ? " · VIP" : "")")
            if !c.emails.isEmpty { print("email: \(clean(c.emails.joined(separator: ", ")))") }
            if !c.phones.isEmpty { print("phone: \(clean(c.phones.joined(separator: ", ")))") }
            if let o = c.organisation { print("organisation: \(clean(o))") }
            if let u = c.usualOrder { print("usual order: \(clean(u))") }
            for p in c.preferences { print("prefers \(clean(p.key)): \(clean(p.value)) (confirmed \(lt.date(p.confirmedAt)))") }
            if let n = c.notes { print("notes: \(clean(n))") }
            let now = Date()
            if let profile = CustomerProfile(state: session.state, customerID: c.id, now: now, timeZone: lt.timeZone) {
                print("customer since \(lt.date(c.customerSince)) · \(tickets.count) tickets · \(profile.visits) visits"
                      + (profile.lastContact.map { " · last contact \(lt.dateTime($0))" } ?? ""))
                if profile.isAtRisk { print("AT RISK: " + profile.risk.map { clean($0.summary) }.joined(separator: "; ")) }
                for o in profile.occasions { print("occasion: \(o.summary)") }
                for p in profile.openPromises {
                    print("promise \(p.id) on #\(p.ticket): \(clean(p.text)) — due \(lt.dateTime(p.due))\(p.isOverdue(now: now) ? " (OVERDUE)" : "") · \(p.owner)")
                }
                // No current ticket here: the line speaks of their latest open ticket, as the customers screen does.
                print("opening line: \(clean(OpeningLine.suggest(for: profile, currentTicket: nil, state: session.state, now: now)))")
            }
            if !tickets.isEmpty {
                var table = TextTable("#", "STATUS", "CREATED", "SUBJECT", "RATING")
                for t in tickets {
                    table.add([String(t.number), t.status.label, lt.date(t.createdAt), t.subject,
                               t.satisfaction.map(\.shortText) ?? ""])
                }
                print("")
                print(table.render())
            }
        }
    }
}

struct CustomerList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List customers by name.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "Only customers whose name, preferred name, email, phone or organisation contains this.") var search: String?

    func run() throws {
        try CommandRunner.run {
            let session = try Session.open(global)
            var customers = session.state.customers.values.filter { $0.mergedInto == nil }
            if let s = search?.lowercased(), !s.isEmpty {
                customers = customers.filter { c in
                    ([c.name, c.preferredName ?? "", c.organisation ?? ""] + c.emails + c.phones)
                        .contains { $0.lowercased().contains(s) }
                }
            }
            customers.sort { ($0.name.lowercased(), $0.id) < ($1.name.lowercased(), $1.id) }
            if output.json {
                try JSONOutput.print(customers)
                return
            }
            var table = TextTable("ID", "NAME", "PREFERRED", "EMAIL", "USUAL ORDER", "TICKETS")
            for c in customers {
                table.add([c.id, c.name + (c.vip ? " ★" : ""), c.preferredName ?? "", c.emails.first ?? "",
                           c.usualOrder ?? "", String(session.state.ticketsByCustomer[c.id]?.count ?? 0)])
            }
            print(table.render())
        }
    }
}

struct CustomerSet: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "set", abstract: "Change what we know about a customer.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "A customer id, email or phone.") var customer: String
    @Option var name: String?
    @Option(help: "What they like to be called ('' clears).") var preferredName: String?
    @Option(help: "Their usual order ('' clears).") var usualOrder: String?
    @Option(name: .customLong("add-email")) var addEmails: [String] = []
    @Option(name: .customLong("remove-email")) var removeEmails: [String] = []
    @Option(name: .customLong("add-phone")) var addPhones: [String] = []
    @Option(name: .customLong("remove-phone")) var removePhones: [String] = []
    @Option(help: "Organisation ('' clears).") var organisation: String?
    @Option(name: .customLong("pref"), help: ArgumentHelp("Set or confirm a preference (repeatable).", valueName: "key=value")) var prefs: [String] = []
    @Option(name: .customLong("remove-pref"), help: ArgumentHelp("Forget a preference.", valueName: "key")) var removePrefs: [String] = []
    @Option(help: "Notes ('' clears).") var notes: String?
    @Option(help: "true or false.") var vip: Bool?
    @Option(help: ArgumentHelp("Birthday as MM-DD ('' clears).", valueName: "MM-DD")) var birthday: String?

    func run() throws {
        try CommandRunner.run {
            let session = try Session.open(global)
            let c = try session.customer(customer)
            let now = Date()
            func optional(_ s: String?) -> String?? { s.map { $0.isEmpty ? nil : $0 } }
            var emails: [String]?
            if !addEmails.isEmpty || !removeEmails.isEmpty {
                let gone = Set(removeEmails.map(ContactKey.email))
                emails = (c.emails + addEmails).filter { !gone.contains(ContactKey.email($0)) }
            }
            var phones: [String]?
            if !addPhones.isEmpty || !removePhones.isEmpty {
                let gone = Set(removePhones.map(ContactKey.phone))
                phones = (c.phones + addPhones).filter { !gone.contains(ContactKey.phone($0)) }
            }
            var preferences: [Preference]?
            if !prefs.isEmpty || !removePrefs.isEmpty {
                var list = c.preferences.filter { p in !removePrefs.contains { $0.lowercased() == p.key.lowercased() } }
                for p in try parsePreferences(prefs, now: now) {
                    list.removeAll { $0.key.lowercased() == p.key.lowercased() }
                    list.append(p)
                }
                preferences = list
            }
            let patch = CustomerPatch.diff(c, name: name, preferredName: optional(preferredName), emails: emails,
                                           phones: phones, organisation: optional(organisation),
                                           usualOrder: optional(usualOrder), preferences: preferences,
                                           notes: optional(notes), vip: vip, birthday: optional(birthday))
            guard !patch.isEmpty else { throw UserError("\(c.id) already has those values; nothing changed", code: ExitStatus.invalid) }
            try session.write([.customerUpdated(id: c.id, base: c.version, patch: patch)])
            print("\(c.id): " + patch.descriptions.joined(separator: "; "))
        }
    }
}

struct CustomerMerge: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge", abstract: "Merge a duplicate customer into another.",
        discussion: "Tickets, emails, phones and history of FROM move to INTO; FROM's id then finds INTO. The merge is recorded in both histories.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The duplicate: customer id, email or phone.") var from: String
    @Argument(help: "The customer to keep: id, email or phone.") var into: String

    func run() throws {
        try CommandRunner.run {
            let session = try Session.open(global)
            // Ids are taken as given (so a merged duplicate is reported as such); emails and phones are looked up.
            func id(_ key: String) throws -> String {
                if session.state.customers[key] != nil { return key }
                return try session.customer(key).id
            }
            let fromID = try id(from), intoID = try id(into)
            let count = session.state.ticketsByCustomer[fromID]?.count ?? 0
            try session.write([.customerMerged(from: fromID, into: intoID)])
            let survivor = session.state.customers[intoID]
            print("\(fromID) merged into \(intoID) (\(Sanitizer.sanitize(survivor?.name ?? ""))): \(count) ticket\(count == 1 ? "" : "s") moved")
        }
    }
}

import Foundation
import XCTest
@testable import HelpdeskCore

/// Matching, merging, at-risk rules, occasions, the opening line and promise reminders.
final class CustomerMemoryTests: XCTestCase {
    let t0 = Date(timeIntervalSince1970: 1_790_000_000)
    let day: TimeInterval = 86_400

    @discardableResult
    func commit(_ state: inout HelpdeskState, _ change: Change, by actor: String = "sam", at: Date? = nil) throws -> Event {
        let when = at ?? t0
        let prepared = try state.prepare(change, actor: actor, at: when)
        let event = Event(seq: state.lastSeq + 1, at: when, actor: actor, change: prepared)
        state.apply(event)
        return event
    }

    func makeState() throws -> HelpdeskState {
        var s = HelpdeskState()
        try commit(&s, .agentSaved(Agent(login: "sam", displayName: "Sam")))
        try commit(&s, .customerCreated(Customer(id: "", name: "Danielle Okafor", preferredName: "Dana",
                                                 emails: ["Dana.Okafor@Example.com"], phones: ["+44 20 7946 0958"],
                                                 usualOrder: "oat flat white", customerSince: t0 - 400 * day)))
        try commit(&s, .customerCreated(Customer(id: "", name: "D. Okafor", emails: ["dana@work.example"],
                                                 phones: ["07700 900123"], organisation: "Okafor Ltd",
                                                 preferences: [Preference(key: "calls", value: "after 10", confirmedAt: t0)],
                                                 customerSince: t0 - 30 * day, birthday: "03-14")))
        try commit(&s, .ticketCreated(NewTicket(subject: "Grinder", status: .solved, requester: "c00001")), at: t0 - 10 * day)
        try commit(&s, .ticketCreated(NewTicket(subject: "Beans", status: .solved, requester: "c00002", channel: .walkIn)), at: t0 - 5 * day)
        try commit(&s, .ticketCreated(NewTicket(subject: "Class", status: .solved, requester: "c00002", channel: .walkIn)), at: t0 - 4 * day)
        return s
    }

    // MARK: Matching

    func testMatchingIgnoresCaseSpacesAndPhoneFormat() throws {
        let s = try makeState()
        XCTAssertEqual(s.customer(matching: "dana.okafor@example.COM")?.id, "c00001")
        XCTAssertEqual(s.customer(matching: "  DANA.OKAFOR@EXAMPLE.COM ")?.id, "c00001")
        XCTAssertEqual(s.customer(matching: "020 7946 0958")?.id, "c00001")
        XCTAssertEqual(s.customer(matching: "+44 (0)20-7946-0958")?.id, "c00001")
        XCTAssertEqual(s.customer(matching: "0044 20 7946 0958")?.id, "c00001")
        // Dots in the local part are significant (only some providers ignore them).
        XCTAssertNil(s.customer(matching: "danaokafor@example.com"))
        XCTAssertNil(s.customer(matching: "nobody@example.com"))
    }

    func testAnEmailOfAnotherCustomerIsRefused() throws {
        var s = try makeState()
        let c = s.customers["c00002"]!
        XCTAssertThrowsError(try commit(&s, .customerUpdated(id: "c00002", base: c.version,
                                                             patch: CustomerPatch.diff(c, emails: c.emails + ["DANA.okafor@example.com"])))) {
            XCTAssertTrue("\($0)".contains("already belongs to customer c00001"), "\($0)")
        }
        XCTAssertEqual(s.customers["c00002"]!.emails, ["dana@work.example"])
    }

    func testAPreferenceWithAnEmptyKeyIsRefused() throws {
        var s = try makeState()
        let c = s.customers["c00001"]!
        XCTAssertThrowsError(try commit(&s, .customerUpdated(id: "c00001", base: c.version, patch: CustomerPatch(
            preferences: FromTo([], [Preference(key: " ", value: "oat", confirmedAt: t0)])))))
        XCTAssertTrue(s.customers["c00001"]!.preferences.isEmpty)
    }

    // MARK: Merge

    func testMergeMovesTicketsContactsAndDetails() throws {
        var s = try makeState()
        try commit(&s, .customerMerged(from: "c00002", into: "c00001"))
        let survivor = s.customers["c00001"]!
        XCTAssertEqual(s.ticketsByCustomer["c00001"], [1001, 1002, 1003])
        XCTAssertNil(s.ticketsByCustomer["c00002"])
        XCTAssertEqual(s.tickets[1002]?.requester, "c00001")
        XCTAssertEqual(survivor.emails, ["Dana.Okafor@Example.com", "dana@work.example"])
        XCTAssertEqual(survivor.phones.count, 2)
        XCTAssertEqual(survivor.organisation, "Okafor Ltd")
        XCTAssertEqual(survivor.birthday, "03-14")
        XCTAssertEqual(survivor.preferences.map(\.key), ["calls"])
        XCTAssertEqual(survivor.usualOrder, "oat flat white", "the survivor's own details win")
        XCTAssertEqual(s.customers["c00002"]?.mergedInto, "c00001")
        // Old contacts and the old id now find the survivor.
        XCTAssertEqual(s.customer(matching: "dana@work.example")?.id, "c00001")
        XCTAssertEqual(s.customer(matching: "07700 900123")?.id, "c00001")
        XCTAssertEqual(s.customer(matching: "c00002")?.id, "c00001")
        // A new ticket for the old id goes to the survivor.
        try commit(&s, .ticketCreated(NewTicket(subject: "Again", requester: "c00002")))
        XCTAssertEqual(s.tickets[1004]?.requester, "c00001")
    }

    func testMergeRefusals() throws {
        var s = try makeState()
        XCTAssertThrowsError(try commit(&s, .customerMerged(from: "c00001", into: "c00001"))) {
            XCTAssertEqual("\($0)", "cannot merge customer c00001 into itself")
        }
        XCTAssertThrowsError(try commit(&s, .customerMerged(from: "c00009", into: "c00001"))) {
            XCTAssertEqual($0 as? ChangeError, .customerNotFound("c00009"))
        }
        XCTAssertThrowsError(try commit(&s, .customerMerged(from: "c00001", into: "c00009")))
        try commit(&s, .customerMerged(from: "c00002", into: "c00001"))
        XCTAssertThrowsError(try commit(&s, .customerMerged(from: "c00002", into: "c00001"))) {
            XCTAssertTrue("\($0)".contains("already merged"), "\($0)")
        }
        XCTAssertThrowsError(try commit(&s, .customerMerged(from: "c00001", into: "c00002"))) {
            XCTAssertTrue("\($0)".contains("cannot merge back"), "\($0)")
        }
        let merged = s.customers["c00002"]!
        XCTAssertThrowsError(try commit(&s, .customerUpdated(id: "c00002", base: merged.version, patch: CustomerPatch(notes: FromTo(nil, "x"))))) {
            XCTAssertTrue("\($0)".contains("was merged into c00001"), "\($0)")
        }
    }

    func testMergeIsAnEventThatRoundTripsThroughJSON() throws {
        let e = Event(seq: 7, at: t0, actor: "sam", change: .customerMerged(from: "c00002", into: "c00001"))
        let data = try JSONEncoder().encode(e)
        XCTAssertTrue(String(decoding: data, as: UTF8.self).contains("customer.merged"))
        XCTAssertEqual(try JSONDecoder().decode(Event.self, from: data), e)
    }

    // MARK: Profile, risk, occasions, opening line

    func testProfileCountsTicketsVisitsAndLastContact() throws {
        let s = try makeState()
        let p = CustomerProfile(state: s, customerID: "c00002", now: t0, timeZone: TimeZone(identifier: "UTC")!)!
        XCTAssertEqual(p.tickets.map(\.number), [1003, 1002])
        XCTAssertEqual(p.visits, 2, "walk-in tickets are visits")
        XCTAssertEqual(p.lastContact, t0 - 4 * day)
        XCTAssertFalse(p.isAtRisk)
    }

    func ticket(_ n: Int, daysAgo: Double, rating: Int? = nil) -> Ticket {
        var t = Ticket(number: n, subject: "t\(n)", requester: "c1", createdAt: t0 - daysAgo * day)
        if let rating { t.satisfaction = Satisfaction(score: rating, at: t0 - daysAgo * day + 3600) }
        return t
    }

    func testAtRiskRules() {
        // Nothing wrong.
        XCTAssertEqual(CustomerRisk.reasons(tickets: [ticket(1, daysAgo: 20, rating: 5)], promises: [], now: t0,
                                            latestTicketBreachedSLA: false), [])
        // A low rating recently, but not one long ago.
        let low = CustomerRisk.reasons(tickets: [ticket(1, daysAgo: 20, rating: 2)], promises: [], now: t0, latestTicketBreachedSLA: false)
        XCTAssertEqual(low.map(\.summary), ["rated #1 2/5"])
        XCTAssertEqual(CustomerRisk.reasons(tickets: [ticket(1, daysAgo: 200, rating: 1)], promises: [], now: t0,
                                            latestTicketBreachedSLA: false), [])
        // Three contacts in a week; two is fine.
        let three = [ticket(1, daysAgo: 1), ticket(2, daysAgo: 3), ticket(3, daysAgo: 6.9)]
        XCTAssertEqual(CustomerRisk.reasons(tickets: three, promises: [], now: t0, latestTicketBreachedSLA: false),
                       [.frequentContact(count: 3)])
        XCTAssertEqual(CustomerRisk.reasons(tickets: Array(three.prefix(2)) + [ticket(4, daysAgo: 8)], promises: [], now: t0,
                                            latestTicketBreachedSLA: false), [])
        // A missed promise, or an open one overdue; a kept one is fine.
        let missed = CustomerPromise(id: 1, text: "call back", due: t0 - day, ticket: 1, owner: "sam", state: .missed,
                                     createdAt: t0 - 2 * day, resolvedAt: t0 - day)
        let overdue = CustomerPromise(id: 2, text: "send beans", due: t0 - 60, ticket: 1, owner: "sam", createdAt: t0 - day)
        let kept = CustomerPromise(id: 3, text: "x", due: t0 - 60, ticket: 1, owner: "sam", state: .kept, createdAt: t0 - day)
        XCTAssertEqual(CustomerRisk.reasons(tickets: [], promises: [missed], now: t0, latestTicketBreachedSLA: false).map(\.summary),
                       ["missed promise on #1: call back"])
        XCTAssertEqual(CustomerRisk.reasons(tickets: [], promises: [overdue], now: t0, latestTicketBreachedSLA: false).count, 1)
        XCTAssertEqual(CustomerRisk.reasons(tickets: [], promises: [kept], now: t0, latestTicketBreachedSLA: false), [])
        // A breached SLA on the latest ticket.
        XCTAssertEqual(CustomerRisk.reasons(tickets: [ticket(1, daysAgo: 30), ticket(2, daysAgo: 10)], promises: [], now: t0,
                                            latestTicketBreachedSLA: true), [.slaBreached(ticket: 2)])
    }

    func testProfileFeedsRatingsAndPromisesIntoRisk() throws {
        var s = try makeState()
        try commit(&s, .ticketRated(number: 1001, satisfaction: Satisfaction(score: 1, comment: "slow", at: t0 - day)))
        try commit(&s, .promiseMade(CustomerPromise(id: 0, text: "refund", due: t0 - 3600, ticket: 1001, owner: "sam", createdAt: t0 - day)))
        let p = CustomerProfile(state: s, customerID: "c00001", now: t0, timeZone: TimeZone(identifier: "UTC")!)!
        XCTAssertEqual(p.risk.map(\.summary), ["rated #1001 1/5", "missed promise on #1001: refund"])
        XCTAssertEqual(p.openPromises.map(\.text), ["refund"])
        // With no open ticket the line is about the customer: they were let down last time.
        XCTAssertTrue(OpeningLine.suggest(for: p, currentTicket: nil, state: s, now: t0).contains("sorry we let you down last time"))
        // On #1001 itself the apology is for this ticket's missed promise, not for "last time".
        XCTAssertEqual(OpeningLine.reason(for: p, ticket: s.tickets[1001], state: s, now: t0), .missedPromise)
        // Their newest ticket has waited days without a reply: its SLA is breached.
        try commit(&s, .ticketCreated(NewTicket(subject: "Still waiting", requester: "c00001")), at: t0 - 3 * day)
        let later = CustomerProfile(state: s, customerID: "c00001", now: t0, timeZone: TimeZone(identifier: "UTC")!)!
        XCTAssertTrue(later.risk.contains(.slaBreached(ticket: 1004)), "\(later.risk)")
    }

    func testOccasions() {
        let utcZone = TimeZone(identifier: "UTC")!
        let now = ISO8601DateFormatter().date(from: "2026-03-10T12:00:00Z")!
        var c = Customer(id: "c1", name: "Dana", customerSince: ISO8601DateFormatter().date(from: "2023-03-12T09:00:00Z")!,
                         birthday: "03-14")
        XCTAssertEqual(CustomerDates.occasions(of: c, now: now, timeZone: utcZone).map(\.summary),
                       ["birthday in 4 days", "3 years with us in 2 days"])
        c.birthday = "1990-03-10"
        XCTAssertEqual(CustomerDates.occasions(of: c, now: now, timeZone: utcZone).first?.summary, "birthday today")
        c.birthday = "13-45"
        XCTAssertEqual(CustomerDates.occasions(of: c, now: now, timeZone: utcZone).count, 1, "a bad birthday is ignored")
    }

    func testPromiseReminderOnlyMineOverdueOrWithinTheHour() {
        let p = { (id: Int, owner: String, minutes: Double) in
            CustomerPromise(id: id, text: "p\(id)", due: self.t0 + minutes * 60, ticket: 1000 + id, owner: owner, createdAt: self.t0 - self.day)
        }
        let open = [p(1, "sam", 30), p(2, "sam", 90), p(3, "jo", -5), p(4, "sam", -10)]
        let r = PromiseReminder(owner: "sam", open: open, now: t0)
        XCTAssertEqual(r.overdue.map(\.id), [4])
        XCTAssertEqual(r.dueSoon.map(\.id), [1])
        XCTAssertEqual(r.summary { _ in "14:00" }, "promise overdue on #1004 (+1 due soon)")
        XCTAssertNil(PromiseReminder(owner: "sam", open: [p(2, "sam", 90)], now: t0).summary { _ in "" })
    }

    func testOpenPromiseIndexFollowsResolution() throws {
        var s = try makeState()
        try commit(&s, .promiseMade(CustomerPromise(id: 0, text: "a", due: t0 + day, ticket: 1001, owner: "sam", createdAt: t0)))
        try commit(&s, .promiseMade(CustomerPromise(id: 0, text: "b", due: t0 + 2 * day, ticket: 1001, owner: "sam", createdAt: t0)))
        XCTAssertEqual(s.openPromises.map(\.text), ["a", "b"])
        try commit(&s, .promiseResolved(id: 1, state: .kept))
        XCTAssertEqual(s.openPromises.map(\.text), ["b"])
        let view = QueueView.builtIn.first { $0.id == "promises-due" }!
        let context = ViewContext(me: "sam", now: t0 + 3 * day, startOfToday: t0 + 3 * day - 3600,
                                  promiseDue: ViewContext.promiseDue(in: s))
        XCTAssertTrue(view.matches(s.tickets[1001]!, context), "overdue promise")
        XCTAssertFalse(view.matches(s.tickets[1002]!, context))
    }

    /// Late in the evening, a promise due shortly after midnight is due, not hidden until tomorrow.
    func testAPromiseDueJustAfterMidnightIsDueLateInTheEvening() throws {
        var s = try makeState()
        let endOfToday = t0 + 3600
        try commit(&s, .promiseMade(CustomerPromise(id: 0, text: "ring back", due: endOfToday + 1800, ticket: 1001, owner: "sam", createdAt: t0)))
        try commit(&s, .promiseMade(CustomerPromise(id: 0, text: "next week", due: t0 + 7 * day, ticket: 1002, owner: "sam", createdAt: t0)))
        let view = QueueView.builtIn.first { $0.id == "promises-due" }!
        let context = ViewContext(me: "sam", now: t0, startOfToday: endOfToday - day, endOfToday: endOfToday,
                                  promiseDue: ViewContext.promiseDue(in: s))
        XCTAssertTrue(view.matches(s.tickets[1001]!, context))
        XCTAssertFalse(view.matches(s.tickets[1002]!, context))
    }
}

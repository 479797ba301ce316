import Foundation
import XCTest
@testable import HelpdeskCore

/// The suggested opening line is built from the ticket being answered as well as the customer:
/// every branch, and that no branch claims an order "is on its way".
final class OpeningLineTests: XCTestCase {
    let t0 = Date(timeIntervalSince1970: 1_790_000_000)
    let day: TimeInterval = 86_400
    let utc = TimeZone(identifier: "UTC")!

    @discardableResult
    func commit(_ state: inout HelpdeskState, _ change: Change, at: Date? = nil) throws -> Event {
        let when = at ?? t0
        let prepared = try state.prepare(change, actor: "sam", at: when)
        let event = Event(seq: state.lastSeq + 1, at: when, actor: "sam", change: prepared)
        state.apply(event)
        return event
    }

    /// Dana (usual: oat flat white) with one old solved ticket, #1001, rated well.
    func regular(birthday: String? = nil, since: Date? = nil) throws -> HelpdeskState {
        var s = HelpdeskState()
        try commit(&s, .agentSaved(Agent(login: "sam", displayName: "Sam")))
        try commit(&s, .customerCreated(Customer(id: "", name: "Danielle Okafor", preferredName: "Dana", emails: ["dana@example.com"],
                                                 usualOrder: "oat flat white", customerSince: since ?? t0 - 400 * day,
                                                 birthday: birthday)))
        try commit(&s, .ticketCreated(NewTicket(subject: "Opening hours", status: .solved, requester: "c00001")), at: t0 - 30 * day)
        return s
    }

    /// Opens a fresh ticket for Dana (a minute old: no SLA target is near) and returns its number.
    func open(_ s: inout HelpdeskState, _ subject: String, tags: [String] = [], at: Date? = nil, customer: String = "c00001") throws -> Int {
        let e = try commit(&s, .ticketCreated(NewTicket(subject: subject, tags: tags, requester: customer)), at: at ?? t0 - 60)
        return e.ticketNumber ?? 0
    }

    func line(_ s: HelpdeskState, _ ticket: Int?, customer: String = "c00001") -> String {
        let p = CustomerProfile(state: s, customerID: customer, now: t0, timeZone: utc)!
        let text = OpeningLine.suggest(for: p, currentTicket: ticket, state: s, now: t0)
        XCTAssertFalse(text.contains("on its way"), "the line claims an order is on its way: \(text)")
        return text
    }

    func reason(_ s: HelpdeskState, _ ticket: Int?) -> OpeningLine.Reason {
        let p = CustomerProfile(state: s, customerID: "c00001", now: t0, timeZone: utc)!
        return OpeningLine.reason(for: p, ticket: OpeningLine.ticket(for: p, currentTicket: ticket, state: s), state: s, now: t0)
    }

    func testARegularWithNothingWrongIsWelcomedBackWithoutAWordAboutAnOrder() throws {
        var s = try regular()
        let n = try open(&s, "Opening hours on Sunday?")
        XCTAssertEqual(line(s, n), "Hi Dana — good to hear from you again.")
    }

    func testTheUsualOrderIsMentionedOnlyWhenTheTicketIsAboutIt() throws {
        var s = try regular()
        let byWords = try open(&s, "Can I have my flat white with oat milk earlier?")
        XCTAssertEqual(line(s, byWords), "Hi Dana — good to hear from you again. Happy to help with your usual oat flat white.")
        let byTag = try open(&s, "A question", tags: ["order"])
        XCTAssertTrue(line(s, byTag).hasSuffix("Happy to help with your usual oat flat white."), line(s, byTag))
        var other = try regular()
        let unrelated = try open(&other, "Do you sell gift cards?")
        XCTAssertEqual(line(other, unrelated), "Hi Dana — good to hear from you again.")
    }

    func testAFirstContactIsThankedForGettingInTouch() throws {
        var s = try regular()
        try commit(&s, .customerCreated(Customer(id: "", name: "Sam Lee", emails: ["sam@example.com"], customerSince: t0)))
        let n = try open(&s, "Hello", customer: "c00002")
        XCTAssertEqual(line(s, n, customer: "c00002"), "Hi Sam — thanks for getting in touch.")
    }

    func testComplaintWordingIsAcknowledgedAndNeverCheerful() throws {
        var s = try regular()
        for subject in ["Wrong parcel", "Grinder stopped working", "My order never arrived", "Refund please",
                        "Damaged bag of beans", "Delivery late again", "Where is my order?", "Missing item", "broken machine"] {
            let n = try open(&s, subject)
            XCTAssertEqual(reason(s, n), .complaint, subject)
            let text = line(s, n)
            XCTAssertEqual(text, "Hi Dana — I'm sorry to hear about this, and thank you for letting us know.", subject)
            XCTAssertFalse(text.contains("usual") || text.contains("good to hear"), "\(subject): \(text)")
        }
        let tagged = try open(&s, "About my order", tags: ["wrong-item"])
        XCTAssertEqual(reason(s, tagged), .complaint, "a complaint tag counts as complaint wording")
        // Words that only look alike do not count: a latte is not late.
        let latte = try open(&s, "Latte art class")
        XCTAssertNotEqual(reason(s, latte), .complaint)
    }

    func testAMissedOrOverduePromiseOnThisTicketIsApologisedFor() throws {
        var s = try regular()
        let n = try open(&s, "Gift card balance")
        try commit(&s, .promiseMade(CustomerPromise(id: 0, text: "call back", due: t0 - 30, ticket: n, owner: "sam", createdAt: t0 - 50)),
                   at: t0 - 50)
        XCTAssertEqual(reason(s, n), .missedPromise, "an open promise past due")
        XCTAssertEqual(line(s, n), "Hi Dana — I'm sorry we didn't come back to you when we said we would.")
        var resolved = try regular()
        let m = try open(&resolved, "Gift card balance")
        try commit(&resolved, .promiseMade(CustomerPromise(id: 0, text: "call back", due: t0 + 3600, ticket: m, owner: "sam", createdAt: t0 - 50)),
                   at: t0 - 50)
        XCTAssertEqual(reason(resolved, m), .regular, "a promise not yet due is nothing to apologise for")
        try commit(&resolved, .promiseResolved(id: 1, state: .missed))
        XCTAssertEqual(reason(resolved, m), .missedPromise, "a promise marked missed")
    }

    func testABreachedSLAOnThisTicketIsApologisedFor() throws {
        var s = try regular()
        // Three days without a reply: the first-reply target is long past.
        let n = try open(&s, "Question about beans", at: t0 - 3 * day)
        XCTAssertTrue(CustomerProfile.breachedSLA(s.tickets[n]!, state: s, now: t0))
        XCTAssertEqual(reason(s, n), .breachedSLA)
        XCTAssertEqual(line(s, n), "Hi Dana — I'm sorry you've been kept waiting.")
    }

    func testALowRatingOnThisTicketIsApologisedFor() throws {
        var s = try regular()
        let n = try open(&s, "Beans question")
        try commit(&s, .ticketRated(number: n, satisfaction: Satisfaction(score: 2, at: t0 - 10)))
        XCTAssertEqual(reason(s, n), .lowRating)
        XCTAssertEqual(line(s, n), "Hi Dana — I'm sorry we let you down on this one.")
        var fine = try regular()
        let m = try open(&fine, "Beans question")
        try commit(&fine, .ticketRated(number: m, satisfaction: Satisfaction(score: 3, at: t0 - 10)))
        XCTAssertEqual(reason(fine, m), .regular, "3/5 is not a low rating")
    }

    func testACustomerAtRiskFromAnEarlierTicketIsThankedAndApologisedTo() throws {
        var s = try regular()
        try commit(&s, .ticketRated(number: 1001, satisfaction: Satisfaction(score: 1, at: t0 - 20 * day)))
        let n = try open(&s, "Beans question")
        XCTAssertEqual(line(s, n), "Hi Dana — thank you for coming back to us, and I'm sorry we let you down last time.")
        // On the badly rated ticket itself the apology is for this one, not "last time".
        XCTAssertEqual(line(s, 1001), "Hi Dana — I'm sorry we let you down on this one.")
    }

    func testACustomerWhoContactsUsOftenIsNotGreetedCheerfully() throws {
        var s = try regular()
        _ = try open(&s, "One", at: t0 - 2 * day)
        _ = try open(&s, "Two", at: t0 - day)
        let n = try open(&s, "Three")
        XCTAssertEqual(line(s, n), "Hi Dana — I'm sorry you've had to get in touch so often lately.")
    }

    func testOccasionsGreetOnlyWhenNothingIsWrong() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = utc
        let today = calendar.dateComponents([.month, .day], from: t0)
        let birthday = String(format: "%02d-%02d", today.month!, today.day!)
        var s = try regular(birthday: birthday)
        let fine = try open(&s, "A question", tags: ["order"])
        XCTAssertEqual(line(s, fine), "Happy birthday, Dana! Happy to help with your usual oat flat white.")
        let complaint = try open(&s, "Wrong parcel", tags: ["order"])
        XCTAssertEqual(line(s, complaint), "Hi Dana — I'm sorry to hear about this, and thank you for letting us know.",
                       "no birthday cheer and no order talk on a complaint")

        var anniversary = try regular(since: calendar.date(byAdding: .year, value: -3, to: t0)!)
        let n = try open(&anniversary, "Hello again")
        XCTAssertEqual(line(anniversary, n), "Hi Dana — 3 years with us today, thank you!")
    }

    func testWithoutACurrentTicketTheLatestOpenTicketIsMeant() throws {
        var s = try regular()
        _ = try open(&s, "Gift cards?", at: t0 - 3600)
        let latest = try open(&s, "Wrong parcel", at: t0 - 60)
        let p = CustomerProfile(state: s, customerID: "c00001", now: t0, timeZone: utc)!
        XCTAssertEqual(OpeningLine.ticket(for: p, currentTicket: nil, state: s)?.number, latest)
        XCTAssertEqual(line(s, nil), line(s, latest), "the customers screen and `customer show` speak of the latest open ticket")
        // With nothing open there is no ticket to speak of: only the customer.
        var closed = try regular()
        XCTAssertNil(OpeningLine.ticket(for: CustomerProfile(state: closed, customerID: "c00001", now: t0, timeZone: utc)!,
                                        currentTicket: nil, state: closed))
        XCTAssertEqual(line(closed, nil), "Hi Dana — good to hear from you again.", "no claim about an order with no ticket")
        _ = try open(&closed, "Order question", tags: ["order"])
        XCTAssertTrue(line(closed, nil).contains("usual"), "an open ticket about the usual order is the one meant")
    }

    func testTicketTopicReadsSubjectAndTags() {
        XCTAssertTrue(TicketTopic(subject: "It hasn't arrived", tags: [], usualOrder: nil).isComplaint)
        XCTAssertTrue(TicketTopic(subject: "Machine won't start", tags: [], usualOrder: nil).isComplaint)
        for subject in ["Password reset email never arrives", "Free coffee not applied", "Discount code not working",
                        "Gift card not working", "I haven't received my beans"] {
            XCTAssertTrue(TicketTopic(subject: subject, tags: [], usualOrder: nil).isComplaint, subject)
        }
        for subject in ["Which beans for a moka pot?", "Menu cards for our wedding", "Latte art class"] {
            XCTAssertFalse(TicketTopic(subject: subject, tags: [], usualOrder: nil).isComplaint, subject)
        }
        XCTAssertFalse(TicketTopic(subject: "Pause my subscription", tags: ["subscription"], usualOrder: nil).isComplaint)
        XCTAssertTrue(TicketTopic(subject: "Pause my subscription", tags: [], usualOrder: "decaf cortado").isAboutUsualOrder)
        XCTAssertTrue(TicketTopic(subject: "More cortado please", tags: [], usualOrder: "decaf cortado").isAboutUsualOrder)
        XCTAssertFalse(TicketTopic(subject: "Pause my subscription", tags: [], usualOrder: "  ").isAboutUsualOrder,
                       "no usual order, nothing to be about")
        XCTAssertFalse(TicketTopic(subject: "Extra napkins", tags: [], usualOrder: "cappuccino, extra shot").isAboutUsualOrder,
                       "a common word of the order is not enough")
        // Hostile text only ever reads as words: nothing traps.
        XCTAssertFalse(TicketTopic(subject: "\u{202E}\u{0}\u{1B}[2J", tags: ["", "\u{FEFF}"], usualOrder: "\u{0}").isComplaint)
    }
}

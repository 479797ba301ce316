import Foundation
import XCTest
import HelpdeskCore
import HelpdeskStore
@testable import HelpdeskTUI

/// The customer card, the customers screen and the promise, usual-order, preference and rating flows,
/// driven by keys on an in-memory terminal.
final class CustomerMemoryScreenTests: XCTestCase {
    func open(_ f: ConsoleFixture, _ n: Int) {
        f.console.execute(CommandInvocation("open", [String(n)]))
        f.draw()
    }

    // MARK: The card

    func testCardAt80ColumnsWithLongNamesAndWideCharacters() throws {
        let f = try ConsoleFixture(size: Size(width: 80, height: 30)) { store in
            try ConsoleFixture.standard(store)
            let t0 = ConsoleFixture.clockValue
            try store.append([
                .customerCreated(Customer(id: "", name: "Maximiliana Alexandrovna Konstantinopolskaya-Wolfeschlegelsteinhausen",
                                          preferredName: "Maxi 王芳芳", emails: ["maxi@example.com"],
                                          usualOrder: "大杯燕麦拿铁, extra hot, with a very long description that must wrap",
                                          customerSince: t0.addingTimeInterval(-800 * 86_400), vip: true)),
                .ticketCreated(NewTicket(subject: "长长的主题 long subject", requester: "c00003", channel: .walkIn)),
            ])
        }
        open(f, 1004)
        let lines = f.terminal.screenLines
        XCTAssertTrue(lines.allSatisfy { TextWidth.width(of: $0) <= 80 }, f.screen)
        XCTAssertTrue(f.screen.contains("Maxi 王芳芳"), f.screen)
        XCTAssertTrue(f.screen.contains("大杯燕麦拿铁"), f.screen)
        XCTAssertTrue(f.screen.contains("1 visit"), f.screen)
        // Tab focuses the card; scrolling it reaches the opening line.
        f.press("Tab")
        for _ in 0..<12 { f.press("j") }
        XCTAssertTrue(f.screen.contains("Hi Maxi 王芳芳"), f.screen)
    }

    func testCardShowsAtRiskVisitsPromisesAndOpeningLine() throws {
        let f = try ConsoleFixture(size: Size(width: 140, height: 40)) { store in
            try ConsoleFixture.standard(store)
            let t0 = ConsoleFixture.clockValue
            try store.append([
                .ticketRated(number: 1003, satisfaction: Satisfaction(score: 1, comment: "never again", at: t0)),
                .promiseMade(CustomerPromise(id: 0, text: "ring back", due: t0.addingTimeInterval(-600), ticket: 1003,
                                             owner: "sam", createdAt: t0.addingTimeInterval(-86_400))),
            ])
        }
        open(f, 1001)
        let s = f.screen
        XCTAssertTrue(s.contains("At risk rated #1003 1/5"), s)
        XCTAssertTrue(s.contains("missed promise on"), s)
        XCTAssertTrue(s.contains("Promise ring back — overdue 10m"), s)
        XCTAssertTrue(s.contains("2 tickets · 0 visits"), s)
        // #1001 complains (a squeaking grinder): the line acknowledges it, and claims nothing about an order.
        XCTAssertTrue(s.contains("Say “Hi Dani — I'm sorry to hear about"), s)
        XCTAssertFalse(s.contains("is on its way"), s)
        // My promise is overdue: the status line says so.
        XCTAssertTrue(s.contains("⚑ promise overdue on #1003"), s)
    }

    func testQueueShowsTheCardWhenWideOrToggled() throws {
        let wide = try ConsoleFixture(size: Size(width: 150, height: 30))
        wide.console.execute(CommandInvocation("view", ["open"]))
        wide.draw()
        XCTAssertTrue(wide.screen.contains("Usual oat flat white"), wide.screen)
        let narrow = try ConsoleFixture(size: Size(width: 100, height: 30))
        narrow.console.execute(CommandInvocation("view", ["open"]))
        narrow.draw()
        XCTAssertFalse(narrow.screen.contains("Usual oat flat white"), narrow.screen)
        narrow.press("i")
        XCTAssertTrue(narrow.screen.contains("Usual oat flat white"), narrow.screen)
        narrow.press("i")
        XCTAssertFalse(narrow.screen.contains("Usual oat flat white"), narrow.screen)
    }

    // MARK: Editing in place

    func testUsualOrderEditIsAnEventAndLettersType() throws {
        let f = try ConsoleFixture(size: Size(width: 120, height: 30))
        open(f, 1001)
        f.press("u")
        XCTAssertTrue(f.screen.contains("Usual order — Dani"), f.screen)
        f.press("C-u")
        f.type("quad shot oat latte")   // q, j, s … type instead of acting
        f.press("Enter")
        XCTAssertEqual(f.store.state.customers["c00001"]?.usualOrder, "quad shot oat latte")
        XCTAssertTrue(f.screen.contains("Usual quad shot oat latte"), f.screen)
        XCTAssertTrue(f.console.isRunning)
        let last = try f.store.history(ofCustomer: "c00001").last!
        XCTAssertEqual(last.actor, "sam")
        XCTAssertTrue(last.change.typeName == "customer.updated")
    }

    func testPreferencesAddChangeConfirmRemoveAndEmptyKeyRefused() throws {
        let f = try ConsoleFixture(size: Size(width: 120, height: 30))
        open(f, 1001)
        // Add: the last item of the picker.
        f.press("P")
        f.press("End")
        f.press("Enter")
        f.type(": oat")
        f.press("Enter")
        XCTAssertTrue(f.screen.contains("a preference needs a name"), f.screen)
        XCTAssertEqual(f.store.state.customers["c00001"]?.preferences.count, 1, "nothing changed")
        f.press("C-u")
        f.type("calls: not before 10")
        f.press("Enter")
        XCTAssertEqual(f.store.state.customers["c00001"]?.preferences.map(\.key), ["milk", "calls"])
        // Change the first.
        f.press("P")
        f.press("Enter")
        f.press("Down")
        f.press("Enter")
        f.press("C-u")
        f.type("milk: soy")
        f.press("Enter")
        XCTAssertEqual(f.store.state.customers["c00001"]?.preferences.first?.value, "soy")
        // Remove the second.
        f.press("P")
        f.press("Down")
        f.press("Enter")
        f.press("End")
        f.press("Enter")
        XCTAssertEqual(f.store.state.customers["c00001"]?.preferences.map(\.key), ["milk"])
    }

    func testStalePreferenceShowsStillRightAndConfirmClearsIt() throws {
        let f = try ConsoleFixture(size: Size(width: 120, height: 30)) { store in
            try ConsoleFixture.standard(store)
            try store.append([.customerCreated(Customer(id: "", name: "Old Timer", emails: ["old@example.com"],
                                                        preferences: [Preference(key: "roast", value: "dark",
                                                                                 confirmedAt: ConsoleFixture.clockValue.addingTimeInterval(-200 * 86_400))],
                                                        customerSince: ConsoleFixture.clockValue)),
                              .ticketCreated(NewTicket(subject: "Hello", requester: "c00003"))])
        }
        open(f, 1004)
        XCTAssertTrue(f.screen.contains("roast: dark (still right?)"), f.screen)
        f.press("P")
        f.press("Enter")
        f.press("Enter")   // Confirm (still right)
        XCTAssertFalse(f.screen.contains("still right?"), f.screen)
    }

    // MARK: Promises

    func testPromiseFlowShowsWhatWasUnderstoodAndAppearsInPromisesDue() throws {
        let f = try ConsoleFixture(size: Size(width: 120, height: 30))
        open(f, 1001)
        f.press("f")
        f.type("send a new burr")
        f.press("Enter")
        f.type("whenever")
        XCTAssertTrue(f.screen.contains("could not read 'whenever'"), f.screen)
        f.press("Enter")
        XCTAssertTrue(f.store.state.promises.isEmpty, "an unreadable time changes nothing")
        f.press("C-u")
        f.type("in 30m")
        XCTAssertTrue(f.screen.contains("→ "), f.screen)
        XCTAssertTrue(f.screen.contains("in 30m"), f.screen)
        f.press("Enter")
        let p = try XCTUnwrap(f.store.state.openPromises.first)
        XCTAssertEqual(p.text, "send a new burr")
        XCTAssertEqual(p.owner, "sam")
        XCTAssertEqual(p.due, ConsoleFixture.clockValue.addingTimeInterval(1800))
        XCTAssertTrue(f.screen.contains("Promise send a new burr"), f.screen)
        XCTAssertTrue(f.screen.contains("⚑ promise due"), "due within the hour: the status line says so\n\(f.screen)")
        // The queue's Promises due view lists the ticket.
        f.press("q")
        f.console.execute(CommandInvocation("view", ["promises-due"]))
        f.draw()
        XCTAssertTrue(f.screen.contains("Promises due (1)"), f.screen)
        XCTAssertTrue(f.screen.contains("Grinder squeaks"), f.screen)
        // F marks it kept, from the queue's selected row.
        f.press("F")
        f.press("Enter")
        f.press("Enter")
        XCTAssertEqual(f.store.state.promises[p.id]?.state, .kept)
        XCTAssertTrue(f.screen.contains("Promises due (0)"), f.screen)
    }

    // MARK: Satisfaction

    func testSolvingFromThePickerAsksForARating() throws {
        let f = try ConsoleFixture(size: Size(width: 120, height: 30))
        open(f, 1001)
        f.press("s")
        f.type("solved")
        f.press("Enter")
        XCTAssertTrue(f.screen.contains("Satisfaction for #1001"), f.screen)
        f.type("7")
        f.press("Enter")
        XCTAssertTrue(f.screen.contains("1 (bad) to 5 (great)"), f.screen)
        XCTAssertNil(f.store.state.tickets[1001]?.satisfaction)
        f.press("C-u")
        f.type("4 quick fix")
        f.press("Enter")
        XCTAssertEqual(f.store.state.tickets[1001]?.satisfaction?.score, 4)
        XCTAssertEqual(f.store.state.tickets[1001]?.satisfaction?.comment, "quick fix")
    }

    func testRatingPromptCanBeSkipped() throws {
        let f = try ConsoleFixture(size: Size(width: 120, height: 30))
        open(f, 1001)
        f.press("s")
        f.type("solved")
        f.press("Enter")
        f.press("Escape")
        XCTAssertEqual(f.store.state.tickets[1001]?.status, .solved)
        XCTAssertNil(f.store.state.tickets[1001]?.satisfaction)
        XCTAssertFalse(f.screen.contains("Satisfaction for"), f.screen)
    }

    // MARK: Customers screen

    func testCustomersScreenSearchProfileHistoryAndOpen() throws {
        let f = try ConsoleFixture(size: Size(width: 120, height: 30)) { store in
            try ConsoleFixture.standard(store)
            try store.append([.ticketRated(number: 1001, satisfaction: Satisfaction(score: 5, comment: "lovely", at: ConsoleFixture.clockValue))])
        }
        f.press("C")
        XCTAssertTrue(f.screen.contains("Customers (2)"), f.screen)
        f.press("/")
        f.type("dani@EXAMPLE")
        f.press("Enter")
        XCTAssertTrue(f.screen.contains("Customers (1 of 2)"), f.screen)
        XCTAssertTrue(f.screen.contains("History (2)"), f.screen)
        XCTAssertTrue(f.screen.contains("5/5 (agent)"), "entered by an agent, and says so:\n\(f.screen)")
        XCTAssertTrue(f.screen.contains("Subscription pause"), f.screen)
        f.press("Enter")    // to the history
        f.press("j")
        f.press("Enter")    // open the older ticket
        XCTAssertTrue(f.screen.contains("#1001  Grinder squeaks"), f.screen)
        f.press("q")
        XCTAssertTrue(f.screen.contains("Customers"), f.screen)
    }

    func testCustomersScreenCreateEditAndMerge() throws {
        let f = try ConsoleFixture(size: Size(width: 120, height: 30))
        f.press("C")
        f.press("a")
        f.type("Dani Again, DANI@example.com")
        f.press("Enter")
        XCTAssertTrue(f.screen.contains("already belongs to customer c00001"), f.screen)
        XCTAssertEqual(f.store.state.customers.count, 2)
        f.press("C-u")
        f.type("Dani Okafor, +1 (555) 010-2233")
        f.press("Enter")
        XCTAssertEqual(f.store.state.customers.count, 3)
        XCTAssertTrue(f.screen.contains("Dani Okafor"), f.screen)
        // Edit: organisation.
        f.press("e")
        f.type("Organ")
        f.press("Enter")
        f.type("Okafor Ltd")
        f.press("Enter")
        XCTAssertEqual(f.store.state.customers["c00003"]?.organisation, "Okafor Ltd")
        // Merge the new record into the first Dani.
        f.press("M")
        f.type("Danielle")
        f.press("Enter")
        XCTAssertTrue(f.screen.contains("Merge customers"), f.screen)
        f.press("y")
        let s = f.store.state
        XCTAssertEqual(s.customers["c00003"]?.mergedInto, "c00001")
        XCTAssertEqual(s.customer(matching: "555 010 2233")?.id, "c00001")
        XCTAssertTrue(f.screen.contains("merged into Danielle Okafor"), f.screen)
        XCTAssertTrue(f.screen.contains("Customers (2)"), "the duplicate leaves the list\n\(f.screen)")
    }

    func testCustomersScreenListsChangesToTheUsualOrder() throws {
        let f = try ConsoleFixture(size: Size(width: 120, height: 40))
        open(f, 1001)
        f.press("u")
        f.press("C-u")
        f.type("cortado")
        f.press("Enter")
        f.press("C")
        XCTAssertTrue(f.screen.contains("Changes"), f.screen)
        XCTAssertTrue(f.screen.contains("usual order: \"oat flat white, extra hot\""), f.screen)
        XCTAssertTrue(f.screen.contains("\"cortado\""), f.screen)
        XCTAssertTrue(f.screen.contains("Sam Carter"), f.screen)
    }
}

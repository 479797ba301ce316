import Foundation
import XCTest
import HelpdeskCore
@testable import HelpdeskStore

/// A fresh directory per test, removed afterwards.
final class TemporaryDirectory: Sendable {
    let url: URL
    init() {
        url = URL(fileURLWithPath: NSTemporaryDirectory())
            .appendingPathComponent("helpdesk-store-tests-\(getpid())-\(UUID().uuidString)", isDirectory: true)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }

    func store(_ name: String = "store") -> URL { url.appendingPathComponent(name, isDirectory: true) }
}

/// A clock that starts at a fixed whole second and advances a second per reading.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var now: TimeInterval
    init(start: TimeInterval = 1_790_000_000) { now = start }
    func read() -> Date {
        lock.lock(); defer { lock.unlock() }
        now += 1
        return Date(timeIntervalSince1970: now)
    }
    var function: @Sendable () -> Date { { self.read() } }
    func advance(_ seconds: TimeInterval) {
        lock.lock(); defer { lock.unlock() }
        now += seconds
    }
}

enum Fixture {
    static let t0 = Date(timeIntervalSince1970: 1_790_000_000)

    static func info(_ mode: StoreMode = .single) -> StoreInfo {
        StoreInfo(mode: mode, createdAt: t0, createdBy: "dana")
    }

    static let dana = Agent(login: "dana", displayName: "Dana Okafor")

    /// A store with the creator and a customer.
    static func makeStore(at url: URL, clock: TestClock = TestClock()) throws -> FileStore {
        let store = try FileStore.create(at: url, info: info(), creator: dana, clock: clock.function)
        try store.append([.agentSaved(Agent(login: "sam", displayName: "Sam Lee"))])
        try store.append([customer("Ada Lovelace", "ada@example.com")])
        return store
    }

    static func customer(_ name: String, _ email: String) -> Change {
        .customerCreated(Customer(id: "", name: name, emails: [email], customerSince: t0))
    }

    static func newTicket(_ subject: String, requester: String = "c00001", body: String = "Hello, it is broken.") -> Change {
        .ticketCreated(NewTicket(subject: subject, requester: requester,
                                 message: Message(kind: .customer, author: requester, body: body, at: t0)))
    }

    static func note(_ number: Int, _ body: String, author: String = "dana") -> Change {
        .messageAdded(number: number, message: Message(kind: .note, author: author, body: body, at: t0.addingTimeInterval(60)))
    }

    static func setStatus(_ store: FileStore, _ number: Int, _ status: TicketStatus) -> Change {
        let t = store.state.tickets[number]!
        return .ticketUpdated(number: number, base: t.version, patch: TicketPatch.diff(t, status: status))
    }
}

/// Compares everything a user sees in two states.
func assertSameState(_ a: HelpdeskState, _ b: HelpdeskState, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.tickets, b.tickets, "tickets differ", file: file, line: line)
    XCTAssertEqual(a.customers, b.customers, "customers differ", file: file, line: line)
    XCTAssertEqual(a.agents, b.agents, "agents differ", file: file, line: line)
    XCTAssertEqual(a.promises, b.promises, "promises differ", file: file, line: line)
    XCTAssertEqual(a.templates, b.templates, "templates differ", file: file, line: line)
    XCTAssertEqual(a.settings, b.settings, file: file, line: line)
    XCTAssertEqual(a.lastSeq, b.lastSeq, file: file, line: line)
    XCTAssertEqual(a.maxTicketNumber, b.maxTicketNumber, file: file, line: line)
    XCTAssertEqual(a.maxCustomerNumber, b.maxCustomerNumber, file: file, line: line)
    XCTAssertEqual(a.maxPromiseID, b.maxPromiseID, file: file, line: line)
    XCTAssertEqual(a.ticketsByCustomer, b.ticketsByCustomer, file: file, line: line)
    XCTAssertEqual(a.customerByEmail, b.customerByEmail, file: file, line: line)
    XCTAssertEqual(a.customerByPhone, b.customerByPhone, file: file, line: line)
    XCTAssertEqual(a.openPromiseIDs, b.openPromiseIDs, "open promises differ", file: file, line: line)
    XCTAssertEqual(a.savedViews, b.savedViews, "saved views differ", file: file, line: line)
}

/// Every line of every file under `dir` parses as JSON, the way `jq` would read it.
func assertEverythingIsJSON(_ dir: URL, file: StaticString = #filePath, line: UInt = #line) {
    let files = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: [.isRegularFileKey])!
    var checked = 0
    for case let url as URL in files {
        guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
        if url.lastPathComponent == "lock" { continue }  // empty by design
        let data = try! Data(contentsOf: url)
        if url.pathExtension == "jsonl" {
            for (i, l) in data.split(separator: 0x0A).enumerated() {
                XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(l)), "\(url.path):\(i + 1) is not JSON", file: file, line: line)
            }
        } else if !data.isEmpty {
            XCTAssertNoThrow(try JSONSerialization.jsonObject(with: data), "\(url.path) is not JSON", file: file, line: line)
        }
        checked += 1
    }
    XCTAssertGreaterThan(checked, 0, file: file, line: line)
}

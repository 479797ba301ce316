import Foundation
import XCTest
import HelpdeskCore
import HelpdeskStore
@testable import HelpdeskTUI

/// A small real store in a temporary directory and a console on an in-memory terminal, for screen tests.
final class ConsoleFixture {
    let directory: URL
    let store: FileStore
    let terminal: MemoryTerminal
    let console: Console
    nonisolated(unsafe) static var clockValue = Date(timeIntervalSince1970: 1_795_000_000)

    init(size: Size = Size(width: 100, height: 30), actor: String = "sam",
         capabilities: TerminalCapabilities = .full, populate: (FileStore) throws -> Void = ConsoleFixture.standard) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("hd-tui-\(UUID().uuidString)")
        let t0 = ConsoleFixture.clockValue
        let clock: @Sendable () -> Date = { t0 }
        let created = try FileStore.create(at: directory, info: StoreInfo(mode: .single, createdAt: t0, createdBy: "sam"),
                                           creator: Agent(login: "sam", displayName: "Sam Carter", role: .supervisor),
                                           settings: Settings(name: "Test Café", supportAddress: "hi@test", timeZone: "UTC"),
                                           clock: clock)
        try populate(created)
        store = try FileStore.open(at: directory, actor: actor, clock: clock)
        terminal = MemoryTerminal(size: size, capabilities: capabilities)
        console = Console(store: store, terminal: terminal, clock: { t0 })
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    static func standard(_ store: FileStore) throws {
        let t0 = clockValue
        try store.append([
            .agentSaved(Agent(login: "dana", displayName: "Dana Lee")),
            .customerCreated(Customer(id: "", name: "Danielle Okafor", preferredName: "Dani", emails: ["dani@example.com"],
                                      usualOrder: "oat flat white, extra hot",
                                      preferences: [Preference(key: "milk", value: "oat", confirmedAt: t0)],
                                      notes: "Allergic to hazelnut", customerSince: t0.addingTimeInterval(-400 * 86_400), vip: true)),
            .customerCreated(Customer(id: "", name: "王芳", emails: ["wang@example.cn"], usualOrder: "decaf cortado", customerSince: t0)),
            .ticketCreated(NewTicket(subject: "Grinder squeaks", priority: .high, requester: "c00001",
                                     message: Message(kind: .customer, author: "c00001", body: "My grinder squeaks loudly.", at: t0))),
            .ticketCreated(NewTicket(subject: "咖啡豆订单 order", priority: .normal, requester: "c00002",
                                     message: Message(kind: .customer, author: "c00002",
                                                      body: "Evil \u{1B}]0;pwned\u{07} title and \u{202E}reversed", at: t0))),
            .ticketCreated(NewTicket(subject: "Subscription pause", priority: .low, assignee: "sam", requester: "c00001")),
        ])
    }

    var screen: String { terminal.screenText }

    /// Feeds keys by name and draws a frame, as the event loop does.
    func press(_ keys: String...) {
        for k in keys {
            console.handle(.key(Key(name: k)!))
            console.drawIfNeeded()
        }
    }

    func type(_ text: String) {
        for ch in text {
            console.handle(.key(.char(ch)))
        }
        console.drawIfNeeded()
    }

    func draw() { console.drawIfNeeded() }
}

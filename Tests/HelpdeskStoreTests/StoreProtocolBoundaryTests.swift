import Foundation
import XCTest
import HelpdeskCore
@testable import HelpdeskStore

/// Issue 13's groundwork: everything the console and the ordinary commands need is on the `Store`
/// protocol, so a second backend can stand in for the file store. These tests fail when a caller
/// goes back to reaching past the protocol.
final class StoreProtocolBoundaryTests: XCTestCase {
    /// The package root, from this file's place in it (Tests/HelpdeskStoreTests/…).
    private var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Crude but effective: no source above the store casts a store to the file store (or to one of
    /// the protocols `Store` now composes, which would mean it once was optional).
    func testNothingAboveTheStoreDowncasts() throws {
        let forbidden = ["as? FileStore", "as! FileStore", "is FileStore", "as? ReplyStorage", "as! ReplyStorage",
                         "as? (Store & ReplyStorage)", "as? PresenceBackend", "as? MailArchiveBackend"]
        var scanned = 0
        var found: [String] = []
        for module in ["Sources/HelpdeskTUI", "Sources/helpdesk"] {
            let dir = packageRoot.appendingPathComponent(module)
            guard let walker = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil) else {
                return XCTFail("cannot list \(dir.path)")
            }
            for case let file as URL in walker where file.pathExtension == "swift" {
                let text = try String(contentsOf: file, encoding: .utf8)
                scanned += 1
                for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    for pattern in forbidden where line.contains(pattern) {
                        found.append("\(file.path.dropFirst(packageRoot.path.count + 1)):\(i + 1): \(pattern)")
                    }
                }
            }
        }
        // The walk must have seen the modules (a moved tree would otherwise pass vacuously).
        XCTAssertGreaterThan(scanned, 50)
        XCTAssertEqual(found, [], "callers must use the Store protocol, not the file store")
    }

    /// Presence, drafts, the outbox, raw mail, search and history, reached only through `any Store`.
    func testEverythingCallersNeedIsReachableThroughTheProtocol() throws {
        let tmp = TemporaryDirectory()
        let store: any Store = try Fixture.makeStore(at: tmp.store())
        try store.append([Fixture.newTicket("Printer on fire", body: "smoke everywhere")])

        let presence = store.presenceFiles()
        try presence.publish(Presence(agent: "dana", pid: getpid(), host: presence.host, ticket: 1001, at: Fixture.t0))
        XCTAssertEqual(presence.read().map(\.agent), ["dana"])
        presence.withdraw()
        XCTAssertEqual(presence.read().map(\.agent), [])

        let draft = Draft(ticket: 1001, agent: "dana", kind: .reply, text: "on my way", cursor: TextPosition(line: 0, column: 0),
                          base: ReplyBase(version: 1, messageCount: 1), sendID: "hd-boundary", startedAt: Fixture.t0)
        try store.drafts.save(draft)
        XCTAssertEqual(store.drafts.tickets(of: "dana"), [1001])

        let staged = try store.outbox.stage(sendID: "hd-boundary", message: "Subject: x\r\n\r\nbody\r\n")
        try store.outbox.commit(staged)
        XCTAssertTrue(store.outbox.contains("hd-boundary"))

        XCTAssertNil(try store.mailArchive.read(.raw, MailArchive.digest(Array("no such mail".utf8))))
        XCTAssertNotNil(try? store.replyKeys())

        XCTAssertEqual(store.search("smoke"), [1001])
        XCTAssertEqual(store.search("smoke", limit: 1).numbers, [1001])
        XCTAssertEqual(try store.allEvents().count, store.state.lastSeq)
        XCTAssertFalse(try store.history(ofTicket: 1001).isEmpty)
        let planned = try store.append(planning: { _ in [Fixture.note(1001, "planned")] })
        XCTAssertEqual(planned.count, 1)
    }
}

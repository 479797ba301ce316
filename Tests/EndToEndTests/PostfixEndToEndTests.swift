import Foundation
import Glibc
import XCTest

/// The customer channel through a real MTA, as a new user would wire it (README "Mail"): a customer's mail
/// goes over SMTP to Postfix, whose local delivery pipes it to `helpdesk deliver`; the ticket appears in a
/// console running in tmux; the agent replies there; the reply leaves through `sendmail -t` and lands in the
/// customer's mailbox; the customer's answer to that mail threads back into the same ticket.
final class PostfixEndToEndTests: XCTestCase {
    var sandbox: Sandbox!
    var postfix: LocalPostfix!
    var tmux: TmuxSession!
    var store: URL!

    override func setUpWithError() throws {
        sandbox = try Sandbox(testCase: Self.self)
        postfix = try LocalPostfix(sandbox: sandbox)
        tmux = try TmuxSession(sandbox: sandbox)
        store = sandbox.root.appendingPathComponent("store")
        try FileManager.default.createDirectory(at: store, withIntermediateDirectories: true)
        _ = try LocalPostfix.system(["chown", "\(postfix.agent):\(postfix.agent)", store.path])
        try agentOK(["init", "--support-address", "support@\(LocalPostfix.domain)", "--name", "Sam Agent",
                     "--time-zone", "UTC"])
        // The agent's own send command for this store (kept in their config, as the README says).
        try agentOK(["outbox", "command", "/usr/sbin/sendmail -t -i"])
        try postfix.forward(to: store, binary: sandbox.binary)
    }

    override func tearDown() {
        tmux?.kill()
        postfix?.restore()
        sandbox?.remove()
        super.tearDown()
    }

    @discardableResult
    func agentOK(_ arguments: [String]) throws -> String {
        let words = [sandbox.binary.path] + arguments + ["--store", store.path]
        let r = try postfix.shell(postfix.agent, "exec " + words.map(shellQuote).joined(separator: " "))
        guard r.status == 0 else { throw EndToEndFailure(description: "helpdesk \(arguments.joined(separator: " ")): \(r.summary)") }
        return r.stdout
    }

    func tickets() throws -> [[String: Any]] {
        let out = try agentOK(["ticket", "list", "--status", "all", "--json"])
        return (try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]]) ?? []
    }

    func ticket(_ n: Int) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(try agentOK(["ticket", "show", String(n), "--json"]).utf8)) as? [String: Any] ?? [:]
    }

    /// Polls `body` until it returns a value or `timeout` passes.
    func eventually<T>(_ what: String, timeout: TimeInterval = 20, _ body: () throws -> T?) throws -> T {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let v = try body() { return v }
            guard Date() < deadline else {
                throw EndToEndFailure(description: "\(what) did not happen within \(Int(timeout)) s; Postfix queue:\n\(postfix.queue())")
            }
            Thread.sleep(forTimeInterval: 0.25)
        }
    }

    func testACustomersMailBecomesATicketTheReplyReachesThemAndTheirAnswerThreads() throws {
        let customerAddress = "\(postfix.customer)@\(LocalPostfix.domain)"
        // The console is open before any mail arrives, as an agent's would be.
        let env = postfix.userEnvironment(postfix.agent).map { "\($0.key)=\(shellQuote($0.value))" }.sorted().joined(separator: " ")
        let console = "/usr/sbin/runuser -u \(postfix.agent) -- /usr/bin/env -i \(env) TERM=tmux-256color "
            + [sandbox.binary.path, "--store", store.path].map(shellQuote).joined(separator: " ")
        try tmux.start(console + "; echo EXIT=$?; exec sh -i", width: 110, height: 30)
        _ = try tmux.waitFor("My open", timeout: 10)

        // 1. The customer writes, over SMTP, with their receipt attached.
        let receipt = sandbox.root.appendingPathComponent("receipt.txt")
        try "Order 5521: Baratza Encore, paid 2026-11-02\n".write(to: receipt, atomically: true, encoding: .utf8)
        try postfix.sendSMTP(from: customerAddress, to: "support@\(LocalPostfix.domain)", subject: "Grinder squeaks",
                             body: "Hello, my grinder squeaks since Monday. Can you help?", attach: receipt)
        let first = try eventually("the mail becoming a ticket") {
            try tickets().first { $0["subject"] as? String == "Grinder squeaks" }
        }
        let number = try XCTUnwrap(first["number"] as? Int)
        XCTAssertEqual(first["channel"] as? String, "email")
        XCTAssertTrue(try postfix.queueIsEmpty(), "Postfix still holds the mail:\n\(postfix.queue())")

        // 2. The agent sees it in the console (a notice on the status line) and replies there.
        let notice = try tmux.waitFor("New mail: #\(number)", timeout: 5)
        XCTAssertTrue(notice.contains("Grinder squeaks"), notice)
        try tmux.press("3")   // All open
        let queue = try tmux.waitFor("Grinder squeaks", timeout: 5)
        XCTAssertTrue(queue.contains("#\(number)") || queue.contains("\(number)"), queue)
        try tmux.press(":")
        try tmux.type("open \(number)")
        try tmux.press("Enter")
        let opened = try tmux.waitFor("grinder squeaks since Monday", timeout: 5)
        XCTAssertTrue(opened.contains("mail from \(customerAddress)"), opened)
        XCTAssertTrue(opened.contains("receipt.txt"), "the attachment is listed with its name:\n\(opened)")
        try tmux.press("r")
        _ = try tmux.waitFor("On send", timeout: 5)
        try tmux.type("A drop of oil on the burr shaft will quiet it.")
        try tmux.press("C-x")
        _ = try tmux.waitForAbsence(of: "On send", timeout: 10)

        // 3. The reply reaches the customer's mailbox through sendmail -t.
        let reply = try eventually("the reply reaching /var/mail/\(postfix.customer)", timeout: 90) { () -> MboxMessage? in
            guard let data = FileManager.default.contents(atPath: postfix.customerMailbox.path) else { return nil }
            return MboxMessage.all(in: String(decoding: data, as: UTF8.self)).last { $0.headers["subject"]?.contains("[#\(number)]") == true }
        }
        XCTAssertEqual(reply.headers["subject"], "Re: Grinder squeaks [#\(number)]")
        XCTAssertTrue(reply.headers["to"]?.contains(customerAddress) == true, "\(reply.headers)")
        let replyTo = try XCTUnwrap(reply.headers["reply-to"], "\(reply.headers)")
        XCTAssertTrue(replyTo.contains("support+t\(number)."), replyTo)
        XCTAssertNotNil(reply.headers["in-reply-to"], "the reply names the customer's message: \(reply.headers)")
        XCTAssertTrue(reply.body.replacingOccurrences(of: "=\n", with: "").contains("burr shaft"), reply.body)
        let messageID = try XCTUnwrap(reply.headers["message-id"])

        // 4. The customer answers that mail from their mailbox: to its Reply-To, naming it in In-Reply-To.
        let address = replyTo.split(separator: "<").last.map { String($0.prefix { $0 != ">" }) } ?? replyTo
        let answer = """
        From: \(customerAddress)
        To: \(address)
        Subject: Re: Grinder squeaks [#\(number)]
        In-Reply-To: \(messageID)
        References: \(messageID)
        Message-ID: <answer-\(number)@\(LocalPostfix.domain)>

        Thanks, it is quieter now.

        > A drop of oil on the burr shaft will quiet it.

        """
        try postfix.sendmail(as: postfix.customer, message: answer)
        let thread = try eventually("the answer threading into #\(number)") { () -> [[String: Any]]? in
            let messages = try ticket(number)["messages"] as? [[String: Any]] ?? []
            return messages.count >= 3 ? messages : nil
        }
        XCTAssertEqual(thread.map { $0["kind"] as? String }, ["customer", "reply", "customer"])
        XCTAssertTrue((thread.last?["body"] as? String)?.contains("quieter now") == true, "\(thread)")
        XCTAssertEqual(try tickets().filter { ($0["subject"] as? String)?.contains("Grinder squeaks") == true }.count, 1,
                       "the answer started no second ticket")
        XCTAssertEqual(try ticket(number)["status"] as? String, "open", "a customer's answer makes a pending ticket open")
        // The console shows it live, on the ticket it has open.
        _ = try tmux.waitFor("quieter now", timeout: 5)
        try tmux.press("Q")
        _ = try tmux.waitFor("EXIT=0", timeout: 5)
    }

    func testWithTheDiskFullDeliverSays75AndPostfixKeepsTheMailUntilThereIsRoom() throws {
        // A store on a small file system of its own, then filled up: a real ENOSPC, not a simulation.
        let mount = sandbox.root.appendingPathComponent("small")
        try FileManager.default.createDirectory(at: mount, withIntermediateDirectories: true)
        do {
            try LocalPostfix.system(["mount", "-t", "tmpfs", "-o", "size=16m,mode=0755", "tmpfs", mount.path])
        } catch {
            throw XCTSkip("cannot mount a small tmpfs here (\(error)); the disk-full test needs one")
        }
        defer { _ = try? LocalPostfix.system(["umount", "-l", mount.path]) }
        store = mount.appendingPathComponent("store")
        try FileManager.default.createDirectory(at: store, withIntermediateDirectories: true)
        _ = try LocalPostfix.system(["chown", "-R", "\(postfix.agent):\(postfix.agent)", mount.path])
        try agentOK(["init", "--support-address", "support@\(LocalPostfix.domain)", "--name", "Sam Agent"])
        try postfix.forward(to: store, binary: sandbox.binary)
        let filler = mount.appendingPathComponent("filler")
        _ = try? LocalPostfix.system(["dd", "if=/dev/zero", "of=\(filler.path)", "bs=64k"])   // until it is full
        try postfix.sendSMTP(from: "\(postfix.customer)@\(LocalPostfix.domain)", to: "support@\(LocalPostfix.domain)",
                             subject: "Deferred hello", body: "Are you there?")
        let deferred = try eventually("Postfix deferring the mail (deliver exiting 75)", timeout: 30) { () -> String? in
            let q = postfix.queue()
            return q.contains("temporary failure") ? q : nil
        }
        XCTAssertTrue(deferred.contains("support"), deferred)
        XCTAssertNil(try tickets().first { $0["subject"] as? String == "Deferred hello" }, "nothing half-stored")
        // Room again: Postfix's retry delivers it, once.
        try FileManager.default.removeItem(at: filler)
        try postfix.flush()
        _ = try eventually("the retried mail arriving", timeout: 60) {
            try tickets().first { $0["subject"] as? String == "Deferred hello" }
        }
        _ = try eventually("the queue emptying") { try postfix.queueIsEmpty() ? true : nil }
        XCTAssertEqual(try tickets().filter { $0["subject"] as? String == "Deferred hello" }.count, 1)
    }
}

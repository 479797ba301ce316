import Foundation
import Glibc
import XCTest

/// Reply drafting in the real binary: a template filled for a regular, a draft that survives the
/// console being killed by SIGHUP, sending it, and the `.eml` in the outbox.
final class DraftingEndToEndTests: EndToEndTestCase {
    /// Issue 11 item 2: the CLI cannot ask for a promised time, so it refuses, naming the placeholder.
    func testReplyWithPromiseTemplateOnATicketWithoutAPromiseIsRefused() throws {
        try cli.run(["customer", "add", "--name", "Freya Lindqvist", "--email", "freya@example.com"])
        let created = try cli.run(["ticket", "new", "--customer", "freya@example.com", "--subject", "Late parcel", "--body", "Where is it?"])
        guard created.status == 0, let number = Int(created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            return XCTFail(created.summary)
        }
        XCTAssertEqual(try cli.run(["template", "add", "update", "--body", "Hi {{customer.preferredName | \"there\"}}, by {{promise.due}}."]).status, 0)
        let refused = try cli.run(["ticket", "reply", String(number), "--template", "update", "--body", ""])
        XCTAssertEqual(refused.status, 4, refused.summary)
        XCTAssertTrue(refused.stderr.contains("{{promise.due}}") && refused.stderr.contains("no open promise"), refused.summary)
    }

    /// Issue 11 item 5: `ticket reply` chooses the status as the console's Submit as… does; the
    /// default is pending, an explicit status beats the template's.
    func testReplyStatusIsChosenOnTheCommandLine() throws {
        try cli.run(["customer", "add", "--name", "Freya Lindqvist", "--email", "freya@example.com"])
        let created = try cli.run(["ticket", "new", "--customer", "freya@example.com", "--subject", "Beans", "--body", "Which beans?"])
        let number = try XCTUnwrap(Int(created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)), created.summary)
        XCTAssertEqual(try cli.run(["ticket", "reply", String(number), "--body", "The Kenya."]).status, 0)
        XCTAssertEqual(try cli.ticket(number)["status"] as? String, "pending")
        XCTAssertEqual(try cli.run(["ticket", "reply", String(number), "--body", "Back soon.", "--status", "on hold"]).status, 0)
        XCTAssertEqual(try cli.ticket(number)["status"] as? String, "onHold")
        XCTAssertEqual(try cli.run(["template", "add", "done", "--body", "All done.", "--status", "solved"]).status, 0)
        let reply = try cli.run(["ticket", "reply", String(number), "--template", "done", "--body", "", "--status", "open"])
        XCTAssertEqual(reply.status, 0, reply.summary)
        XCTAssertEqual(try cli.ticket(number)["status"] as? String, "open")
    }

    func testTemplateForARegularSurvivesHangupAndIsSentOnce() throws {
        try cli.run(["customer", "add", "--name", "Danielle Okafor", "--preferred-name", "Dana",
                     "--email", "dana.okafor@example.com", "--usual-order", "oat flat white, extra hot"])
        let created = try cli.run(["ticket", "new", "--customer", "dana.okafor@example.com", "--subject", "Grinder squeaks",
                                   "--body", "It squeaks every morning."])
        guard created.status == 0, let number = Int(created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            return XCTFail(created.summary)
        }
        let template = try cli.run(["template", "add", "usual-ready", "--body",
                                    "Hi {{customer.preferredName | \"there\"}}, your usual {{customer.usualOrder}} is ready (#{{ticket.number}})."])
        XCTAssertEqual(template.status, 0, template.summary)

        try tmux.startConsole(store: store)
        try tmux.waitFor("My open")
        try tmux.press(":")
        try tmux.type("open \(number)")
        try tmux.press("Enter")
        try tmux.waitFor("Grinder squeaks")
        try tmux.press("r")
        try tmux.waitFor("Reply to Dana")
        try tmux.press("C-t")
        try tmux.waitFor("type to search templates")
        try tmux.type("usual-ready")
        try tmux.waitFor("usual-ready")
        try tmux.press("Enter")
        try tmux.waitFor("your usual oat flat white, extra hot is ready (#\(number)).")
        try tmux.press("Enter")
        try tmux.type("See you Saturday.")
        try tmux.waitFor("See you Saturday.")

        // The SSH link drops: SIGHUP. The draft must be on disk, exactly, cursor included.
        let pid = try tmux.childPID()
        XCTAssertEqual(Glibc.kill(pid, SIGHUP), 0)
        try tmux.waitFor("EXIT=129", timeout: 5)
        let draftFile = store.appendingPathComponent("drafts").appendingPathComponent("sam--\(number).json")
        let draft = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: draftFile)) as? [String: Any])
        XCTAssertEqual(draft["text"] as? String,
                       "Hi Dana, your usual oat flat white, extra hot is ready (#\(number)).\nSee you Saturday.")
        let cursor = try XCTUnwrap(draft["cursor"] as? [String: Int])
        XCTAssertEqual(cursor["line"], 1)
        XCTAssertEqual(cursor["column"], 17)

        // Another login: the queue marks the draft; reopening the ticket offers it back.
        // (A second tmux server on its own socket: restarting one on the same socket races its shutdown.)
        tmux.kill()
        let second = try Sandbox(testCase: Self.self)
        defer { second.remove() }
        tmux = try TmuxSession(sandbox: second)
        try tmux.startConsole(store: store)
        try tmux.waitFor("My open")
        try tmux.press(":")
        try tmux.type("open \(number)")
        try tmux.press("Enter")
        try tmux.waitFor("r continue your draft")
        try tmux.press("r")
        try tmux.waitFor("is back, cursor where you left it")
        try tmux.waitFor("See you Saturday.")
        try tmux.press("C-x")
        try tmux.waitFor("Reply sent on #\(number)")

        let newDir = store.appendingPathComponent("outbox/new")
        let files = try FileManager.default.contentsOfDirectory(atPath: newDir.path).filter { $0.hasSuffix(".eml") }
        XCTAssertEqual(files.count, 1)
        let eml = try String(contentsOf: newDir.appendingPathComponent(files[0]), encoding: .utf8)
        XCTAssertTrue(eml.contains("To: \"Danielle Okafor\" <dana.okafor@example.com>\r\n"), eml)
        XCTAssertTrue(eml.contains("Subject: Re: Grinder squeaks [#\(number)]\r\n"), eml)
        XCTAssertTrue(eml.contains("In-Reply-To: <ticket-\(number)@"), eml)
        XCTAssertTrue(eml.contains("your usual oat flat white, extra hot is ready"), eml)
        XCTAssertFalse(FileManager.default.fileExists(atPath: draftFile.path), "the draft is gone once sent")
        let shown = try cli.run(["ticket", "show", String(number)])
        XCTAssertTrue(shown.stdout.contains("status pending"), shown.stdout)
    }
}

import Foundation
import XCTest

/// `helpdesk report` as it circulates: rendered by a real browser (Debian's chromium, headless), mailed
/// through the outbox and the send command, and cut to an agent's own row; and the demo's store found
/// by the command line right after `helpdesk demo`.
final class ReportEndToEndTests: EndToEndTestCase {
    static let sections = ["Headline: this period against the one before", "Missed promises", "SLA breaches",
                           "Customers at risk", "Best-rated replies", "Totals", "Per agent", "Per tag"]

    /// The browser, if installed (`apt-get install chromium`; `.ci/run` installs it).
    func chromium() -> String? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    func testTheHTMLReportRendersInAHeadlessBrowserWithEverySection() throws {
        guard let browser = chromium() else {
            throw XCTSkip("chromium is not installed (apt-get install -y chromium): the report's HTML was not rendered by a browser")
        }
        let html = sandbox.root.appendingPathComponent("report.html")
        let made = try cli.run(["report", "--since", "30d", "--format", "html", "--out", html.path])
        XCTAssertEqual(made.status, 0, made.summary)
        let png = sandbox.root.appendingPathComponent("report.png")
        // Bounded: `timeout` ends a browser that hangs; the profile lives in the sandbox, so anything
        // left running is found and ended by the harness.
        func browse(_ args: [String], profile: String) throws -> CommandResult {
            try runProcess("/usr/bin/timeout", ["-k", "5", "90", browser, "--headless=new", "--no-sandbox", "--disable-gpu",
                                                "--no-first-run", "--disable-dev-shm-usage",
                                                "--user-data-dir=" + sandbox.root.appendingPathComponent(profile).path]
                                                + args + [html.absoluteString],
                           environment: sandbox.environment)
        }
        let shot = try browse(["--screenshot=" + png.path, "--window-size=1200,1600"], profile: "chromium-shot")
        XCTAssertEqual(shot.status, 0, shot.summary)
        let image = try Data(contentsOf: png)
        XCTAssertEqual(Array(image.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "a PNG")
        XCTAssertGreaterThan(image.count, 20_000, "a page with text on it, not a blank screenshot")
        // The DOM as the browser parsed it: every section a heading, every table a table.
        let dom = try browse(["--dump-dom"], profile: "chromium-dom")
        XCTAssertEqual(dom.status, 0, dom.summary)
        let source = try String(contentsOf: html, encoding: .utf8)
        for title in Self.sections {
            XCTAssertTrue(dom.stdout.contains(">" + title), "no section \(title) in the parsed page:\n\(dom.stdout.prefix(3000))")
        }
        XCTAssertEqual(dom.stdout.components(separatedBy: "<table").count, source.components(separatedBy: "<table").count,
                       "the browser parsed every table as written")
        XCTAssertTrue(dom.stdout.contains("</tbody></table>"), "tables parsed as tables")
        XCTAssertFalse(source.contains("<style"), "mail clients strip <style>: every style is inline")
        XCTAssertTrue(source.contains("text-align:right"), "numbers right-aligned")
    }

    func testReportMailGoesThroughTheOutboxAsTextAndHTML() throws {
        let mailFile = sandbox.root.appendingPathComponent("sent.eml")
        let set = try cli.run(["outbox", "command", "cat > '\(mailFile.path)'"])
        XCTAssertEqual(set.status, 0, set.summary)
        let sent = try cli.run(["report", "--since", "7d", "--mail", "team@example.com", "boss@example.com"])
        XCTAssertEqual(sent.status, 0, sent.summary)
        XCTAssertTrue(sent.stdout.contains("report sent to team@example.com, boss@example.com"), sent.stdout)
        let mail = try String(contentsOf: mailFile, encoding: .utf8)
        XCTAssertTrue(mail.contains("To: <team@example.com>, <boss@example.com>\r\n"), mail)
        XCTAssertTrue(mail.contains("Content-Type: multipart/alternative; boundary="), mail)
        XCTAssertTrue(mail.contains("Content-Type: text/plain; charset=UTF-8"), mail)
        XCTAssertTrue(mail.contains("Content-Type: text/html; charset=UTF-8"), mail)
        XCTAssertTrue(mail.contains("Headline: this period against the one before"), mail)
        let list = try cli.run(["outbox", "list"])
        XCTAssertTrue(list.stdout.contains("sent") && list.stdout.contains("report-"), list.stdout)

        let bad = try cli.run(["report", "--mail", "team@example.com\r\nBcc: all@example.com"])
        XCTAssertNotEqual(bad.status, 0, bad.summary)
        XCTAssertTrue(bad.stderr.contains("is not one plain address"), bad.stderr)
    }

    func testAnAgentsReportHasTheirOwnRowAndTheTeamTotals() throws {
        let team = try cli.run(["report", "--since", "30d", "--format", "md"], as: "priya")
        let mine = try cli.run(["report", "--since", "30d", "--format", "md"], as: "mei")
        XCTAssertEqual(team.status, 0, team.summary)
        XCTAssertEqual(mine.status, 0, mine.summary)
        func agentRows(_ md: String) -> [String] {
            let table = md.components(separatedBy: "## Per agent\n\n").last?.components(separatedBy: "\n\n").first ?? ""
            return table.split(separator: "\n").dropFirst(2).map(String.init)
        }
        XCTAssertGreaterThan(agentRows(team.stdout).count, 1, team.stdout)
        XCTAssertEqual(agentRows(mine.stdout).count, 1, mine.stdout)
        XCTAssertTrue(agentRows(mine.stdout).first?.hasPrefix("| Mei Chen |") == true, mine.stdout)
        func totals(_ md: String) -> String { md.components(separatedBy: "## Totals").last?.components(separatedBy: "## Per agent").first ?? "" }
        XCTAssertEqual(totals(mine.stdout), totals(team.stdout), "the team's totals are the same for everyone")
    }

    func testTheCommandLineFindsTheDemoStoreRightAfterTheDemo() throws {
        var env = sandbox.environment
        env["XDG_DATA_HOME"] = sandbox.root.appendingPathComponent("fresh-data").path
        let demo = try runProcess(sandbox.binary.path, ["demo", "--no-open"], environment: env)
        XCTAssertEqual(demo.status, 0, demo.summary)
        let dir = sandbox.root.appendingPathComponent("fresh-data/helpdesk-demo").path
        XCTAssertTrue(demo.stdout.contains("helpdesk --store \(dir) ticket list"), demo.stdout)
        XCTAssertTrue(demo.stdout.contains("export HELPDESK_STORE=\(dir)"), demo.stdout)
        let list = try runProcess(sandbox.binary.path, ["ticket", "list"], environment: env)
        XCTAssertEqual(list.status, 0, list.summary)
        XCTAssertFalse(list.stderr.contains("no helpdesk store"), list.stderr)
        XCTAssertTrue(list.stderr.contains("using the demo store at \(dir)"), list.stderr)
        XCTAssertTrue(list.stdout.contains("SUBJECT"), list.stdout)
        // Once there is a store of your own, it is the one used.
        let initialised = try runProcess(sandbox.binary.path, ["init"], environment: env)
        XCTAssertEqual(initialised.status, 0, initialised.summary)
        let own = try runProcess(sandbox.binary.path, ["ticket", "list"], environment: env)
        XCTAssertEqual(own.status, 0, own.summary)
        XCTAssertFalse(own.stderr.contains("demo"), own.stderr)
    }
}

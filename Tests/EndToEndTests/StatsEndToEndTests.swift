import Foundation
import XCTest

/// `helpdesk stats` and `helpdesk report` as scripts and a supervisor use them: JSON, Prometheus and CSV
/// parsed, the same numbers everywhere, and the wall screen changing within a second of a CLI reply.
final class StatsEndToEndTests: EndToEndTestCase {
    func object(_ r: CommandResult) throws -> [String: Any] {
        XCTAssertEqual(r.status, 0, r.summary)
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], r.stdout)
    }

    /// Prometheus text: every sample's family has HELP and TYPE first; returns "name{labels}" → value.
    func parsePrometheus(_ text: String) throws -> [String: Double] {
        var typed = Set<String>(), helped = Set<String>(), samples: [String: Double] = [:]
        for line in text.split(separator: "\n").map(String.init) {
            if line.hasPrefix("# HELP ") { helped.insert(String(line.split(separator: " ")[2])); continue }
            if line.hasPrefix("# TYPE ") {
                let parts = line.split(separator: " ")
                XCTAssertTrue(["gauge", "counter", "summary", "histogram", "untyped"].contains(String(parts[3])), line)
                typed.insert(String(parts[2]))
                continue
            }
            let space = try XCTUnwrap(line.lastIndex(of: " "), line)
            let key = String(line[..<space])
            let name = String(key.prefix { $0 != "{" })
            XCTAssertTrue(name.hasPrefix("helpdesk_"), line)
            let family = ["_sum", "_count"].reduce(name) { n, s in typed.contains(n) ? n : (n.hasSuffix(s) ? String(n.dropLast(s.count)) : n) }
            XCTAssertTrue(typed.contains(family) && helped.contains(family), "no HELP/TYPE before \(line)")
            let value = String(line[line.index(after: space)...])
            samples[key] = value == "NaN" ? .nan : try XCTUnwrap(Double(value), line)
        }
        return samples
    }

    /// RFC 4180 with quoted fields.
    func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" { if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false } }
                else { field.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == "," { row.append(field); field = "" }
            else if c == "\r\n" || c == "\n" { row.append(field); rows.append(row); row = []; field = "" }
            else { field.append(c) }
        }
        return rows
    }

    func testJSONPrometheusCSVAndReportAgree() throws {
        let stats = try object(try cli.run(["stats", "--json"]))
        let backlog = try XCTUnwrap(stats["backlog"] as? [Int])
        let week = try XCTUnwrap(stats["last7Days"] as? [String: Any])
        let weekCreated = try XCTUnwrap(week["created"] as? [Int]).count
        let weekFirst = try XCTUnwrap(week["firstReply"] as? [String: Any])
        XCTAssertGreaterThan(weekCreated, 0, "the demo has tickets this week")

        let prom = try cli.run(["stats", "--prometheus"])
        XCTAssertEqual(prom.status, 0, prom.summary)
        let samples = try parsePrometheus(prom.stdout)
        let open = samples.filter { $0.key.hasPrefix("helpdesk_open_tickets{") }.values.reduce(0, +)
        XCTAssertEqual(Int(open), backlog.count)
        XCTAssertEqual(samples["helpdesk_first_reply_seconds_count{window=\"7d\"}"], (weekFirst["count"] as? Int).map(Double.init))
        XCTAssertEqual(samples["helpdesk_first_reply_seconds{window=\"7d\",quantile=\"0.5\"}"], weekFirst["median"] as? Double)
        if let promtool = which("promtool") {
            let checked = try runProcess(promtool, ["check", "metrics"], environment: sandbox.environment, stdin: prom.stdout)
            XCTAssertEqual(checked.status, 0, "promtool check metrics: \(checked.summary)")
        }

        let report = try object(try cli.run(["report", "--since", "7d", "--format", "json"]))
        let totals = try XCTUnwrap(report["totals"] as? [String: Any])
        XCTAssertEqual((totals["created"] as? [Int])?.count, weekCreated)
        XCTAssertEqual((totals["firstReply"] as? [String: Any])?["median"] as? Double, weekFirst["median"] as? Double)

        let csv = try cli.run(["report", "--since", "7d", "--format", "csv"])
        XCTAssertEqual(csv.status, 0, csv.summary)
        let rows = parseCSV(csv.stdout)
        XCTAssertEqual(rows.first, ["section", "name", "metric", "value"])
        XCTAssertTrue(rows.allSatisfy { $0.count == 4 }, "every CSV row has four fields")
        XCTAssertEqual(rows.first { $0[0] == "totals" && $0[2] == "tickets created" }?[3], String(weekCreated))
        XCTAssertTrue(rows.contains { $0[0] == "agent" && $0[1] == "sam" })

        let md = try cli.run(["report", "--format", "md"])
        XCTAssertTrue(md.stdout.contains("## Per agent") && md.stdout.contains("| tickets created | \(weekCreated) |"), md.stdout)
        let bad = try cli.run(["report", "--from", "2026-02-30"])
        XCTAssertEqual(bad.status, 4, bad.summary)
        XCTAssertTrue(bad.stderr.contains("YYYY-MM-DD"), bad.stderr)
    }

    func testWallScreenChangesWithinASecondOfACLIReply() throws {
        try tmux.startConsole(store: store, arguments: ["stats", "--as", "priya"], width: 110, height: 34)
        let before = try tmux.waitFor("Tomás Ferreira", timeout: 5)
        func replies(_ screen: String) -> Int? {
            guard let row = screen.split(separator: "\n").first(where: { $0.hasPrefix(" Tomás Ferreira") }) else { return nil }
            let chars = Array(row), start = 1 + 18 + 8 + 9 + 8 + 6
            guard chars.count > start else { return nil }
            return Int(String(chars[start..<min(chars.count, start + 8)]).trimmingCharacters(in: .whitespaces))
        }
        let count = try XCTUnwrap(replies(before), before)
        let ticket = try XCTUnwrap(try cli.tickets().first?["number"] as? Int)
        let replied = try cli.run(["ticket", "reply", String(ticket), "--body", "On it (e2e)"], as: "tomas")
        XCTAssertEqual(replied.status, 0, replied.summary)
        try tmux.waitUntil("Tomás's replies today to go from \(count) to \(count + 1)", timeout: 1) { replies($0) == count + 1 }
        try tmux.press("q")
        try tmux.waitFor("EXIT=0", timeout: 3)
    }

    func testWatchPrintsALinePerChange() throws {
        let out = sandbox.root.appendingPathComponent("watch.jsonl")
        try tmux.start([sandbox.binary.path, "stats", "--json", "--watch", "--store", store.path].map(shellQuote).joined(separator: " ")
                       + " > " + shellQuote(out.path))
        func lines() -> [[String: Any]] {
            ((try? String(contentsOf: out, encoding: .utf8)) ?? "").split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
        }
        let deadline = Date().addingTimeInterval(5)
        while lines().isEmpty && Date() < deadline { usleep(50_000) }
        let first = try XCTUnwrap(lines().first, "no first snapshot")
        let replies = try XCTUnwrap((first["today"] as? [String: Any])?["replies"] as? Int)
        let ticket = try XCTUnwrap(try cli.tickets().first?["number"] as? Int)
        XCTAssertEqual(try cli.run(["ticket", "reply", String(ticket), "--body", "watch e2e"], as: "mei").status, 0)
        let until = Date().addingTimeInterval(1)
        while lines().count < 2 && Date() < until { usleep(20_000) }
        let all = lines()
        XCTAssertGreaterThanOrEqual(all.count, 2, "no line within a second of the change")
        XCTAssertEqual((all.last?["today"] as? [String: Any])?["replies"] as? Int, replies + 1)
    }
}

import Foundation

/// A `StatsReport` as Markdown, HTML (both to paste into a team mail) or CSV (for a spreadsheet: one
/// row per number, durations in seconds). JSON is the report's Codable form.
public enum ReportDocument {
    /// The period's numbers as (metric, for people, raw) — shared by every format so they agree.
    static func rows(_ m: PeriodMetrics) -> [(metric: String, shown: String, raw: String)] {
        func d(_ t: TimeInterval?) -> String { t.map { Durations.short($0) } ?? "–" }
        func r(_ t: TimeInterval?) -> String { t.map { String(Int($0.rounded())) } ?? "" }
        func avg(_ v: Double?, _ none: String) -> String { v.map { String(format: "%.2f", $0) } ?? none }
        var out: [(metric: String, shown: String, raw: String)] = [
            ("tickets created", "\(m.created.count)", "\(m.created.count)"),
            ("tickets solved", "\(m.solved.count)", "\(m.solved.count)"),
            ("first replies", "\(m.firstReply.count)", "\(m.firstReply.count)"),
            ("first reply median (s)", d(m.firstReply.median), r(m.firstReply.median)),
            ("first reply p90 (s)", d(m.firstReply.p90), r(m.firstReply.p90)),
            ("resolution median (s)", d(m.resolution.median), r(m.resolution.median)),
            ("public replies", "\(m.replies)", "\(m.replies)"),
            ("promises due", "\(m.promisesDue.count)", "\(m.promisesDue.count)"),
            ("promises kept", "\(m.promisesKept.count)", "\(m.promisesKept.count)"),
            ("promises missed", "\(m.promisesMissed.count)", "\(m.promisesMissed.count)"),
            ("customer ratings", "\(m.satisfactionCount)", "\(m.satisfactionCount)"),
            ("satisfaction average", avg(m.satisfactionAverage, "–"), avg(m.satisfactionAverage, "")),
            ("agent-reported ratings", "\(m.agentReportedCount)", "\(m.agentReportedCount)"),
            ("agent-reported average", avg(m.agentReportedAverage, "–"), avg(m.agentReportedAverage, "")),
        ]
        for a in m.sla {
            let shown = a.decided == 0 ? "–" : "\(a.percent) (\(a.met.count) of \(a.decided))"
            let raw = a.share.map { String(format: "%.4f", $0) } ?? ""
            out.append(("\(a.kind.label) SLA met", shown, raw))
        }
        return out
    }

    static let breachHeader = ["Ticket", "Subject", "Target", "Missed at", "Owner then"]

    static func breachCells(_ b: StatsReport.Breach, _ lt: LocalTime, _ agentName: (String?) -> String) -> [String] {
        // A target of 0 is a breach an older build kept without its moment or owner.
        let legacy = b.targetSeconds == 0
        let kind = SLATargetKind(rawValue: b.target)
        let target = legacy ? (kind?.label ?? b.target) : kind.map { "\($0.label) (\(Durations.short(b.targetSeconds)))" } ?? b.target
        return ["#\(b.ticket)", b.subject, target, legacy ? "not known" : lt.dateTime(b.missedAt),
                legacy ? "not known" : b.owner.map { agentName($0) } ?? "nobody"]
    }

    static func agentCells(_ a: AgentMetrics) -> [String] {
        [a.name, "\(a.openAssigned)", "\(a.replies)", "\(a.firstReply.count)",
         a.firstReply.median.map { Durations.short($0) } ?? "–", "\(a.promisesKept)", "\(a.promisesMissed)"]
    }
    static let agentHeader = ["Agent", "Open now", "Replies", "First replies", "First reply median", "Promises kept", "Promises missed"]

    static func title(_ r: StatsReport, _ lt: LocalTime) -> String {
        "Helpdesk report \(lt.dateTime(r.from)) – \(lt.dateTime(r.to)) (\(r.timeZone))"
    }

    // MARK: Markdown

    public static func markdown(_ r: StatsReport, localTime lt: LocalTime, agentName: (String?) -> String) -> String {
        // Customer text (subjects, names, comments) is neutralised as on the console: no escape
        // sequence, control or bidi override reaches whoever reads or renders the report.
        func cell(_ s: String) -> String { Sanitizer.sanitize(s).replacingOccurrences(of: "|", with: "\\|") }
        func table(_ header: [String], _ body: [[String]]) -> String {
            var out = "| " + header.map(cell).joined(separator: " | ") + " |\n"
            out += "|" + header.map { _ in "---" }.joined(separator: "|") + "|\n"
            for row in body { out += "| " + row.map(cell).joined(separator: " | ") + " |\n" }
            return out
        }
        var out = "# \(Sanitizer.sanitize(title(r, lt)))\n\n## Totals\n\n"
        out += table(["Metric", "Value"], rows(r.totals).map { [$0.metric.replacingOccurrences(of: " (s)", with: ""), $0.shown] })
        out += "\n## Per agent\n\n" + table(agentHeader, r.agents.map(agentCells))
        out += "\n## Per tag\n\n"
        out += r.tags.isEmpty ? "No tagged tickets in the period.\n"
            : table(["Tag", "Created", "Solved", "First reply median", "Satisfaction"], r.tags.map { t in
                [t.tag, "\(t.metrics.created.count)", "\(t.metrics.solved.count)",
                 t.metrics.firstReply.median.map { Durations.short($0) } ?? "–",
                 t.metrics.satisfactionAverage.map { String(format: "%.1f (%d)", $0, t.metrics.satisfactionCount) } ?? "–"]
            })
        out += "\n## Missed promises\n\n"
        out += r.missedPromises.isEmpty ? "None.\n" : table(["Ticket", "Owner", "Due", "Promise", "State"], r.missedPromises.map {
            ["#\($0.ticket)", agentName($0.owner), lt.dateTime($0.due), $0.text, $0.state]
        })
        out += "\n## SLA breaches\n\n"
        out += r.breaches.isEmpty ? "None.\n" : table(breachHeader, r.breaches.map { breachCells($0, lt, agentName) })
        out += "\n## Customers at risk\n\n"
        out += r.atRiskCustomers.isEmpty ? "None.\n" : table(["Customer", "Why"], r.atRiskCustomers.map { [$0.name, $0.reasons.joined(separator: "; ")] })
        out += "\n## Best-rated replies\n\n"
        out += r.bestRated.isEmpty ? "None.\n" : table(["Ticket", "Score", "Agent", "Comment"], r.bestRated.map {
            ["#\($0.ticket) \($0.subject)", "\($0.score)/5", $0.agent.map { agentName($0) } ?? "–", $0.comment ?? ""]
        })
        if !r.agentReported.isEmpty {
            out += "\n## Ratings entered by agents (not counted as satisfaction)\n\n"
            out += table(["Ticket", "Score", "Entered by", "Comment"], r.agentReported.map {
                ["#\($0.ticket) \($0.subject)", "\($0.score)/5", $0.agent.map { agentName($0) } ?? "–", $0.comment ?? ""]
            })
        }
        return out
    }

    // MARK: CSV

    /// RFC 4180: section, name, metric, value; one number per row, durations in seconds.
    public static func csv(_ r: StatsReport) -> String {
        func field(_ s: String) -> String {
            // Neutralised, and a leading = + - @ tab CR quoted away so spreadsheets do not run it.
            let s = SpreadsheetCell.safe(s)
            return s.contains(where: { ",\"\n\r".contains($0) }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        var lines = ["section,name,metric,value"]
        func add(_ section: String, _ name: String, _ metric: String, _ value: String) {
            lines.append([section, name, metric, value].map(field).joined(separator: ","))
        }
        add("period", "", "from", ISOTime.format(r.from))
        add("period", "", "to", ISOTime.format(r.to))
        for row in rows(r.totals) { add("totals", "", row.metric, row.raw) }
        for a in r.agents {
            add("agent", a.login, "open now", "\(a.openAssigned)")
            add("agent", a.login, "public replies", "\(a.replies)")
            add("agent", a.login, "first replies", "\(a.firstReply.count)")
            add("agent", a.login, "first reply median (s)", a.firstReply.median.map { String(Int($0.rounded())) } ?? "")
            add("agent", a.login, "promises kept", "\(a.promisesKept)")
            add("agent", a.login, "promises missed", "\(a.promisesMissed)")
        }
        for t in r.tags { for row in rows(t.metrics) { add("tag", t.tag, row.metric, row.raw) } }
        for p in r.missedPromises { add("missed promise", "#\(p.ticket)", p.owner, p.text) }
        for b in r.breaches {
            add("sla breach", "#\(b.ticket)", "\(b.target) missed at", ISOTime.format(b.missedAt))
            add("sla breach", "#\(b.ticket)", "\(b.target) owner then", b.owner ?? "")
        }
        for c in r.atRiskCustomers { add("at risk", c.name, "reasons", c.reasons.joined(separator: "; ")) }
        for b in r.bestRated { add("best rated", "#\(b.ticket)", b.agent ?? "", "\(b.score)") }
        for b in r.agentReported { add("agent-reported rating", "#\(b.ticket)", b.agent ?? "", "\(b.score)") }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    // MARK: HTML

    public static func html(_ r: StatsReport, localTime lt: LocalTime, agentName: (String?) -> String) -> String {
        // Neutralised first (a U+202E override would make "Invoice \u{202E}fdp.exe" read "exe.pdf" in a
        // browser), then HTML-escaped.
        func esc(_ s: String) -> String {
            Sanitizer.sanitize(s).replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        func table(_ header: [String], _ body: [[String]]) -> String {
            guard !body.isEmpty else { return "<p>None.</p>\n" }
            var out = "<table border=\"1\" cellpadding=\"4\" cellspacing=\"0\">\n<tr>" + header.map { "<th>\(esc($0))</th>" }.joined() + "</tr>\n"
            for row in body { out += "<tr>" + row.map { "<td>\(esc($0))</td>" }.joined() + "</tr>\n" }
            return out + "</table>\n"
        }
        var out = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>\(esc(title(r, lt)))</title></head><body>\n"
        out += "<h1>\(esc(title(r, lt)))</h1>\n<h2>Totals</h2>\n"
        out += table(["Metric", "Value"], rows(r.totals).map { [$0.metric.replacingOccurrences(of: " (s)", with: ""), $0.shown] })
        out += "<h2>Per agent</h2>\n" + table(agentHeader, r.agents.map(agentCells))
        out += "<h2>Per tag</h2>\n" + table(["Tag", "Created", "Solved", "First reply median", "Satisfaction"], r.tags.map { t in
            [t.tag, "\(t.metrics.created.count)", "\(t.metrics.solved.count)", t.metrics.firstReply.median.map { Durations.short($0) } ?? "–",
             t.metrics.satisfactionAverage.map { String(format: "%.1f (%d)", $0, t.metrics.satisfactionCount) } ?? "–"]
        })
        out += "<h2>Missed promises</h2>\n" + table(["Ticket", "Owner", "Due", "Promise", "State"], r.missedPromises.map {
            ["#\($0.ticket)", agentName($0.owner), lt.dateTime($0.due), $0.text, $0.state]
        })
        out += "<h2>SLA breaches</h2>\n" + table(breachHeader, r.breaches.map { breachCells($0, lt, agentName) })
        out += "<h2>Customers at risk</h2>\n" + table(["Customer", "Why"], r.atRiskCustomers.map { [$0.name, $0.reasons.joined(separator: "; ")] })
        out += "<h2>Best-rated replies</h2>\n" + table(["Ticket", "Score", "Agent", "Comment"], r.bestRated.map {
            ["#\($0.ticket) \($0.subject)", "\($0.score)/5", $0.agent.map { agentName($0) } ?? "–", $0.comment ?? ""]
        })
        if !r.agentReported.isEmpty {
            out += "<h2>Ratings entered by agents (not counted as satisfaction)</h2>\n"
            out += table(["Ticket", "Score", "Entered by", "Comment"], r.agentReported.map {
                ["#\($0.ticket) \($0.subject)", "\($0.score)/5", $0.agent.map { agentName($0) } ?? "–", $0.comment ?? ""]
            })
        }
        return out + "</body></html>\n"
    }
}

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
         a.firstReply.median.map { Durations.short($0) } ?? "–", "\(a.promisesKept)", "\(a.promisesMissed)",
         "\(a.promisesOverdue)", "\(a.slaMissed)"]
    }
    static let agentHeader = ["Agent", "Open now", "Replies", "First replies", "First reply median", "Promises kept",
                              "Promises missed", "Overdue now", "SLA misses owned"]

    static func title(_ r: StatsReport, _ lt: LocalTime) -> String {
        "Helpdesk report \(lt.dateTime(r.from)) – \(lt.dateTime(r.to)) (\(r.timeZone))"
    }

    /// How much of a best-rated reply a report quotes.
    static let replyQuoteLimit = 400

    /// One titled table of a report; Markdown and HTML draw the same sections, in the same order.
    struct Section {
        var title: String
        var header: [String]
        /// Columns holding numbers (right-aligned).
        var numeric: Set<Int> = []
        var body: [[String]]
        var empty = "None."
    }

    /// The headline first, then the lists to act on, then the full numbers.
    static func sections(_ r: StatsReport, _ lt: LocalTime, _ agentName: (String?) -> String) -> [Section] {
        func owner(_ login: String?) -> String { login.map { agentName($0) } ?? "nobody" }
        func quote(_ text: String?) -> String {
            guard let text else { return "" }
            let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
            return flat.count > replyQuoteLimit ? String(flat.prefix(replyQuoteLimit)) + "…" : flat
        }
        let previous = StatsReport.previousPeriod(StatsPeriod(start: r.from, end: r.to))
        var out = [
            Section(title: "Headline: this period against the one before (\(lt.dateTime(previous.start)) – \(lt.dateTime(previous.end)))",
                    header: ["", "This period", "Previous period", "Change"], numeric: [1, 2, 3],
                    body: ReportHeadline.rows(r).map { [$0.metric, $0.now, $0.before, $0.change] }),
            Section(title: "Missed promises", header: ["Ticket", "Owner", "Due", "Promise", "State"],
                    body: r.missedPromises.map { ["#\($0.ticket)", agentName($0.owner), lt.dateTime($0.due), $0.text, $0.state] }),
            Section(title: "SLA breaches", header: breachHeader, body: r.breaches.map { breachCells($0, lt, agentName) }),
            Section(title: "Customers at risk (most reasons first)", header: ["Customer", "Why", "Ticket", "Owner"],
                    body: r.atRiskCustomers.map { c in
                        [c.name, c.reasons.joined(separator: "; "), c.ticket.map { "#\($0)" } ?? "–", c.ticket == nil ? "–" : owner(c.owner)]
                    }),
            Section(title: "Best-rated replies", header: ["Ticket", "Score", "Agent", "Reply", "Customer's comment"], numeric: [1],
                    body: r.bestRated.map {
                        ["#\($0.ticket) \($0.subject)", "\($0.score)/5", $0.agent.map { agentName($0) } ?? "–", quote($0.replyText), $0.comment ?? ""]
                    }),
            Section(title: "Totals", header: ["Metric", "Value"], numeric: [1],
                    body: rows(r.totals).map { [$0.metric.replacingOccurrences(of: " (s)", with: ""), $0.shown] }),
            Section(title: "Per agent", header: agentHeader, numeric: Set(1..<agentHeader.count), body: r.agents.map(agentCells)),
            Section(title: "Per tag", header: ["Tag", "Created", "Solved", "First reply median", "Satisfaction"], numeric: [1, 2, 3, 4],
                    body: r.tags.map { t in
                        [t.tag, "\(t.metrics.created.count)", "\(t.metrics.solved.count)",
                         t.metrics.firstReply.median.map { Durations.short($0) } ?? "–",
                         t.metrics.satisfactionAverage.map { String(format: "%.1f (%d)", $0, t.metrics.satisfactionCount) } ?? "–"]
                    }, empty: "No tagged tickets in the period."),
        ]
        if !r.agentReported.isEmpty {
            out.append(Section(title: "Ratings entered by agents (not counted as satisfaction)",
                               header: ["Ticket", "Score", "Entered by", "Comment"], numeric: [1],
                               body: r.agentReported.map {
                                   ["#\($0.ticket) \($0.subject)", "\($0.score)/5", $0.agent.map { agentName($0) } ?? "–", $0.comment ?? ""]
                               }))
        }
        return out
    }

    // MARK: Markdown

    public static func markdown(_ r: StatsReport, localTime lt: LocalTime, agentName: (String?) -> String) -> String {
        // Customer text (subjects, names, comments) is neutralised as on the console: no escape
        // sequence, control or bidi override reaches whoever reads or renders the report. One line per
        // cell, so a table pastes whole.
        func cell(_ s: String) -> String { Sanitizer.sanitize(s, options: .singleLine).replacingOccurrences(of: "|", with: "\\|") }
        func table(_ section: Section) -> String {
            guard !section.body.isEmpty else { return section.empty + "\n" }
            var out = "| " + section.header.map(cell).joined(separator: " | ") + " |\n"
            out += "|" + section.header.indices.map { section.numeric.contains($0) ? "---:" : "---" }.joined(separator: "|") + "|\n"
            for row in section.body { out += "| " + row.map(cell).joined(separator: " | ") + " |\n" }
            return out
        }
        var out = "# \(cell(title(r, lt)))\n"
        for section in sections(r, lt, agentName) {
            out += "\n## \(cell(section.title))\n\n" + table(section)
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
        add("totals", "", "backlog at start", "\(r.backlogAtStart)")
        add("totals", "", "backlog at end", "\(r.backlogAtEnd)")
        if let p = r.previous { for row in rows(p) { add("previous period", "", row.metric, row.raw) } }
        for a in r.agents {
            add("agent", a.login, "open now", "\(a.openAssigned)")
            add("agent", a.login, "public replies", "\(a.replies)")
            add("agent", a.login, "first replies", "\(a.firstReply.count)")
            add("agent", a.login, "first reply median (s)", a.firstReply.median.map { String(Int($0.rounded())) } ?? "")
            add("agent", a.login, "promises kept", "\(a.promisesKept)")
            add("agent", a.login, "promises missed", "\(a.promisesMissed)")
            add("agent", a.login, "promises overdue now", "\(a.promisesOverdue)")
            add("agent", a.login, "sla misses owned", "\(a.slaMissed)")
        }
        for t in r.tags { for row in rows(t.metrics) { add("tag", t.tag, row.metric, row.raw) } }
        for p in r.missedPromises { add("missed promise", "#\(p.ticket)", p.owner, p.text) }
        for b in r.breaches {
            add("sla breach", "#\(b.ticket)", "\(b.target) missed at", ISOTime.format(b.missedAt))
            add("sla breach", "#\(b.ticket)", "\(b.target) owner then", b.owner ?? "")
        }
        for c in r.atRiskCustomers {
            add("at risk", c.name, "reasons", c.reasons.joined(separator: "; "))
            if let n = c.ticket { add("at risk", c.name, "ticket #\(n) owner", c.owner ?? "") }
        }
        for b in r.bestRated { add("best rated", "#\(b.ticket)", b.agent ?? "", "\(b.score)") }
        for b in r.agentReported { add("agent-reported rating", "#\(b.ticket)", b.agent ?? "", "\(b.score)") }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    // MARK: HTML

    /// Styles are inline (mail clients strip `<style>` blocks); black on white with borders, so the
    /// page also prints.
    static let htmlStyle = (
        body: "font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.4;color:#222;background:#ffffff;margin:16px",
        h1: "font-size:20px;margin:0 0 12px 0",
        h2: "font-size:16px;margin:24px 0 8px 0;padding-bottom:2px;border-bottom:1px solid #cccccc",
        table: "border-collapse:collapse;margin:0 0 8px 0",
        th: "border:1px solid #bbbbbb;background:#f0f0f0;padding:4px 8px;text-align:left;vertical-align:bottom",
        td: "border:1px solid #dddddd;padding:4px 8px;text-align:left;vertical-align:top",
        number: ";text-align:right;white-space:nowrap",
        none: "margin:0 0 8px 0;color:#555555"
    )

    public static func html(_ r: StatsReport, localTime lt: LocalTime, agentName: (String?) -> String) -> String {
        // Neutralised first (a U+202E override would make "Invoice \u{202E}fdp.exe" read "exe.pdf" in a
        // browser), then HTML-escaped.
        func esc(_ s: String) -> String {
            Sanitizer.sanitize(s).replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        let st = htmlStyle
        func table(_ section: Section) -> String {
            guard !section.body.isEmpty else { return "<p style=\"\(st.none)\">\(esc(section.empty))</p>\n" }
            func style(_ base: String, _ column: Int) -> String { base + (section.numeric.contains(column) ? st.number : "") }
            var out = "<table border=\"1\" cellpadding=\"4\" cellspacing=\"0\" style=\"\(st.table)\">\n<tr>"
            out += section.header.enumerated().map { "<th style=\"\(style(st.th, $0.offset))\">\(esc($0.element))</th>" }.joined() + "</tr>\n"
            for row in section.body {
                out += "<tr>" + row.enumerated().map { "<td style=\"\(style(st.td, $0.offset))\">\(esc($0.element))</td>" }.joined() + "</tr>\n"
            }
            return out + "</table>\n"
        }
        var out = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
        out += "<meta name=\"viewport\" content=\"width=device-width\"><title>\(esc(title(r, lt)))</title></head>\n"
        out += "<body style=\"\(st.body)\">\n<h1 style=\"\(st.h1)\">\(esc(title(r, lt)))</h1>\n"
        for section in sections(r, lt, agentName) {
            out += "<h2 style=\"\(st.h2)\">\(esc(section.title))</h2>\n" + table(section)
        }
        return out + "</body></html>\n"
    }
}

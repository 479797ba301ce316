import Foundation

/// The lines a report opens with: the period against the one before it, so the reader sees at once
/// whether things got better (backlog, first reply median and p90, SLA achievement, promises, satisfaction).
public enum ReportHeadline {
    /// One line: the metric, this period, the period before, and the change in words.
    public struct Row: Sendable, Equatable {
        public var metric: String
        public var now: String
        public var before: String
        public var change: String
    }

    public static func rows(_ r: StatsReport) -> [Row] {
        let p = r.previous ?? PeriodMetrics()
        func count(_ metric: String, _ a: Int, _ b: Int) -> Row {
            Row(metric: metric, now: "\(a)", before: "\(b)", change: signed(a - b))
        }
        func duration(_ metric: String, _ a: TimeInterval?, _ b: TimeInterval?) -> Row {
            let change: String
            if let a, let b {
                let d = a - b
                change = d == 0 ? "same" : (d > 0 ? "+" : "−") + Durations.short(abs(d))
            } else {
                change = "–"
            }
            return Row(metric: metric, now: a.map { Durations.short($0) } ?? "–", before: b.map { Durations.short($0) } ?? "–",
                       change: change)
        }
        var out = [
            count("Backlog at the end", r.backlogAtEnd, r.backlogAtStart),
            count("Tickets created", r.totals.created.count, p.created.count),
            count("Tickets solved", r.totals.solved.count, p.solved.count),
            duration("First reply median", r.totals.firstReply.median, p.firstReply.median),
            duration("First reply p90", r.totals.firstReply.p90, p.firstReply.p90),
        ]
        for a in r.totals.sla {
            let b = p.sla.first { $0.kind == a.kind }
            let change: String
            if let x = a.share, let y = b?.share {
                let points = Int(((x - y) * 100).rounded())
                change = points == 0 ? "same" : signed(points) + " pts"
            } else {
                change = "–"
            }
            out.append(Row(metric: "SLA met: \(a.kind.label)", now: a.percent, before: b?.percent ?? "–", change: change))
        }
        out.append(count("Promises kept", r.totals.promisesKept.count, p.promisesKept.count))
        out.append(count("Promises missed", r.totals.promisesMissed.count, p.promisesMissed.count))
        func avg(_ m: PeriodMetrics) -> String {
            m.satisfactionAverage.map { String(format: "%.1f (%d)", $0, m.satisfactionCount) } ?? "–"
        }
        var satisfaction = "–"
        if let a = r.totals.satisfactionAverage, let b = p.satisfactionAverage {
            let d = a - b
            satisfaction = abs(d) < 0.05 ? "same" : String(format: "%+.1f", d)
        }
        out.append(Row(metric: "Satisfaction (ratings)", now: avg(r.totals), before: avg(p), change: satisfaction))
        return out
    }

    /// `+3`, `−2`, `same`.
    static func signed(_ n: Int) -> String {
        n == 0 ? "same" : n > 0 ? "+\(n)" : "−\(n.magnitude)"
    }
}

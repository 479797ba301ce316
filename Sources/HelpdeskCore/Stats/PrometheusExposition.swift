import Foundation

/// `LiveStats` in the Prometheus text exposition format (version 0.0.4), for a node-exporter textfile
/// collector. Names follow the Prometheus conventions: `helpdesk_` prefix, base units (seconds),
/// gauges for values that can go down (the "today" numbers restart at local midnight, so they are
/// gauges, not `_total` counters), summaries for reply and resolution times.
public enum PrometheusExposition {
    public static func render(_ s: LiveStats) -> String {
        var out = ""
        func family(_ name: String, _ type: String, _ help: String, _ samples: [(labels: [(String, String)], value: Double)]) {
            out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
            for sample in samples { out += line(name, sample.labels, sample.value) }
        }
        func gauge(_ name: String, _ help: String, _ value: Double) { family(name, "gauge", help, [([], value)]) }

        family("helpdesk_open_tickets", "gauge", "Open tickets (merged duplicates excluded) by status.",
               s.backlogByStatus.sorted { $0.key < $1.key }.map { ([("status", $0.key)], Double($0.value)) })
        family("helpdesk_open_tickets_by_priority", "gauge", "Open tickets by priority.",
               s.backlogByPriority.sorted { $0.key < $1.key }.map { ([("priority", $0.key)], Double($0.value)) })
        gauge("helpdesk_tickets_created_today", "Tickets created since local midnight.", Double(s.today.created.count))
        gauge("helpdesk_tickets_solved_today", "Tickets solved since local midnight (latest solve, still solved).", Double(s.today.solved.count))
        gauge("helpdesk_oldest_unanswered_age_seconds", "Age of the oldest open ticket with no public reply (0 when none).",
              s.oldestUnanswered?.ageSeconds ?? 0)
        out += "# HELP helpdesk_first_reply_seconds Wall-clock time from creation to the first public reply, by window.\n"
        out += "# TYPE helpdesk_first_reply_seconds summary\n"
        for (window, m) in [("today", s.today), ("7d", s.last7Days)] {
            out += summary("helpdesk_first_reply_seconds", window, m.firstReply, quantiles: [0.5, 0.9], sum: m.firstReplySum)
        }
        out += "# HELP helpdesk_resolution_seconds Wall-clock time from creation to the latest solve, last 7 days.\n"
        out += "# TYPE helpdesk_resolution_seconds summary\n"
        out += summary("helpdesk_resolution_seconds", "7d", s.last7Days.resolution, quantiles: [0.5], sum: s.last7Days.resolutionSum)
        gauge("helpdesk_sla_breached_tickets", "Open tickets with a breached SLA target.", Double(s.slaBreached.count))
        gauge("helpdesk_sla_at_risk_tickets", "Open tickets whose next SLA target falls due within the hour.", Double(s.slaAtRisk.count))
        gauge("helpdesk_promises_due_today", "Promises due today (local day).", Double(s.today.promisesDue.count))
        family("helpdesk_promises_resolved", "gauge", "Promises due in the last 7 days by outcome (overdue open ones are missed).",
               [([("state", "kept")], Double(s.last7Days.promisesKept.count)),
                ([("state", "missed")], Double(s.last7Days.promisesMissed.count))])
        gauge("helpdesk_satisfaction_ratings", "Ratings recorded in the last 7 days.", Double(s.last7Days.satisfactionCount))
        gauge("helpdesk_satisfaction_score_average", "Average rating (1-5) in the last 7 days (0 when none).",
              s.last7Days.satisfactionAverage ?? 0)
        gauge("helpdesk_unowned_tickets", "Open tickets with no owner created more than an hour ago.", Double(s.unowned.count))
        family("helpdesk_agent_open_tickets", "gauge", "Open tickets assigned to each agent.",
               s.agents.map { ([("agent", $0.login)], Double($0.openAssigned)) })
        family("helpdesk_agent_replies_today", "gauge", "Public replies each agent wrote since local midnight.",
               s.agents.map { ([("agent", $0.login)], Double($0.replies)) })
        family("helpdesk_agent_first_reply_median_seconds", "gauge", "Median first reply time today of the tickets each agent answered first.",
               s.agents.compactMap { a in a.firstReply.median.map { ([("agent", a.login)], $0) } })
        family("helpdesk_agent_promises_resolved", "gauge", "Each agent's promises due in the last 7 days by outcome.",
               s.agents.flatMap { a in [([("agent", a.login), ("state", "kept")], Double(a.promisesKept)),
                                        ([("agent", a.login), ("state", "missed")], Double(a.promisesMissed))] })
        gauge("helpdesk_stats_generated_timestamp_seconds", "When these numbers were computed (Unix time).",
              s.at.timeIntervalSince1970)
        return out
    }

    static func summary(_ name: String, _ window: String, _ d: Distribution, quantiles: [Double], sum: TimeInterval) -> String {
        var out = ""
        for q in quantiles {
            let v = (q == 0.5 ? d.median : d.p90) ?? .nan
            out += line(name, [("window", window), ("quantile", format(q))], v)
        }
        out += line(name + "_sum", [("window", window)], sum)
        out += line(name + "_count", [("window", window)], Double(d.count))
        return out
    }

    static func line(_ name: String, _ labels: [(String, String)], _ value: Double) -> String {
        let l = labels.isEmpty ? "" : "{" + labels.map { "\($0.0)=\"\(escape($0.1))\"" }.joined(separator: ",") + "}"
        return "\(name)\(l) \(format(value))\n"
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    static func format(_ v: Double) -> String {
        if v.isNaN { return "NaN" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return String(v)
    }
}

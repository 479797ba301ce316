import Foundation
import HelpdeskCore

/// Where one entity's line sits in a snapshot's history file (`threads.jsonl`,
/// `customer-history.jsonl`), so its events can be read with one `pread`.
struct Span: Sendable, Equatable {
    var offset: Int
    var length: Int
}

/// The two record formats a snapshot holds many of, written and read by hand (see `JSONScanner`
/// for why): ticket summaries and customers. Members whose value is null are left out; the reader
/// accepts members in any order and skips unknown ones, so a newer helpdesk may add some.
///
/// `tickets.jsonl`, one per ticket:
///
///     {"number":1001,"subject":"…","status":"open","priority":"normal","tags":["wifi"],
///      "assignee":"dana","group":"front","requester":"c00012","channel":"email",
///      "createdAt":1767225600,"updatedAt":1767229200,"version":4,"mergedInto":1000,"messageCount":3,
///      "firstReplyAt":…,"lastReplyAt":…,"lastCustomerMessageAt":…,"lastMessageAt":…,
///      "solvedAt":…,"satisfaction":{"score":5,"comment":"…","at":…},"links":[],
///      "thread":[offset,length]}
///
/// Times are whole seconds since 1970 (`jq '.createdAt | todate'` shows them); ISO 8601 text, which
/// older snapshots hold, is read too.
///
/// `customers.jsonl`, one per customer: `{"customer":{…Customer's Codable fields…},"history":[offset,length]}`.
enum SnapshotCodec {
    // MARK: Ticket summaries

    static func encode(summary t: Ticket, thread: Span, into w: inout JSONLineWriter) {
        w.raw("{\"number\":"); w.int(t.number)
        w.key("subject"); w.string(t.subject)
        w.key("status"); w.string(t.status.rawValue)
        w.key("priority"); w.string(t.priority.rawValue)
        w.key("tags"); w.strings(t.tags)
        if let v = t.assignee { w.key("assignee"); w.string(v) }
        if let v = t.group { w.key("group"); w.string(v) }
        w.key("requester"); w.string(t.requester)
        w.key("channel"); w.string(t.channel.rawValue)
        w.key("createdAt"); w.seconds(t.createdAt)
        w.key("updatedAt"); w.seconds(t.updatedAt)
        w.key("version"); w.int(t.version)
        if let v = t.mergedInto { w.key("mergedInto"); w.int(v) }
        w.key("messageCount"); w.int(t.messageCount)
        if let v = t.firstReplyAt { w.key("firstReplyAt"); w.seconds(v) }
        if let v = t.lastReplyAt { w.key("lastReplyAt"); w.seconds(v) }
        if let v = t.lastCustomerMessageAt { w.key("lastCustomerMessageAt"); w.seconds(v) }
        if let v = t.lastMessageAt { w.key("lastMessageAt"); w.seconds(v) }
        if let v = t.solvedAt { w.key("solvedAt"); w.seconds(v) }
        if let s = t.satisfaction {
            w.key("satisfaction"); w.raw("{\"score\":"); w.int(s.score)
            if let c = s.comment { w.key("comment"); w.string(c) }
            w.key("at"); w.seconds(s.at)
            w.key("source"); w.string(s.source.rawValue)
            if let by = s.reportedBy { w.key("reportedBy"); w.string(by) }
            w.raw("}")
        }
        w.key("links"); w.ints(t.links)
        if let v = t.statusChangedAt { w.key("statusChangedAt"); w.seconds(v) }
        if t.pausedSeconds != 0 { w.key("pausedSeconds"); w.int(Int(t.pausedSeconds)) }
        if t.pausedAtLastCustomerMessage != 0 { w.key("pausedAtLastCustomerMessage"); w.int(Int(t.pausedAtLastCustomerMessage)) }
        if !t.slaMisses.isEmpty {
            w.key("slaMisses"); w.raw("[")
            for (i, m) in t.slaMisses.enumerated() {
                if i > 0 { w.raw(",") }
                w.raw("{\"kind\":"); w.string(m.kind.rawValue)
                w.key("since"); w.seconds(m.since)
                w.key("at"); w.seconds(m.at)
                w.key("target"); w.int(Int(m.target))
                if let a = m.assignee { w.key("assignee"); w.string(a) }
                w.raw("}")
            }
            w.raw("]")
        }
        w.key("thread"); w.raw("["); w.int(thread.offset); w.raw(","); w.int(thread.length); w.raw("]")
        w.raw("}\n")
    }

    /// Seconds kept as whole numbers (paused SLA time).
    static let seconds = 0...Int(Limits.seconds.upperBound)

    static let summaryKeys = KeyTable([
        "number", "subject", "status", "priority", "tags", "assignee", "group", "requester", "channel",
        "createdAt", "updatedAt", "version", "mergedInto", "messageCount", "firstReplyAt", "lastReplyAt",
        "lastCustomerMessageAt", "lastMessageAt", "solvedAt", "satisfaction", "links", "thread",
        "statusChangedAt", "pausedSeconds", "pausedAtLastCustomerMessage", "slaBreaches", "slaMisses",
    ])

    static func decodeSummary(_ s: inout JSONScanner, keys: inout KeyTable) throws -> (Ticket, Span) {
        var number = 0, subject = "", requester = ""
        var status = TicketStatus.new, priority = Priority.normal, channel = Channel.email
        var tags: [String] = [], links: [Int] = []
        var assignee: String?, group: String?, mergedInto: Int?
        var createdAt: Date?, updatedAt: Date?
        var version = 1, messageCount = 0
        var firstReplyAt: Date?, lastReplyAt: Date?, lastCustomerAt: Date?, lastMessageAt: Date?, solvedAt: Date?
        var satisfaction: Satisfaction?
        var thread: Span?
        var statusChangedAt: Date?, pausedSeconds = 0, pausedAtLastCustomer = 0, slaMisses: [SLAMiss] = []
        keys.reset()
        try s.object { s, key in
            switch keys.match(key) {
            case 0: number = try s.int(in: Limits.ticketNumbers, "ticket number")
            case 1: subject = try s.string()
            case 2:
                let raw = try s.string()
                guard let v = TicketStatus(rawValue: raw) else { throw s.fail("unknown status '\(raw)'") }
                status = v
            case 3:
                let raw = try s.string()
                guard let v = Priority(rawValue: raw) else { throw s.fail("unknown priority '\(raw)'") }
                priority = v
            case 4: tags = try s.strings()
            case 5: assignee = try s.optionalString()
            case 6: group = try s.optionalString()
            case 7: requester = try s.string()
            case 8:
                let raw = try s.string()
                guard let v = Channel(rawValue: raw) else { throw s.fail("unknown channel '\(raw)'") }
                channel = v
            case 9: createdAt = try s.date()
            case 10: updatedAt = try s.date()
            case 11: version = try s.int(in: Limits.versions, "version")
            case 12: mergedInto = s.takeNull() ? nil : try s.int(in: Limits.ticketNumbers, "mergedInto")
            case 13: messageCount = try s.int(in: Limits.versions, "messageCount")
            case 14: firstReplyAt = try s.optionalDate()
            case 15: lastReplyAt = try s.optionalDate()
            case 16: lastCustomerAt = try s.optionalDate()
            case 17: lastMessageAt = try s.optionalDate()
            case 18: solvedAt = try s.optionalDate()
            case 19: satisfaction = s.takeNull() ? nil : try decodeSatisfaction(&s)
            case 20:
                links = try s.ints()
                if let bad = links.first(where: { !Limits.ticketNumbers.contains($0) }) {
                    throw s.fail("linked ticket number \(bad) is out of range (\(Limits.describe(Limits.ticketNumbers)))")
                }
            case 21: thread = try s.span("thread")
            case 22: statusChangedAt = try s.optionalDate()
            case 23: pausedSeconds = try s.int(in: Self.seconds, "pausedSeconds")
            case 24: pausedAtLastCustomer = try s.int(in: Self.seconds, "pausedAtLastCustomerMessage")
            case 25: slaMisses += try s.strings().compactMap(legacyMiss)
            case 26: try s.array { s in slaMisses.append(try decodeMiss(&s)) }
            default: try s.skipValue()
            }
        }
        guard number > 0, let createdAt, let thread else { throw s.fail("a ticket summary needs number, createdAt and thread") }
        if let score = satisfaction?.score, !Satisfaction.validScores.contains(score) {
            throw s.fail("satisfaction score \(score) is out of range (1 to 5)")
        }
        var t = Ticket(number: number, subject: subject, status: status, priority: priority, tags: tags,
                       assignee: assignee, group: group, requester: requester, channel: channel,
                       createdAt: createdAt, updatedAt: updatedAt, version: version, mergedInto: mergedInto,
                       messageCount: messageCount, firstReplyAt: firstReplyAt, lastReplyAt: lastReplyAt,
                       lastCustomerMessageAt: lastCustomerAt, lastMessageAt: lastMessageAt, solvedAt: solvedAt,
                       satisfaction: satisfaction, links: links)
        t.statusChangedAt = statusChangedAt
        t.pausedSeconds = TimeInterval(pausedSeconds)
        t.pausedAtLastCustomerMessage = TimeInterval(pausedAtLastCustomer)
        for i in slaMisses.indices where slaMisses[i].target == 0 && slaMisses[i].kind != .nextReply {
            slaMisses[i].since = createdAt
            slaMisses[i].at = createdAt
        }
        t.slaMisses = slaMisses
        return (t, thread)
    }

    private static func decodeMiss(_ s: inout JSONScanner) throws -> SLAMiss {
        var kind: SLATargetKind?, since: Date?, at: Date?, target = 0, assignee: String?
        try s.object { s, key in
            switch JSONScanner.text(key) {
            case "kind":
                let raw = try s.string()
                guard let k = SLATargetKind(rawValue: raw) else { throw s.fail("unknown SLA target '\(raw)'") }
                kind = k
            case "since": since = try s.date()
            case "at": at = try s.date()
            case "target": target = try s.int(in: Self.seconds, "SLA target")
            case "assignee": assignee = try s.optionalString()
            default: try s.skipValue()
            }
        }
        guard let kind, let since, let at else { throw s.fail("an SLA miss needs kind, since and at") }
        return SLAMiss(kind: kind, since: since, at: at, target: TimeInterval(target), assignee: assignee)
    }

    /// A breach key kept by an older build (`first-reply`, `next-reply@<time>`): the target was missed, but
    /// its moment and owner were not kept. It reads as target 0 at its clock's start (see `SLAMiss.isLegacy`).
    private static func legacyMiss(_ key: String) -> SLAMiss? {
        let parts = key.split(separator: "@", maxSplits: 1).map(String.init)
        guard let kind = SLATargetKind(rawValue: parts[0]) else { return nil }
        let since = parts.count == 2 ? ISOTime.parse(parts[1]) : Date(timeIntervalSince1970: 0)
        guard let since else { return nil }
        return SLAMiss(kind: kind, since: since, at: since, target: 0, assignee: nil)
    }

    private static func decodeSatisfaction(_ s: inout JSONScanner) throws -> Satisfaction {
        var score = 0, comment: String?, at: Date?, source = RatingSource.agent, reportedBy: String?
        try s.object { s, key in
            switch JSONScanner.text(key) {
            case "score": score = try s.int()
            case "comment": comment = try s.optionalString()
            case "at": at = try s.date()
            case "source":
                let raw = try s.string()
                guard let v = RatingSource(rawValue: raw) else { throw s.fail("unknown rating source '\(raw)'") }
                source = v
            case "reportedBy": reportedBy = try s.optionalString()
            default: try s.skipValue()
            }
        }
        guard let at else { throw s.fail("a rating needs 'at'") }
        return Satisfaction(score: score, comment: comment, at: at, source: source, reportedBy: reportedBy)
    }

    // MARK: Customers

    static func encode(customer c: Customer, history: Span, into w: inout JSONLineWriter) {
        w.raw("{\"customer\":{\"id\":"); w.string(c.id)
        w.key("name"); w.string(c.name)
        if let v = c.preferredName { w.key("preferredName"); w.string(v) }
        w.key("emails"); w.strings(c.emails)
        w.key("phones"); w.strings(c.phones)
        if let v = c.organisation { w.key("organisation"); w.string(v) }
        if let v = c.usualOrder { w.key("usualOrder"); w.string(v) }
        w.key("preferences"); w.raw("[")
        for (i, p) in c.preferences.enumerated() {
            if i > 0 { w.raw(",") }
            w.raw("{\"key\":"); w.string(p.key)
            w.key("value"); w.string(p.value)
            w.key("confirmedAt"); w.date(p.confirmedAt); w.raw("}")
        }
        w.raw("]")
        if let v = c.notes { w.key("notes"); w.string(v) }
        w.key("customerSince"); w.date(c.customerSince)
        w.key("vip"); w.bool(c.vip)
        if let v = c.birthday { w.key("birthday"); w.string(v) }
        w.key("version"); w.int(c.version)
        if let v = c.mergedInto { w.key("mergedInto"); w.string(v) }
        w.raw("},\"history\":["); w.int(history.offset); w.raw(","); w.int(history.length); w.raw("]}\n")
    }

    static let customerKeys = KeyTable([
        "id", "name", "preferredName", "emails", "phones", "organisation", "usualOrder", "preferences",
        "notes", "customerSince", "vip", "birthday", "version", "mergedInto",
    ])

    static func decodeCustomerLine(_ s: inout JSONScanner, keys: inout KeyTable) throws -> (Customer, Span) {
        var customer: Customer?
        var history: Span?
        try s.object { s, key in
            switch JSONScanner.text(key) {
            case "customer": customer = try decodeCustomer(&s, keys: &keys)
            case "history": history = try s.span("history")
            default: try s.skipValue()
            }
        }
        guard let customer, let history else { throw s.fail("a customer line needs 'customer' and 'history'") }
        // The rules a `customer.created` event is held to (id, version, times).
        if let problem = Change.customerCreated(customer).rangeProblem { throw s.fail(problem) }
        return (customer, history)
    }

    private static func decodeCustomer(_ s: inout JSONScanner, keys: inout KeyTable) throws -> Customer {
        var id = "", name = ""
        var preferredName: String?, organisation: String?, usualOrder: String?, notes: String?, birthday: String?
        var mergedInto: String?
        var emails: [String] = [], phones: [String] = []
        var preferences: [Preference] = []
        var since: Date?
        var vip = false
        var version = 1
        keys.reset()
        try s.object { s, key in
            switch keys.match(key) {
            case 0: id = try s.string()
            case 1: name = try s.string()
            case 2: preferredName = try s.optionalString()
            case 3: emails = try s.strings()
            case 4: phones = try s.strings()
            case 5: organisation = try s.optionalString()
            case 6: usualOrder = try s.optionalString()
            case 7:
                try s.array { s in
                    var k = "", v = "", at: Date?
                    try s.object { s, key in
                        switch JSONScanner.text(key) {
                        case "key": k = try s.string()
                        case "value": v = try s.string()
                        case "confirmedAt": at = try s.date()
                        default: try s.skipValue()
                        }
                    }
                    guard let at else { throw s.fail("a preference needs 'confirmedAt'") }
                    preferences.append(Preference(key: k, value: v, confirmedAt: at))
                }
            case 8: notes = try s.optionalString()
            case 9: since = try s.date()
            case 10: vip = try s.bool()
            case 11: birthday = try s.optionalString()
            case 12: version = try s.int(in: Limits.versions, "version")
            case 13: mergedInto = try s.optionalString()
            default: try s.skipValue()
            }
        }
        guard !id.isEmpty, let since else { throw s.fail("a customer needs 'id' and 'customerSince'") }
        return Customer(id: id, name: name, preferredName: preferredName, emails: emails, phones: phones,
                        organisation: organisation, usualOrder: usualOrder, preferences: preferences, notes: notes,
                        customerSince: since, vip: vip, birthday: birthday, version: version, mergedInto: mergedInto)
    }
}

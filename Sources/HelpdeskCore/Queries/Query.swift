import Foundation

/// Why a query could not be read: the word at fault, where it starts, and what is wrong with it.
public struct QueryError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Offset of the bad word in the query, in characters from 0.
    public var position: Int
    public var word: String
    public var reason: String

    public init(position: Int, word: String, reason: String) {
        self.position = position
        self.word = word
        self.reason = reason
    }

    public var description: String { "'\(word)' at column \(position + 1): \(reason)" }
}

/// What a query sorts by.
public enum QuerySortKey: String, Sendable, CaseIterable {
    /// Least SLA time left first; tickets without a running target last.
    case due
    /// Most urgent first, then oldest.
    case priority
    /// Newest first.
    case created
    /// Most recently updated first.
    case updated
    /// Lowest number first.
    case number
}

/// The query language of the queue's `/` filter, `:view`, saved views and `helpdesk ticket list --query`:
///
///     status:open,pending assignee:me tag:vip priority:>=high customer:dana channel:phone
///     created:<7d updated:>2h group:front sort:due -tag:spam refund "cold brew"
///
/// Terms are ANDed; commas inside a term mean "any of". `-` before a term negates it. Words without a
/// `field:` match the subject, the ticket number, the customer's name, preferred name and emails, and
/// tags (and message bodies when the caller supplies body hits from the search index). See README.md.
public struct Query: Sendable {
    public enum AgeComparison: Sendable, Equatable {
        /// Younger than the duration (`<7d`): the date is after now − duration.
        case newerThan(TimeInterval)
        /// Older than the duration (`>2h`).
        case olderThan(TimeInterval)
    }

    public enum AssigneeRef: Sendable, Equatable {
        case me, none, agent(String)
    }

    public enum Condition: Sendable, Equatable {
        case status(Set<TicketStatus>)
        case assignee([AssigneeRef])
        case tag(Set<String>)
        case priority(Set<Priority>)
        case customer(String)
        case channel(Set<Channel>)
        case group(String)
        case created(AgeComparison)
        case updated(AgeComparison)
        /// A free word (lower-cased), matched as a substring.
        case text(String)
    }

    public struct Term: Sendable, Equatable {
        public var condition: Condition
        public var negated: Bool
    }

    public var terms: [Term]
    public var sort: QuerySortKey?
    /// `sort:-created`: the opposite of the key's natural order.
    public var sortReversed = false
    /// The text it was parsed from.
    public let source: String

    public static let fields = ["status", "assignee", "tag", "priority", "customer", "channel", "group",
                                "created", "updated", "sort"]

    /// The free words, lower-cased (what the search index is asked about).
    public var freeWords: [String] {
        terms.compactMap { if case .text(let w) = $0.condition, !$0.negated { return w } else { return nil } }
    }

    public var isEmpty: Bool { terms.isEmpty && sort == nil }

    // MARK: Parsing

    /// Reads a query. `agents`, when given, is the roster: `assignee:` must name someone on it.
    public static func parse(_ text: String, agents: Set<String>? = nil) throws -> Query {
        var query = Query(terms: [], sort: nil, source: text)
        for token in try tokenize(text) {
            var body = token.text
            var negated = false
            var valueOffset = 0
            if body.hasPrefix("-") && body.count > 1 {
                negated = true
                body.removeFirst()
                valueOffset = 1
            }
            guard !token.quoted, let colon = body.firstIndex(of: ":") else {
                let word = token.quoted ? token.text : body
                query.terms.append(Term(condition: .text(word.lowercased()), negated: negated && !token.quoted))
                continue
            }
            let field = body[..<colon].lowercased()
            var value = String(body[body.index(after: colon)...])
            if value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            valueOffset += field.count + 1
            func fail(_ reason: String) -> QueryError {
                QueryError(position: token.position, word: token.text, reason: reason)
            }
            guard fields.contains(field) else {
                if field.isEmpty { throw fail("a field name goes before ':' (\(fields.joined(separator: ", ")))") }
                throw fail("unknown field '\(field)' — fields: \(fields.joined(separator: ", "))")
            }
            guard !value.isEmpty else { throw fail("'\(field):' needs a value") }
            let values = value.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            if values.contains(where: \.isEmpty) { throw fail("an empty value in the list") }

            let condition: Condition
            switch field {
            case "status":
                var set = Set<TicketStatus>()
                for v in values {
                    guard let s = TicketStatus(loose: v) else {
                        throw fail("unknown status '\(v)' — statuses: \(TicketStatus.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    set.insert(s)
                }
                condition = .status(set)
            case "assignee":
                condition = .assignee(try values.map { v in
                    switch v.lowercased() {
                    case "me": return .me
                    case "none", "nobody": return .none
                    default:
                        if let agents, !agents.contains(v) { throw fail("'\(v)' is not on the roster (me, none, or a login)") }
                        return .agent(v)
                    }
                })
            case "tag":
                var set = Set<String>()
                for v in values {
                    let tag = v.lowercased()
                    guard tag.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
                        throw fail("'\(v)' is not a tag: tags are letters, digits, '-', '_' and '.'")
                    }
                    set.insert(tag)
                }
                condition = .tag(set)
            case "priority":
                condition = .priority(try priorities(value, fail))
            case "customer":
                condition = .customer(value.lowercased())
            case "group":
                condition = .group(value.lowercased())
            case "channel":
                var set = Set<Channel>()
                for v in values {
                    guard let c = Channel(loose: v) else {
                        throw fail("unknown channel '\(v)' — channels: \(Channel.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    set.insert(c)
                }
                condition = .channel(set)
            case "created", "updated":
                let age = try ageComparison(value, fail)
                condition = field == "created" ? .created(age) : .updated(age)
            default: // sort
                guard !negated else { throw fail("sort cannot be negated (use sort:-\(value) to reverse)") }
                guard query.sort == nil else { throw fail("only one sort: per query") }
                var key = value.lowercased()
                if key.hasPrefix("-") { query.sortReversed = true; key.removeFirst() }
                guard let k = QuerySortKey(rawValue: key) else {
                    throw fail("cannot sort by '\(key)' — sort by \(QuerySortKey.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                query.sort = k
                continue
            }
            query.terms.append(Term(condition: condition, negated: negated))
        }
        return query
    }

    private struct Token {
        var text: String
        var position: Int
        var quoted: Bool
    }

    /// Splits on spaces; `"…"` keeps spaces (a phrase, or a value: `customer:"dana lee"`).
    private static func tokenize(_ text: String) throws -> [Token] {
        var tokens: [Token] = []
        var current = ""
        var start = 0
        var inQuotes = false
        var quotedWhole = false
        var quoteStart = 0
        for (i, ch) in text.enumerated() {
            if ch == "\"" {
                if !inQuotes && current.isEmpty { quotedWhole = true; start = i }
                if !inQuotes { quoteStart = i }
                inQuotes.toggle()
                if !quotedWhole { current.append(ch) }
                continue
            }
            if ch.isWhitespace && !inQuotes {
                if !current.isEmpty || quotedWhole {
                    tokens.append(Token(text: current, position: start, quoted: quotedWhole))
                }
                current = ""
                quotedWhole = false
                continue
            }
            if current.isEmpty && !quotedWhole { start = i }
            current.append(ch)
        }
        if inQuotes {
            throw QueryError(position: quoteStart, word: String(text.dropFirst(quoteStart)), reason: "this quote is never closed")
        }
        if !current.isEmpty { tokens.append(Token(text: current, position: start, quoted: quotedWhole)) }
        return tokens.filter { !($0.quoted && $0.text.trimmingCharacters(in: .whitespaces).isEmpty) }
    }

    private static func priorities(_ value: String, _ fail: (String) -> QueryError) throws -> Set<Priority> {
        let ops = [">=", "<=", ">", "<", "="]
        if let op = ops.first(where: { value.hasPrefix($0) }) {
            let name = String(value.dropFirst(op.count))
            guard let p = Priority(loose: name) else {
                throw fail("unknown priority '\(name)' — priorities: low, normal, high, urgent")
            }
            return Set(Priority.allCases.filter {
                switch op {
                case ">=": $0 >= p
                case "<=": $0 <= p
                case ">": $0 > p
                case "<": $0 < p
                default: $0 == p
                }
            })
        }
        var set = Set<Priority>()
        for v in value.split(separator: ",") {
            guard let p = Priority(loose: String(v)) else {
                throw fail("unknown priority '\(v)' — priorities: low, normal, high, urgent (or >=high)")
            }
            set.insert(p)
        }
        return set
    }

    private static func ageComparison(_ value: String, _ fail: (String) -> QueryError) throws -> AgeComparison {
        let newer = value.hasPrefix("<")
        guard newer || value.hasPrefix(">") else { throw fail("use < (within) or > (longer ago) and a duration, e.g. <7d or >2h") }
        let rest = value.drop { $0 == "<" || $0 == ">" || $0 == "=" }
        guard let d = Durations.parse(String(rest)), d > 0 else {
            throw fail("'\(rest)' is not a duration (90s, 15m, 2h, 7d, 3w)")
        }
        return newer ? .newerThan(d) : .olderThan(d)
    }

    // MARK: Evaluating

    /// Whether a ticket passes every term. `text` gives a ticket's lower-cased searchable text (a
    /// cache; default `Query.searchText`); `bodyHits` maps a free word to the tickets whose message
    /// bodies contain it (from the search index), when the caller has them.
    public func matches(_ t: Ticket, in c: ViewContext, text: ((Ticket) -> String)? = nil,
                        bodyHits: [String: Set<Int>] = [:]) -> Bool {
        var cachedText: String?
        func searchable() -> String {
            if let cachedText { return cachedText }
            let s = text?(t) ?? Self.searchText(t, state: c.state)
            cachedText = s
            return s
        }
        for term in terms {
            let hit: Bool
            switch term.condition {
            case .status(let set): hit = set.contains(t.status)
            case .assignee(let refs):
                hit = refs.contains { ref in
                    switch ref {
                    case .me: t.assignee == c.me
                    case .none: t.assignee == nil
                    case .agent(let login): t.assignee == login
                    }
                }
            case .tag(let set): hit = t.tags.contains { set.contains($0) }
            case .priority(let set): hit = set.contains(t.priority)
            case .channel(let set): hit = set.contains(t.channel)
            case .group(let g): hit = t.group?.lowercased() == g
            case .customer(let needle):
                if t.requester.lowercased() == needle {
                    hit = true
                } else if let cu = c.state?.customers[t.requester] {
                    hit = cu.name.lowercased().contains(needle) || (cu.preferredName?.lowercased().contains(needle) ?? false)
                        || cu.emails.contains { $0.lowercased().contains(needle) }
                } else {
                    hit = false
                }
            case .created(let age): hit = Self.passes(t.createdAt, age, now: c.now)
            case .updated(let age): hit = Self.passes(t.updatedAt, age, now: c.now)
            case .text(let word):
                hit = ByteSearch.contains(searchable(), word) || (bodyHits[word]?.contains(t.number) ?? false)
            }
            if hit == term.negated { return false }
        }
        return true
    }

    private static func passes(_ date: Date, _ age: AgeComparison, now: Date) -> Bool {
        switch age {
        case .newerThan(let d): date > now.addingTimeInterval(-d)
        case .olderThan(let d): date < now.addingTimeInterval(-d)
        }
    }

    /// The lower-cased text free words are matched against: number, subject, customer names and
    /// emails, tags, assignee.
    public static func searchText(_ t: Ticket, state: HelpdeskState?) -> String {
        let c = state?.customers[t.requester]
        var parts = ["#\(t.number)", t.subject, t.tags.joined(separator: " "), t.assignee ?? "", t.group ?? ""]
        if let c {
            parts += [c.name, c.preferredName ?? "", c.emails.joined(separator: " "), c.organisation ?? ""]
        }
        return parts.joined(separator: " ").lowercased()
    }

    // MARK: Sorting

    /// Orders tickets by the query's sort (the queue's usual order when it has none).
    public func sorted(_ tickets: [Ticket], in c: ViewContext) -> [Ticket] {
        guard let sort else { return tickets.sorted(by: QueueOrder.areInIncreasingOrder) }
        let ordered: [Ticket]
        switch sort {
        case .due:
            let sla = c.sla
            let left: [Int: TimeInterval] = Dictionary(uniqueKeysWithValues: tickets.map {
                ($0.number, sla?.next(for: $0, now: c.now)?.remaining ?? .infinity)
            })
            ordered = tickets.sorted {
                let a = left[$0.number]!, b = left[$1.number]!
                return a != b ? a < b : QueueOrder.areInIncreasingOrder($0, $1)
            }
        case .priority: ordered = tickets.sorted(by: QueueOrder.areInIncreasingOrder)
        case .created: ordered = tickets.sorted { $0.createdAt != $1.createdAt ? $0.createdAt > $1.createdAt : $0.number > $1.number }
        case .updated: ordered = tickets.sorted { $0.updatedAt != $1.updatedAt ? $0.updatedAt > $1.updatedAt : $0.number > $1.number }
        case .number: ordered = tickets.sorted { $0.number < $1.number }
        }
        return sortReversed ? ordered.reversed() : ordered
    }
}

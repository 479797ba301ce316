import Foundation

/// A reason one field of an import row is unusable, worded for the person fixing the file.
struct FieldProblem: Error, Equatable {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}

/// Reads the text of import fields into domain values, with messages that name the bad value and list
/// the good ones: `unknown priority 'hgih' (low, normal, high, urgent)`.
enum ImportFields {
    static func status(_ text: String) throws -> TicketStatus {
        guard let s = TicketStatus(loose: text) else {
            throw FieldProblem("unknown status '\(text)' (\(TicketStatus.allCases.map(\.label).joined(separator: ", ")))")
        }
        return s
    }

    static func priority(_ text: String) throws -> Priority {
        guard let p = Priority(loose: text.trimmingCharacters(in: .whitespaces)) else {
            throw FieldProblem("unknown priority '\(text)' (\(Priority.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return p
    }

    static func channel(_ text: String) throws -> Channel {
        guard let c = Channel(loose: text) else {
            throw FieldProblem("unknown channel '\(text)' (\(Channel.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return c
    }

    static func messageKind(_ text: String) throws -> MessageKind {
        guard let k = MessageKind(rawValue: text.lowercased()) else {
            throw FieldProblem("unknown message kind '\(text)' (\(MessageKind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return k
    }

    /// ISO 8601 in the forms the export writes (`2026-11-23T14:02:05Z`, with an offset or fraction),
    /// or a bare date (`2026-11-23`, midnight UTC).
    static func date(_ text: String, field: String) throws -> Date {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard let d = ISOTime.parse(t) ?? (t.count == 10 ? ISOTime.parse(t + "T00:00:00Z") : nil) else {
            throw FieldProblem("\(field) '\(text)' is not an ISO 8601 date (like 2026-11-23T14:02:05Z or 2026-11-23)")
        }
        guard Limits.isKept(d) else { throw FieldProblem("\(field) '\(text)' is outside the years 1970 to 9999") }
        return d
    }

    /// An address with one `@`, something before it, and a dotted domain after it, without spaces.
    /// Stricter checks belong to the mail server; this catches typos and swapped columns.
    static func email(_ text: String) throws -> String {
        let e = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let parts = e.split(separator: "@", omittingEmptySubsequences: false)
        let valid = parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
            && !e.contains(where: { $0.isWhitespace || $0 == "," || $0 == ";" || $0 == "<" || $0 == ">" })
        guard valid else { throw FieldProblem("invalid email '\(text)'") }
        return e
    }

    /// A number with at least 6 digits, so it can be matched later (see `ContactKey.phone`).
    static func phone(_ text: String) throws -> String {
        let p = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let digits = p.filter { $0.isASCII && $0.isNumber }.count
        let allowed = p.allSatisfy { ($0.isASCII && $0.isNumber) || " +-().".contains($0) }
        guard digits >= 6, allowed else { throw FieldProblem("invalid phone number '\(text)'") }
        return p
    }

    static func score(_ text: String) throws -> Int {
        guard let n = Int(text.trimmingCharacters(in: .whitespaces)) else {
            throw FieldProblem("satisfaction '\(text)' is not a whole number from 1 to 5")
        }
        return try score(n)
    }

    static func score(_ n: Int) throws -> Int {
        guard Satisfaction.validScores.contains(n) else { throw FieldProblem("satisfaction \(n) out of range (1–5)") }
        return n
    }

    static func ticketNumber(_ text: String) throws -> Int {
        let t = text.trimmingCharacters(in: .whitespaces)
        let digits = t.hasPrefix("#") ? String(t.dropFirst()) : t
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw FieldProblem("ticket number '\(text)' is not a whole number from \(Limits.describe(Limits.ticketNumbers))")
        }
        guard let n = Int(digits), Limits.ticketNumbers.contains(n) else {
            throw FieldProblem("ticket number \(digits) is out of range (\(Limits.describe(Limits.ticketNumbers)))")
        }
        return n
    }

    /// A ticket number the document gives as a JSON number (already an `Int`).
    static func ticketNumber(_ n: Int, _ what: String = "ticket number") throws -> Int {
        if let problem = Limits.ticketNumberProblem(n, what) { throw FieldProblem(problem) }
        return n
    }

    /// Tags as the export writes them: `;`-separated (commas are accepted too).
    static func tags(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == ";" || $0 == "," }).map { String($0) }
    }

    /// An agent login that must be on the roster (or be added by this import).
    static func agent(_ login: String, known: (String) -> Bool) throws -> String {
        let l = login.trimmingCharacters(in: .whitespaces)
        guard known(l) else {
            throw FieldProblem("unknown agent '\(login)' (add them with `helpdesk agent add \(l)` first)")
        }
        return l
    }
}

import Foundation

/// Checks, through the `helpdesk` commands alone, that a store kept every promise a torture run's
/// commands were given: see `StoreTorture`. Reads the store only after every participant has ended.
struct StoreTortureVerifier {
    typealias Attempt = StoreTorture.Attempt
    typealias Violation = StoreTortureReport.Violation

    let attempts: [Attempt]
    let kills: Bool
    let context: StoreTorture.Context
    let run: ([String]) throws -> StoreTorture.CommandOutput

    private var store: String { context.store }
    private var ticket: Int { context.noteTicket }

    /// When the earliest command named in a violation started (seconds into the run): how fast the
    /// race was caught.
    private(set) var earliest: Double?

    private mutating func implicate(_ a: Attempt) {
        earliest = min(earliest ?? a.startedAt, a.startedAt)
    }

    mutating func verify(repairs: inout [String]) -> [Violation] {
        var found = failuresDuringTheRun() + numbersAcknowledgedTwice()
        found += checkAndRepair(repairs: &repairs)
        found += thread()
        found += tickets()
        found += oneMoreWrite()
        return found
    }

    // MARK: During the run

    /// Every failure other than a conflict, grouped by command and message (numbers blurred), so a
    /// store that broke and made 600 commands fail reads as one line per cause.
    private mutating func failuresDuringTheRun() -> [Violation] {
        struct Group { var kind: StoreTortureReport.Kind; var count = 0; var first: Attempt; var message: String }
        var groups: [String: Group] = [:]
        var order: [String] = []
        for a in attempts {
            let kind: StoreTortureReport.Kind
            let message: String
            switch a.outcome {
            case .failed(let m): (kind, message) = (.commandFailed, m)
            case .crashed(let m): (kind, message) = (.crashed, m)
            case .hung: (kind, message) = (.hung, "ran longer than the per-command limit and was killed")
            case .unreadable(let out): (kind, message) = (.unreadableAcknowledgement, "exit 0 but printed \(quote(out))")
            case .acknowledged, .killed, .refused: continue
            }
            implicate(a)
            let cleaned = relative(message)
            let key = "\(a.role.rawValue) \(kind.rawValue) \(Self.blurNumbers(cleaned))"
            if groups[key] == nil {
                groups[key] = Group(kind: kind, first: a, message: cleaned)
                order.append(key)
            }
            groups[key]!.count += 1
        }
        return order.map { key in
            let g = groups[key]!
            let times = g.count == 1 ? "once" : "\(g.count) times"
            return Violation(g.kind, "`\(g.first.role.commandName)` \(times) during the run (first: \(g.first.token) at "
                             + String(format: "%.1f s", g.first.startedAt) + "): \(g.message)")
        }
    }

    /// One event number acknowledged to two notes, or one ticket number to two imports or new tickets.
    private mutating func numbersAcknowledgedTwice() -> [Violation] {
        var found: [Violation] = []
        for (roles, what) in [([StoreTorture.Role.note], "event "), ([.importCSV, .newTicket], "ticket #")] {
            var owners: [Int: [Attempt]] = [:]
            for a in attempts where roles.contains(a.role) {
                if case .acknowledged(let n) = a.outcome { owners[n, default: []].append(a) }
            }
            for (n, owning) in owners.sorted(by: { $0.key < $1.key }) where owning.count > 1 {
                // The first to get the number was right; the race shows in the later ones.
                owning.sorted { $0.startedAt < $1.startedAt }.dropFirst().forEach { implicate($0) }
                found.append(Violation(.numberAcknowledgedTwice, "\(what)\(n) was acknowledged to \(owning.count) commands: "
                                       + owning.map(\.token).joined(separator: ", ")))
            }
        }
        return found
    }

    // MARK: The store after the run

    /// `check` must be clean, apart from what `check --repair` can fix after a kill (a torn last
    /// record, leftover temporary files); with no kills, nothing may need repair.
    private func checkAndRepair(repairs: inout [String]) -> [Violation] {
        guard let first = checkFindings() else {
            return [Violation(.checkFailed, "`helpdesk check --json` could not be run or read")]
        }
        if first.healthy { return [] }
        let unrepairable = first.findings.filter { !$0.repairable }
        if first.findings.isEmpty { return [Violation(.checkFailed, "check failed: \(first.stderr)")] }
        if !unrepairable.isEmpty {
            // Not repaired: the damage stays as evidence. What a kill may leave is no violation.
            return (kills ? unrepairable : first.findings).map { Violation(.checkFailed, $0.text) }
        }
        var found: [Violation] = []
        if !kills {
            found += first.findings.map { Violation(.checkFailed, "needs repair although nothing was killed: \($0.text)") }
        }
        do {
            let repaired = try run(["check", "--store", store, "--repair"])
            repairs = repaired.stdout.split(separator: "\n").filter { $0.hasPrefix("repaired: ") }
                .map { relative(String($0.dropFirst("repaired: ".count))) }
        } catch {
            return found + [Violation(.checkFailed, "`helpdesk check --repair` could not be run: \(error)")]
        }
        guard let second = checkFindings() else {
            return found + [Violation(.checkFailed, "`helpdesk check --json` after repair could not be run or read")]
        }
        if !second.healthy {
            found += (second.findings.isEmpty ? ["check failed after repair: \(second.stderr)"]
                                              : second.findings.map { "after repair: \($0.text)" })
                .map { Violation(.checkFailed, $0) }
        }
        return found
    }

    private struct Finding {
        var text: String
        var repairable: Bool
    }

    private func checkFindings() -> (healthy: Bool, findings: [Finding], stderr: String)? {
        guard let result = try? run(["check", "--store", store, "--json"]) else { return nil }
        let object = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let findings = (object?["findings"] as? [[String: Any]] ?? []).map { f -> Finding in
            var place = relative(f["file"] as? String ?? "?")
            if let line = f["line"] as? Int { place += ":\(line)" }
            return Finding(text: "\(place): \(relative(f["problem"] as? String ?? "?"))",
                           repairable: f["repairable"] as? Bool ?? false)
        }
        return (result.status == 0 && findings.isEmpty, findings, relative(StoreTorture.firstLine(result.stderr)))
    }

    /// Every acknowledged note in the thread exactly once, under the event number it was given;
    /// every other note at most once.
    private mutating func thread() -> [Violation] {
        let shown: StoreTorture.CommandOutput
        let history: StoreTorture.CommandOutput
        do {
            shown = try run(["ticket", "show", "--store", store, String(ticket), "--json"])
            history = try run(["ticket", "history", "--store", store, String(ticket), "--json"])
        } catch {
            return [Violation(.storeUnusable, "the harness could not run `ticket show`: \(error)")]
        }
        guard shown.status == 0,
              let object = try? JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any],
              let messages = object["messages"] as? [[String: Any]] else {
            return [Violation(.storeUnusable, "`ticket show \(ticket) --json` fails after the run: "
                              + relative(StoreTorture.firstLine(shown.stderr)))]
        }
        let bodies = messages.map { $0["body"] as? String ?? "" }
        var counts: [String: Int] = [:]
        for b in bodies { counts[b, default: 0] += 1 }

        // The thread is the ticket's messages in history order: the last `message.added` entries
        // line up with the last messages (the first message may come with `ticket.created`).
        var bodyAt: [Int: String] = [:]
        var found: [Violation] = []
        if history.status == 0,
           let entries = try? JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [[String: Any]] {
            let added = entries.filter { $0["type"] as? String == "message.added" }.compactMap { $0["seq"] as? Int }
            var seen: [Int: Int] = [:]
            for e in entries { if let s = e["seq"] as? Int { seen[s, default: 0] += 1 } }
            for (s, c) in seen.sorted(by: { $0.key < $1.key }) where c > 1 {
                found.append(Violation(.duplicated, "event \(s) appears \(c) times in #\(ticket)'s history"))
            }
            if added.count <= bodies.count {
                for (seq, body) in zip(added, bodies.suffix(added.count)) { bodyAt[seq] = body }
            }
        } else {
            found.append(Violation(.storeUnusable, "`ticket history \(ticket) --json` fails after the run: "
                                   + relative(StoreTorture.firstLine(history.stderr))))
        }

        for a in attempts where a.role == .note {
            let before = found.count
            defer { if found.count > before { implicate(a) } }
            let count = counts[a.token] ?? 0
            if case .acknowledged(let seq) = a.outcome {
                let when = String(format: "%.1f s", a.startedAt)
                if count == 0 {
                    found.append(Violation(.lostAcknowledged, "note \(a.token) (acknowledged as event \(seq), started at \(when)) is not in #\(ticket)'s thread"))
                } else if count > 1 {
                    found.append(Violation(.duplicated, "note \(a.token) (acknowledged as event \(seq)) is in #\(ticket)'s thread \(count) times"))
                }
                if count > 0, !bodyAt.isEmpty, bodyAt[seq] != a.token {
                    let actual = bodyAt[seq].map { "is \(quote($0))" } ?? "is not a message on #\(ticket)"
                    found.append(Violation(.acknowledgedWrongNumber, "note \(a.token) was acknowledged as event \(seq), but event \(seq) \(actual)"))
                }
            } else if count > 1 {
                found.append(Violation(.duplicated, "note \(a.token) (\(Self.describe(a.outcome))) is in #\(ticket)'s thread \(count) times"))
            }
        }
        return found
    }

    /// Ticket numbers unique and gap-free; every acknowledged import and new ticket there exactly
    /// once, under its number; every other at most once.
    private mutating func tickets() -> [Violation] {
        let listed: StoreTorture.CommandOutput
        do {
            listed = try run(["ticket", "list", "--store", store, "--status", "all", "--json"])
        } catch {
            return [Violation(.storeUnusable, "the harness could not run `ticket list`: \(error)")]
        }
        guard listed.status == 0,
              let rows = try? JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]] else {
            return [Violation(.storeUnusable, "`ticket list --status all --json` fails after the run: "
                              + relative(StoreTorture.firstLine(listed.stderr)))]
        }
        var found: [Violation] = []
        var numbers: [Int: Int] = [:]
        var bySubject: [String: [Int]] = [:]
        for row in rows {
            guard let n = row["number"] as? Int else { continue }
            numbers[n, default: 0] += 1
            bySubject[row["subject"] as? String ?? "", default: []].append(n)
        }
        let sorted = numbers.keys.sorted()
        for n in sorted where numbers[n]! > 1 {
            found.append(Violation(.ticketNumbers, "ticket #\(n) is listed \(numbers[n]!) times"))
        }
        for (a, b) in zip(sorted, sorted.dropFirst()) where b > a + 1 {
            found.append(Violation(.ticketNumbers, b == a + 2 ? "ticket #\(a + 1) is missing (between #\(a) and #\(b))"
                                                              : "tickets #\(a + 1)–#\(b - 1) are missing"))
        }
        for a in attempts where a.role != .note {
            let before = found.count
            defer { if found.count > before { implicate(a) } }
            let what = a.role == .importCSV ? "import" : "new ticket"
            let there = (bySubject[a.token] ?? []).sorted()
            if case .acknowledged(let n) = a.outcome {
                if there.isEmpty {
                    found.append(Violation(.lostAcknowledged, "\(what) \(a.token) (acknowledged as #\(n)) is not in the store"))
                } else if there.count > 1 {
                    found.append(Violation(.duplicated, "\(what) \(a.token) (acknowledged as #\(n)) is in the store \(there.count) times: "
                                           + there.map { "#\($0)" }.joined(separator: ", ")))
                } else if there[0] != n {
                    found.append(Violation(.acknowledgedWrongNumber, "\(what) \(a.token) was acknowledged as #\(n) but is #\(there[0])"))
                }
            } else if there.count > 1 {
                found.append(Violation(.duplicated, "\(what) \(a.token) (\(Self.describe(a.outcome))) is in the store \(there.count) times"))
            }
        }
        return found
    }

    /// The store must take a write after the run and still check clean (on today's store, the
    /// write after the race is the one that makes every command fail).
    private func oneMoreWrite() -> [Violation] {
        let token = "\(context.tag)final-note"
        do {
            let wrote = try run(["ticket", "note", "--store", store, String(ticket), "--body", token])
            guard wrote.status == 0 else {
                return [Violation(.storeUnusable, "a note on #\(ticket) after the run fails: " + relative(StoreTorture.firstLine(wrote.stderr)))]
            }
            guard let after = checkFindings() else {
                return [Violation(.checkFailed, "`helpdesk check --json` after one more write could not be run or read")]
            }
            if !after.healthy {
                return (after.findings.isEmpty ? ["check fails after one more write: \(after.stderr)"]
                                               : after.findings.map { "after one more write: \($0.text)" })
                    .map { Violation(.storeUnusable, $0) }
            }
            let shown = try run(["ticket", "show", "--store", store, String(ticket), "--json"])
            let object = try? JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any]
            let count = (object?["messages"] as? [[String: Any]] ?? []).filter { $0["body"] as? String == token }.count
            if count != 1 {
                return [Violation(.storeUnusable, "the note written after the run is in #\(ticket)'s thread \(count) times")]
            }
        } catch {
            return [Violation(.storeUnusable, "the harness could not write after the run: \(error)")]
        }
        return []
    }

    // MARK: Wording

    private static func describe(_ outcome: Attempt.Outcome) -> String {
        switch outcome {
        case .acknowledged(let n): "acknowledged as \(n)"
        case .killed: "killed before it acknowledged"
        case .refused: "refused"
        case .failed: "failed"
        case .crashed: "crashed"
        case .hung: "hung"
        case .unreadable: "acknowledged unreadably"
        }
    }

    /// Paths inside the store, shown relative to it.
    private func relative(_ text: String) -> String {
        text.replacingOccurrences(of: store + "/", with: "")
    }

    private func quote(_ text: String) -> String {
        let line = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return "'" + (line.count > 80 ? line.prefix(80) + "…" : line) + "'"
    }

    /// Digit runs replaced by `#`, so messages that differ only in numbers group together.
    static func blurNumbers(_ text: String) -> String {
        var out = ""
        var inDigits = false
        for ch in text {
            if ch.isNumber {
                if !inDigits { out.append("#") }
                inDigits = true
            } else {
                out.append(ch)
                inDigits = false
            }
        }
        return out
    }
}

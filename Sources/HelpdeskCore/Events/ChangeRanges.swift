import Foundation

/// The `Limits` check of one change or event: every ticket number, id, version and time it carries.
///
/// One function for both sides of the store: `HelpdeskState.prepare` refuses a change that fails it
/// (so nothing out of range is ever written), and `Event`'s decoder refuses a record that fails it (so
/// a hand-edited record with a valid checksum is reported as damage instead of trapping later on
/// `seq + 1` or allocating by a ticket number).
extension Change {
    /// Why some number or time in the change is out of range; nil when all are in range.
    /// A ticket number or promise id of 0 means "not allocated yet" (before `prepare`) and passes.
    public var rangeProblem: String? {
        func number(_ n: Int, _ what: String = "ticket number") -> String? {
            Limits.ticketNumberProblem(n, what)
        }
        func version(_ n: Int, _ what: String) -> String? {
            Limits.versions.contains(n) ? nil : "\(what) \(n) is out of range (\(Limits.describe(Limits.versions)))"
        }
        func message(_ m: Message) -> String? { Limits.timeProblem(m.at, "the message's time") }
        func preferences(_ list: [Preference]) -> String? {
            list.lazy.compactMap { Limits.timeProblem($0.confirmedAt, "when preference '\($0.key)' was confirmed") }.first
        }
        func customerID(_ id: String) -> String? {
            guard id.utf8.count <= 64, !id.unicodeScalars.contains(where: TextRules.isControl) else {
                return "customer id '\(id)' is not an id (at most 64 characters, no control characters)"
            }
            return nil
        }
        switch self {
        case .ticketCreated(let t):
            return (t.number == 0 ? nil : number(t.number)) ?? t.message.flatMap(message)
        case .ticketUpdated(let n, let base, let patch):
            if let p = number(n) ?? version(base, "version") { return p }
            if let into = patch.mergedInto?.to, let p = number(into, "merged into ticket number") { return p }
            return patch.links?.to.lazy.compactMap { number($0, "linked ticket number") }.first
        case .messageAdded(let n, let m):
            return number(n) ?? message(m)
        case .ticketRated(let n, let s):
            return number(n) ?? Limits.timeProblem(s.at, "the rating's time")
        case .customerCreated(let c):
            return customerID(c.id) ?? version(c.version, "version")
                ?? Limits.timeProblem(c.customerSince, "customerSince") ?? preferences(c.preferences)
        case .customerUpdated(let id, let base, let patch):
            return customerID(id) ?? version(base, "version") ?? patch.preferences.flatMap { preferences($0.to) }
        case .customerMerged(let from, let into):
            return customerID(from) ?? customerID(into)
        case .promiseMade(let p):
            if p.id != 0, !Limits.promiseIDs.contains(p.id) {
                return "promise id \(p.id) is out of range (\(Limits.describe(Limits.promiseIDs)))"
            }
            return number(p.ticket) ?? Limits.timeProblem(p.due, "the due time") ?? Limits.timeProblem(p.createdAt, "createdAt")
                ?? p.resolvedAt.flatMap { Limits.timeProblem($0, "resolvedAt") }
        case .promiseResolved(let id, _):
            return Limits.promiseIDs.contains(id) ? nil : "promise id \(id) is out of range (\(Limits.describe(Limits.promiseIDs)))"
        case .settingsChanged(let s):
            return s.rangeProblem
        case .slaBreached(let n, _, let since):
            return number(n) ?? Limits.timeProblem(since, "the breach's time")
        case .agentSaved, .templateSaved, .templateRemoved, .viewSaved, .viewRemoved:
            return nil
        case .mailReceived(let e):
            return number(e.ticket) ?? e.rangeProblem
        case .mailSent(let m):
            return number(m.ticket)
        }
    }
}

extension Settings {
    /// Why an SLA target or the auto-assignment limit is out of range; nil when none is.
    public var rangeProblem: String? {
        for priority in Priority.allCases {
            for kind in SLATargetKind.allCases {
                let target = sla[priority][kind]
                // Whole seconds: an export writes them as whole numbers, which is all an import reads.
                guard target > 0, Limits.seconds.contains(target), target.rounded() == target else {
                    return "the \(priority.rawValue) \(kind.label) SLA target (\(target) seconds) is not a positive whole number of seconds before the year 9999"
                }
            }
        }
        if !(1_024...(1 << 30)).contains(mail.maxMessageBytes) {
            return "the mail size limit \(mail.maxMessageBytes) bytes is out of range (1 KB to 1 GB)"
        }
        if let load = autoAssign.maxOpenLoad, !(1...1_000_000).contains(load) {
            return "the auto-assignment limit \(load) is out of range (1 to 1000000)"
        }
        return nil
    }
}

extension Event {
    /// `Change.rangeProblem`, plus the event's own sequence number (once appended) and time.
    public var rangeProblem: String? {
        if seq != 0, !Limits.sequenceNumbers.contains(seq) {
            return "sequence number \(seq) is out of range (\(Limits.describe(Limits.sequenceNumbers)))"
        }
        return Limits.timeProblem(at, "the event's time") ?? change.rangeProblem
    }
}

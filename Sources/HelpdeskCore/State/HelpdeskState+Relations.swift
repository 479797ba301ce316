import Foundation

extension HelpdeskState {
    /// Rules for the fields of a ticket patch that point at other tickets or agents: merging into
    /// itself, into a closed or merged ticket, links to missing tickets, assignees off the roster.
    func checkRelations(of number: Int, patch: TicketPatch) throws {
        if let a = patch.assignee?.to, let agent = agents[a], !agent.active {
            throw ChangeError.invalid("\(a) is no longer on the active roster; assign someone else")
        }
        if let merge = patch.mergedInto, let target = merge.to {
            try Self.checkMerge(source: number, sourceMergedInto: tickets[number]?.mergedInto,
                                target: target, targetTicket: tickets[target])
        }
        if let links = patch.links?.to {
            for n in links {
                if n == number { throw ChangeError.invalid("#\(number) cannot be linked to itself") }
                if tickets[n] == nil { throw ChangeError.ticketNotFound(n) }
            }
            if Set(links).count != links.count { throw ChangeError.invalid("#\(number) lists a linked ticket twice") }
        }
    }

    static func checkMerge(source: Int, sourceMergedInto: Int?, target: Int, targetTicket: Ticket?) throws {
        guard target != source else { throw ChangeError.invalid("#\(source) cannot be merged into itself") }
        guard let t = targetTicket else { throw ChangeError.ticketNotFound(target) }
        if let already = sourceMergedInto, already != target {
            throw ChangeError.invalid("#\(source) was already merged into #\(already)")
        }
        if let further = t.mergedInto, further == source {
            throw ChangeError.invalid("#\(target) was merged into #\(source); it cannot take #\(source) back in")
        }
        if let further = t.mergedInto {
            throw ChangeError.invalid("#\(target) was itself merged into #\(further); merge into #\(further) instead")
        }
        guard t.status != .closed else {
            throw ChangeError.invalid("#\(target) is closed; reopen it first or merge into an open ticket")
        }
    }
}

/// Merging one ticket into another: the source's thread is copied into the target after a note
/// saying where it came from (so the target reads as one conversation), the source is closed with a
/// pointer to the target, and the two are linked. The source keeps its own thread and history.
public enum TicketMerge {
    /// The changes that merge `source` (its thread loaded) into `target`, as one batch.
    public static func changes(merging source: Ticket, into target: Ticket, actor: String, at: Date) throws -> [Change] {
        try HelpdeskState.checkMerge(source: source.number, sourceMergedInto: source.mergedInto,
                                     target: target.number, targetTicket: target)
        guard source.mergedInto == nil else { throw ChangeError.invalid("#\(source.number) is already merged into #\(target.number)") }
        guard source.threadLoaded else { throw ChangeError.invalid("#\(source.number)'s thread is not loaded") }
        let count = source.messages.count
        let note = "Merged #\(source.number) \"\(source.subject)\" into this ticket"
            + (count == 0 ? "." : "; its \(count == 1 ? "message follows" : "\(count) messages follow").")
        var changes: [Change] = [.messageAdded(number: target.number, message: Message(kind: .note, author: actor, body: note, at: at))]
        for m in source.messages { changes.append(.messageAdded(number: target.number, message: m)) }
        var sourceLinks = source.links
        if !sourceLinks.contains(target.number) { sourceLinks.append(target.number) }
        changes.append(.ticketUpdated(number: source.number, base: source.version,
                                      patch: TicketPatch.diff(source, status: .closed, mergedInto: .some(target.number),
                                                              links: sourceLinks)))
        if !target.links.contains(source.number) {
            changes.append(.ticketUpdated(number: target.number, base: target.version,
                                          patch: TicketPatch.diff(target, links: target.links + [source.number])))
        }
        return changes
    }
}

/// Links between related tickets go both ways: one change on each side.
public enum TicketLinks {
    public static func link(_ a: Ticket, _ b: Ticket) throws -> [Change] {
        guard a.number != b.number else { throw ChangeError.invalid("#\(a.number) cannot be linked to itself") }
        guard !(a.links.contains(b.number) && b.links.contains(a.number)) else {
            throw ChangeError.invalid("#\(a.number) and #\(b.number) are already linked")
        }
        var changes: [Change] = []
        if !a.links.contains(b.number) {
            changes.append(.ticketUpdated(number: a.number, base: a.version, patch: TicketPatch.diff(a, links: a.links + [b.number])))
        }
        if !b.links.contains(a.number) {
            changes.append(.ticketUpdated(number: b.number, base: b.version, patch: TicketPatch.diff(b, links: b.links + [a.number])))
        }
        return changes
    }

    public static func unlink(_ a: Ticket, _ b: Ticket) throws -> [Change] {
        guard a.links.contains(b.number) || b.links.contains(a.number) else {
            throw ChangeError.invalid("#\(a.number) and #\(b.number) are not linked")
        }
        var changes: [Change] = []
        if a.links.contains(b.number) {
            changes.append(.ticketUpdated(number: a.number, base: a.version, patch: TicketPatch.diff(a, links: a.links.filter { $0 != b.number })))
        }
        if b.links.contains(a.number) {
            changes.append(.ticketUpdated(number: b.number, base: b.version, patch: TicketPatch.diff(b, links: b.links.filter { $0 != a.number })))
        }
        return changes
    }
}

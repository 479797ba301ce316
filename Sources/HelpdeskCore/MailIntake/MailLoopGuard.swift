import Foundation

/// Loop protection, with numbers: auto-reply ping-pong is how one helpdesk made 11 conversations of
/// one mail (freescout#3670) and another sent ~8,000 (freescout#4143). Past either limit, automatic
/// mail is still stored, but marked (`MailEntry.loopLimited`) and nothing may be sent back to it:
///
/// - at most 10 automatic mails per ticket in 10 minutes (Zammad's first step);
/// - at most 40 automatic mails per sender address in a day (OTRS's limit).
///
/// Helpdesk sends no automatic mail yet (acknowledgements are a later step); whatever does must ask
/// `mayAnswer` first.
public enum MailLoopGuard {
    public static let perTicket = 10
    public static let perTicketWindow: TimeInterval = 600
    public static let perAddress = 40
    public static let perAddressWindow: TimeInterval = 86_400

    static func ticketKey(_ n: Int) -> String { "ticket:\(n)" }
    static func addressKey(_ a: String) -> String { "from:" + ContactKey.email(a) }

    /// How many automatic mails were counted under `key` within `window` before `at`.
    static func count(_ key: String, window: TimeInterval, at: Date, index: MailIndex) -> Int {
        (index.automaticAt[key] ?? []).filter { at.timeIntervalSince($0) < window && $0 <= at }.count
    }

    /// Whether one more automatic mail on `ticket` from `address` at `at` is past a limit.
    public static func isOverLimit(ticket: Int, address: String?, at: Date, index: MailIndex) -> Bool {
        if count(ticketKey(ticket), window: perTicketWindow, at: at, index: index) >= perTicket { return true }
        if let address, count(addressKey(address), window: perAddressWindow, at: at, index: index) >= perAddress { return true }
        return false
    }

    /// Whether an automatic answer to this mail may be sent: never to automatic mail, never past a limit.
    public static func mayAnswer(_ entry: MailEntry) -> Bool { entry.automatic == nil && entry.loopLimited != true }

    /// Remembers an automatic mail, keeping only what the windows can still count.
    static func record(ticket: Int, address: String?, at: Date, into index: inout MailIndex) {
        func add(_ key: String, _ window: TimeInterval, _ limit: Int) {
            var times = (index.automaticAt[key] ?? []).filter { at.timeIntervalSince($0) < window }
            times.append(at)
            if times.count > limit + 1 { times.removeFirst(times.count - limit - 1) }
            index.automaticAt[key] = times
        }
        add(ticketKey(ticket), perTicketWindow, perTicket)
        if let address { add(addressKey(address), perAddressWindow, perAddress) }
    }
}

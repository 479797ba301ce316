import Foundation
import HelpdeskStore

/// Runs the send command (e.g. `sendmail -t`) over the outbox: each waiting `.eml` goes to the
/// command's standard input; output is discarded so it cannot scribble over the console. Shared by
/// the console and the command line.
///
/// The command is this person's own (`SendCommands`, in their config), never one read from the
/// store: a team store's files are writable by the whole group, and a command from them would run
/// as whichever agent delivers next.
public enum OutboxDelivery {
    /// Delivers with this person's send command for the store at `location`; nil when none is set.
    public static func deliver(_ outbox: Outbox, forStoreAt location: String) -> Outbox.DeliveryReport? {
        let command: String?
        do {
            command = try SendCommands.command(forStoreAt: location)
        } catch {
            let waiting = outbox.list(.new)
            guard !waiting.isEmpty else { return nil }
            return Outbox.DeliveryReport(failed: waiting.map { ($0, "the send command was not read: \(error)") }, stuck: outbox.list(.cur))
        }
        return deliver(outbox, command: command)
    }

    public static func deliver(_ outbox: Outbox, command: String?) -> Outbox.DeliveryReport? {
        guard let command = command?.trimmingCharacters(in: .whitespaces), !command.isEmpty else { return nil }
        guard !outbox.list(.new).isEmpty else { return Outbox.DeliveryReport(stuck: outbox.list(.cur)) }
        return outbox.deliver { path in
            // Redirect first, then run the command as written: its own redirections still apply.
            try ChildProcess.run(["/bin/sh", "-c", "exec < \"$1\" > /dev/null 2>&1\n" + command, "sh", path])
        }
    }
}

import Foundation
import HelpdeskStore

/// Runs the store's configured send command (`Settings.sendCommand`, e.g. `sendmail -t`) over the
/// outbox: each waiting `.eml` goes to the command's standard input; output is discarded so it
/// cannot scribble over the console. Shared by the console and the command line.
public enum OutboxDelivery {
    public static func deliver(_ outbox: Outbox, command: String?) -> Outbox.DeliveryReport? {
        guard let command = command?.trimmingCharacters(in: .whitespaces), !command.isEmpty else { return nil }
        guard !outbox.list(.new).isEmpty else { return Outbox.DeliveryReport(stuck: outbox.list(.cur)) }
        return outbox.deliver { path in
            // Redirect first, then run the command as written: its own redirections still apply.
            try ChildProcess.run(["/bin/sh", "-c", "exec < \"$1\" > /dev/null 2>&1\n" + command, "sh", path])
        }
    }
}

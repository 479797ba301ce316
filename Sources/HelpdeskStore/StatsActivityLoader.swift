import Foundation
import HelpdeskCore

/// Reads the reply activity the metrics need from ticket histories: only the tickets replied to (or
/// breached) since `since`, never the whole log.
public enum StatsActivityLoader {
    public static func activity(from store: Store, since: Date) throws -> ReplyActivity {
        var events: [Event] = []
        for number in ReplyActivity.ticketsToRead(store.state, since: since) {
            events += try store.history(ofTicket: number)
        }
        return ReplyActivity(events: events)
    }
}

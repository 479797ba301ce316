import Foundation

/// Where a store's consoles say who is online and what they are looking at (`Presence`), so the
/// console can show it and `helpdesk ticket assign --auto` can pick an online agent.
///
/// Part of `Store` so no caller needs to know which backend holds the heartbeats: the file store
/// keeps them as files under `presence/` (`PresenceFiles`); another backend would keep them its way.
public protocol PresenceBackend: AnyObject {
    /// The presence heartbeats of the consoles working in this store.
    func presenceFiles() -> PresenceFiles
}

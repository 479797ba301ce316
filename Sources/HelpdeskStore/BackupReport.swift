import Foundation

/// What a backup or a restore copied, and the store it copied: every event up to `events` (they are
/// numbered from 1), as of the moment the copy was taken.
public struct BackupReport: Codable, Sendable, Equatable {
    public var source: String
    public var directory: String
    public var events: Int
    public var tickets: Int
    public var customers: Int
    /// The sequence number the copied snapshot ends at (the log after it was copied too).
    public var snapshotSeq: Int?
    public var files: Int
    public var bytes: Int

    /// `12345 events (through #12345), 1200 tickets, 380 customers; 14 files, 3.2 MB`
    public var summary: String {
        func n(_ v: Int) -> String { String(v) }
        let size = bytes >= 1 << 20 ? String(format: "%.1f MB", Double(bytes) / 1_048_576)
            : bytes >= 1 << 10 ? String(format: "%.1f KB", Double(bytes) / 1024) : "\(bytes) bytes"
        return "\(n(events)) events (through #\(events)), \(n(tickets)) tickets, \(n(customers)) customers; \(n(files)) files, \(size)"
    }
}

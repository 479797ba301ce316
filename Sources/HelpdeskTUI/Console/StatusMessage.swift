import Foundation

/// A line of feedback in the status bar: what happened, or what went wrong. Info messages fade after
/// a few seconds; errors stay until the next key press so they are not missed.
public struct StatusMessage: Equatable, Sendable {
    public enum Kind: Sendable { case info, warning, error }
    public var text: String
    public var kind: Kind
    public var shownAt: Date

    public init(_ text: String, kind: Kind = .info, at: Date) {
        self.text = text
        self.kind = kind
        self.shownAt = at
    }

    /// How long an info message stays.
    public static let lifetime: TimeInterval = 6

    public func isExpired(now: Date) -> Bool {
        kind == .info && now.timeIntervalSince(shownAt) > Self.lifetime
    }
}

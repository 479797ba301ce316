import Foundation

/// Count, median and 90th percentile of a set of durations (seconds), nearest-rank method:
/// the p-th percentile is the smallest value with at least p % of the values at or below it.
public struct Distribution: Sendable, Equatable, Codable {
    public var count: Int
    public var median: TimeInterval?
    public var p90: TimeInterval?

    public init(_ values: [TimeInterval]) {
        let sorted = values.sorted()
        count = sorted.count
        median = Distribution.percentile(50, of: sorted)
        p90 = Distribution.percentile(90, of: sorted)
    }

    /// Nearest-rank percentile of already sorted values (nil when empty).
    public static func percentile(_ p: Double, of sorted: [TimeInterval]) -> TimeInterval? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(sorted.count, max(1, rank)) - 1]
    }
}

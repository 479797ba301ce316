import Foundation

/// The words beside a sparkline: its scale (lowest and highest bar) and a comparison of the latest span
/// with the one before (this week against last), so a bar's height can be read as a number.
enum SparklineScale {
    /// `0–12` (the values' range).
    static func range(_ values: [Int]) -> String {
        guard let lo = values.min(), let hi = values.max() else { return "no data" }
        return "\(lo)–\(hi)"
    }

    /// Counts per bucket (arrivals): the sum of the last `span` buckets against the `span` before,
    /// `7 d 42 vs 35 (+20%)`.
    static func sums(_ values: [Int], span: Int, unit: String) -> String {
        let recent = values.suffix(span), before = values.dropLast(span).suffix(span)
        let now = recent.reduce(0, +), then = before.reduce(0, +)
        guard before.count == span else { return "\(unit) \(now)" }
        return "\(unit) \(now) vs \(then)\(change(now, then))"
    }

    /// Levels (backlog): the latest value against the one `span` buckets earlier, `now 30 vs 25 7 d ago`.
    static func levels(_ values: [Int], span: Int, unit: String) -> String {
        guard let last = values.last else { return "now 0" }
        guard values.count > span else { return "now \(last)" }
        let then = values[values.count - 1 - span]
        return "now \(last) vs \(then) \(unit) ago\(change(last, then))"
    }

    /// ` (+20%)`, or nothing when there was nothing to compare with.
    static func change(_ now: Int, _ then: Int) -> String {
        guard then > 0 else { return "" }
        let percent = (Double(now) - Double(then)) / Double(then) * 100
        guard percent.isFinite, abs(percent) < 1e6 else { return "" }
        let rounded = Int(percent.rounded())
        return rounded >= 0 ? " (+\(rounded)%)" : " (\(rounded)%)"
    }
}

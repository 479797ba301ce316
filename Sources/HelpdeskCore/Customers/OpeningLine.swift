import Foundation

/// The personal first line of a reply, from what is known about the customer: their name, that
/// they are back, their usual order, an occasion, or an apology when the last time went badly.
///
/// "Hi Dana — good to hear from you again. Your usual oat flat white is on its way."
public enum OpeningLine {
    public static func suggest(for c: Customer, pastTickets: Int, occasions: [CustomerOccasion] = [],
                               risk: [RiskReason] = []) -> String {
        let name = c.greetingName
        var parts: [String] = []
        if occasions.contains(where: { $0.kind == .birthday && $0.daysAway == 0 }) {
            parts.append("Happy birthday, \(name)!")
        } else if let a = occasions.first(where: { if case .anniversary = $0.kind { $0.daysAway == 0 } else { false } }),
                  case .anniversary(let years) = a.kind {
            parts.append("Hi \(name) — \(years) year\(years == 1 ? "" : "s") with us today, thank you!")
        } else if pastTickets == 0 {
            parts.append("Hi \(name) — thanks for getting in touch.")
        } else if risk.contains(where: { if case .lowSatisfaction = $0 { true } else if case .missedPromise = $0 { true } else { false } }) {
            parts.append("Hi \(name) — thank you for coming back to us, and I'm sorry we let you down last time.")
        } else {
            parts.append("Hi \(name) — good to hear from you again.")
        }
        if let usual = c.usualOrder?.trimmingCharacters(in: .whitespacesAndNewlines), !usual.isEmpty {
            parts.append("Your usual \(usual) is on its way.")
        }
        return parts.joined(separator: " ")
    }
}

import Foundation

/// Something we know a customer prefers, and when they last confirmed it.
public struct Preference: Codable, Sendable, Equatable, Hashable {
    public var key: String
    public var value: String
    public var confirmedAt: Date

    public init(key: String, value: String, confirmedAt: Date) {
        self.key = key
        self.value = value
        self.confirmedAt = confirmedAt
    }
}

/// A person we serve: who they are and what we remember about them.
public struct Customer: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    /// What they like to be called ("Dana" for "Danielle Okafor").
    public var preferredName: String?
    public var emails: [String]
    public var phones: [String]
    public var organisation: String?
    /// Free text: "oat flat white, extra hot".
    public var usualOrder: String?
    public var preferences: [Preference]
    public var notes: String?
    public var customerSince: Date
    public var vip: Bool
    public var birthday: String?
    public var version: Int
    /// Set when this record was merged into another customer (a duplicate): its tickets, contacts
    /// and history now belong to the survivor, and this record is kept only so old ids still resolve.
    public var mergedInto: String?

    public init(id: String, name: String, preferredName: String? = nil, emails: [String] = [],
                phones: [String] = [], organisation: String? = nil, usualOrder: String? = nil,
                preferences: [Preference] = [], notes: String? = nil, customerSince: Date,
                vip: Bool = false, birthday: String? = nil, version: Int = 1, mergedInto: String? = nil) {
        self.id = id
        self.name = name
        self.preferredName = preferredName
        self.emails = emails
        self.phones = phones
        self.organisation = organisation
        self.usualOrder = usualOrder
        self.preferences = preferences
        self.notes = notes
        self.customerSince = customerSince
        self.vip = vip
        self.birthday = birthday
        self.version = version
        self.mergedInto = mergedInto
    }

    /// The name to greet them by: the preferred name when known, else the first name. The card and
    /// every greeting placeholder use this one property, so they never disagree.
    public var greetingName: String {
        if let p = preferredName, !p.isEmpty { return p }
        return firstName
    }

    /// The first word of the full name (the whole name when it has no spaces).
    public var firstName: String {
        name.split(separator: " ").first.map(String.init) ?? name
    }

    /// Whether the given email belongs to this customer, compared the way mail systems do.
    public func has(email: String) -> Bool {
        let key = ContactKey.email(email)
        return emails.contains { ContactKey.email($0) == key }
    }

    public func has(phone: String) -> Bool {
        let key = ContactKey.phone(phone)
        return !key.isEmpty && phones.contains { ContactKey.phone($0) == key }
    }
}

/// Normalised forms of contact details, so `Dana@Example.com` and `dana@example.com`, or
/// `+44 20 7946 0958` and `020-7946-0958`, find the same customer.
public enum ContactKey {
    public static func email(_ text: String) -> String {
        // ASCII fast path (nearly every address): same result as the general case, without
        // Foundation's per-call cost — the store indexes every customer's contacts at open.
        var bytes = Array(text.utf8)
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return text.trimmingCharacters(in: .whitespaces).lowercased() }
        while let last = bytes.last, last == 0x20 || last == 0x09 { bytes.removeLast() }
        var start = 0
        while start < bytes.count, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        for i in start..<bytes.count where bytes[i] >= 65 && bytes[i] <= 90 { bytes[i] += 32 }
        return String(decoding: bytes[start...], as: UTF8.self)
    }
    /// Digits only, with a leading international `00` folded into `+`-less form; the last 10 digits
    /// are compared so national and international spellings of a number match.
    public static func phone(_ text: String) -> String {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else {
            let digits = text.filter(\.isASCII).filter(\.isNumber)
            return String(digits.suffix(10))
        }
        let digits = text.utf8.filter { $0 >= 48 && $0 <= 57 }
        return String(decoding: digits.suffix(10), as: UTF8.self)
    }
}

/// A change to a customer's fields, each as from → to. Fields left nil are untouched.
public struct CustomerPatch: Codable, Sendable, Equatable {
    public var name: FromTo<String>?
    public var preferredName: FromTo<String?>?
    public var emails: FromTo<[String]>?
    public var phones: FromTo<[String]>?
    public var organisation: FromTo<String?>?
    public var usualOrder: FromTo<String?>?
    public var preferences: FromTo<[Preference]>?
    public var notes: FromTo<String?>?
    public var vip: FromTo<Bool>?
    public var birthday: FromTo<String?>?

    public init(name: FromTo<String>? = nil, preferredName: FromTo<String?>? = nil,
                emails: FromTo<[String]>? = nil, phones: FromTo<[String]>? = nil,
                organisation: FromTo<String?>? = nil, usualOrder: FromTo<String?>? = nil,
                preferences: FromTo<[Preference]>? = nil, notes: FromTo<String?>? = nil,
                vip: FromTo<Bool>? = nil, birthday: FromTo<String?>? = nil) {
        self.name = name
        self.preferredName = preferredName
        self.emails = emails
        self.phones = phones
        self.organisation = organisation
        self.usualOrder = usualOrder
        self.preferences = preferences
        self.notes = notes
        self.vip = vip
        self.birthday = birthday
    }

    public var fields: [String] {
        var names: [String] = []
        if name != nil { names.append("name") }
        if preferredName != nil { names.append("preferredName") }
        if emails != nil { names.append("emails") }
        if phones != nil { names.append("phones") }
        if organisation != nil { names.append("organisation") }
        if usualOrder != nil { names.append("usualOrder") }
        if preferences != nil { names.append("preferences") }
        if notes != nil { names.append("notes") }
        if vip != nil { names.append("vip") }
        if birthday != nil { names.append("birthday") }
        return names
    }

    public var isEmpty: Bool { fields.isEmpty }

    public var descriptions: [String] {
        func show(_ v: String?) -> String { v.map { "\"\($0)\"" } ?? "none" }
        var out: [String] = []
        if let c = name { out.append("name: \(show(c.from)) → \(show(c.to))") }
        if let c = preferredName { out.append("preferred name: \(show(c.from)) → \(show(c.to))") }
        if let c = emails { out.append("emails: \(c.from.joined(separator: ", ")) → \(c.to.joined(separator: ", "))") }
        if let c = phones { out.append("phones: \(c.from.joined(separator: ", ")) → \(c.to.joined(separator: ", "))") }
        if let c = organisation { out.append("organisation: \(show(c.from)) → \(show(c.to))") }
        if let c = usualOrder { out.append("usual order: \(show(c.from)) → \(show(c.to))") }
        if let c = preferences {
            out.append("preferences: \(c.from.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")) → \(c.to.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))")
        }
        if let c = notes { out.append("notes: \(show(c.from)) → \(show(c.to))") }
        if let c = vip { out.append("VIP: \(c.from) → \(c.to)") }
        if let c = birthday { out.append("birthday: \(show(c.from)) → \(show(c.to))") }
        return out
    }

    public static func diff(_ c: Customer, name: String? = nil, preferredName: String?? = nil,
                            emails: [String]? = nil, phones: [String]? = nil, organisation: String?? = nil,
                            usualOrder: String?? = nil, preferences: [Preference]? = nil, notes: String?? = nil,
                            vip: Bool? = nil, birthday: String?? = nil) -> CustomerPatch {
        var p = CustomerPatch()
        if let v = name, v != c.name { p.name = FromTo(c.name, v) }
        if let v = preferredName, v != c.preferredName { p.preferredName = FromTo(c.preferredName, v) }
        if let v = emails, v != c.emails { p.emails = FromTo(c.emails, v) }
        if let v = phones, v != c.phones { p.phones = FromTo(c.phones, v) }
        if let v = organisation, v != c.organisation { p.organisation = FromTo(c.organisation, v) }
        if let v = usualOrder, v != c.usualOrder { p.usualOrder = FromTo(c.usualOrder, v) }
        if let v = preferences, v != c.preferences { p.preferences = FromTo(c.preferences, v) }
        if let v = notes, v != c.notes { p.notes = FromTo(c.notes, v) }
        if let v = vip, v != c.vip { p.vip = FromTo(c.vip, v) }
        if let v = birthday, v != c.birthday { p.birthday = FromTo(c.birthday, v) }
        return p
    }

    public func apply(to c: inout Customer) {
        if let v = name { c.name = v.to }
        if let v = preferredName { c.preferredName = v.to }
        if let v = emails { c.emails = v.to }
        if let v = phones { c.phones = v.to }
        if let v = organisation { c.organisation = v.to }
        if let v = usualOrder { c.usualOrder = v.to }
        if let v = preferences { c.preferences = v.to }
        if let v = notes { c.notes = v.to }
        if let v = vip { c.vip = v.to }
        if let v = birthday { c.birthday = v.to }
    }
}

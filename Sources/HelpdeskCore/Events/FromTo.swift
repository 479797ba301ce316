/// A field's value before and after a change: the unit of the audit trail.
public struct FromTo<Value: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    public var from: Value
    public var to: Value

    public init(_ from: Value, _ to: Value) {
        self.from = from
        self.to = to
    }

    // Optional values are written as explicit nulls so `jq` shows "from": null rather than nothing.
    enum CodingKeys: String, CodingKey { case from, to }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(from, forKey: .from)
        try c.encode(to, forKey: .to)
    }
}

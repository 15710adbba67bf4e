/// How RO B is matched to an earlier RO A when looking for comebacks.
public enum ComebackMatch: String, Sendable, CaseIterable {
    /// A and B share a non-empty labor op_code (the default).
    case opcode
    /// Any earlier RO of the same VIN within the window.
    case any
}

/// The definition choices a report can change (printed in its footnotes).
public struct KPIOptions: Sendable, Hashable {
    /// The comeback window after A's completion, in days (default 30).
    public var comebackDays: Int
    public var comebackMatch: ComebackMatch

    public init(comebackDays: Int = 30, comebackMatch: ComebackMatch = .opcode) {
        self.comebackDays = comebackDays
        self.comebackMatch = comebackMatch
    }
}

/// A dealer of the `dealers` master: the unit every group is made of.
public struct Dealer: Sendable, Hashable {
    public var code: String
    public var name: String
    public var region: String
    public var brand: String

    public init(code: String, name: String, region: String, brand: String) {
        self.code = code
        self.name = name
        self.region = region
        self.brand = brand
    }
}

/// Per-dealer partial results: dealer code → KPI id → partial.
public typealias DealerPartials = [String: [String: KPIPartial]]

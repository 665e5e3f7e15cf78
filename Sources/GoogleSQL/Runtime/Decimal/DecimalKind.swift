import WarehouseSchema

/// NUMERIC or BIGNUMERIC: the scale an exact decimal is kept at, its range, and the words BigQuery's
/// errors use for it.
enum DecimalKind: Sendable, Hashable, CaseIterable {
    /// Precision 38, scale 9: ±99999999999999999999999999999.999999999.
    case numeric
    /// Precision 76.76, scale 38: a 256-bit two's-complement integer of 10^-38 units.
    case bignumeric

    init?(_ type: FieldType) {
        switch type {
        case .numeric: self = .numeric
        case .bignumeric: self = .bignumeric
        default: return nil
        }
    }

    var fieldType: FieldType { self == .numeric ? .numeric : .bignumeric }

    /// Fractional digits kept; results are rounded half away from zero to this many.
    var scale: Int { self == .numeric ? 9 : 38 }

    /// Largest number of units (value × 10^scale) a positive value may have.
    var maxPositiveUnits: UnsignedMagnitude { self == .numeric ? Self.numericMax : Self.bignumericMax }

    /// Largest number of units a negative value may have (BIGNUMERIC's range is asymmetric).
    var maxNegativeUnits: UnsignedMagnitude { self == .numeric ? Self.numericMax : Self.bignumericMinMagnitude }

    func fits(units: UnsignedMagnitude, negative: Bool) -> Bool {
        units <= (negative ? maxNegativeUnits : maxPositiveUnits)
    }

    /// The lower-case prefix of arithmetic overflow errors ("numeric overflow: 1 + 2").
    var overflowWord: String { self == .numeric ? "numeric overflow" : "BIGNUMERIC overflow" }
    var outOfRangeWord: String { self == .numeric ? "numeric out of range" : "BIGNUMERIC out of range" }
    var typeName: String { self == .numeric ? "NUMERIC" : "BIGNUMERIC" }

    /// SQL function names are `gsql_numeric_*` and `gsql_bignumeric_*`.
    var functionPrefix: String { self == .numeric ? "gsql_numeric" : "gsql_bignumeric" }

    private static let numericMax = UnsignedMagnitude.powerOfTen(38) - UnsignedMagnitude(1)
    private static let bignumericMinMagnitude = UnsignedMagnitude(1) << 255
    private static let bignumericMax = bignumericMinMagnitude - UnsignedMagnitude(1)
}

import WireJSON

/// The parameters of a parameterized column type, as BigQuery's `TableFieldSchema` carries them:
/// `maxLength` for STRING(L) and BYTES(L); `precision`, `scale` and `roundingMode` for NUMERIC(P, S)
/// and BIGNUMERIC(P, S). A value written to such a column is checked against them, and a decimal is
/// first rounded to the scale, so the emulator refuses and rounds what BigQuery refuses and rounds.
public struct TypeParameters: Sendable, Hashable {
    /// How a decimal with more digits than the scale is rounded when written.
    public enum RoundingMode: String, Sendable, Hashable, CaseIterable {
        /// BigQuery's default: half away from zero.
        case unspecified = "ROUNDING_MODE_UNSPECIFIED"
        case halfAwayFromZero = "ROUND_HALF_AWAY_FROM_ZERO"
        case halfEven = "ROUND_HALF_EVEN"
    }

    public var maxLength: Int64?
    public var precision: Int64?
    public var scale: Int64?
    public var roundingMode: RoundingMode?

    public init(maxLength: Int64? = nil, precision: Int64? = nil, scale: Int64? = nil, roundingMode: RoundingMode? = nil) {
        self.maxLength = maxLength
        self.precision = precision
        self.scale = scale
        self.roundingMode = roundingMode
    }

    public static let none = TypeParameters()

    public var isEmpty: Bool { maxLength == nil && precision == nil && scale == nil && roundingMode == nil }

    /// Whether a value must be checked or rounded when written: a rounding mode alone changes nothing,
    /// since a decimal without a precision keeps its type's own scale.
    public var constrainsValues: Bool { maxLength != nil || precision != nil }

    static let numericLimits = (maxScale: Int64(9), wholeDigits: Int64(29))
    static let bignumericLimits = (maxScale: Int64(38), wholeDigits: Int64(38))

    /// The type as GoogleSQL spells it with its parameters: `STRING(10)`, `NUMERIC(5)`, `NUMERIC(10, 2)`.
    public func typeName(_ type: FieldType) -> String {
        let base = type.standardSQLName
        if let maxLength { return "\(base)(\(maxLength))" }
        guard let precision else { return base }
        let scale = scale ?? 0
        return scale == 0 ? "\(base)(\(precision))" : "\(base)(\(precision), \(scale))"
    }
}

/// A value that does not fit its column's (or cast's) type parameters, in GoogleSQL's wording.
public struct TypeParameterViolation: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

// MARK: - Declared in SQL: STRING(10), NUMERIC(10, 2)

extension TypeParameters {
    /// The parameters written after a type name in DDL or CAST, checked with GoogleSQL's rules and
    /// messages. `values` are the integers between the parentheses, in order.
    public static func declared(_ values: [Int64], for type: FieldType) throws(SchemaError) -> TypeParameters {
        let name = type.standardSQLName
        switch type {
        case .string, .bytes:
            guard values.count == 1 else { throw SchemaError("\(name) type can only have one parameter. Found \(values.count) parameters") }
            guard values[0] > 0 else { throw SchemaError("\(name) length must be greater than 0") }
            return TypeParameters(maxLength: values[0])
        case .numeric, .bignumeric:
            guard values.count <= 2 else {
                throw SchemaError("\(name) type can only have 1 or 2 parameters. Found \(values.count) parameters")
            }
            let parameters = TypeParameters(precision: values[0], scale: values.count == 2 ? values[1] : nil)
            try parameters.checkDecimalRange(for: type)
            return parameters
        default:
            throw SchemaError("\(name) does not support type parameters")
        }
    }

    /// GoogleSQL's ranges: 0 ≤ S ≤ 9 (38), max(1, S) ≤ P ≤ S + 29 (38) for NUMERIC (BIGNUMERIC).
    func checkDecimalRange(for type: FieldType) throws(SchemaError) {
        guard let precision else { return }
        let limits = type == .numeric ? Self.numericLimits : Self.bignumericLimits
        let name = type.standardSQLName
        let scale = self.scale ?? 0
        guard scale >= 0, scale <= limits.maxScale else {
            throw SchemaError("In \(name)(P, S), S must be between 0 and \(limits.maxScale)")
        }
        guard precision >= max(1, scale), precision <= limits.wholeDigits + scale else {
            if self.scale == nil { throw SchemaError("In \(name)(P), P must be between 1 and \(limits.wholeDigits)") }
            throw SchemaError("In \(name)(P, \(scale)), P must be between \(max(1, scale)) and \(limits.wholeDigits + scale)")
        }
    }
}

// MARK: - The REST form: maxLength, precision, scale, roundingMode

extension TypeParameters {
    /// Reads the members of a REST `TableFieldSchema` (int64 values arrive as strings or numbers) and
    /// checks them against the field's type, as `tables.insert` does.
    init(json object: JSONObject, type: FieldType, field: String) throws(SchemaError) {
        func integer(_ key: String) throws(SchemaError) -> Int64? {
            guard let value = object[key], !value.isNull else { return nil }
            guard let number = value.int64Value else {
                throw SchemaError("Invalid value for \(key): \(value.stringValue ?? value.encodedString()) is not a valid value")
            }
            return number
        }
        self.init(maxLength: try integer("maxLength"), precision: try integer("precision"), scale: try integer("scale"))
        if let value = object["roundingMode"], !value.isNull {
            guard let modeName = value.stringValue, let mode = RoundingMode(rawValue: modeName.uppercased()) else {
                throw SchemaError("Invalid value for roundingMode: \(value.stringValue ?? value.encodedString()) is not a valid value")
            }
            roundingMode = mode
        }
        let typeName = type.rawValue
        if let maxLength {
            guard type == .string || type == .bytes else {
                throw SchemaError("Field \(field) has type \(typeName): maxLength is only allowed for STRING and BYTES")
            }
            guard maxLength > 0 else { throw SchemaError("Field \(field): \(type.standardSQLName) length must be greater than 0") }
        }
        let decimalParameters = precision != nil || scale != nil || (roundingMode != nil && roundingMode != .unspecified)
        guard decimalParameters else { return }
        guard type == .numeric || type == .bignumeric else {
            throw SchemaError(
                "Field \(field) has type \(typeName): precision, scale and roundingMode are only allowed for NUMERIC and BIGNUMERIC")
        }
        guard precision != nil || scale == nil else { throw SchemaError("Field \(field): a scale requires a precision") }
        do throws(SchemaError) {
            try checkDecimalRange(for: type)
        } catch {
            throw SchemaError("Field \(field): \(error.message)")
        }
    }

    /// The members to add to a REST `TableFieldSchema` (int64 values as strings, as BigQuery writes them).
    var jsonMembers: [(key: String, value: JSONValue)] {
        var members: [(key: String, value: JSONValue)] = []
        if let maxLength { members.append(("maxLength", .string(String(maxLength)))) }
        if let precision { members.append(("precision", .string(String(precision)))) }
        if let scale { members.append(("scale", .string(String(scale)))) }
        if let roundingMode { members.append(("roundingMode", .string(roundingMode.rawValue))) }
        return members
    }

    /// Whether a column may change from `self` to `new` in a schema update: only toward admitting
    /// more values (a longer or no maximum length; no fewer whole or fractional digits).
    public func widens(to new: TypeParameters) -> Bool {
        if let maxLength {
            guard let newLength = new.maxLength else { return true }
            return newLength >= maxLength
        }
        if new.maxLength != nil { return false }
        guard let precision else { return new.precision == nil }
        guard let newPrecision = new.precision else { return true }
        let scale = self.scale ?? 0
        let newScale = new.scale ?? 0
        return newScale >= scale && newPrecision - newScale >= precision - scale
    }
}

// MARK: - Applying them to a value

extension TypeParameters {
    /// `value` as a column of `type` with these parameters stores it: a decimal rounded to the scale
    /// (by the rounding mode), then checked against the precision; a string's characters or a byte
    /// string's bytes checked against the maximum length. NULL is always allowed.
    public func apply(to value: BigQueryValue, type: FieldType) throws(TypeParameterViolation) -> BigQueryValue {
        switch value {
        case .string(let text) where type == .string:
            guard let maxLength else { return value }
            let length = text.unicodeScalars.count
            if length > maxLength {
                throw TypeParameterViolation("STRING(\(maxLength)) has maximum length \(maxLength) but got a value with length \(length)")
            }
            return value
        case .bytes(let bytes):
            guard let maxLength else { return value }
            if bytes.count > maxLength {
                throw TypeParameterViolation("BYTES(\(maxLength)) has maximum length \(maxLength) but got a value with length \(bytes.count)")
            }
            return value
        case .numeric(let text):
            return .numeric(try fitDecimal(text, type: .numeric))
        case .bignumeric(let text):
            return .bignumeric(try fitDecimal(text, type: .bignumeric))
        default:
            return value
        }
    }

    private func fitDecimal(_ text: String, type: FieldType) throws(TypeParameterViolation) -> String {
        guard let precision else { return text }
        let scale = self.scale ?? 0
        let rounded = DecimalText.rounded(text, scale: Int(scale), halfEven: roundingMode == .halfEven)
        let wholeDigits = DecimalText.wholeDigitCount(rounded)
        guard wholeDigits <= precision - scale else {
            let nines = { (count: Int64) in String(repeating: "9", count: Int(count)) }
            var bound = precision == scale ? "0" : nines(precision - scale)
            if scale > 0 { bound += "." + nines(scale) }
            throw TypeParameterViolation(
                "\(typeName(type)) has precision \(precision) and scale \(scale) but got a value that is not in range of [-\(bound), \(bound)]")
        }
        return rounded
    }
}

extension TableFieldSchema {
    /// Whether this field or any field within it has type parameters that constrain values.
    public var constrainsValues: Bool { parameters.constrainsValues || fields.contains { $0.constrainsValues } }

    /// `value` with this field's type parameters applied, through arrays and records.
    public func applyingParameters(to value: BigQueryValue) throws(TypeParameterViolation) -> BigQueryValue {
        guard constrainsValues else { return value }
        switch value {
        case .null: return value
        case .array(let elements) where mode == .repeated:
            var element = self
            element.mode = .nullable
            var applied: [BigQueryValue] = []
            applied.reserveCapacity(elements.count)
            for item in elements { applied.append(try element.applyingParameters(to: item)) }
            return .array(applied)
        case .record(let values) where type == .record:
            var applied: [BigQueryValue] = []
            applied.reserveCapacity(values.count)
            for (field, item) in zip(fields, values) { applied.append(try field.applyingParameters(to: item)) }
            return .record(applied)
        default:
            return try parameters.apply(to: value, type: type)
        }
    }

    /// The field without type parameters anywhere within it: the type a query sees.
    public var withoutParameters: TableFieldSchema {
        var field = self
        field.parameters = .none
        field.fields = fields.map(\.withoutParameters)
        return field
    }
}

// MARK: - Decimal text arithmetic

extension DecimalText {
    /// Canonical decimal text rounded to `scale` fractional digits, half away from zero or half to
    /// even; canonical again (no trailing zeros, no `-0`).
    static func rounded(_ canonical: String, scale: Int, halfEven: Bool) -> String {
        let negative = canonical.hasPrefix("-")
        let magnitude = negative ? canonical.dropFirst() : Substring(canonical)
        let parts = magnitude.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let fraction = parts.count > 1 ? Array(parts[1].utf8) : []
        guard fraction.count > scale else { return canonical }
        var digits = Array(parts[0].utf8) + fraction[..<scale]
        let dropped = fraction[scale...]
        let first = dropped.first! - UInt8(ascii: "0")
        // Canonical text has no trailing zeros, so any digit after a 5 makes it more than half.
        let exactlyHalf = first == 5 && dropped.count == 1
        let lastKeptIsOdd = (digits.last! - UInt8(ascii: "0")) % 2 == 1
        let roundsUp = first > 5 || (first == 5 && (!exactlyHalf || !halfEven || lastKeptIsOdd))
        if roundsUp {
            var index = digits.count - 1
            while index >= 0 {
                if digits[index] == UInt8(ascii: "9") {
                    digits[index] = UInt8(ascii: "0")
                    index -= 1
                } else {
                    digits[index] += 1
                    break
                }
            }
            if index < 0 { digits.insert(UInt8(ascii: "1"), at: 0) }
        }
        var whole = digits[..<(digits.count - scale)].drop { $0 == UInt8(ascii: "0") }
        if whole.isEmpty { whole = [UInt8(ascii: "0")] }
        var kept = digits[(digits.count - scale)...]
        while kept.last == UInt8(ascii: "0") { kept.removeLast() }
        var result = String(decoding: whole, as: UTF8.self)
        if !kept.isEmpty { result += "." + String(decoding: kept, as: UTF8.self) }
        return negative && result != "0" ? "-" + result : result
    }

    /// The number of digits before the point, not counting a lone `0`.
    static func wholeDigitCount(_ canonical: String) -> Int64 {
        var count: Int64 = 0
        for byte in canonical.utf8 {
            if byte == UInt8(ascii: ".") { break }
            if byte != UInt8(ascii: "-") { count += 1 }
        }
        return canonical.hasPrefix("0") || canonical.hasPrefix("-0") ? 0 : count
    }
}

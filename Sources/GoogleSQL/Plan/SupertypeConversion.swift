/// Values that meet in one result (array literal elements, CASE/IF/COALESCE branches, set operation
/// columns) take their supertype (`SQLType.common`). A STRUCT's stored form is a JSON object keyed by
/// field name, so a STRUCT whose field names or types differ from the supertype's is rebuilt under
/// the supertype's names and types; otherwise the JSON keys of the branches would disagree.
extension Resolver {
    /// `values` as `type`, their supertype: STRUCTs rebuilt field by field, numbers as `convertedNumbers`.
    func convertedToSupertype(_ values: [TypedExpression], _ type: SQLType) throws(GoogleSQLError) -> [TypedExpression] {
        guard case .record = type else { return convertedNumbers(values, to: type) }
        var converted: [TypedExpression] = []
        for value in values {
            converted.append(value.type == type || value.type.isNull ? value : try coerce(value, to: type, at: value.location))
        }
        return converted
    }

    /// What `value` can become where values meet: its type, except that a NULL literal, `[]`, and a
    /// STRUCT built of them (`STRUCT('b' AS k, NULL AS v)`) leave those parts open, as BigQuery's
    /// literal coercion does.
    func literalShape(of value: TypedExpression) -> LiteralShape {
        if value.type.isNull { return .anything }
        if value.isUntypedEmptyArray { return .anyArray }
        if let fields = constructedFields(of: value) { return .record(fields.map { ($0.name, literalShape(of: $0.value)) }) }
        if let digits = context.floatLiteralText(value.floatLiteral) { return .floatLiteral(digits) }
        return .exactly(value.type)
    }
}

/// A type with parts left open by literals (`Resolver.literalShape`).
indirect enum LiteralShape {
    case anything
    case anyArray
    case exactly(SQLType)
    /// A FLOAT64 literal: NUMERIC or BIGNUMERIC beside such a value, when that type can hold its digits.
    case floatLiteral(String)
    case record([(name: String, shape: LiteralShape)])

    /// The shape both `self` and `other` fit, field names from `self`; nil when there is none.
    func merged(with other: LiteralShape) -> LiteralShape? {
        switch (self, other) {
        case (.anything, _): return other
        case (_, .anything): return self
        case (.anyArray, .anyArray): return self
        case (.anyArray, .exactly(.array)): return other
        case (.exactly(.array), .anyArray): return self
        case (.exactly(let a), .exactly(let b)): return SQLType.common(a, b).map { .exactly($0) }
        case (.floatLiteral, .floatLiteral): return self
        case (.floatLiteral(let digits), .exactly(let type)), (.exactly(let type), .floatLiteral(let digits)):
            if let kind = type.decimalKind, ExactDecimal(parsing: digits, kind: kind) != nil { return .exactly(type) }
            return SQLType.common(.float64, type).map { .exactly($0) }
        default:
            guard let left = fields, let right = other.fields, left.count == right.count else { return nil }
            var merged: [(name: String, shape: LiteralShape)] = []
            for (a, b) in zip(left, right) {
                guard let shape = a.shape.merged(with: b.shape) else { return nil }
                merged.append((a.name, shape))
            }
            return .record(merged)
        }
    }

    private var fields: [(name: String, shape: LiteralShape)]? {
        switch self {
        case .record(let fields): return fields
        case .exactly(.record(let schema)): return schema.map { ($0.name, .exactly(SQLType(field: $0))) }
        default: return nil
        }
    }

    /// The type the shape settles on: NULL when wholly open (the caller's default), INT64 for an open
    /// field and ARRAY<INT64> for `[]`, as BigQuery types them alone.
    var type: SQLType {
        switch self {
        case .anything: return .null
        case .anyArray: return .array(.int64)
        case .exactly(let type): return type
        case .floatLiteral: return .float64
        case .record(let fields):
            return .record(fields.map { ($0.shape.type.isNull ? SQLType.int64 : $0.shape.type).field(named: $0.name) })
        }
    }
}

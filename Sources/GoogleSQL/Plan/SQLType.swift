import WarehouseSchema

/// The GoogleSQL type of an expression. Records carry their schema fields so results can report them.
indirect enum SQLType: Hashable, Sendable {
    /// The type of a bare `NULL` literal: coerces to anything, reported as INT64 like BigQuery does.
    case null
    /// Any non-RECORD column type.
    case scalar(FieldType)
    case record([TableFieldSchema])
    case array(SQLType)

    static let int64 = SQLType.scalar(.integer)
    static let float64 = SQLType.scalar(.float)
    static let numeric = SQLType.scalar(.numeric)
    static let bool = SQLType.scalar(.boolean)
    static let string = SQLType.scalar(.string)
    static let bytes = SQLType.scalar(.bytes)
    static let timestamp = SQLType.scalar(.timestamp)
    static let date = SQLType.scalar(.date)
    static let datetime = SQLType.scalar(.datetime)
    static let time = SQLType.scalar(.time)
    static let json = SQLType.scalar(.json)
    static let geography = SQLType.scalar(.geography)

    /// A column's type as a query sees it: type parameters (STRING(10) and the like) constrain only
    /// what is written to the column, so they are not part of it.
    init(field: TableFieldSchema) {
        let base: SQLType = field.type == .record ? .record(field.fields.map(\.withoutParameters)) : .scalar(field.type)
        self = field.mode == .repeated ? .array(base) : base
    }

    init(parameter: ParameterType) {
        switch parameter {
        case .scalar(let type): self = .scalar(type)
        case .array(let element): self = .array(SQLType(parameter: element))
        case .structure(let fields):
            self = .record(
                fields.enumerated().map { index, field in
                    SQLType(parameter: field.type).field(named: field.name ?? "_field_\(index + 1)")
                })
        }
    }

    /// The schema field a value of this type is stored and reported as.
    func field(named name: String) -> TableFieldSchema {
        switch self {
        case .null: return TableFieldSchema(name: name, type: .integer)
        case .scalar(let type): return TableFieldSchema(name: name, type: type)
        case .record(let fields): return TableFieldSchema(name: name, type: .record, fields: fields)
        case .array(let element):
            var field = element.field(named: name)
            field.mode = .repeated
            return field
        }
    }

    /// GoogleSQL spelling, as in error messages.
    var name: String {
        switch self {
        case .null: return "INT64"
        case .scalar(let type): return type.standardSQLName
        case .array(let element): return "ARRAY<\(element.name)>"
        case .record(let fields):
            return "STRUCT<" + fields.map { "\($0.name) \(SQLType(field: $0).name)" }.joined(separator: ", ") + ">"
        }
    }

    var isNumber: Bool {
        switch self {
        case .scalar(.integer), .scalar(.float), .scalar(.numeric), .scalar(.bignumeric): true
        default: false
        }
    }

    var isDecimal: Bool { self == .numeric || self == .scalar(.bignumeric) }
    /// Types SQLite cannot order by their stored value: decimals (text) and FLOAT64 (whose NaN is text).
    var hasSortKey: Bool { isDecimal || self == .float64 }

    var isNull: Bool { self == .null }

    /// Whether `=`, `<` and friends apply; BigQuery refuses them on JSON, GEOGRAPHY, ARRAY and STRUCT.
    var isOrderable: Bool {
        switch self {
        case .null: true
        // INTERVAL orders by its normalised length, which its stored text does not give.
        case .scalar(let type): type != .json && type != .interval && type != .geography
        default: false
        }
    }

    /// Whether DISTINCT can compare values of the type: not JSON or GEOGRAPHY, nor an ARRAY or
    /// STRUCT holding one.
    var isGroupable: Bool {
        switch self {
        case .null: true
        case .scalar(let type): type != .json && type != .geography
        case .record(let fields): fields.allSatisfy { SQLType(field: $0).isGroupable }
        case .array(let element): element.isGroupable
        }
    }

    var isArray: Bool {
        if case .array = self { return true }
        return false
    }

    /// The type both operands convert to for comparison or arithmetic, or nil when they don't mix.
    static func common(_ a: SQLType, _ b: SQLType) -> SQLType? {
        if a == .null { return b }
        if b == .null || a == b { return a }
        if a.isNumber && b.isNumber {
            if a == .float64 || b == .float64 { return .float64 }
            if a == .scalar(.bignumeric) || b == .scalar(.bignumeric) { return .scalar(.bignumeric) }
            return .numeric
        }
        return commonStruct(a, b)
    }

    /// STRUCTs of the same arity have a supertype when every field does (`[STRUCT(1.0 AS y, 2.0 AS x),
    /// (3.0, 4)]`); the field names are the first STRUCT's, as BigQuery names them.
    private static func commonStruct(_ a: SQLType, _ b: SQLType) -> SQLType? {
        guard case .record(let first) = a, case .record(let second) = b, first.count == second.count else { return nil }
        var fields: [TableFieldSchema] = []
        for (left, right) in zip(first, second) {
            guard let type = common(SQLType(field: left), SQLType(field: right)) else { return nil }
            fields.append(type.field(named: left.name))
        }
        return .record(fields)
    }
}

/// The syntax tree of one query, before names and types are resolved.
struct SelectStatement {
    var distinct = false
    var items: [SelectItem] = []
    var from: TableReference?
    var whereClause: Expression?
    var groupBy: [Expression] = []
    var having: Expression?
    var orderBy: [OrderingTerm] = []
    var limit: Expression?
    var offset: Expression?
}

enum SelectItem {
    /// `*` or `alias.*`, with optional `EXCEPT (names)` and `REPLACE (expr AS name, ...)`.
    case star(StarItem)
    case expression(Expression, alias: String?)
}

struct StarItem {
    var qualifier: String?
    var except: [(name: String, location: SourceLocation)] = []
    var replace: [(expression: Expression, name: String)] = []
    var location: SourceLocation
}

struct TableReference {
    var name: TableName
    var alias: String?
    var location: SourceLocation
}

struct OrderingTerm {
    var expression: Expression
    var descending: Bool
    var nullsFirst: Bool?
}

enum BinaryOperator: String {
    case add = "+", subtract = "-", multiply = "*", divide = "/", concat = "||"
    case equal = "=", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case and = "AND", or = "OR"

    var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: true
        default: false
        }
    }

    var isArithmetic: Bool {
        switch self {
        case .add, .subtract, .multiply, .divide: true
        default: false
        }
    }

    /// The operator with its operands swapped: `a < b` is `b > a`.
    var mirrored: BinaryOperator {
        switch self {
        case .less: .greater
        case .lessOrEqual: .greaterOrEqual
        case .greater: .less
        case .greaterOrEqual: .lessOrEqual
        default: self
        }
    }
}

enum LiteralValue {
    case null
    case bool(Bool)
    case integer(String)
    case float(String)
    case string(String)
    case bytes([UInt8])
    /// `TIMESTAMP '...'`, `DATE '...'` and the like: the type keyword and the text.
    case typed(String, String)
}

struct Expression {
    indirect enum Kind {
        case literal(LiteralValue)
        case namedParameter(String)
        case positionalParameter(Int)
        /// `a`, `t.a`, `rec.field.sub`: resolved later against tables, columns and fields.
        case path([String])
        case unary(String, Expression)
        case binary(BinaryOperator, Expression, Expression)
        case not(Expression)
        case isNull(Expression, negated: Bool)
        case isBool(Expression, value: Bool, negated: Bool)
        case inList(Expression, [Expression], negated: Bool)
        case inUnnest(Expression, Expression, negated: Bool)
        case between(Expression, Expression, Expression, negated: Bool)
        case like(Expression, Expression, negated: Bool)
        /// `name(args)`; `distinct` for `COUNT(DISTINCT x)`; `star` for `COUNT(*)`.
        case call(name: String, arguments: [Expression], distinct: Bool, star: Bool)
        case cast(Expression, TypeName, safe: Bool)
        case extract(part: String, Expression)
        /// `INTERVAL n unit`, only meaningful as a date/time function argument.
        case interval(Expression, unit: String)
        /// A date part keyword passed as an argument (`TIMESTAMP_TRUNC(ts, DAY)`).
        case datePart(String)
        case caseWhen(operand: Expression?, branches: [(Expression, Expression)], otherwise: Expression?)
        case arrayLiteral([Expression])
        case fieldAccess(Expression, String)
        case subscriptAccess(Expression, Expression)
    }

    var kind: Kind
    var location: SourceLocation
}

/// A type as written in `CAST(x AS type)`.
indirect enum TypeName {
    case scalar(String)
    case array(TypeName)
}

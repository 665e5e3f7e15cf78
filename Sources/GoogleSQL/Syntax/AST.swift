import WarehouseSchema

/// The syntax tree of one query, before names and types are resolved.
struct SelectStatement {
    var distinct = false
    var items: [SelectItem] = []
    var from: FromItem?
    var whereClause: Expression?
    var groupBy: [Expression] = []
    /// `GROUP BY ROLLUP/CUBE/GROUPING SETS/()`: the grouping sets, each a list of indices into
    /// `groupBy`, in BigQuery's expansion order; nil for a plain GROUP BY (one set of every key).
    var groupingSets: [[Int]]?
    /// `GROUP BY ALL`: the keys are the select-list items without aggregates or window functions.
    var groupByAll = false
    var having: Expression?
    var qualify: Expression?
    /// `WINDOW name AS (...)`, in order: a later definition may build on an earlier one.
    var windows: [(name: String, specification: WindowSpecification)] = []
    /// Filled from the enclosing query expression when the SELECT is the whole body.
    var orderBy: [OrderingTerm] = []
    var limit: Expression?
    var offset: Expression?
    /// `SELECT AS STRUCT` / `SELECT AS VALUE`: the rows are values rather than tables of columns.
    var selectAs: SelectAs?
    /// The pipe operator this statement was written as, whose rules the planner then applies.
    var pipe: PipeOperator?
}

/// The pipe operators that become a SELECT statement (see `PipeParser`): each has rules of its own
/// (no aggregates in `|> SELECT`, only aggregates in `|> AGGREGATE`) and names itself in errors.
enum PipeOperator: Equatable {
    case select
    case extend
    case set
    case drop
    case rename
    /// `|> AGGREGATE`: the statement's first `keys` items are its GROUP BY keys, the rest aggregates.
    case aggregate(keys: Int)

    var name: String {
        switch self {
        case .select: "SELECT"
        case .extend: "EXTEND"
        case .set: "SET"
        case .drop: "DROP"
        case .rename: "RENAME"
        case .aggregate: "AGGREGATE"
        }
    }
}

enum SelectAs {
    case structValue
    case value
}

enum SelectItem {
    /// `*` or `alias.*`, with optional `EXCEPT (names)` and `REPLACE (expr AS name, ...)`.
    case star(StarItem)
    case expression(Expression, alias: String?)
}

struct StarItem {
    var qualifier: String?
    /// `expr.*` (BigQuery's "SELECT expression.*"): the fields of a STRUCT value. A single name is
    /// also the `qualifier`, since it may name a range variable instead.
    var expression: Expression?
    var except: [(name: String, location: SourceLocation)] = []
    var replace: [(expression: Expression, name: String)] = []
    /// `|> RENAME a AS b`: the column keeps its place and value under the new name.
    var rename: [(name: String, newName: String, location: SourceLocation)] = []
    var location: SourceLocation
    /// A pipe query's own `*`, which passes on the hidden original row (`PipeQuery.originalRowColumn`)
    /// that a user's `*` leaves out.
    var keepsOriginalRow = false
}

struct TableReference {
    var name: TableName
    var alias: String?
    var location: SourceLocation
    /// Parts written past a table name's three (`t.array.field.field`): only an array path has them.
    var fieldPath: [String] = []
    /// `TABLESAMPLE SYSTEM (p PERCENT)`: the percentage of the table's rows to read.
    var samplePercent: Expression?

    /// The written segments, for a FROM path that turns out to name an array (`FROM t, t.arr`).
    var pathParts: [String] { [name.project, name.dataset].compactMap { $0 } + [name.table] + fieldPath }
}

struct OrderingTerm {
    var expression: Expression
    var descending: Bool
    var nullsFirst: Bool?
}

enum BinaryOperator: String {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case concat = "||"
    case equal = "="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case and = "AND"
    case or = "OR"
    /// `IS [NOT] DISTINCT FROM`: NULL-safe comparisons, spelled as SQLite's `IS NOT` / `IS`.
    case distinct = "IS NOT"
    case notDistinct = "IS"

    var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: true
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
        /// `x [NOT] LIKE {ANY | SOME | ALL} (patterns)`.
        case quantifiedLike(Expression, QuantifiedLike, negated: Bool)
        /// `name(args)`; `distinct` for `COUNT(DISTINCT x)`; `star` for `COUNT(*)`.
        case call(name: String, arguments: [Expression], distinct: Bool, star: Bool)
        /// `dataset.f(args)` or `` `project.dataset.f`(args) ``: a dataset's function (a routine), named as
        /// written, since dataset and routine ids are case-sensitive where built-in names are not.
        case routineCall(path: [String], arguments: [Expression])
        case cast(Expression, TypeName, safe: Bool)
        /// `CAST(x AS type FORMAT f [AT TIME ZONE tz])`.
        case castFormat(Expression, TypeName, format: Expression, timeZone: Expression?, safe: Bool)
        case extract(part: String, Expression)
        /// `INTERVAL n unit`, only meaningful as a date/time function argument.
        case interval(Expression, unit: String)
        case caseWhen(operand: Expression?, branches: [(Expression, Expression)], otherwise: Expression?)
        case arrayLiteral([Expression])
        /// `ARRAY<T>[...]`: the elements coerce to T.
        case typedArrayLiteral(TypeName, [Expression])
        /// `STRUCT(1 AS a, x)`, `STRUCT<a INT64>(1)` or the tuple `(1, 'x')`.
        case structConstructor(StructConstructor)
        case fieldAccess(Expression, String)
        /// `(SELECT ...)` used as a value.
        case scalarSubquery(Query)
        case exists(Query)
        case inSubquery(Expression, Query, negated: Bool)
        case arraySubquery(Query)
        /// `f(...) OVER (...)`: the call is a `.call`.
        case windowCall(Expression, WindowSpecification)
    }

    let kind: Kind
    let location: SourceLocation
    /// Levels in this tree, a leaf being 1. The parser refuses a node taller than `Parser.maximumDepth`
    /// as it builds it, so no deeper tree ever exists: every later pass (and freeing the tree) recurses.
    let height: Int

    init(kind: Kind, location: SourceLocation) {
        self.kind = kind
        self.location = location
        height = 1 + (Expression.childHeights(kind).max() ?? 0)
    }
}

/// A type as written in `CAST(x AS type)`.
indirect enum TypeName {
    /// A scalar type's name, with its parameters when it is `STRING(10)`, `NUMERIC(10, 2)` and the like.
    case scalar(String, TypeParameters = .none)
    case array(TypeName)
    /// `STRUCT<a INT64, STRING>`: field names are optional.
    case structure([(name: String?, type: TypeName)])
}

/// The quantifier and patterns of `LIKE ANY (...)`, `LIKE ALL UNNEST(array)`, `LIKE SOME (SELECT ...)`.
struct QuantifiedLike {
    enum Patterns {
        case list([Expression])
        case subquery(Query)
        case array(Expression)
    }

    /// ALL, else ANY (SOME is ANY).
    var all: Bool
    var patterns: Patterns
}

/// The arguments of a STRUCT constructor: a value per field, with its `AS` name if given, and the
/// declared field types of `STRUCT<...>(...)`.
struct StructConstructor {
    var fields: [(value: Expression, alias: String?)]
    var declared: [(name: String?, type: TypeName)]?
}

extension Expression {
    var children: [Expression] { Expression.children(of: kind) }

    private static func childHeights(_ kind: Kind) -> [Int] { children(of: kind).map(\.height) }

    private static func children(of kind: Kind) -> [Expression] {
        switch kind {
        case .literal, .namedParameter, .positionalParameter, .path, .scalarSubquery, .exists, .arraySubquery: return []
        case .inSubquery(let value, _, _): return [value]
        case .windowCall(let call, let window):
            return [call] + window.partitionBy + window.orderBy.map(\.expression)
        case .unary(_, let value), .not(let value), .isNull(let value, _), .isBool(let value, _, _),
            .cast(let value, _, _), .extract(_, let value), .interval(let value, _), .fieldAccess(let value, _):
            return [value]
        case .binary(_, let left, let right), .inUnnest(let left, let right, _), .like(let left, let right, _):
            return [left, right]
        case .inList(let value, let list, _): return [value] + list
        case .castFormat(let value, _, let format, let zone, _): return [value, format] + (zone.map { [$0] } ?? [])
        case .quantifiedLike(let value, let like, _):
            switch like.patterns {
            case .list(let patterns): return [value] + patterns
            case .array(let array): return [value, array]
            case .subquery: return [value]
            }
        case .between(let value, let low, let high, _): return [value, low, high]
        case .call(_, let arguments, _, _), .routineCall(_, let arguments), .arrayLiteral(let arguments),
            .typedArrayLiteral(_, let arguments):
            return arguments
        case .structConstructor(let constructor): return constructor.fields.map(\.value)
        case .caseWhen(let operand, let branches, let otherwise):
            return (operand.map { [$0] } ?? []) + branches.flatMap { [$0.0, $0.1] } + (otherwise.map { [$0] } ?? [])
        }
    }
}

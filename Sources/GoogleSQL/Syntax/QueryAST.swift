/// The syntax of a query expression: `[WITH ...] body [ORDER BY ...] [LIMIT ...]`, where the body is a
/// SELECT, a parenthesised query or a set operation over bodies.
struct Query {
    var with: [NamedSubquery] = []
    var recursive = false
    var body: QueryBody
    var orderBy: [OrderingTerm] = []
    var limit: Expression?
    var offset: Expression?
    var location: SourceLocation
}

indirect enum QueryBody {
    case select(SelectStatement)
    /// `( query )`, with its own WITH, ORDER BY and LIMIT.
    case parenthesized(Query)
    case setOperation(SetOperation)
}

/// `a UNION ALL b UNION ALL c`: one operator over two or more operands (BigQuery refuses mixing
/// operators without parentheses, so a chain always has one).
struct SetOperation {
    enum Operator: String {
        case union = "UNION"
        case intersect = "INTERSECT"
        case except = "EXCEPT"
    }

    var op: Operator
    var distinct: Bool
    var operands: [QueryBody]
    var location: SourceLocation
    /// `BY NAME`, `CORRESPONDING` and their `INNER`/`FULL`/`LEFT` forms: columns matched by name.
    var matching: ColumnMatching?
}

/// How a set operation matches its operands' columns by name (BigQuery's `BY NAME` and
/// `CORRESPONDING`), rather than by position.
struct ColumnMatching: Equatable {
    enum Mode: Equatable {
        /// `BY NAME`, `STRICT CORRESPONDING`: every operand has the same names.
        case strict
        /// `INNER ... BY NAME`, `CORRESPONDING`: the names all operands have.
        case inner
        /// `FULL [OUTER]`: every name any operand has, NULL where an operand lacks it.
        case full
        /// `LEFT [OUTER]`: the first operand's names, NULL where a later operand lacks one.
        case left
    }

    var mode: Mode
    /// `BY NAME ON (a, b)`, `CORRESPONDING BY (a, b)`: exactly these columns, in this order.
    var on: [String]?
}

/// `name AS (query)` in a WITH clause.
struct NamedSubquery {
    var name: String
    var query: Query
    var location: SourceLocation
}

/// One item of a FROM clause.
indirect enum FromItem {
    case table(TableReference)
    case subquery(Query, alias: String?, location: SourceLocation)
    /// `dataset.f(arguments) [AS alias]`: a table function's rows.
    case tableFunction(TableReference, arguments: [Expression])
    /// `UNNEST(array) [AS] alias [WITH OFFSET [AS] offsetAlias]`.
    case unnest(Expression, alias: String?, offset: UnnestOffset?, location: SourceLocation)
    case join(Join)

    var location: SourceLocation {
        switch self {
        case .table(let reference), .tableFunction(let reference, _): reference.location
        case .subquery(_, _, let location), .unnest(_, _, _, let location): location
        case .join(let join): join.location
        }
    }
}

struct UnnestOffset {
    var alias: String?
    var location: SourceLocation
}

struct Join {
    enum Kind: String {
        case inner = "INNER"
        case left = "LEFT"
        case right = "RIGHT"
        case full = "FULL"
        case cross = "CROSS"
        /// `a, b`: a cross join that also lets `b` refer to `a` (correlated UNNEST).
        case comma = ","
    }

    var kind: Kind
    var left: FromItem
    var right: FromItem
    var on: Expression?
    var using: [(name: String, location: SourceLocation)] = []
    var location: SourceLocation
}

/// `OVER (...)` or `OVER name`: the window a function is computed over.
struct WindowSpecification {
    /// `OVER (w ORDER BY ...)` or `OVER w`: a named window this one extends.
    var base: String?
    var partitionBy: [Expression] = []
    var orderBy: [OrderingTerm] = []
    var frame: WindowFrame?
    var location: SourceLocation
}

struct WindowFrame {
    enum Unit: String {
        case rows = "ROWS"
        case range = "RANGE"
    }

    enum Bound {
        case unboundedPreceding
        case preceding(Expression)
        case currentRow
        case following(Expression)
        case unboundedFollowing
    }

    var unit: Unit
    var start: Bound
    var end: Bound?
}

import WarehouseSchema

/// A resolved expression: names bound to catalog columns, types checked, values ready to bind.
/// Every node yields its value in `SQLiteStorage` form, so results decode by their `type`.
struct TypedExpression {
    indirect enum Node {
        /// A top-level column of the scanned table, by its catalog spelling.
        case column(String)
        /// A field of a RECORD value stored as JSON text.
        case field(TypedExpression, String)
        /// A literal or a parameter; always a bound argument.
        case constant(BigQueryValue)
        case negate(TypedExpression)
        case binary(BinaryOperator, TypedExpression, TypedExpression)
        case not(TypedExpression)
        case isNull(TypedExpression, negated: Bool)
        case inList(TypedExpression, [TypedExpression], negated: Bool)
        /// Membership in an array stored as JSON text (a parameter or a REPEATED column).
        case inArray(TypedExpression, TypedExpression, negated: Bool)
        case between(TypedExpression, TypedExpression, TypedExpression, negated: Bool)
        /// A call of a native SQLite function or of one registered by `SQLiteFunctions`.
        case call(String, [TypedExpression])
        case aggregate(Aggregate, TypedExpression?, distinct: Bool)
        case caseWhen([(TypedExpression, TypedExpression)], otherwise: TypedExpression?)
        /// NUMERIC is stored as text; arithmetic comparison and ordering need its number.
        case decimalAsReal(TypedExpression)
        /// A NUMERIC/BIGNUMERIC value compared, sorted and grouped by exact value (`gsql_decimal` collation).
        case decimalCollated(TypedExpression)
        /// A column of a named relation other than the bare single table (`"_t1"."_c0"`).
        case relationColumn(ColumnReference)
        /// A planned subquery used as a value, a test or an array.
        case subquery(SubqueryValue)
        /// A window function (`.call`) or an aggregate computed over a window.
        case window(TypedExpression, WindowSQL)
    }

    enum Aggregate: String {
        case count = "COUNT"
        case countStar = "COUNT(*)"
        case sum = "SUM"
        case avg = "AVG"
        case min = "MIN"
        case max = "MAX"
        case countIf = "COUNTIF"
        case logicalAnd = "LOGICAL_AND"
        case logicalOr = "LOGICAL_OR"
        case anyValue = "ANY_VALUE"
        case stringAgg = "STRING_AGG"
        case arrayAgg = "ARRAY_AGG"
        /// One of the library's aggregates: the argument is a call of its SQLite aggregate function.
        case library = "LIBRARY"
    }

    var node: Node
    var type: SQLType
    var location: SourceLocation
    /// A string literal from the query text: BigQuery coerces these to TIMESTAMP, DATE, ... in comparisons.
    var isStringLiteral = false
    /// `[]` from the query text: like a NULL literal it takes the array type its context needs.
    var isUntypedEmptyArray = false
    /// A FLOAT64 literal, whose digits as written (with its sign) `PlanningContext` keeps under this
    /// number: where it meets a NUMERIC or BIGNUMERIC, GoogleSQL's literal coercion reads it as that
    /// type from them (`Resolver.decimalLiteral`). A number, not the text, so that this struct, of
    /// which deep expressions hold many on the stack, stays as small as it was.
    var floatLiteral: UInt16?

    var containsAggregate: Bool {
        if case .aggregate = node { return true }
        return children.contains { $0.containsAggregate }
    }

    var children: [TypedExpression] {
        switch node {
        case .column, .constant, .relationColumn: return []
        case .subquery(let subquery):
            if case .in(let value, _) = subquery.form { return [value] }
            return []
        case .window(let function, let window):
            return function.children + window.partition + window.order.map(\.expression)
        case .field(let base, _): return [base]
        case .negate(let value), .not(let value), .isNull(let value, _), .decimalAsReal(let value),
            .decimalCollated(let value):
            return [value]
        case .binary(_, let left, let right): return [left, right]
        case .inList(let value, let list, _): return [value] + list
        case .inArray(let value, let array, _): return [value, array]
        case .between(let value, let low, let high, _): return [value, low, high]
        case .call(_, let arguments): return arguments
        case .aggregate(_, let argument, _): return argument.map { [$0] } ?? []
        case .caseWhen(let branches, let otherwise):
            return branches.flatMap { [$0.0, $0.1] } + (otherwise.map { [$0] } ?? [])
        }
    }

    /// A structural key: two expressions with equal keys compute the same value (used for GROUP BY checks).
    var key: String {
        if case .column(let name) = node { return "col(\(name))" }
        if case .relationColumn(let reference) = node { return "col(\(reference.qualifier).\(reference.sqlName))" }
        return tag + "(" + children.map(\.key).joined(separator: ",") + ")"
    }

    private var tag: String {
        switch node {
        case .column(let name): "col.\(name)"
        case .field(_, let name): "field.\(name)"
        case .constant(let value): "const.\(value).\(type.name)"
        case .negate: "neg"
        case .binary(let op, _, _): op.rawValue
        case .not: "not"
        case .isNull(_, let negated): "isnull.\(negated)"
        case .inList(_, _, let negated): "in.\(negated)"
        case .inArray(_, _, let negated): "inarray.\(negated)"
        case .between(_, _, _, let negated): "between.\(negated)"
        case .call(let name, _): "call.\(name)"
        case .aggregate(let kind, _, let distinct): "agg.\(kind.rawValue).\(distinct)"
        case .caseWhen(_, let otherwise): "case.\(otherwise != nil)"
        case .decimalAsReal: "real"
        case .decimalCollated: "collate.decimal"
        case .relationColumn(let reference): "col.\(reference.qualifier).\(reference.sqlName)"
        case .subquery(let subquery): "subquery.\(subquery.form.tag).\(subquery.sql.sql).\(subquery.sql.arguments)"
        case .window(let function, let window): "window.\(function.key).\(window.frame ?? "")"
        }
    }

    static func constant(_ value: BigQueryValue, _ type: SQLType, at location: SourceLocation) -> TypedExpression {
        TypedExpression(node: .constant(value), type: type, location: location)
    }
}

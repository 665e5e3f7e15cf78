/// A subquery inside an expression, already planned to SQL (its arguments bound in text order).
struct SubqueryValue {
    enum Form {
        /// `(SELECT x ...)`: at most one row, else BigQuery's runtime error.
        case scalar
        case exists
        /// `ARRAY(SELECT x ...)`: the rows' values as a JSON array, in the subquery's order.
        case array
        /// `value [NOT] IN (SELECT x ...)`.
        case `in`(TypedExpression, negated: Bool)

        var tag: String {
            switch self {
            case .scalar: "scalar"
            case .exists: "exists"
            case .array: "array"
            case .in(_, let negated): "in.\(negated)"
            }
        }
    }

    var form: Form
    var sql: SQLFragment
}

/// The parts of an `OVER (...)` clause, resolved.
struct WindowSQL {
    struct Ordering {
        var expression: TypedExpression
        var descending: Bool
        var nullsFirst: Bool?
    }

    var partition: [TypedExpression]
    var order: [Ordering]
    /// `ROWS BETWEEN 1 PRECEDING AND CURRENT ROW`: only keywords and validated integers.
    var frame: String?
}

extension TypedExpression {
    var containsWindow: Bool {
        if case .window = node { return true }
        return children.contains { $0.containsWindow }
    }
}

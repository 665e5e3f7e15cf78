import WarehouseSchema

/// Expression subqueries: planned as whole queries whose parent scope is this one, so they may
/// refer to the enclosing query's columns (correlation).
extension Resolver {
    private func planSubquery(_ query: Query) throws(GoogleSQLError) -> PlannedQuery {
        try QueryExpressionPlanner(context: context).plan(query, parent: scope)
    }

    mutating func resolveScalarSubquery(_ query: Query, at location: SourceLocation) throws(GoogleSQLError) -> TypedExpression {
        let planned = ValueTables.asValues(try planSubquery(query), query: query, context: context)
        guard planned.columns.count == 1 else {
            throw fail("Scalar subquery cannot have more than one column unless using SELECT AS STRUCT to build STRUCT values", location)
        }
        let type = planned.columns[0].type == .null ? SQLType.int64 : planned.columns[0].type
        return TypedExpression(node: .subquery(SubqueryValue(form: .scalar, sql: planned.sql)), type: type, location: location)
    }

    mutating func resolveExists(_ query: Query, at location: SourceLocation) throws(GoogleSQLError) -> TypedExpression {
        let planned = try planSubquery(query)
        return TypedExpression(node: .subquery(SubqueryValue(form: .exists, sql: planned.sql)), type: .bool, location: location)
    }

    mutating func resolveArraySubquery(_ query: Query, at location: SourceLocation) throws(GoogleSQLError) -> TypedExpression {
        let planned = ValueTables.asValues(try planSubquery(query), query: query, context: context)
        guard planned.columns.count == 1 else {
            throw fail("ARRAY subquery cannot have more than one column unless using SELECT AS STRUCT to build STRUCT values", location)
        }
        var element = planned.columns[0].type
        if element == .null { element = .int64 }
        if case .array = element {
            throw fail("Cannot use array subquery with column of type \(element.name) because nested arrays are not supported", location)
        }
        return TypedExpression(node: .subquery(SubqueryValue(form: .array, sql: planned.sql)), type: .array(element), location: location)
    }

    mutating func resolveInSubquery(
        _ value: TypedExpression, _ query: Query, negated: Bool, at location: SourceLocation
    ) throws(GoogleSQLError) -> TypedExpression {
        let planned = try planSubquery(query)
        guard planned.columns.count == 1 else { throw fail("Subquery of type IN must have only one output column", location) }
        let alias = context.freshAlias("t")
        var operand = value
        var element = TypedExpression(
            node: .relationColumn(ColumnReference(qualifier: alias, sqlName: "_c0", name: "_c0")), type: planned.columns[0].type,
            location: location)
        try coerceForComparison(&operand, &element, op: "IN", at: location)
        var sql = planned.sql
        if operand.type.isDecimal || element.type.isDecimal {
            // Compared as decimals of their common type (`coerceDecimalComparison`): the rows' values
            // are converted in a query around the subquery.
            sql = SQLFragment("SELECT ")
            SQLiteEmitter.emit(element, into: &sql)
            sql.append(" AS \"_c0\" FROM ")
            sql.appendDerivedTable(planned.sql, alias: alias)
        }
        return TypedExpression(node: .subquery(SubqueryValue(form: .in(operand, negated: negated), sql: sql)), type: .bool, location: location)
    }

    /// `value [NOT] IN UNNEST(array)` where either side is NUMERIC or BIGNUMERIC: the elements
    /// converted to the common type, compared by exact value.
    mutating func decimalInArray(
        _ value: TypedExpression, _ array: TypedExpression, element type: SQLType, negated: Bool, at location: SourceLocation
    ) throws(GoogleSQLError) -> TypedExpression {
        let alias = context.freshAlias("t")
        let item = TypedExpression(
            node: .relationColumn(ColumnReference(qualifier: alias, sqlName: "value", name: "value")), type: type, location: location)
        var element = type == .float64 ? call(SubqueryFunctions.floatFromJSONName, [item], .float64, at: location) : item
        var operand = value
        try coerceForComparison(&operand, &element, op: "IN UNNEST", at: location)
        var sql = SQLFragment("SELECT ")
        SQLiteEmitter.emit(element, into: &sql)
        sql.append(" AS \"_c0\" FROM json_each(")
        SQLiteEmitter.emit(array, into: &sql)
        sql.append(") AS " + SQLiteStorage.quote(alias))
        return TypedExpression(node: .subquery(SubqueryValue(form: .in(operand, negated: negated), sql: sql)), type: .bool, location: location)
    }
}

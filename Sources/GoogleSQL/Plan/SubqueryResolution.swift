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
        // The element is stored in the array's JSON as the storage value itself: scalars whose stored
        // form is a JSON number or string.
        if case .record = element {
            return TypedExpression(node: .subquery(SubqueryValue(form: .array, sql: planned.sql)), type: .array(element), location: location)
        }
        guard case .scalar(let scalar) = element, ![.bytes, .json, .float].contains(scalar) else {
            throw fail("Unsupported: ARRAY subqueries of \(element.name) are not supported by the local emulator", location)
        }
        return TypedExpression(node: .subquery(SubqueryValue(form: .array, sql: planned.sql)), type: .array(element), location: location)
    }

    mutating func resolveInSubquery(
        _ value: TypedExpression, _ query: Query, negated: Bool, at location: SourceLocation
    ) throws(GoogleSQLError) -> TypedExpression {
        let planned = try planSubquery(query)
        guard planned.columns.count == 1 else { throw fail("Subquery of type IN must have only one output column", location) }
        var operand = value
        var element = TypedExpression(node: .constant(.null), type: planned.columns[0].type, location: location)
        try coerceForComparison(&operand, &element, op: "IN", at: location)
        if operand.type.isDecimal || element.type.isDecimal {
            throw fail("Unsupported: IN subqueries over NUMERIC values are not supported by the local emulator", location)
        }
        return TypedExpression(
            node: .subquery(SubqueryValue(form: .in(operand, negated: negated), sql: planned.sql)), type: .bool, location: location)
    }
}

import WarehouseSchema

/// A WITH RECURSIVE query: `base UNION ALL recursive-term`, where the later terms refer to the
/// query's own name. SQLite runs it natively, provided each term is a plain SELECT (the recursive
/// reference must sit in a term's own FROM clause, not in a subquery).
struct RecursiveQueryPlanner {
    let context: PlanningContext

    private func fail(_ message: String, _ location: SourceLocation) -> GoogleSQLError {
        .invalidQuery("\(message) at \(location)")
    }

    /// Nil when the query does not refer to itself (it is then an ordinary WITH query).
    func plan(_ named: NamedSubquery, sqlName: String, parent: Scope?) throws(GoogleSQLError) -> PlannedQuery? {
        guard case .setOperation(let operation) = named.query.body, operation.op == .union, named.query.with.isEmpty,
            named.query.orderBy.isEmpty, named.query.limit == nil
        else { return nil }
        let base = try planTerm(operation.operands[0], role: .base(distinct: operation.distinct), parent: parent)
        if (context.references[sqlName] ?? 0) > 0 {
            throw fail("Unsupported: a recursive reference in the first term of \(named.name) is not supported by the local emulator", named.location)
        }
        let key = named.name.lowercased()
        let level = context.namedQueries.count - 1
        context.namedQueries[level][key] = .init(sqlName: sqlName, columns: base.columns)
        var terms: [PlannedQuery] = []
        for operand in operation.operands.dropFirst() {
            terms.append(try planTerm(operand, role: .term(of: sqlName, distinct: operation.distinct), parent: parent))
        }
        context.namedQueries[level][key] = nil
        guard (context.references[sqlName] ?? 0) > 0 else { return nil }

        let name = "\(operation.op.rawValue) \(operation.distinct ? "DISTINCT" : "ALL")"
        for (index, term) in terms.enumerated() {
            guard term.columns.count == base.columns.count else {
                throw fail(
                    "Queries in \(name) have mismatched column count; query 1 has \(base.columns.count) columns, query \(index + 2) has \(term.columns.count) columns",
                    operation.location)
            }
            for (column, (expected, actual)) in zip(base.columns, term.columns).enumerated()
            where actual.type != .null && SQLType.common(expected.type, actual.type) != expected.type {
                throw fail(
                    "Column \(column + 1) in the recursive term of \(named.name) has type \(actual.type.name), which does not coerce to \(expected.type.name) of the base term",
                    operation.location)
            }
        }
        if operation.distinct { try checkDistinctColumns(base.columns, name: name, at: operation.location) }
        // UNION DISTINCT: SQLite queues a row (of the base term or of an iteration) only when no equal
        // row was queued before, so each iteration's new rows are the ones not seen yet, and the
        // recursion stops when an iteration brings none, as BigQuery's does.
        var sql = base.sql
        for term in terms {
            sql.append(operation.distinct ? " UNION " : " UNION ALL ")
            sql.append(term.sql)
        }
        return PlannedQuery(sql: sql, columns: base.columns)
    }

    /// UNION DISTINCT compares whole rows: ARRAY and JSON columns are not groupable, and NUMERIC or
    /// BIGNUMERIC ones would need the decimal collation, which SQLite's recursive UNION cannot take.
    private func checkDistinctColumns(_ columns: [PlannedColumn], name: String, at location: SourceLocation) throws(GoogleSQLError) {
        for (position, column) in columns.enumerated() {
            switch column.type {
            case _ where !column.type.isGroupable || column.type.isArray:
                throw fail("Column \(position + 1) in \(name) has type \(column.type.name), which is not groupable", location)
            case _ where column.type.isDecimal:
                throw fail(
                    "Unsupported: a \(column.type.name) column in a recursive UNION DISTINCT is not supported by the local emulator", location)
            default: continue
            }
        }
    }

    /// A term as one plain SELECT: `SELECT ...` or `(SELECT ...)` without its own WITH, ORDER BY or LIMIT.
    private func planTerm(_ body: QueryBody, role: SelectPlanner.RecursionRole, parent: Scope?) throws(GoogleSQLError) -> PlannedQuery {
        switch body {
        case .select(let select):
            return try SelectPlanner(statement: select, context: context, recursion: role).plan(parent: parent)
        case .parenthesized(let query):
            if query.with.isEmpty, query.orderBy.isEmpty, query.limit == nil { return try planTerm(query.body, role: role, parent: parent) }
            throw fail("Unsupported: WITH, ORDER BY or LIMIT in a term of a recursive query is not supported by the local emulator", query.location)
        case .setOperation(let operation):
            throw fail("Unsupported: nested set operations in a recursive query are not supported by the local emulator", operation.location)
        }
    }
}

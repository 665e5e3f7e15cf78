import WarehouseSchema

/// Plans a query expression: its WITH queries, its body (a SELECT, a parenthesised query or a set
/// operation) and the ORDER BY / LIMIT that apply to the whole of it.
struct QueryExpressionPlanner {
    let context: PlanningContext

    private func fail(_ message: String, _ location: SourceLocation) -> GoogleSQLError {
        .invalidQuery("\(message) at \(location)")
    }

    /// `parent` is the scope of the enclosing query when this one is a subquery (correlation).
    func plan(_ query: Query, parent: Scope?) throws(GoogleSQLError) -> PlannedQuery {
        var prefix = SQLFragment()
        // Popped however planning ends: a failed WITH query under RECURSIVE is planned again later.
        if !query.with.isEmpty { context.namedQueries.append([:]) }
        defer { if !query.with.isEmpty { context.namedQueries.removeLast() } }
        if !query.with.isEmpty {
            prefix.append(query.recursive ? "WITH RECURSIVE " : "WITH ")
            var seen: Set<String> = []
            for named in query.with where !seen.insert(named.name.lowercased()).inserted {
                throw fail("Duplicate alias \(named.name) for WITH subquery", named.location)
            }
            // Under RECURSIVE a WITH query may use one defined after it: those that fail wait for a
            // later pass, and SQLite gets them in an order where each follows what it uses.
            var pending = query.with
            var planned = 0
            while !pending.isEmpty {
                var waiting: [NamedSubquery] = []
                var firstError: GoogleSQLError?
                for named in pending {
                    let scans = context.scans.count
                    do {
                        try planNamed(named, recursive: query.recursive, first: planned == 0, into: &prefix, parent: parent)
                        planned += 1
                    } catch {
                        guard query.recursive else { throw error }
                        context.dropScans(after: scans)
                        // A recursive query names itself while its terms are planned; a failed one must not stay visible.
                        context.namedQueries[context.namedQueries.count - 1][named.name.lowercased()] = nil
                        waiting.append(named)
                        firstError = firstError ?? error
                    }
                }
                if waiting.count == pending.count, let firstError { throw firstError }
                pending = waiting
            }
            prefix.append(" ")
        }

        var body: PlannedQuery
        if case .select(var select) = query.body {
            // ORDER BY and LIMIT of a lone SELECT belong to it: they may use its names and aggregates.
            select.orderBy = query.orderBy
            select.limit = query.limit
            select.offset = query.offset
            body = try SelectPlanner(statement: select, context: context).plan(parent: parent)
        } else {
            body = try planBody(query.body, parent: parent)
            if !query.orderBy.isEmpty || query.limit != nil {
                body = try orderAndLimit(body, query, parent: parent)
            }
        }
        prefix.append(body.sql)
        return PlannedQuery(sql: prefix, columns: body.columns)
    }

    /// One WITH query planned, written to `prefix` and named in the innermost WITH scope.
    private func planNamed(
        _ named: NamedSubquery, recursive: Bool, first: Bool, into prefix: inout SQLFragment, parent: Scope?
    ) throws(GoogleSQLError) {
        let sqlName = context.freshAlias("w")
        var planned: PlannedQuery
        if recursive, let recursiveQuery = try RecursiveQueryPlanner(context: context).plan(named, sqlName: sqlName, parent: parent) {
            planned = recursiveQuery
        } else {
            planned = try plan(named.query, parent: parent)
        }
        if !first { prefix.append(", ") }
        // A volatile body is computed once, not copied into each read (`SQLFragment.appendDerivedTable`).
        prefix.append(SQLiteStorage.quote(sqlName) + (planned.sql.isVolatile ? " AS MATERIALIZED (" : " AS ("))
        prefix.append(planned.sql)
        prefix.append(")")
        context.namedQueries[context.namedQueries.count - 1][named.name.lowercased()] = .init(sqlName: sqlName, columns: planned.columns)
    }

    func planBody(_ body: QueryBody, parent: Scope?) throws(GoogleSQLError) -> PlannedQuery {
        switch body {
        case .select(let select): return try SelectPlanner(statement: select, context: context).plan(parent: parent)
        case .parenthesized(let query): return try plan(query, parent: parent)
        case .setOperation(let operation): return try SetOperationPlanner(context: context).plan(operation, parent: parent)
        }
    }

    /// ORDER BY / LIMIT over a set operation or parenthesised query: a SELECT over its result, whose
    /// columns are visible by name.
    private func orderAndLimit(_ body: PlannedQuery, _ query: Query, parent: Scope?) throws(GoogleSQLError) -> PlannedQuery {
        let scope = Scope(parent: parent)
        let alias = context.freshAlias("t")
        scope.relations.append(
            Relation(
                name: nil, sqlAlias: alias,
                columns: body.columns.enumerated().map { index, column in
                    Relation.Column(name: column.name, type: column.type, sqlName: PlannedColumn.sqlName(index), isAnonymous: column.isAnonymous)
                }))
        var resolver = Resolver(scope: scope, context: context)
        resolver.aggregateRule = .forbidden("ORDER BY clause")
        var sql = SQLFragment("SELECT ")
        for index in body.columns.indices {
            if index > 0 { sql.append(", ") }
            let name = SQLiteStorage.quote(PlannedColumn.sqlName(index))
            sql.append(SQLiteStorage.quote(alias) + "." + name + " AS " + name)
        }
        sql.append(" FROM ")
        sql.appendDerivedTable(body.sql, alias: alias)
        if !query.orderBy.isEmpty {
            sql.append(" ORDER BY ")
            for (index, term) in query.orderBy.enumerated() {
                if index > 0 { sql.append(", ") }
                var value: TypedExpression
                if case .literal(.integer(let text)) = term.expression.kind {
                    guard let ordinal = Int(text), ordinal >= 1, ordinal <= body.columns.count else {
                        throw fail("ORDER BY column number item is out of range. There are \(body.columns.count) columns", term.expression.location)
                    }
                    value = scope.reference(0, ordinal - 1, nested: false, at: term.expression.location)
                } else {
                    value = try resolver.resolve(term.expression)
                }
                guard value.type.isOrderable else {
                    throw fail("ORDER BY does not support expressions of type \(value.type.name)", term.expression.location)
                }
                SQLiteEmitter.emit(resolver.sortKey(value), into: &sql)
                if term.descending { sql.append(" DESC") }
                if let nullsFirst = term.nullsFirst { sql.append(nullsFirst ? " NULLS FIRST" : " NULLS LAST") }
            }
        }
        if let limit = query.limit {
            sql.append(" LIMIT ")
            sql.bind(try Self.limitValue(limit, &resolver, clause: "LIMIT").databaseValue)
            if let offset = query.offset {
                sql.append(" OFFSET ")
                sql.bind(try Self.limitValue(offset, &resolver, clause: "OFFSET").databaseValue)
            }
        }
        return PlannedQuery(sql: sql, columns: body.columns)
    }

    /// A LIMIT or OFFSET: an INT64 literal or parameter, not NULL, not negative.
    static func limitValue(_ syntax: Expression, _ resolver: inout Resolver, clause: String) throws(GoogleSQLError) -> Int64 {
        resolver.aggregateRule = .forbidden(clause)
        let value = try resolver.resolve(syntax)
        guard value.type == .int64, case .constant(let constant) = value.node else {
            throw GoogleSQLError.invalidQuery("\(clause) expects an integer literal or parameter at \(syntax.location)")
        }
        guard case .int64(let number) = constant else {
            throw GoogleSQLError.invalidQuery("\(clause) must not be null at \(syntax.location)")
        }
        guard number >= 0 else { throw GoogleSQLError.invalidQuery("\(clause) must not be negative at \(syntax.location)") }
        return number
    }
}

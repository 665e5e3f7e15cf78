import WarehouseSchema

/// Plans a FROM clause into SQL, filling the SELECT's scope with its relations, the columns USING
/// merges and the order of `SELECT *`.
struct FromPlanner {
    let context: PlanningContext
    let scope: Scope

    private func fail(_ message: String, _ location: SourceLocation) -> GoogleSQLError {
        .invalidQuery("\(message) at \(location)")
    }

    private func unsupported(_ feature: String, _ location: SourceLocation) -> GoogleSQLError {
        fail("Unsupported: \(feature) not supported by the local emulator", location)
    }

    /// The FROM clause's SQL and its `SELECT *` columns.
    func plan(_ item: FromItem) throws(GoogleSQLError) -> (sql: SQLFragment, star: [StarColumn]) {
        switch item {
        case .table(let reference):
            if let path = arrayPath(reference) {
                let expression = Expression(kind: .path(path), location: reference.location)
                return try planUnnest(expression, alias: reference.alias ?? path.last, offset: nil, at: reference.location)
            }
            guard reference.fieldPath.isEmpty else {
                throw GoogleSQLError.invalidQuery("Invalid table name: \(reference.pathParts.joined(separator: "."))")
            }
            if reference.name.project == nil, reference.name.dataset == nil, let named = context.namedQuery(reference.name.table) {
                let alias = context.freshAlias("t")
                let relation = appendRelation(
                    Relation(
                        name: reference.alias ?? reference.name.table, sqlAlias: alias,
                        columns: named.columns.enumerated().map { index, column in
                            Relation.Column(
                                name: column.name, type: column.type, sqlName: PlannedColumn.sqlName(index), isAnonymous: column.isAnonymous)
                        }, namedQuery: named.sqlName))
                return (
                    SQLFragment(SQLiteStorage.quote(named.sqlName) + " AS " + SQLiteStorage.quote(alias)),
                    scope.starColumns(of: relation, at: reference.location)
                )
            }
            let table = try context.lookUp(reference)
            if let percent = reference.samplePercent, table.view != nil {
                throw unsupported("TABLESAMPLE of a view is", percent.location)
            }
            let alias = context.freshAlias("t")
            let relation = appendRelation(
                Relation(
                    name: reference.alias ?? table.tableId, sqlAlias: alias,
                    columns: table.schema.fields.map { Relation.Column(name: $0.name, type: SQLType(field: $0), sqlName: $0.name) },
                    table: table))
            var source = SQLFragment(SQLiteStorage.quote(table.sqliteTable))
            if let percent = reference.samplePercent { source = try sample(table, percent) }
            source.append(" AS " + SQLiteStorage.quote(alias))
            return (source, scope.starColumns(of: relation, at: reference.location))
        case .subquery(let query, let alias, let location):
            let planned = ValueTables.asTable(
                try QueryExpressionPlanner(context: context).plan(query, parent: scope.parent), query: query, context: context)
            let sqlAlias = context.freshAlias("t")
            let relation = appendRelation(
                Relation(
                    name: alias, sqlAlias: sqlAlias,
                    columns: planned.columns.enumerated().map { index, column in
                        Relation.Column(name: column.name, type: column.type, sqlName: PlannedColumn.sqlName(index), isAnonymous: column.isAnonymous)
                    }))
            var sql = SQLFragment()
            sql.appendDerivedTable(planned.sql, alias: sqlAlias)
            return (sql, scope.starColumns(of: relation, at: location))
        case .tableFunction(let reference, let arguments):
            let planned = try planTableFunction(reference, arguments)
            let sqlAlias = context.freshAlias("t")
            let relation = appendRelation(
                Relation(
                    name: reference.alias ?? reference.name.table, sqlAlias: sqlAlias,
                    columns: planned.columns.enumerated().map { index, column in
                        Relation.Column(name: column.name, type: column.type, sqlName: PlannedColumn.sqlName(index), isAnonymous: column.isAnonymous)
                    }))
            var sql = SQLFragment()
            sql.appendDerivedTable(planned.sql, alias: sqlAlias)
            return (sql, scope.starColumns(of: relation, at: reference.location))
        case .unnest(let array, let alias, let offset, let location):
            var implicit: String?
            if case .path(let parts) = array.kind { implicit = parts.last }
            return try planUnnest(array, alias: alias ?? implicit, offset: offset, at: location)
        case .join(let join):
            return try planJoin(join)
        }
    }

    /// A table function's query, its parameters bound to the arguments. The arguments may not read the
    /// FROM clause's items; they may read the parameters of the function whose body reads this one.
    private func planTableFunction(_ reference: TableReference, _ syntax: [Expression]) throws(GoogleSQLError) -> PlannedQuery {
        let path = [reference.name.project, reference.name.dataset].compactMap { $0 } + [reference.name.table]
        guard path.count > 1 || reference.name.table.contains("."),
            let function = try context.routine(path, at: reference.location), function.tableColumns != nil
        else {
            throw fail("Table-valued function not found: \(path.joined(separator: "."))", reference.location)
        }
        let argumentScope = Scope(parent: nil)
        var level: Scope? = scope
        while let current = level {
            argumentScope.functionArguments.merge(current.functionArguments) { inner, _ in inner }
            level = current.parent
        }
        var resolver = Resolver(scope: argumentScope, context: context)
        var arguments: [TypedExpression] = []
        for argument in syntax { arguments.append(try resolver.resolve(argument)) }
        arguments = try resolver.coerceArguments(function, arguments, at: reference.location)
        return try resolver.expandTable(function, arguments: arguments, calledAt: reference.location)
    }

    /// The rows a `TABLESAMPLE SYSTEM (p PERCENT)` reads: each row kept with probability p / 100,
    /// drawn anew by each query, as BigQuery's block sampling gives no fixed subset either.
    private func sample(_ table: CatalogTable, _ syntax: Expression) throws(GoogleSQLError) -> SQLFragment {
        var resolver = Resolver(scope: Scope(parent: nil), context: context)
        let percent = try resolver.resolve(syntax)
        guard percent.type == .int64 || percent.type == .float64 || percent.type.isNull else {
            throw fail("TABLESAMPLE percentage must be INT64 or FLOAT64, but was \(percent.type.name)", syntax.location)
        }
        if case .constant(let value) = percent.node {
            let number: Double? =
                switch value {
                case .int64(let integer): Double(integer)
                case .float64(let float): float
                default: nil
                }
            guard let number, number >= 0, number <= 100 else {
                throw fail("TABLESAMPLE percentage must be between 0 and 100", syntax.location)
            }
        }
        var sql = SQLFragment("(SELECT * FROM " + SQLiteStorage.quote(table.sqliteTable) + " WHERE (random() & 9223372036854775807) % 1000000 < ")
        if case .constant = percent.node {
            sql.append(SQLiteEmitter.emit(percent))
        } else {
            sql.append(
                SQLiteEmitter.emit(TypedExpression(node: .call("gsql_tablesample_percent", [percent]), type: .float64, location: percent.location)))
        }
        sql.append(" * 10000)")
        return sql
    }

    private func appendRelation(_ relation: Relation) -> Int {
        scope.relations.append(relation)
        return scope.relations.count - 1
    }

    /// `FROM t.arr` / `FROM t, t.arr`: a path that starts at a range variable in reach names an array.
    private func arrayPath(_ reference: TableReference) -> [String]? {
        let parts = reference.pathParts
        guard parts.count > 1, reference.name.partitionDecorator == nil else { return nil }
        var level: Scope? = scope
        while let current = level {
            if current.relationIndex(named: parts[0]) != nil { return parts }
            level = current.parent
        }
        return nil
    }

    /// `UNNEST(array)`: SQLite's `json_each` over the array's stored JSON; the element is `value`
    /// and its zero-based position `key`.
    private func planUnnest(
        _ syntax: Expression, alias: String?, offset: UnnestOffset?, at location: SourceLocation
    ) throws(GoogleSQLError) -> (sql: SQLFragment, star: [StarColumn]) {
        var resolver = Resolver(scope: scope, context: context)
        resolver.aggregateRule = .forbidden("UNNEST")
        let array = try resolver.resolveFlattened(syntax)
        guard case .array(let element) = array.type else {
            throw fail("Values referenced in UNNEST must be arrays. UNNEST contains expression of type \(array.type.name)", syntax.location)
        }
        switch element {
        case .array:
            throw unsupported("UNNEST of an ARRAY<\(element.name)> is", location)
        default: break
        }
        let sqlAlias = context.freshAlias("t")
        var columns = [
            Relation.Column(name: alias ?? "f0_", type: element, sqlName: "value", isAnonymous: alias == nil, isArrayElement: true)
        ]
        if let offset { columns.append(Relation.Column(name: offset.alias ?? "offset", type: .int64, sqlName: "key")) }
        let relation = appendRelation(Relation(name: alias, sqlAlias: sqlAlias, columns: columns, isValueTable: alias != nil))
        var sql = SQLFragment("json_each(")
        SQLiteEmitter.emit(array, into: &sql)
        sql.append(") AS " + SQLiteStorage.quote(sqlAlias))
        return (sql, try unnestStar(relation, element: element, resolver: resolver, at: location))
    }

    private func planJoin(_ join: Join) throws(GoogleSQLError) -> (sql: SQLFragment, star: [StarColumn]) {
        let left = try plan(join.left)
        // Only a correlated array path (like UNNEST) may follow JOIN without ON or USING.
        if join.on == nil, join.using.isEmpty, join.kind != .cross, join.kind != .comma, case .table(let reference) = join.right,
            arrayPath(reference) == nil
        {
            throw fail("\(join.kind.rawValue) JOIN must have an immediately following ON or USING clause", join.location)
        }
        let right = try plan(join.right)
        var sql = left.sql
        let keyword: String =
            switch join.kind {
            case .inner, .cross, .comma: " JOIN "
            case .left: " LEFT JOIN "
            case .right: " RIGHT JOIN "
            case .full: " FULL JOIN "
            }
        sql.append(keyword)
        if case .join = join.right {
            sql.append("(")
            sql.append(right.sql)
            sql.append(")")
        } else {
            sql.append(right.sql)
        }
        var resolver = Resolver(scope: scope, context: context)
        resolver.aggregateRule = .forbidden("JOIN ON clause")
        if let on = join.on {
            let condition = try resolver.resolve(on)
            guard condition.type == .bool || condition.type.isNull else {
                throw fail("JOIN ON clause should return type BOOL, but returns \(condition.type.name)", on.location)
            }
            sql.append(" ON ")
            SQLiteEmitter.emit(condition, into: &sql)
            return (sql, left.star + right.star)
        }
        guard !join.using.isEmpty else {
            if join.kind != .cross && join.kind != .comma { sql.append(" ON 1") }
            return (sql, left.star + right.star)
        }
        // USING (k): the join condition `l.k = r.k`, and one merged k (FULL JOIN: whichever side has it).
        var mergedStar: [StarColumn] = []
        var leftStar = left.star
        var rightStar = right.star
        var conditions: [TypedExpression] = []
        for (name, location) in join.using {
            let lowered = name.lowercased()
            guard let leftIndex = leftStar.firstIndex(where: { !$0.isAnonymous && $0.name.lowercased() == lowered }) else {
                throw fail("Column \(name) in USING clause not found on left side of join", location)
            }
            guard let rightIndex = rightStar.firstIndex(where: { !$0.isAnonymous && $0.name.lowercased() == lowered }) else {
                throw fail("Column \(name) in USING clause not found on right side of join", location)
            }
            let leftEntry = leftStar.remove(at: leftIndex)
            let rightEntry = rightStar.remove(at: rightIndex)
            scope.noteRead(leftEntry)
            scope.noteRead(rightEntry)
            var leftValue = leftEntry.expression
            var rightValue = rightEntry.expression
            let leftOriginal = leftValue
            let rightOriginal = rightValue
            try resolver.coerceForComparison(&leftValue, &rightValue, op: "=", at: location)
            conditions.append(TypedExpression(node: .binary(.equal, leftValue, rightValue), type: .bool, location: location))
            let type = SQLType.common(leftOriginal.type, rightOriginal.type) ?? leftOriginal.type
            let merged: TypedExpression
            switch join.kind {
            case .right: merged = resolver.converted(rightOriginal, toNumber: type)
            case .full:
                merged = TypedExpression(
                    node: .call("COALESCE", [resolver.converted(leftOriginal, toNumber: type), resolver.converted(rightOriginal, toNumber: type)]),
                    type: type, location: location)
            default: merged = resolver.converted(leftOriginal, toNumber: type)
            }
            scope.merged[lowered] = merged
            mergedStar.append(StarColumn(name: leftEntry.name, expression: merged))
        }
        sql.append(" ON ")
        for (index, condition) in conditions.enumerated() {
            if index > 0 { sql.append(" AND ") }
            SQLiteEmitter.emit(condition, into: &sql)
        }
        return (sql, mergedStar + leftStar + rightStar)
    }
}

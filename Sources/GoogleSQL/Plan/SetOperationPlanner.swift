import WarehouseSchema

/// `UNION`, `INTERSECT` and `EXCEPT`, `ALL` or `DISTINCT`: operands matched by position, each
/// column of the supertype of its operands' columns, named as in the first operand.
struct SetOperationPlanner {
    let context: PlanningContext

    private func fail(_ message: String, _ location: SourceLocation) -> GoogleSQLError {
        .invalidQuery("\(message) at \(location)")
    }

    func plan(_ operation: SetOperation, parent: Scope?) throws(GoogleSQLError) -> PlannedQuery {
        let expressionPlanner = QueryExpressionPlanner(context: context)
        var operands: [PlannedQuery] = []
        for body in operation.operands { operands.append(try expressionPlanner.planBody(body, parent: parent)) }
        let name = "\(operation.op.rawValue) \(operation.distinct ? "DISTINCT" : "ALL")"
        if let matching = operation.matching { operands = try alignByName(operands, matching, name: name, at: operation.location) }
        // INTERSECT ALL / EXCEPT ALL count duplicates: each row numbered within its group of equal rows,
        // the set operation then runs on (row, number), which keeps min(m, n) or max(m - n, 0) copies.
        let countsCopies = !operation.distinct && operation.op != .union
        let width = operands[0].columns.count
        for (index, operand) in operands.enumerated().dropFirst() where operand.columns.count != width {
            throw fail(
                "Queries in \(name) have mismatched column count; query 1 has \(width) column\(width == 1 ? "" : "s"), query \(index + 1) has \(operand.columns.count) column\(operand.columns.count == 1 ? "" : "s")",
                operation.location)
        }
        var columns = operands[0].columns
        for column in 0..<width {
            var type = SQLType.null
            // `[]` takes the others' array type, as NULL takes any type.
            let emptyArrays = operands.filter { $0.columns[column].isUntypedEmptyArray }.count
            for operand in operands where !operand.columns[column].isUntypedEmptyArray || emptyArrays == operands.count {
                guard let merged = SQLType.common(type, operand.columns[column].type) else {
                    throw fail(
                        "Column \(column + 1) in \(name) has incompatible types: \(operands.map { $0.columns[column].type.name }.joined(separator: ", "))",
                        operation.location)
                }
                type = merged
            }
            if emptyArrays > 0 {
                if type == .null { type = .array(.int64) }
                guard case .array = type else {
                    throw fail(
                        "Column \(column + 1) in \(name) has incompatible types: \(operands.map { $0.columns[column].type.name }.joined(separator: ", "))",
                        operation.location)
                }
            }
            if type == .null { type = .int64 }
            if operation.distinct {
                // Set operations compare arrays not at all.
                guard type.isGroupable, !type.isArray else {
                    throw fail("Column \(column + 1) in \(name) has type \(type.name), which is not groupable", operation.location)
                }
            }
            columns[column].type = type
        }

        let keyword =
            switch (operation.op, operation.distinct) {
            case (.union, false): " UNION ALL "
            case (.union, true): " UNION "
            case (.intersect, _): " INTERSECT "
            case (.except, _): " EXCEPT "
            }
        var sql = SQLFragment()
        for (index, operand) in operands.enumerated() {
            if index > 0 {
                if countsCopies && index > 1 { sql = numberedCopies(of: sql, width: width, wrap: true) }
                sql.append(keyword)
            }
            // Each operand as a plain SELECT over its own query: SQLite allows ORDER BY and LIMIT only
            // at the end of a compound, and the columns convert to the common type here.
            let scope = Scope(parent: parent)
            let alias = context.freshAlias("t")
            scope.relations.append(
                Relation(
                    name: nil, sqlAlias: alias,
                    columns: operand.columns.enumerated().map { position, column in
                        Relation.Column(name: column.name, type: column.type, sqlName: PlannedColumn.sqlName(position))
                    }))
            let resolver = Resolver(scope: scope, context: context)
            sql.append("SELECT ")
            var values: [TypedExpression] = []
            for position in 0..<width {
                if position > 0 { sql.append(", ") }
                var value = scope.reference(0, position, nested: false, at: operation.location)
                let target = columns[position].type
                if value.type == .int64 && target == .float64 {
                    value = TypedExpression(node: .decimalAsReal(value), type: .float64, location: value.location)
                } else if target.isNumber {
                    value = resolver.converted(value, toNumber: target)
                } else if case .record = target {
                    value = try resolver.convertedToSupertype([value], target)[0]
                }
                if operation.distinct || countsCopies { value = resolver.collated(value) }
                values.append(value)
                SQLiteEmitter.emit(value, into: &sql)
                sql.append(" AS " + SQLiteStorage.quote(PlannedColumn.sqlName(position)))
            }
            if countsCopies {
                sql.append(", ROW_NUMBER() OVER (PARTITION BY ")
                for (position, value) in values.enumerated() {
                    if position > 0 { sql.append(", ") }
                    SQLiteEmitter.emit(value, into: &sql)
                }
                sql.append(") AS \"_rn\"")
            }
            sql.append(" FROM ")
            sql.appendDerivedTable(operand.sql, alias: alias)
        }
        if countsCopies { sql = numberedCopies(of: sql, width: width, wrap: false) }
        return PlannedQuery(sql: sql, columns: columns)
    }

    /// The compound so far as one operand: with `wrap`, renumbered so a further EXCEPT ALL counts
    /// from what is left; without, the final columns only.
    private func numberedCopies(of compound: SQLFragment, width: Int, wrap: Bool) -> SQLFragment {
        let names = (0..<width).map { SQLiteStorage.quote(PlannedColumn.sqlName($0)) }.joined(separator: ", ")
        var sql = SQLFragment("SELECT " + names)
        if wrap { sql.append(", ROW_NUMBER() OVER (PARTITION BY " + names + ") AS \"_rn\"") }
        sql.append(" FROM ")
        sql.appendDerivedTable(compound, alias: context.freshAlias("t"))
        return sql
    }
}

import WarehouseSchema

/// `SELECT AS STRUCT` and `SELECT AS VALUE`: queries whose rows are values. Where a query's rows
/// become values (scalar and ARRAY subqueries) `AS STRUCT` makes its columns one STRUCT; where rows
/// become tables (the statement's result, FROM) a STRUCT value table shows its fields as columns.
enum ValueTables {
    /// The `SELECT AS ...` of a query whose body is one SELECT (through parentheses).
    static func selectAs(of query: Query) -> SelectAs? {
        var body = query.body
        while true {
            switch body {
            case .select(let select): return select.selectAs
            case .parenthesized(let inner): body = inner.body
            case .setOperation(let operation):
                guard let first = operation.operands.first else { return nil }
                body = first
            }
        }
    }

    /// A planned query's columns as one STRUCT column, for `SELECT AS STRUCT` in a subquery.
    static func structRows(_ planned: PlannedQuery, context: PlanningContext, at location: SourceLocation) -> PlannedQuery {
        let alias = context.freshAlias("t")
        var arguments: [TypedExpression] = []
        var fields: [TableFieldSchema] = []
        for (index, column) in planned.columns.enumerated() {
            let type = column.type.isNull ? SQLType.int64 : column.type
            var value = TypedExpression(
                node: .relationColumn(ColumnReference(qualifier: alias, sqlName: PlannedColumn.sqlName(index), name: column.name)),
                type: type, location: location)
            switch type {
            case .record, .array: value = TypedExpression(node: .call("json", [value]), type: type, location: location)
            case .scalar(.bytes): value = TypedExpression(node: .call("gsql_to_base64", [value]), type: .string, location: location)
            default: break
            }
            let name = column.isAnonymous ? "_field_\(index + 1)" : column.name
            arguments.append(.constant(.string(name), .string, at: location))
            arguments.append(value)
            fields.append(type.field(named: name))
        }
        var sql = SQLFragment("SELECT ")
        SQLiteEmitter.emit(TypedExpression(node: .call("json_object", arguments), type: .record(fields), location: location), into: &sql)
        sql.append(" AS \"_c0\" FROM ")
        sql.appendDerivedTable(planned.sql, alias: alias)
        return PlannedQuery(sql: sql, columns: [PlannedColumn(name: "$struct", type: .record(fields), isAnonymous: true)])
    }

    /// `SELECT AS VALUE STRUCT(...)` read as a table: the STRUCT's fields as columns.
    static func fieldColumns(_ planned: PlannedQuery, context: PlanningContext, at location: SourceLocation) -> PlannedQuery {
        guard planned.columns.count == 1, case .record(let fields) = planned.columns[0].type else { return planned }
        let alias = context.freshAlias("t")
        let row = TypedExpression(
            node: .relationColumn(ColumnReference(qualifier: alias, sqlName: PlannedColumn.sqlName(0), name: planned.columns[0].name)),
            type: planned.columns[0].type, location: location)
        var sql = SQLFragment("SELECT ")
        for (index, field) in fields.enumerated() {
            if index > 0 { sql.append(", ") }
            let type = SQLType(field: field)
            var value = TypedExpression(node: .field(row, field.name), type: type, location: location)
            if type == .float64 { value = TypedExpression(node: .call(SubqueryFunctions.floatFromJSONName, [value]), type: type, location: location) }
            SQLiteEmitter.emit(value, into: &sql)
            sql.append(" AS " + SQLiteStorage.quote(PlannedColumn.sqlName(index)))
        }
        sql.append(" FROM ")
        sql.appendDerivedTable(planned.sql, alias: alias)
        return PlannedQuery(sql: sql, columns: fields.map { PlannedColumn(name: $0.name, type: SQLType(field: $0)) })
    }

    /// The statement's result or a FROM subquery: a `SELECT AS VALUE` of STRUCTs shows their fields.
    static func asTable(_ planned: PlannedQuery, query: Query, context: PlanningContext) -> PlannedQuery {
        guard selectAs(of: query) == .value else { return planned }
        return fieldColumns(planned, context: context, at: query.location)
    }

    /// A scalar or ARRAY subquery: `SELECT AS STRUCT` makes one STRUCT per row.
    static func asValues(_ planned: PlannedQuery, query: Query, context: PlanningContext) -> PlannedQuery {
        guard selectAs(of: query) == .structValue else { return planned }
        return structRows(planned, context: context, at: query.location)
    }
}

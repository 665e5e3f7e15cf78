import GRDB
import WarehouseSchema

/// Turns a parsed SELECT into one SQLite statement plus its output schema and table scan.
struct QueryPlanner {
    private struct OutputColumn {
        var name: String
        var expression: TypedExpression
        /// Whether the name was written by the user (aliases are visible to GROUP BY / ORDER BY).
        var isAlias: Bool
    }

    let statement: SelectStatement
    let parameters: [QueryParameter]
    let defaultProject: String
    let defaultDataset: String?
    let now: Int64

    private func fail(_ message: String, _ location: SourceLocation) -> GoogleSQLError {
        .invalidQuery("\(message) at \(location)")
    }

    func plan(catalog: GoogleSQLCompiler.Catalog) throws(GoogleSQLError) -> CompiledQuery {
        var table: CatalogTable?
        if let reference = statement.from { table = try lookUp(reference, catalog) }
        var resolver = Resolver(table: table, alias: statement.from?.alias, parameters: parameters, now: now)

        let columns = try selectList(&resolver)

        var whereClause: TypedExpression?
        if let syntax = statement.whereClause {
            resolver.aggregateRule = .forbidden("WHERE clause")
            let condition = try resolver.resolve(syntax)
            guard condition.type == .bool || condition.type.isNull else {
                throw fail("WHERE clause should return type BOOL, but returns \(condition.type.name)", syntax.location)
            }
            whereClause = condition
        }

        // GROUP BY keys: select-list ordinals, select-list aliases, or expressions over the table.
        var groupKeys: [(fragment: SQLFragment, key: String)] = []
        for syntax in statement.groupBy {
            if let index = try selectReference(syntax, columns, clause: "GROUP BY") {
                let column = columns[index]
                if column.expression.containsAggregate {
                    throw fail(
                        "GROUP BY expression references column \(column.name) which is an aggregate; aggregation is not allowed in GROUP BY",
                        syntax.location)
                }
                let fragment =
                    column.expression.type.hasSortKey ? SQLiteEmitter.emit(resolver.sortKey(column.expression)) : SQLFragment(String(index + 1))
                groupKeys.append((fragment, column.expression.key))
                continue
            }
            resolver.aggregateRule = .forbidden("GROUP BY clause")
            let key = try resolver.resolve(syntax)
            guard key.type.isOrderable || { if case .record = key.type { return true } else { return false } }() else {
                throw fail("Grouping by expressions of type \(key.type.name) is not allowed", syntax.location)
            }
            groupKeys.append((SQLiteEmitter.emit(resolver.sortKey(key)), key.key))
        }
        resolver.aggregateRule = .allowed
        for column in columns where column.isAlias {
            resolver.selectAliases[column.name.lowercased()] = column.expression
        }

        var having: TypedExpression?
        if let syntax = statement.having {
            let condition = try resolver.resolve(syntax)
            guard condition.type == .bool || condition.type.isNull else {
                throw fail("HAVING clause should return type BOOL, but returns \(condition.type.name)", syntax.location)
            }
            having = condition
        }

        let isAggregate = !groupKeys.isEmpty || having != nil || columns.contains { $0.expression.containsAggregate }
        if let having, groupKeys.isEmpty, !columns.contains(where: { $0.expression.containsAggregate }), !having.containsAggregate {
            throw fail("HAVING clause requires GROUP BY or aggregation to be present", having.location)
        }
        let keySet = Set(groupKeys.map(\.key))
        if isAggregate {
            for column in columns { try checkGrouped(column.expression, keySet, clause: "SELECT list") }
            if let having { try checkGrouped(having, keySet, clause: "HAVING clause") }
        }

        let ordering = try orderBy(&resolver, columns, isAggregate: isAggregate, keySet: keySet)
        let limit = try limitValue(statement.limit, &resolver, clause: "LIMIT")
        let offset = try limitValue(statement.offset, &resolver, clause: "OFFSET")

        // Assemble the statement.
        var sql = SQLFragment(statement.distinct ? "SELECT DISTINCT " : "SELECT ")
        for (index, column) in columns.enumerated() {
            if index > 0 { sql.append(", ") }
            // Decimal columns carry their collation, so DISTINCT and GROUP BY ordinals go by exact value.
            SQLiteEmitter.emit(resolver.collated(column.expression), into: &sql)
            sql.append(" AS \"_c\(index)\"")
        }
        var scans: [TableScan] = []
        if let table {
            sql.append(" FROM " + SQLiteStorage.quote(table.sqliteTable))
            var conditions: [SQLFragment] = []
            if let whereClause { conditions.append(SQLiteEmitter.emit(whereClause)) }
            var lower: Int64?
            var upper: Int64?
            if let target = PartitionAnalysis.target(of: table) {
                var analysis = PartitionAnalysis.analyze(whereClause, target: target)
                if let reference = statement.from, let decorator = reference.name.partitionDecorator {
                    guard let range = PartitionAnalysis.decoratorRange(decorator) else {
                        throw fail("Invalid partition decorator $\(decorator)", reference.location)
                    }
                    analysis.narrow(lower: range.0, upper: range.1)
                }
                if table.requirePartitionFilter && !analysis.isFiltered {
                    let names = table.partitioning?.column.map { "'\($0)'" } ?? "'_PARTITION_LOAD_TIME', '_PARTITIONDATE', '_PARTITIONTIME'"
                    throw GoogleSQLError.invalidQuery(
                        "Cannot query over table '\(table.datasetId).\(table.tableId)' without a filter over column(s) \(names) that can be used for partition elimination"
                    )
                }
                if let range = analysis.rangePredicates(target) { conditions.append(range) }
                lower = analysis.lower == .min ? nil : analysis.lower
                upper = analysis.upper == .max ? nil : analysis.upper
            } else if let reference = statement.from, let decorator = reference.name.partitionDecorator {
                throw fail(
                    "Cannot use partition decorator $\(decorator) on table \(table.datasetId).\(table.tableId), which is not partitioned",
                    reference.location)
            }
            for (index, condition) in conditions.enumerated() {
                sql.append(index == 0 ? " WHERE (" : " AND (")
                sql.append(condition)
                sql.append(")")
            }
            let read = table.schema.fields.map(\.name).filter { resolver.columnsRead.contains($0) }
            scans.append(TableScan(table: table, columns: read, partitionLowerMicros: lower, partitionUpperMicros: upper))
        } else if let whereClause {
            sql.append(" WHERE ")
            SQLiteEmitter.emit(whereClause, into: &sql)
        }
        if !groupKeys.isEmpty {
            sql.append(" GROUP BY ")
            for (index, key) in groupKeys.enumerated() {
                if index > 0 { sql.append(", ") }
                sql.append(key.fragment)
            }
        } else if isAggregate && table == nil {
            // A FROM-less aggregate still yields one row, as in BigQuery.
        }
        if let having {
            sql.append(" HAVING ")
            SQLiteEmitter.emit(having, into: &sql)
        }
        if !ordering.isEmpty {
            sql.append(" ORDER BY ")
            for (index, term) in ordering.enumerated() {
                if index > 0 { sql.append(", ") }
                sql.append(term)
            }
        }
        if let limit {
            sql.append(" LIMIT ")
            sql.bind(limit.databaseValue)
            if let offset {
                sql.append(" OFFSET ")
                sql.bind(offset.databaseValue)
            }
        }
        let schema = TableSchema(fields: columns.map { $0.expression.type.field(named: $0.name) })
        return CompiledQuery(sql: sql.sql, arguments: sql.arguments, schema: schema, scans: scans)
    }

    private func lookUp(_ reference: TableReference, _ catalog: GoogleSQLCompiler.Catalog) throws(GoogleSQLError) -> CatalogTable {
        var name = reference.name
        name.project = name.project ?? defaultProject
        guard let dataset = name.dataset ?? defaultDataset else {
            throw fail("Table \"\(reference.name.table)\" must be qualified with a dataset (e.g. dataset.table)", reference.location)
        }
        name.dataset = dataset
        name.partitionDecorator = nil
        let found: CatalogTable?
        do {
            found = try catalog(name)
        } catch let error as GoogleSQLError {
            throw error
        } catch {
            throw GoogleSQLError.invalidQuery("Cannot read table \(name): \(error)")
        }
        guard let table = found else {
            throw GoogleSQLError.notFound("Not found: Table \(name.project ?? defaultProject):\(dataset).\(name.table) was not found in location US")
        }
        return table
    }

    private func selectList(_ resolver: inout Resolver) throws(GoogleSQLError) -> [OutputColumn] {
        var columns: [OutputColumn] = []
        var anonymous = 0
        for item in statement.items {
            switch item {
            case .star(let star):
                guard let table = resolver.table else { throw fail("SELECT * must have a FROM clause", star.location) }
                if let qualifier = star.qualifier, qualifier.lowercased() != resolver.rangeVariable {
                    throw fail("Unrecognized name: \(qualifier)", star.location)
                }
                for excluded in star.except where table.schema.field(named: excluded.name) == nil {
                    throw fail("Column \(excluded.name) in SELECT * EXCEPT list does not exist", excluded.location)
                }
                var replacements: [String: (TypedExpression, String)] = [:]
                for replacement in star.replace {
                    guard let field = table.schema.field(named: replacement.name) else {
                        throw fail("Column \(replacement.name) in SELECT * REPLACE list does not exist", replacement.expression.location)
                    }
                    replacements[field.name] = (try resolver.resolve(replacement.expression), replacement.name)
                }
                let excluded = Set(star.except.map { $0.name.lowercased() })
                for field in table.schema.fields where !excluded.contains(field.name.lowercased()) {
                    resolver.noteRead(field.name)
                    if let (expression, name) = replacements[field.name] {
                        columns.append(OutputColumn(name: name, expression: expression, isAlias: true))
                    } else {
                        columns.append(
                            OutputColumn(
                                name: field.name,
                                expression: TypedExpression(node: .column(field.name), type: SQLType(field: field), location: star.location),
                                isAlias: false))
                    }
                }
            case .expression(let syntax, let alias):
                let expression = try resolver.resolve(syntax)
                var name: String
                if let alias {
                    name = alias
                } else if case .path(let parts) = syntax.kind, let last = parts.last {
                    name = outputName(of: expression, fallback: last)
                } else if case .fieldAccess(_, let field) = syntax.kind {
                    name = outputName(of: expression, fallback: field)
                } else {
                    name = "f\(anonymous)_"
                    anonymous += 1
                }
                if case .path = syntax.kind, name.hasPrefix("_PARTITION") { name = name.uppercased() }
                columns.append(OutputColumn(name: name, expression: expression, isAlias: alias != nil))
            }
        }
        var seen = Set<String>()
        for column in columns where !seen.insert(column.name.lowercased()).inserted {
            throw GoogleSQLError.invalidQuery("Duplicate column names in the result are not supported. Found duplicate(s): \(column.name)")
        }
        return columns
    }

    /// Catalog spelling for a column or field reference.
    private func outputName(of expression: TypedExpression, fallback: String) -> String {
        switch expression.node {
        case .column(let name), .field(_, let name): return name
        default: return fallback
        }
    }

    /// A GROUP BY / ORDER BY item that names a select-list column by ordinal or alias.
    private func selectReference(_ syntax: Expression, _ columns: [OutputColumn], clause: String) throws(GoogleSQLError) -> Int? {
        switch syntax.kind {
        case .literal(.integer(let text)):
            guard let ordinal = Int(text), ordinal >= 1, ordinal <= columns.count else {
                throw fail("\(clause) column number item is out of range. There are \(columns.count) columns", syntax.location)
            }
            return ordinal - 1
        case .path(let parts) where parts.count == 1:
            return columns.firstIndex { $0.isAlias && $0.name.lowercased() == parts[0].lowercased() }
        default:
            return nil
        }
    }

    private func checkGrouped(_ expression: TypedExpression, _ keys: Set<String>, clause: String) throws(GoogleSQLError) {
        if keys.contains(expression.key) { return }
        switch expression.node {
        case .aggregate, .constant: return
        case .column(let name):
            throw fail("\(clause) expression references column \(name) which is neither grouped nor aggregated", expression.location)
        default:
            for child in expression.children { try checkGrouped(child, keys, clause: clause) }
        }
    }

    private func orderBy(
        _ resolver: inout Resolver, _ columns: [OutputColumn], isAggregate: Bool,
        keySet: Set<String>
    ) throws(GoogleSQLError) -> [SQLFragment] {
        var terms: [SQLFragment] = []
        for term in statement.orderBy {
            var fragment: SQLFragment
            var type: SQLType
            if let index = try selectReference(term.expression, columns, clause: "ORDER BY") {
                type = columns[index].expression.type
                fragment = type.hasSortKey ? SQLiteEmitter.emit(resolver.sortKey(columns[index].expression)) : SQLFragment(String(index + 1))
            } else {
                resolver.aggregateRule = isAggregate ? .allowed : .forbidden("ORDER BY clause of a query without aggregation")
                let expression = try resolver.resolve(term.expression)
                type = expression.type
                if let index = columns.firstIndex(where: { $0.expression.key == expression.key }) {
                    fragment = type.hasSortKey ? SQLiteEmitter.emit(resolver.sortKey(expression)) : SQLFragment(String(index + 1))
                } else {
                    if statement.distinct && !columns.contains(where: { $0.expression.key == expression.key }) {
                        throw fail(
                            "ORDER BY clause expression references a value which is not visible after SELECT DISTINCT", term.expression.location)
                    }
                    if isAggregate { try checkGrouped(expression, keySet, clause: "ORDER BY clause") }
                    fragment = SQLiteEmitter.emit(resolver.sortKey(expression))
                }
            }
            guard type.isOrderable else {
                throw fail("ORDER BY does not support expressions of type \(type.name)", term.expression.location)
            }
            if term.descending { fragment.append(" DESC") }
            if let nullsFirst = term.nullsFirst { fragment.append(nullsFirst ? " NULLS FIRST" : " NULLS LAST") }
            terms.append(fragment)
        }
        return terms
    }

    private func limitValue(_ syntax: Expression?, _ resolver: inout Resolver, clause: String) throws(GoogleSQLError) -> Int64? {
        guard let syntax else { return nil }
        resolver.aggregateRule = .forbidden(clause)
        let value = try resolver.resolve(syntax)
        guard value.type == .int64, case .constant(let constant) = value.node else {
            throw fail("\(clause) expects an integer literal or parameter", syntax.location)
        }
        guard case .int64(let number) = constant else {
            throw fail("\(clause) must not be null", syntax.location)
        }
        guard number >= 0 else { throw fail("\(clause) must not be negative", syntax.location) }
        return number
    }
}

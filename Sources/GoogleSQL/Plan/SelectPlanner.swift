import GRDB
import WarehouseSchema

/// Plans one SELECT: its FROM clause, the select list, WHERE, GROUP BY, HAVING, QUALIFY, WINDOW,
/// ORDER BY and LIMIT. A FROM of one stored table keeps bare column names, so partition analysis
/// can bound the scan; anything else goes through `FromPlanner`.
struct SelectPlanner {
    private struct OutputColumn {
        var name: String
        var expression: TypedExpression
        /// Whether the name was written by the user (aliases are visible to GROUP BY / ORDER BY).
        var isAlias: Bool
        var isAnonymous = false
    }

    /// An ORDER BY term: a select-list position, an expression, or the sort key of a select-list
    /// column drawn by a volatile call (RAND()), which must be read from the column's one value
    /// outside the SELECT, not drawn again.
    private enum SortTerm {
        case ordinal(Int)
        case expression(SQLFragment)
        case volatileColumnKey(Int)
    }

    /// A term of a recursive WITH query: the base term, or a term over the query itself.
    enum RecursionRole {
        /// `distinct`: the query is a UNION DISTINCT, whose rows must not differ by their iteration.
        case base(distinct: Bool)
        case term(of: String, distinct: Bool)
    }

    let statement: SelectStatement
    let context: PlanningContext
    var recursion: RecursionRole?

    /// A WHERE, HAVING or QUALIFY condition: BOOL, or a NULL literal (which keeps no row).
    private func resolveCondition(_ syntax: Expression, clause: String, with resolver: inout Resolver) throws(GoogleSQLError) -> TypedExpression {
        let condition = try resolver.resolve(syntax)
        guard condition.type == .bool || condition.type.isNull else {
            throw fail("\(clause) clause should return type BOOL, but returns \(condition.type.name)", syntax.location)
        }
        return condition
    }

    private func fail(_ message: String, _ location: SourceLocation) -> GoogleSQLError {
        .invalidQuery("\(message) at \(location)")
    }

    func plan(parent: Scope?) throws(GoogleSQLError) -> PlannedQuery {
        let scope = Scope(parent: parent)
        var fromSQL = SQLFragment()
        var star: [StarColumn] = []
        var singleTable: (table: CatalogTable, reference: TableReference)?
        if let from = statement.from {
            let planned = try FromPlanner(context: context, scope: scope).plan(from)
            fromSQL = planned.sql
            star = planned.star
            if case .table(let reference) = from, scope.relations.count == 1, let table = scope.relations[0].table {
                scope.relations[0].isBare = true
                star = scope.starColumns(of: 0, at: reference.location)
                singleTable = (table, reference)
            } else {
                try checkNoPartitionRestrictions(from)
            }
        }
        var resolver = Resolver(scope: scope, context: context)
        for (name, window) in statement.windows {
            let key = name.lowercased()
            if resolver.namedWindows[key] != nil { throw fail("Duplicate window alias \(name)", window.location) }
            resolver.namedWindows[key] = window
        }

        resolver.windowRule = .allowed
        switch statement.pipe {
        case .select, .extend: resolver.aggregateRule = .forbidden("pipe \(statement.pipe!.name)")
        case .aggregate: resolver.windowRule = .forbidden("pipe AGGREGATE")
        default: break
        }
        var columns = try selectList(&resolver, star: star)
        if case .aggregate(let keys) = statement.pipe, let plain = columns[keys...].first(where: { !$0.expression.containsAggregate }) {
            throw fail("Pipe AGGREGATE cannot include non-aggregate expressions", plain.expression.location)
        }
        resolver.aggregateRule = .allowed
        resolver.windowRule = .forbidden("WHERE clause")

        var whereClause: TypedExpression?
        if let syntax = statement.whereClause {
            resolver.aggregateRule = .forbidden("WHERE clause")
            let condition = try resolveCondition(syntax, clause: "WHERE", with: &resolver)
            whereClause = condition
        }

        // GROUP BY keys: select-list ordinals, select-list aliases, or expressions over the table.
        resolver.windowRule = .forbidden("GROUP BY clause")
        var groupKeys: [(fragment: SQLFragment, key: String)] = []
        // The keys' typed expressions, in `statement.groupBy` order, for grouping sets and GROUPING().
        var typedKeys: [TypedExpression] = []
        for syntax in statement.groupBy {
            if let index = try selectReference(syntax, columns, clause: "GROUP BY") {
                let column = columns[index]
                if column.expression.containsAggregate {
                    throw fail(
                        "GROUP BY expression references column \(column.name) which is an aggregate; aggregation is not allowed in GROUP BY",
                        syntax.location)
                }
                if column.expression.containsWindow {
                    throw fail("GROUP BY expression references column \(column.name) which is an analytic function", syntax.location)
                }
                let fragment =
                    column.expression.type.hasSortKey ? SQLiteEmitter.emit(resolver.sortKey(column.expression)) : SQLFragment(String(index + 1))
                groupKeys.append((fragment, column.expression.key))
                typedKeys.append(column.expression)
                continue
            }
            resolver.aggregateRule = .forbidden("GROUP BY clause")
            let key = try resolver.resolve(syntax)
            guard key.type.isOrderable || { if case .record = key.type { return true } else { return false } }() else {
                throw fail("Grouping by expressions of type \(key.type.name) is not allowed", syntax.location)
            }
            groupKeys.append((SQLiteEmitter.emit(resolver.sortKey(key)), key.key))
            typedKeys.append(key)
        }
        if statement.groupByAll {
            for key in GroupingSetsPlan.allKeys(of: columns.map(\.expression)) {
                groupKeys.append((SQLiteEmitter.emit(resolver.sortKey(key)), key.key))
                typedKeys.append(key)
            }
        }
        // SQLite computes a group key apart from the select-list value it names, so a key drawn by
        // RAND() or GENERATE_UUID() would label its group with another draw: refused, never answered wrong.
        if let volatile = typedKeys.first(where: { SQLiteEmitter.emit($0).isVolatile }) {
            throw fail(
                "Unsupported: grouping by a value drawn by RAND() or GENERATE_UUID() is not supported by the local emulator; "
                    + "draw it in a subquery and group by its column", volatile.location)
        }
        let grouping = GroupingSetsPlan(keys: typedKeys, sets: statement.groupingSets ?? [Array(typedKeys.indices)])
        // `GROUP BY ()`, `GROUP BY ALL` without keys: one group of every row, even of none.
        let groupsExplicitly = !groupKeys.isEmpty || statement.groupingSets != nil || statement.groupByAll
        resolver.aggregateRule = .allowed
        for column in columns where column.isAlias {
            resolver.selectAliases[column.name.lowercased()] = column.expression
        }

        var having: TypedExpression?
        if let syntax = statement.having {
            resolver.windowRule = .forbidden("HAVING clause")
            let condition = try resolveCondition(syntax, clause: "HAVING", with: &resolver)
            having = condition
        }

        let isAggregate = groupsExplicitly || having != nil || columns.contains { $0.expression.containsAggregate }
        if let having, !groupsExplicitly, !columns.contains(where: { $0.expression.containsAggregate }), !having.containsAggregate {
            throw fail("HAVING clause requires GROUP BY or aggregation to be present", having.location)
        }

        var qualify: TypedExpression?
        if let syntax = statement.qualify {
            resolver.windowRule = .allowed
            resolver.aggregateRule = isAggregate ? .allowed : .forbidden("QUALIFY clause of a query without aggregation")
            let condition = try resolveCondition(syntax, clause: "QUALIFY", with: &resolver)
            guard condition.containsWindow || columns.contains(where: { $0.expression.containsWindow }) else {
                throw fail("QUALIFY clause must reference an analytic function", syntax.location)
            }
            if statement.distinct { throw fail("Unsupported: QUALIFY with SELECT DISTINCT is not supported by the local emulator", syntax.location) }
            qualify = condition
        }

        let keySet = Set(groupKeys.map(\.key))
        if isAggregate {
            for column in columns { try grouping.checkGroupingArguments(column.expression) }
            for column in columns { try checkGrouped(column.expression, keySet, clause: "SELECT list", in: scope) }
            if let having { try checkGrouped(having, keySet, clause: "HAVING clause", in: scope) }
            if let qualify { try checkGrouped(qualify, keySet, clause: "QUALIFY clause", in: scope) }
        }

        resolver.windowRule = .allowed
        // Only grouping sets and GROUPING() change the grouped values; other queries keep their trees.
        let usesGrouping =
            columns.contains { $0.expression.containsGroupingCall } || having?.containsGroupingCall == true
            || qualify?.containsGroupingCall == true || statement.orderBy.contains { $0.expression.callsGrouping }
        let rewrite: GroupingSetsPlan? = isAggregate && (grouping.repeatsRows || usesGrouping) ? grouping : nil
        let ordering = try orderBy(&resolver, columns, isAggregate: isAggregate, keySet: keySet, grouping: rewrite)
        // After grouping, the select list, HAVING and QUALIFY read the grouping sets' masked keys.
        if let rewrite {
            for index in columns.indices { columns[index].expression = try rewrite.rewrite(columns[index].expression) }
            having = try having.map { (value) throws(GoogleSQLError) in try rewrite.rewrite(value) }
            qualify = try qualify.map { (value) throws(GoogleSQLError) in try rewrite.rewrite(value) }
        } else if let misplaced = columns.first(where: { $0.expression.containsGroupingCall }) {
            throw fail("GROUPING function is only allowed in a query with GROUP BY", misplaced.expression.location)
        }
        resolver.windowRule = .forbidden("LIMIT")
        let limit = try statement.limit.map { (syntax) throws(GoogleSQLError) in
            try QueryExpressionPlanner.limitValue(syntax, &resolver, clause: "LIMIT")
        }
        let offset = try statement.offset.map { (syntax) throws(GoogleSQLError) in
            try QueryExpressionPlanner.limitValue(syntax, &resolver, clause: "OFFSET")
        }

        if statement.distinct, let column = columns.first(where: { !$0.expression.type.isGroupable }) {
            throw fail("Column \(column.name) of type \(column.expression.type.name) cannot be used in SELECT DISTINCT", column.expression.location)
        }
        // Assemble the statement.
        var sql = SQLFragment(statement.distinct ? "SELECT DISTINCT " : "SELECT ")
        for (index, column) in columns.enumerated() {
            if index > 0 { sql.append(", ") }
            // Decimal columns carry their collation, so DISTINCT and GROUP BY ordinals go by exact value.
            SQLiteEmitter.emit(resolver.collated(column.expression), into: &sql)
            sql.append(" AS " + SQLiteStorage.quote(PlannedColumn.sqlName(index)))
        }
        var recursionCheck: SQLFragment?
        if let recursion {
            // Each row carries its iteration: SQLite has no limit of its own, BigQuery stops at 500.
            // Under UNION DISTINCT the iteration is TEXT in a collation where all are equal, so
            // SQLite's duplicate check compares the row's own columns only.
            switch recursion {
            case .base(let distinct):
                sql.append(distinct ? ", '0' COLLATE \(RecursionDepth.collationName) AS \"_depth\"" : ", 0 AS \"_depth\"")
            case .term(let sqlName, let distinct):
                // A term that does not read the query itself: the WITH query is then planned as an
                // ordinary one (see `RecursiveQueryPlanner`).
                guard let relation = scope.relations.first(where: { $0.namedQuery == sqlName }) else {
                    sql.append(", 0 AS \"_depth\"")
                    break
                }
                let depth = SQLiteStorage.quote(relation.sqlAlias) + ".\"_depth\""
                sql.append(distinct ? ", CAST(\(depth) + 1 AS TEXT) AS \"_depth\"" : ", \(depth) + 1 AS \"_depth\"")
                recursionCheck = SQLFragment("\(SubqueryFunctions.recursionCheckName)(\(depth))")
            }
        }
        // SQLite has no QUALIFY: the windows are computed in an inner SELECT and filtered outside.
        // Sort keys of volatile columns are likewise computed outside, from the inner SELECT's values.
        let sortsOutside = qualify != nil || ordering.contains { if case .volatileColumnKey = $0.term { true } else { false } }
        if let qualify {
            sql.append(", ")
            SQLiteEmitter.emit(qualify, into: &sql)
            sql.append(" AS \"_q\"")
        }
        if sortsOutside {
            for (index, term) in ordering.enumerated() {
                if case .expression(let fragment) = term.term {
                    sql.append(", ")
                    sql.append(fragment)
                    sql.append(" AS \"_o\(index)\"")
                }
            }
        }
        if let singleTable {
            sql.append(" FROM ")
            sql.append(fromSQL)
            if isAggregate && grouping.repeatsRows { sql.append(" CROSS JOIN " + grouping.setsTableSQL) }
            try appendSingleTableFilter(singleTable.table, singleTable.reference, whereClause, scope, into: &sql)
        } else {
            if statement.from != nil {
                sql.append(" FROM ")
                sql.append(fromSQL)
                if isAggregate && grouping.repeatsRows { sql.append(" CROSS JOIN " + grouping.setsTableSQL) }
            } else if isAggregate && grouping.repeatsRows {
                sql.append(" FROM " + grouping.setsTableSQL)
            }
            if let whereClause {
                sql.append(" WHERE ")
                SQLiteEmitter.emit(whereClause, into: &sql)
            }
            if let recursionCheck {
                sql.append(whereClause == nil ? " WHERE " : " AND ")
                sql.append(recursionCheck)
            }
            for (index, relation) in scope.relations.enumerated() {
                guard let table = relation.table else { continue }
                let read = scope.reads[index] ?? []
                context.record(TableScan(table: table, columns: table.schema.fields.map(\.name).filter { read.contains($0) }))
            }
        }
        let groupFragments =
            statement.groupingSets != nil ? grouping.groupByFragments { resolver.sortKey($0) } : groupKeys.map(\.fragment)
        if !groupFragments.isEmpty {
            sql.append(" GROUP BY ")
            for (index, fragment) in groupFragments.enumerated() {
                if index > 0 { sql.append(", ") }
                sql.append(fragment)
            }
        }
        if let having {
            sql.append(" HAVING ")
            SQLiteEmitter.emit(having, into: &sql)
        }
        let outerAlias = context.freshAlias("t")
        if sortsOutside {
            var outer = SQLFragment("SELECT ")
            outer.append(columns.indices.map { SQLiteStorage.quote(PlannedColumn.sqlName($0)) }.joined(separator: ", "))
            outer.append(" FROM ")
            outer.appendDerivedTable(sql, alias: outerAlias)
            if qualify != nil { outer.append(" WHERE \"_q\"") }
            sql = outer
        }
        if !ordering.isEmpty {
            sql.append(" ORDER BY ")
            for (index, term) in ordering.enumerated() {
                if index > 0 { sql.append(", ") }
                switch term.term {
                case .ordinal(let position): sql.append(String(position + 1))
                case .expression(let fragment):
                    if sortsOutside { sql.append("\"_o\(index)\"") } else { sql.append(fragment) }
                case .volatileColumnKey(let position):
                    let column = ColumnReference(qualifier: outerAlias, sqlName: PlannedColumn.sqlName(position), name: columns[position].name)
                    let value = TypedExpression(
                        node: .relationColumn(column), type: columns[position].expression.type,
                        location: columns[position].expression.location)
                    SQLiteEmitter.emit(resolver.sortKey(value), into: &sql)
                }
                sql.append(term.suffix)
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
        let planned = columns.map {
            PlannedColumn(
                name: $0.name, type: $0.expression.type, isAnonymous: $0.isAnonymous, isUntypedEmptyArray: $0.expression.isUntypedEmptyArray)
        }
        if statement.selectAs == .value, planned.count != 1 {
            throw GoogleSQLError.invalidQuery("SELECT AS VALUE query must have exactly one column")
        }
        return PlannedQuery(sql: sql, columns: planned)
    }

    /// WHERE of a single stored table, with the partition range it implies, and its scan.
    private func appendSingleTableFilter(
        _ table: CatalogTable, _ reference: TableReference, _ whereClause: TypedExpression?, _ scope: Scope,
        into sql: inout SQLFragment
    ) throws(GoogleSQLError) {
        var conditions: [SQLFragment] = []
        if let whereClause { conditions.append(SQLiteEmitter.emit(whereClause)) }
        var lower: Int64?
        var upper: Int64?
        if let target = PartitionAnalysis.target(of: table) {
            var analysis = PartitionAnalysis.analyze(whereClause, target: target)
            if let decorator = reference.name.partitionDecorator {
                let decoratorRange =
                    table.rangePartitioning.map { PartitionAnalysis.decoratorRange(decorator, of: $0) }
                    ?? PartitionAnalysis.decoratorRange(decorator)
                guard let range = decoratorRange else {
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
        } else if let decorator = reference.name.partitionDecorator {
            throw fail(
                "Cannot use partition decorator $\(decorator) on table \(table.datasetId).\(table.tableId), which is not partitioned",
                reference.location)
        }
        for (index, condition) in conditions.enumerated() {
            sql.append(index == 0 ? " WHERE (" : " AND (")
            sql.append(condition)
            sql.append(")")
        }
        let read = scope.reads[0] ?? []
        context.record(
            TableScan(
                table: table, columns: table.schema.fields.map(\.name).filter { read.contains($0) }, partitionLowerMicros: lower,
                partitionUpperMicros: upper))
    }

    /// Partition decorators and required partition filters are understood for a lone table only.
    private func checkNoPartitionRestrictions(_ item: FromItem) throws(GoogleSQLError) {
        switch item {
        case .table(let reference):
            if reference.name.partitionDecorator != nil {
                throw fail("Unsupported: partition decorators in joins are not supported by the local emulator", reference.location)
            }
            if reference.name.project != nil || reference.name.dataset != nil || context.namedQuery(reference.name.table) == nil,
                let table = try? context.lookUp(reference), table.requirePartitionFilter
            {
                throw fail(
                    "Unsupported: joining table \(table.datasetId).\(table.tableId), which requires a partition filter, is not supported by the local emulator (filter it in a subquery)",
                    reference.location)
            }
        case .join(let join):
            try checkNoPartitionRestrictions(join.left)
            try checkNoPartitionRestrictions(join.right)
        case .subquery, .unnest, .tableFunction: break
        }
    }

    private func selectList(_ resolver: inout Resolver, star: [StarColumn]) throws(GoogleSQLError) -> [OutputColumn] {
        var columns: [OutputColumn] = []
        for item in statement.items {
            switch item {
            case .star(let item):
                var entries = star
                if let qualifier = item.qualifier, let relation = resolver.scope.relationIndex(named: qualifier) {
                    entries = resolver.scope.starColumns(of: relation, at: item.location)
                } else if let expression = item.expression {
                    entries = try resolver.fieldStar(expression, at: item.location)
                } else if statement.from == nil {
                    throw fail("SELECT * must have a FROM clause", item.location)
                }
                columns += try starColumns(item, entries, &resolver)
            case .expression(let syntax, let alias):
                let expression = try resolver.resolve(syntax)
                var name: String
                var isAnonymous = false
                if let alias {
                    name = alias
                } else if case .path(let parts) = syntax.kind, let last = parts.last {
                    name = outputName(of: expression, fallback: last)
                } else if case .fieldAccess(_, let field) = syntax.kind {
                    name = outputName(of: expression, fallback: field)
                } else {
                    name = ""
                    isAnonymous = true
                }
                if case .path = syntax.kind, name.hasPrefix("_PARTITION") { name = name.uppercased() }
                columns.append(OutputColumn(name: name, expression: expression, isAlias: alias != nil, isAnonymous: isAnonymous))
            }
        }
        // Anonymous columns are numbered in order: f0_, f1_, ...
        var anonymous = 0
        for index in columns.indices where columns[index].isAnonymous {
            columns[index].name = "f\(anonymous)_"
            anonymous += 1
        }
        return columns
    }

    /// The columns of `*` after its EXCEPT, REPLACE and (from `|> RENAME`) renames. A pipe operator's
    /// names must each be a column of its input, and SET and RENAME's exactly one.
    private func starColumns(_ item: StarItem, _ entries: [StarColumn], _ resolver: inout Resolver) throws(GoogleSQLError) -> [OutputColumn] {
        func check(_ name: String, _ location: SourceLocation, list: String) throws(GoogleSQLError) {
            let count = entries.count { $0.name.lowercased() == name.lowercased() }
            guard let pipe = statement.pipe else {
                if count == 0 { throw fail("Column \(name) in SELECT * \(list) list does not exist", location) }
                return
            }
            if count == 0, resolver.scope.relationIndex(named: name) != nil {
                let verb = pipe == .set ? "update" : pipe == .drop ? "drop" : "rename"
                throw fail("Name in pipe \(pipe.name) is a table alias; \(pipe.name) can only \(verb) columns: \(name)", location)
            }
            if count == 0 { throw fail("Column name in pipe \(pipe.name) not found in input table: \(name)", location) }
            if count > 1, pipe != .drop {
                throw fail("Column name in pipe \(pipe.name) exists more than once in input table: \(name)", location)
            }
        }
        for excluded in item.except { try check(excluded.name, excluded.location, list: "EXCEPT") }
        var replacements: [String: (TypedExpression, String)] = [:]
        for replacement in item.replace {
            try check(replacement.name, replacement.expression.location, list: "REPLACE")
            replacements[replacement.name.lowercased()] = (try resolver.resolve(replacement.expression), replacement.name)
        }
        var renames: [String: String] = [:]
        for rename in item.rename {
            try check(rename.name, rename.location, list: "RENAME")
            renames[rename.name.lowercased()] = rename.newName
        }
        let excluded = Set(item.except.map { $0.name.lowercased() })
        var columns: [OutputColumn] = []
        for entry in entries where !excluded.contains(entry.name.lowercased()) {
            if entry.name == PipeQuery.originalRowColumn, !item.keepsOriginalRow { continue }
            resolver.scope.noteRead(entry)
            if let (expression, name) = replacements[entry.name.lowercased()] {
                columns.append(OutputColumn(name: name, expression: expression, isAlias: true))
            } else if let name = renames[entry.name.lowercased()] {
                columns.append(OutputColumn(name: name, expression: entry.expression, isAlias: true))
            } else {
                columns.append(OutputColumn(name: entry.name, expression: entry.expression, isAlias: false, isAnonymous: entry.isAnonymous))
            }
        }
        if statement.pipe == .drop, columns.isEmpty { throw fail("Pipe DROP dropped all columns in the input table", item.location) }
        return columns
    }

    /// Catalog spelling for a column or field reference.
    private func outputName(of expression: TypedExpression, fallback: String) -> String {
        switch expression.node {
        case .column(let name), .field(_, let name): return name
        case .relationColumn(let reference): return reference.name
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

    /// A column of this query's FROM clause must be grouped or aggregated; one of an enclosing query
    /// (a correlated reference) holds one value for the whole subquery, as a constant does.
    private func checkGrouped(_ expression: TypedExpression, _ keys: Set<String>, clause: String, in scope: Scope) throws(GoogleSQLError) {
        if keys.contains(expression.key) { return }
        switch expression.node {
        case .aggregate, .constant: return
        case .column(let name):
            throw fail("\(clause) expression references column \(name) which is neither grouped nor aggregated", expression.location)
        case .relationColumn(let reference):
            guard scope.relations.contains(where: { $0.sqlAlias == reference.qualifier }) else { return }
            throw fail("\(clause) expression references column \(reference.name) which is neither grouped nor aggregated", expression.location)
        default:
            for child in expression.children { try checkGrouped(child, keys, clause: clause, in: scope) }
        }
    }

    private func orderBy(
        _ resolver: inout Resolver, _ columns: [OutputColumn], isAggregate: Bool,
        keySet: Set<String>, grouping: GroupingSetsPlan?
    ) throws(GoogleSQLError) -> [(term: SortTerm, suffix: String)] {
        // Sort keys read the grouped values: keys masked by grouping sets, GROUPING() replaced.
        func grouped(_ value: TypedExpression) throws(GoogleSQLError) -> TypedExpression {
            guard let grouping else { return value }
            return try grouping.rewrite(value)
        }
        var terms: [(term: SortTerm, suffix: String)] = []
        for term in statement.orderBy {
            var sortTerm: SortTerm
            var type: SQLType
            if let index = try selectReference(term.expression, columns, clause: "ORDER BY") {
                type = columns[index].expression.type
                let key = SQLiteEmitter.emit(resolver.sortKey(try grouped(columns[index].expression)))
                sortTerm = !type.hasSortKey ? .ordinal(index) : key.isVolatile ? .volatileColumnKey(index) : .expression(key)
            } else {
                resolver.aggregateRule = isAggregate ? .allowed : .forbidden("ORDER BY clause of a query without aggregation")
                let expression = try resolver.resolve(term.expression)
                type = expression.type
                if let index = columns.firstIndex(where: { $0.expression.key == expression.key }) {
                    let key = SQLiteEmitter.emit(resolver.sortKey(try grouped(expression)))
                    sortTerm = !type.hasSortKey ? .ordinal(index) : key.isVolatile ? .volatileColumnKey(index) : .expression(key)
                } else {
                    if statement.distinct {
                        throw fail(
                            "ORDER BY clause expression references a value which is not visible after SELECT DISTINCT", term.expression.location)
                    }
                    if isAggregate { try checkGrouped(expression, keySet, clause: "ORDER BY clause", in: resolver.scope) }
                    sortTerm = .expression(SQLiteEmitter.emit(resolver.sortKey(try grouped(expression))))
                }
            }
            guard type.isOrderable else {
                throw fail("ORDER BY does not support expressions of type \(type.name)", term.expression.location)
            }
            var suffix = term.descending ? " DESC" : ""
            if let nullsFirst = term.nullsFirst { suffix += nullsFirst ? " NULLS FIRST" : " NULLS LAST" }
            terms.append((sortTerm, suffix))
        }
        return terms
    }
}

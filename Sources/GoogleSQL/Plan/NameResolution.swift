import WarehouseSchema

/// GoogleSQL name lookup: `a`, `t.a`, `t.a.field`, `a.field` over the FROM clause's relations, then
/// over enclosing queries (correlated references).
extension Resolver {
    mutating func resolvePath(_ parts: [String], at location: SourceLocation) throws(GoogleSQLError) -> TypedExpression {
        var (value, consumed) = try resolvePathHead(parts, at: location)
        for field in parts.dropFirst(consumed) { value = try access(field: field, of: value, at: location) }
        return value
    }

    /// The value a path starts with (an alias, a column, a range variable's column, a script
    /// variable) and how many of its parts that used; the rest are field names.
    mutating func resolvePathHead(_ parts: [String], at location: SourceLocation) throws(GoogleSQLError) -> (TypedExpression, Int) {
        // Inside an aggregate's argument a name means the column (`HAVING SUM(x) > 1` with `SUM(x) AS x`).
        if parts.count == 1, !insideAggregateCall, let aliased = selectAliases[parts[0].lowercased()] {
            return (aliased, 1)
        }
        var level: Scope? = scope
        var nested = false
        while let current = level {
            if let found = try lookUp(parts, in: current, nested: nested, at: location) { return found }
            level = current.parent
            nested = true
        }
        // A script variable: a column of the same name wins, as in BigQuery.
        if let variable = scriptVariable(parts[0]) { return (variable, 1) }
        throw fail("Unrecognized name: \(parts[0])", location)
    }

    /// The value `parts` starts with at one query level, and how many parts it used; nil when the
    /// level has no such name.
    private func lookUp(
        _ parts: [String], in level: Scope, nested: Bool, at location: SourceLocation
    ) throws(GoogleSQLError) -> (TypedExpression, Int)? {
        let first = parts[0].lowercased()
        if let argument = level.functionArguments[first] { return (nested ? argument.nested : argument.direct, 1) }
        if parts.count > 1, let relation = level.relationIndex(named: first) {
            let owner = level.relations[relation]
            if owner.isValueTable { return (level.reference(relation, 0, nested: nested, at: location), 1) }
            // After a pipe SET, DROP or RENAME the alias names the row as it was; its fields follow.
            if let original = owner.originalRowColumn { return (level.reference(relation, original, nested: nested, at: location), 1) }
            let name = parts[1].lowercased()
            if let index = owner.columns.firstIndex(where: { !$0.isAnonymous && $0.name.lowercased() == name }) {
                return (level.reference(relation, index, nested: nested, at: location), 2)
            }
            if let pseudo = pseudoColumn(parts[1], relation: relation, in: level, nested: nested, at: location) {
                return (pseudo, 2)
            }
            throw fail("Name \(parts[1]) not found inside \(parts[0])", location)
        }
        if let merged = level.merged[first] {
            return (TypedExpression(node: merged.node, type: merged.type, location: location), 1)
        }
        var matches: [(Int, Int)] = []
        for (relation, owner) in level.relations.enumerated() {
            for (index, column) in owner.columns.enumerated() where !column.isAnonymous && column.name.lowercased() == first {
                matches.append((relation, index))
            }
        }
        if matches.count > 1 { throw fail("Column name \(parts[0]) is ambiguous", location) }
        if let (relation, index) = matches.first { return (level.reference(relation, index, nested: nested, at: location), 1) }
        if let relation = level.relationIndex(named: first) {
            return (wholeRow(relation, in: level, nested: nested, at: location), 1)
        }
        if let field = try valueTableField(first, in: level, nested: nested, at: location) { return (field, 1) }
        for relation in level.relations.indices {
            if let pseudo = pseudoColumn(parts[0], relation: relation, in: level, nested: nested, at: location) { return (pseudo, 1) }
        }
        return nil
    }

    /// `_PARTITIONTIME` and `_PARTITIONDATE` exist only on ingestion-time partitioned tables.
    private func pseudoColumn(
        _ name: String, relation: Int, in level: Scope, nested: Bool, at location: SourceLocation
    ) -> TypedExpression? {
        let owner = level.relations[relation]
        guard let spec = owner.table?.partitioning, spec.column == nil else { return nil }
        let node: TypedExpression.Node =
            owner.isBare && !nested
            ? .column(SQLiteStorage.partitionTimeColumn)
            : .relationColumn(
                ColumnReference(qualifier: owner.sqlAlias, sqlName: SQLiteStorage.partitionTimeColumn, name: SQLiteStorage.partitionTimeColumn))
        let time = TypedExpression(node: node, type: .timestamp, location: location)
        switch name.uppercased() {
        case "_PARTITIONTIME": return time
        case "_PARTITIONDATE": return TypedExpression(node: .call("gsql_date_from_micros", [time]), type: .date, location: location)
        default: return nil
        }
    }
}

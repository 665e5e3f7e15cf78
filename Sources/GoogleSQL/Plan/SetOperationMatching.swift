/// `BY NAME` / `CORRESPONDING`: each operand re-projected so its columns line up by name, after
/// which the set operation matches them by position as usual.
extension SetOperationPlanner {
    func alignByName(
        _ operands: [PlannedQuery], _ matching: ColumnMatching, name: String, at location: SourceLocation
    ) throws(GoogleSQLError)
        -> [PlannedQuery]
    {
        func names(_ operand: PlannedQuery) throws(GoogleSQLError) -> [String] {
            var seen = Set<String>()
            var result: [String] = []
            for column in operand.columns {
                guard !column.isAnonymous else {
                    throw GoogleSQLError.invalidQuery(
                        "Anonymous columns are not allowed in set operations with BY NAME or CORRESPONDING at \(location)")
                }
                guard seen.insert(column.name.lowercased()).inserted else {
                    throw GoogleSQLError.invalidQuery(
                        "Duplicate column names are not allowed in set operations with BY NAME: \(column.name) at \(location)")
                }
                result.append(column.name)
            }
            return result
        }
        let all = try operands.map { (operand) throws(GoogleSQLError) in try names(operand) }
        let lowered = all.map { Set($0.map { $0.lowercased() }) }
        var output: [String]
        switch matching.mode {
        case .strict, .left:
            output = all[0]
        case .inner:
            output = all[0].filter { name in lowered.allSatisfy { $0.contains(name.lowercased()) } }
        case .full:
            output = []
            var seen = Set<String>()
            for names in all { for name in names where seen.insert(name.lowercased()).inserted { output.append(name) } }
        }
        if let on = matching.on {
            for column in on where !output.contains(where: { $0.lowercased() == column.lowercased() }) {
                throw GoogleSQLError.invalidQuery("Column \(column) in the column list of \(name) is not among the operands' columns at \(location)")
            }
            output = on.map { name in output.first { $0.lowercased() == name.lowercased() } ?? name }
        } else if matching.mode == .strict {
            for (index, names) in lowered.enumerated().dropFirst() where names != lowered[0] {
                throw GoogleSQLError.invalidQuery(
                    "Queries in \(name) BY NAME must have the same column names; query 1 and query \(index + 1) differ at \(location)")
            }
        }
        if output.isEmpty { throw GoogleSQLError.invalidQuery("\(name) BY NAME has no columns in common at \(location)") }
        return operands.map { operand in
            let alias = context.freshAlias("t")
            var sql = SQLFragment("SELECT ")
            var columns: [PlannedColumn] = []
            for (position, name) in output.enumerated() {
                if position > 0 { sql.append(", ") }
                if let index = operand.columns.firstIndex(where: { $0.name.lowercased() == name.lowercased() }) {
                    sql.append(SQLiteStorage.quote(alias) + "." + SQLiteStorage.quote(PlannedColumn.sqlName(index)))
                    var column = operand.columns[index]
                    column.name = name
                    column.isAnonymous = false
                    columns.append(column)
                } else {
                    sql.append("NULL")
                    columns.append(PlannedColumn(name: name, type: .null))
                }
                sql.append(" AS " + SQLiteStorage.quote(PlannedColumn.sqlName(position)))
            }
            sql.append(" FROM ")
            sql.appendDerivedTable(operand.sql, alias: alias)
            return PlannedQuery(sql: sql, columns: columns)
        }
    }
}

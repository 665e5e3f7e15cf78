import GRDB
import GoogleSQL
import WarehouseSchema

/// MERGE: three queries find the matched pairs, the source rows no target row matches and the target
/// rows no source row matches, each with every clause's condition and values; the first clause whose
/// condition holds acts on the row, as BigQuery applies them in order. All reads happen before any write.
extension ScriptExecution {
    func merge(_ merge: MergeStatement) throws -> DMLCounts {
        let info = try requireTable(merge.target)
        let sourceAlias = merge.sourceAlias ?? (merge.source.hasPrefix("(") ? "_merge_source" : nil)
        let target = reference(merge.target, alias: merge.targetAlias)
        let source = merge.source + (sourceAlias.map { " AS " + Self.backquote($0) } ?? "")

        var counts = DMLCounts()
        var updates: [(rowid: Int64, values: [BigQueryValue], fields: [TableFieldSchema])] = []
        var deletes: Set<Int64> = []
        var inserts: [(row: [BigQueryValue], schema: [TableFieldSchema], columns: [TableFieldSchema])] = []

        // Matched pairs and target rows no source row matches.
        for match in [MergeStatement.Match.matched, .notMatchedBySource] {
            let clauses = merge.clauses.filter { $0.match == match }
            guard !clauses.isEmpty else { continue }
            let (select, offsets) = try clauseColumns(clauses, info: info)
            let sql =
                match == .matched
                ? "SELECT \(Self.rowidColumn)\(select) FROM \(target) INNER JOIN \(source) ON \(merge.condition)"
                : "SELECT \(Self.rowidColumn)\(select) FROM \(target) WHERE NOT EXISTS (SELECT 1 FROM \(source) WHERE \(merge.condition))"
            let (schema, rows) = try readingTarget(info, requirePartitionFilter: false) { try query(sql) }
            var seen: Set<Int64> = []
            for row in rows {
                guard case .int64(let rowid) = row[0] else { continue }
                guard let index = firstHolding(clauses, row: row, offset: 1) else { continue }
                guard seen.insert(rowid).inserted else {
                    throw GoogleSQLError.invalidQuery("UPDATE/MERGE must match at most one source row for each target row")
                }
                switch clauses[index].action {
                case .delete: deletes.insert(rowid)
                case .update(let assignments):
                    let start = offsets[index]
                    let values = Array(row[start..<start + assignments.count])
                    let fields = try assignments.map { try field(named: $0.column, in: info) }
                    for (position, field) in fields.enumerated() {
                        try ScriptValues.checkAssignable(schema.fields[start + position], to: field, index: position, values: [values[position]])
                    }
                    updates.append((rowid, values, fields))
                case .insert: break
                }
            }
        }

        // Source rows no target row matches.
        let inserting = merge.clauses.filter { $0.match == .notMatchedByTarget }
        if !inserting.isEmpty {
            let (select, offsets) = try clauseColumns(inserting, info: info)
            // The source row's own columns, for INSERT ROW.
            let star = inserting.contains { if case .insert(_, nil) = $0.action { true } else { false } } ? ", *" : ""
            let sql =
                "SELECT TRUE\(select)\(star) FROM \(source) WHERE NOT EXISTS (SELECT 1 FROM \(target) WHERE \(merge.condition))"
            let (schema, rows) = try readingTarget(info, requirePartitionFilter: false) { try query(sql) }
            let starStart = (offsets.last ?? 1) + insertWidth(inserting.last!, info: info)
            for row in rows {
                guard let index = firstHolding(inserting, row: row, offset: 1) else { continue }
                guard case .insert(let names, let values) = inserting[index].action else { continue }
                let columns = try targetColumns(names, of: info)
                if values == nil {
                    inserts.append((Array(row[starStart...]), Array(schema.fields[starStart...]), columns))
                } else {
                    let start = offsets[index]
                    inserts.append((Array(row[start..<start + columns.count]), Array(schema.fields[start..<start + columns.count]), columns))
                }
            }
        }

        for update in updates where !deletes.contains(update.rowid) {
            try write([(update.rowid, update.values)], fields: update.fields, in: info)
        }
        counts.updated = Int64(updates.count)
        try remove(Array(deletes), from: info)
        counts.deleted = Int64(deletes.count)
        for insert in inserts {
            try append([insert.row], schema: TableSchema(fields: insert.schema), columns: insert.columns, into: info)
        }
        counts.inserted = Int64(inserts.count)
        return counts
    }

    func field(named name: String, in info: TableInfo) throws -> TableFieldSchema {
        guard let field = info.schema.field(named: name) else {
            throw GoogleSQLError.invalidQuery("Unrecognized name: \(name)")
        }
        return field
    }

    /// `, cond1, cond2, ..., values of clause 1, values of clause 2, ...` and where each clause's values start
    /// (after the rowid or leading column at 0).
    func clauseColumns(_ clauses: [MergeStatement.Clause], info: TableInfo) throws -> (String, [Int]) {
        var select = ""
        // Every column named apart: `(S.id)` would otherwise be named `id`, like a source column.
        var named = 0
        func column(_ expression: String) -> String {
            defer { named += 1 }
            return ", (\(expression)) AS _merge_\(named)"
        }
        for clause in clauses { select += column("COALESCE((\(clause.condition ?? "TRUE")), FALSE)") }
        var offsets: [Int] = []
        var next = 1 + clauses.count
        for clause in clauses {
            offsets.append(next)
            switch clause.action {
            case .update(let assignments):
                for assignment in assignments {
                    select += column(ScriptValues.coercingLiteral(assignment.expression, to: try field(named: assignment.column, in: info)))
                }
                next += assignments.count
            case .insert(let names, let values?):
                // A count that does not match the columns is refused where the row is stored.
                let columns = try targetColumns(names, of: info)
                for (position, value) in values.enumerated() {
                    let coerced = position < columns.count ? ScriptValues.coercingLiteral(value, to: columns[position]) : value
                    let isDefault = value.trimmingCharacters(in: .whitespacesAndNewlines).uppercased() == "DEFAULT"
                    select += column(isDefault ? (position < columns.count ? ColumnDefaults.text(for: columns[position]) : "NULL") : coerced)
                }
                next += values.count
            case .insert(_, nil), .delete: break
            }
        }
        return (select, offsets)
    }

    func insertWidth(_ clause: MergeStatement.Clause, info: TableInfo) -> Int {
        if case .insert(_, let values?) = clause.action { return values.count }
        return 0
    }

    /// The first clause whose condition column (from `offset`) is TRUE.
    func firstHolding(_ clauses: [MergeStatement.Clause], row: [BigQueryValue], offset: Int) -> Int? {
        clauses.indices.first { row[offset + $0] == .bool(true) }
    }
}

import GRDB
import GoogleSQL
import WarehouseSchema

/// INSERT, UPDATE, DELETE and MERGE. The rows to change are found by a query over the target seen
/// with its SQLite rowid (`_ROWID_`), so the WHERE clause, the FROM clause, partition filters and
/// every function run through the query compiler; the changes are then written by rowid, in the
/// cell encoding insertAll uses.
extension ScriptExecution {
    func insert(_ insert: InsertStatement) throws -> DMLCounts {
        let info = try requireTable(insert.table)
        let columns = try targetColumns(insert.columns, of: info)
        var total: Int64 = 0
        if let query = insert.query {
            let (schema, rows) = try self.query(query)
            try append(rows, schema: schema, columns: columns, into: info)
            total = Int64(rows.count)
        } else {
            // One compound SELECT per batch of rows: fewer compilations, and below SQLite's 500-term limit.
            for batch in stride(from: 0, to: insert.rows.count, by: 200) {
                let rows = insert.rows[batch..<min(insert.rows.count, batch + 200)]
                let selects = try rows.map { row -> String in
                    guard row.count == columns.count else {
                        throw GoogleSQLError.invalidQuery("Inserted row has wrong column count; Has \(row.count), expected \(columns.count)")
                    }
                    return "SELECT "
                        + zip(row, columns).enumerated().map { index, item in
                            let value =
                                item.0.uppercased() == "DEFAULT" ? ColumnDefaults.text(for: item.1) : ScriptValues.coercingLiteral(item.0, to: item.1)
                            return "(\(value)) AS _value_\(index)"
                        }
                        .joined(separator: ", ")
                }
                let (schema, values) = try self.query(selects.joined(separator: " UNION ALL "))
                try append(values, schema: schema, columns: columns, into: info)
                total += Int64(values.count)
            }
        }
        return DMLCounts(inserted: total)
    }

    /// The fields an INSERT names (all, in order, without a list).
    func targetColumns(_ names: [String]?, of info: TableInfo) throws -> [TableFieldSchema] {
        guard let names else { return info.schema.fields }
        var seen: Set<String> = []
        return try names.map { name in
            guard let field = info.schema.field(named: name) else {
                throw GoogleSQLError.invalidQuery("Column \(name) is not present in table \(info.reference)")
            }
            guard seen.insert(field.name.lowercased()).inserted else {
                throw GoogleSQLError.invalidQuery("INSERT has columns with duplicate name: \(field.name)")
            }
            return field
        }
    }

    /// Stores query rows whose columns go to `columns`; the table's other columns get their default
    /// value, or NULL.
    func append(_ rows: [[BigQueryValue]], schema: TableSchema, columns: [TableFieldSchema], into info: TableInfo) throws {
        guard schema.fields.count == columns.count else {
            throw GoogleSQLError.invalidQuery(
                "Inserted row has wrong column count; Has \(schema.fields.count), expected \(columns.count)")
        }
        for (index, (source, target)) in zip(schema.fields, columns).enumerated() {
            try ScriptValues.checkAssignable(source, to: target, index: index, values: rows.lazy.map { $0[index] })
        }
        let positions = info.schema.fields.map { field in columns.firstIndex { $0.name == field.name } }
        let defaults = try defaultValues(for: info, given: columns, count: rows.count)
        let stored = try rows.enumerated().map { number, row in
            ValidatedRow(
                index: 0, insertId: nil,
                values: try zip(info.schema.fields, positions).map { field, position in
                    try ScriptValues.convert(position.map { row[$0] } ?? defaults[field.name]?[number] ?? .null, to: field)
                })
        }
        guard !stored.isEmpty else { return }
        try store.store(stored, in: info, db: db)
    }

    func update(_ update: UpdateStatement) throws -> DMLCounts {
        let info = try requireTable(update.table)
        let fields = try update.assignments.map { assignment in
            guard let field = info.schema.field(named: assignment.column) else {
                throw GoogleSQLError.invalidQuery("Unrecognized name: \(assignment.column)")
            }
            return field
        }
        var sql = "SELECT \(Self.rowidColumn)"
        for (index, (assignment, field)) in zip(update.assignments, fields).enumerated() {
            let expression =
                assignment.expression.trimmingCharacters(in: .whitespacesAndNewlines).uppercased() == "DEFAULT"
                ? ColumnDefaults.text(for: field) : ScriptValues.coercingLiteral(assignment.expression, to: field)
            sql += ", (\(expression)) AS _value_\(index)"
        }
        sql += " FROM " + reference(update.table, alias: update.alias)
        if let from = update.from { sql += ", " + from }
        sql += " WHERE " + update.whereClause
        let (schema, rows) = try readingTarget(info) { try query(sql) }
        for (index, field) in fields.enumerated() {
            try ScriptValues.checkAssignable(schema.fields[index + 1], to: field, index: index, values: rows.lazy.map { $0[index + 1] })
        }
        var changes: [Int64: [BigQueryValue]] = [:]
        for row in rows {
            guard case .int64(let rowid) = row[0] else { continue }
            if changes[rowid] != nil {
                throw GoogleSQLError.invalidQuery("UPDATE/MERGE must match at most one source row for each target row")
            }
            changes[rowid] = Array(row.dropFirst())
        }
        try write(changes.sorted { $0.key < $1.key }.map { (rowid: $0.key, values: $0.value) }, fields: fields, in: info)
        return DMLCounts(updated: Int64(changes.count))
    }

    func delete(_ delete: DeleteStatement) throws -> DMLCounts {
        let info = try requireTable(delete.table)
        let sql = "SELECT \(Self.rowidColumn) FROM \(reference(delete.table, alias: delete.alias)) WHERE \(delete.whereClause)"
        let (_, rows) = try readingTarget(info) { try query(sql) }
        let rowids = rows.compactMap { row -> Int64? in if case .int64(let id) = row[0] { id } else { nil } }
        try remove(rowids, from: info)
        return DMLCounts(deleted: Int64(rowids.count))
    }

    // MARK: - Pieces shared with MERGE

    /// The target as written in FROM: its full name (or a temporary table's), with the statement's alias.
    func reference(_ name: TableName, alias: String?) -> String {
        var text = [name.project, name.dataset, name.table].compactMap { $0 }.map(Self.backquote).joined(separator: ".")
        if let alias { text += " AS " + Self.backquote(alias) }
        return text
    }

    static func backquote(_ name: String) -> String {
        "`" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "`", with: "\\`") + "`"
    }

    /// Runs `body` with `info` readable through `_ROWID_`; its partition filter stays required.
    func readingTarget<T>(_ info: TableInfo, requirePartitionFilter: Bool = true, _ body: () throws -> T) throws -> T {
        dmlTarget = (key(of: info.catalog), requirePartitionFilter)
        defer { dmlTarget = nil }
        return try body()
    }

    /// Writes new values of `fields` into the rows with the given rowids.
    func write(_ changes: [(rowid: Int64, values: [BigQueryValue])], fields: [TableFieldSchema], in info: TableInfo) throws {
        guard !changes.isEmpty else { return }
        let assignments = fields.map { "\(SQLiteStorage.quote($0.name)) = ?" }.joined(separator: ", ")
        let statement = try DirectStatement(db, "UPDATE \(SQLiteStorage.quote(info.sqliteTable)) SET \(assignments) WHERE rowid = ?")
        for change in changes {
            var values = try zip(change.values, fields).map { value, field in
                SQLiteStorage.encode(try ScriptValues.convert(value, to: field), field: field)
            }
            values.append(change.rowid.databaseValue)
            try statement.bind(values)
            try statement.run()
        }
        try recountBytes(of: info)
    }

    func remove(_ rowids: [Int64], from info: TableInfo) throws {
        guard !rowids.isEmpty else { return }
        let statement = try DirectStatement(db, "DELETE FROM \(SQLiteStorage.quote(info.sqliteTable)) WHERE rowid = ?")
        for rowid in rowids {
            try statement.bind([rowid.databaseValue])
            try statement.run()
        }
        try recountBytes(of: info)
    }

    /// Rebuilds the table's per-partition row and byte counts after an UPDATE or DELETE changed its rows in place.
    func recountBytes(of info: TableInfo) throws { try BigQueryStore.recountBytes(of: info, db: db) }
}

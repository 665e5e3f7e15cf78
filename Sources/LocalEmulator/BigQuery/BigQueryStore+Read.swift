import GRDB
import GoogleSQL
import WarehouseSchema
import WireJSON

/// A page of stored rows (tabledata.list).
struct RowPage: Sendable {
    var fields: [TableFieldSchema]
    var rows: [[BigQueryValue]]
    var totalRows: Int64
    var nextPageToken: String?
}

/// A finished query: what it returned and what it read.
struct QueryResult: Sendable {
    var schema: TableSchema
    var rows: [[BigQueryValue]]
    var totalBytesProcessed: Int64
    var statementType: String
    var referencedTables: [CatalogTable]
    /// What a DML statement (or a script's last one) changed; nil for other statements.
    var dml: DMLCounts? = nil
}

extension BigQueryStore {
    /// tabledata.list in insertion order. The page token is the last row id returned.
    func listRows(
        project: String, dataset: String, table: String, maxResults: Int, pageToken: String?,
        startIndex: Int64?, selectedFields: [String]?
    ) async throws -> RowPage {
        try await writer.read { db in
            let info = try self.requireTable(project: project, dataset: dataset, table: table, db: db)
            if info.isView { throw GoogleAPIError.badRequest("Cannot list a table of type VIEW.") }
            var fields = info.schema.fields
            if let selectedFields {
                fields = try selectedFields.map { name in
                    guard let field = info.schema.field(named: name.components(separatedBy: ".")[0]) else {
                        throw GoogleAPIError.badRequest("Field \(name) in selectedFields does not exist in the table schema")
                    }
                    return field
                }
            }
            let columns = (["rowid"] + fields.map { SQLiteStorage.quote($0.name) }).joined(separator: ", ")
            let table = SQLiteStorage.quote(info.sqliteTable)
            // Read exactly, not through GRDB's `Row`, which would cut text at a NUL.
            let rows: [[DatabaseValue]]
            if let pageToken {
                guard let after = Int64(pageToken) else { throw GoogleAPIError.badRequest("Invalid page token: \(pageToken)") }
                rows = try DirectStatement.fetchAll(
                    db, sql: "SELECT \(columns) FROM \(table) WHERE rowid > ? ORDER BY rowid LIMIT ?",
                    arguments: [after.databaseValue, (maxResults + 1).databaseValue])
            } else {
                rows = try DirectStatement.fetchAll(
                    db, sql: "SELECT \(columns) FROM \(table) ORDER BY rowid LIMIT ? OFFSET ?",
                    arguments: [(maxResults + 1).databaseValue, (startIndex ?? 0).databaseValue])
            }
            let total =
                try Int64.fetchOne(
                    db, sql: "SELECT COALESCE(SUM(rows), 0) FROM bq_partition_bytes WHERE sqlite_name = ? AND column_name = ''",
                    arguments: [info.sqliteTable]) ?? 0
            let page = rows.prefix(maxResults)
            let values = page.map { row in
                fields.enumerated().map { SQLiteStorage.decode(row[$0.offset + 1], field: $0.element) }
            }
            // The token is the last rowid returned; an empty page (maxResults=0) points just before
            // the first row it would have returned, so following it starts there.
            let next: String? =
                if rows.count > maxResults {
                    (page.last.flatMap { Int64.fromDatabaseValue($0[0]) } ?? Int64.fromDatabaseValue(rows[0][0]).map { $0 - 1 })
                        .map { String($0) }
                } else {
                    nil
                }
            return RowPage(fields: fields, rows: values, totalRows: total, nextPageToken: next)
        }
    }

    /// Translates and runs a GoogleSQL query on a read connection. Failures are GoogleSQLErrors.
    /// SQLite stops the query once `configuration.clock` passes `timeLimit` from its start (the error is
    /// then a `DatabaseError` with code SQLITE_INTERRUPT).
    func runQuery(
        _ sql: String, parameters: [QueryParameter], defaultProject: String,
        defaultDataset: (project: String, dataset: String)?, dryRun: Bool,
        timeLimit: Duration, mayRead: @escaping @Sendable (_ project: String) throws -> Void = { _ in }
    ) async throws -> QueryResult {
        let clock = configuration.clock
        let limitMicros = min(Double(Int64.max / 4), timeLimit / .microseconds(1))
        return try await writer.read { db in
            let deadline = clock.microsecondsSinceEpoch + Int64(limitMicros)
            let views = ViewTranslations(parameters: parameters)
            let compiled = try GoogleSQLCompiler.compile(
                sql, parameters: parameters + SystemVariables.common(defaultProject: defaultProject, defaultDataset: defaultDataset),
                defaultProject: defaultDataset?.project ?? defaultProject,
                defaultDataset: defaultDataset?.dataset,
                catalog: { name in
                    try self.catalogTable(
                        name, defaultProject: defaultDataset?.project ?? defaultProject,
                        defaultDataset: defaultDataset?.dataset, mayRead: mayRead, db: db, views: views)
                },
                routines: { name in try self.routineFunction(name, mayRead: mayRead, db: db) })
            let bytes = try compiled.scans.reduce(Int64(0)) { $0 + (try self.bytesScanned($1, db: db)) }
            var rows: [[BigQueryValue]] = []
            if !dryRun {
                let fields = compiled.schema.fields
                // Bound and read exactly, not through GRDB, which would cut text at a NUL.
                let statement = try DirectStatement(db, compiled.sql)
                defer { statement.reset() }
                try statement.bind(compiled.argumentValues)
                let arrayNulls = ResultArrayNulls(compiled.schema)
                try QueryInterruption.run(on: db, clock: clock, deadlineMicros: deadline) {
                    while try statement.step() {
                        var values: [BigQueryValue] = []
                        values.reserveCapacity(fields.count)
                        for (index, field) in fields.enumerated() {
                            values.append(SQLiteStorage.decode(statement.value(Int32(index)), field: field))
                        }
                        try arrayNulls?.check(values)
                        rows.append(values)
                    }
                }
            }
            return QueryResult(
                schema: compiled.schema, rows: rows, totalBytesProcessed: bytes,
                statementType: compiled.statementType, referencedTables: compiled.scans.map(\.table))
        }
    }

    /// The table a query names. `mayRead` is asked before anything is looked up, so a caller refused a
    /// project learns nothing of what it holds (a missing table there is refused like an existing one).
    /// A view's query resolves its names here too, with the view's project and dataset as defaults.
    func catalogTable(
        _ name: TableName, defaultProject: String, defaultDataset: String?, mayRead: (String) throws -> Void, db: Database,
        views: ViewTranslations
    ) throws -> CatalogTable? {
        if name.table.hasPrefix(InformationSchema.prefix) {
            return try informationSchemaTable(
                name, defaultProject: defaultProject, defaultDataset: defaultDataset, mayRead: mayRead, db: db, views: views)
        }
        guard let dataset = name.dataset ?? defaultDataset else {
            throw GoogleSQLError.invalidQuery("Table \"\(name.table)\" must be qualified with a dataset (e.g. dataset.table).")
        }
        let project = name.project ?? defaultProject
        try mayRead(project)
        guard try datasetExists(project: project, dataset: dataset, db: db) else {
            throw GoogleSQLError.notFound("Not found: Dataset \(project):\(dataset) was not found in location US")
        }
        guard let info = try table(project: project, dataset: dataset, table: name.table, db: db) else { return nil }
        return try catalogEntry(info, mayRead: mayRead, db: db, views: views)
    }

    /// Bytes of the columns a scan reads, in the partitions its filter can reach.
    func bytesScanned(_ scan: TableScan, db: Database) throws -> Int64 {
        let columns = scan.columns.map { $0.lowercased() }
        guard !columns.isEmpty else { return 0 }
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        var arguments: [any DatabaseValueConvertible] = [scan.table.sqliteTable]
        arguments += columns as [any DatabaseValueConvertible]
        var sql = "SELECT COALESCE(SUM(bytes), 0) FROM bq_partition_bytes WHERE sqlite_name = ? AND column_name IN (\(placeholders))"
        if scan.table.partitioning != nil || scan.table.rangePartitioning != nil {
            if let lower = scan.partitionLowerMicros {
                sql += " AND partition_end > ?"
                arguments.append(lower)
            }
            if let upper = scan.partitionUpperMicros {
                sql += " AND partition_start <= ?"
                arguments.append(upper)
            }
            // The rows outside an integer range are read only by a filter that lets such values through.
            if let range = scan.table.rangePartitioning, (scan.partitionLowerMicros ?? .min) >= range.start,
                (scan.partitionUpperMicros ?? .max) < range.end
            {
                sql += " AND partition_start != ?"
                arguments.append(RangePartitionSpec.unpartitioned.start)
            }
        }
        return try Int64.fetchOne(db, sql: sql, arguments: StatementArguments(arguments)) ?? 0
    }
}

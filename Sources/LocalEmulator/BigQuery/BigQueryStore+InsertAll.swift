import GRDB
import GoogleSQL
import NIOCore
import WarehouseSchema
import WireJSON

/// One row of an insertAll request after validation.
struct ValidatedRow: Sendable {
    var index: Int
    var insertId: String?
    var values: [BigQueryValue]
}

extension BigQueryStore {
    /// tabledata.insertAll: validate every row, then store the valid ones in one transaction,
    /// skipping insertIds seen within the retention window.
    func insertAll(project: String, dataset: String, table: String, body: ByteBuffer) async throws -> JSONValue {
        if let info = cachedTable(project: project, dataset: dataset, table: table),
            let request = body.readableBytesView.withContiguousStorageIfAvailable({ bytes in
                InsertAllRequest.reading(bytes, schema: info.schema)
            }) ?? nil
        {
            return try await insertAll(request, into: info)
        }
        // The reference reading, in BigQuery's order of checks: the body, the table, then the rows.
        let object = try JSONRequestBody.object(body)
        if let suffix = try RequestFieldTypes.string(object["templateSuffix"], at: "template_suffix"), !suffix.isEmpty {
            throw InsertAllRequest.templateSuffixUnsupported()
        }
        let info = try await tableInfo(project: project, dataset: dataset, table: table)
        return try await insertAll(try InsertAllRequest(body: object, schema: info.schema), into: info)
    }

    private func insertAll(_ request: InsertAllRequest, into info: TableInfo) async throws -> JSONValue {
        if info.isView { throw GoogleAPIError.badRequest("Cannot add rows to a table of type VIEW: \(info.reference)") }
        var valid: [ValidatedRow] = []
        valid.reserveCapacity(request.rows.count)
        var invalid: [(index: Int, errors: [RowError])] = []
        for (index, row) in request.rows.enumerated() {
            switch row.outcome {
            case .valid(let values): valid.append(ValidatedRow(index: index, insertId: row.insertId, values: values))
            case .invalid(let errors): invalid.append((index, errors))
            }
        }
        if !invalid.isEmpty && !request.skipInvalidRows {
            // BigQuery stores nothing: bad rows report why, the rest report that they were stopped.
            let stopped = RowError(reason: "stopped", location: "", message: "")
            var errors = invalid.map { (index: $0.index, errors: $0.errors) }
            errors += valid.map { (index: $0.index, errors: [stopped]) }
            errors.sort { $0.index < $1.index }
            return BigQueryStore.insertAllResponse(errors)
        }
        if !valid.isEmpty {
            let toStore = valid
            do {
                try await writer.write { db in try self.store(toStore, in: info, db: db) }
            } catch {
                insertIds.forget(info.sqliteTable)
                throw error
            }
        }
        return BigQueryStore.insertAllResponse(invalid)
    }

    static func insertAllResponse(_ errors: [(index: Int, errors: [RowError])]) -> JSONValue {
        var response: JSONObject = ["kind": "bigquery#tableDataInsertAllResponse"]
        if !errors.isEmpty {
            response["insertErrors"] = .array(errors.map { ["index": .int(Int64($0.index)), "errors": .array($0.errors.map(\.json))] })
        }
        return .object(response)
    }

    /// Rows per INSERT statement (see `MultiRowInsert`).
    static let rowsPerStatement = 32

    func store(_ rows: [ValidatedRow], in info: TableInfo, db: Database) throws {
        let now = clock()
        try insertIds.sweep(now: now, db: db)
        let fresh = try insertIds.claim(rows.map(\.insertId), table: info.sqliteTable, now: now, db: db)
        let fields = info.schema.fields
        let columns = info.storageColumns
        let ingestionTime = info.hasPartitionTimeColumn
        var insert = MultiRowInsert(
            db, into: SQLiteStorage.quote(info.sqliteTable), columns: columns,
            rowsPerStatement: Self.rowsPerStatement)
        let partitionIndex = info.partitionColumnIndex
        let ingestionPartition = ingestionTime ? info.partitioning.map { $0.bounds(ofMicros: now) } : nil
        var stats = PartitionByteCounter(columnCount: fields.count)
        for (row, isNew) in zip(rows, fresh) where isNew {
            for (field, value) in zip(fields, row.values) { insert.append(SQLiteStorage.encode(value, field: field)) }
            var partition = (start: Int64(0), end: Int64(0))
            if let ingestionPartition {
                partition = ingestionPartition
                insert.append(ingestionPartition.start.databaseValue)
            } else if let partitionIndex {
                partition = info.partitionBounds(of: row.values[partitionIndex])
            }
            try insert.endRow()
            stats.add(row.values, partition: partition)
        }
        try insert.flush()
        try stats.save(sqliteName: info.sqliteTable, fields: fields, db: db)
    }
}

/// Rows and bytes per partition and column, accumulated over one request and added to the totals.
struct PartitionByteCounter {
    let columnCount: Int
    private var positions: [Int64: Int] = [:]
    /// Kept in an array and updated in place: a dictionary entry taken out and put back would copy its counts per row.
    private var entries: [(start: Int64, end: Int64, rows: Int64, bytes: [Int64])] = []

    init(columnCount: Int) { self.columnCount = columnCount }

    mutating func add(_ values: [BigQueryValue], partition: (start: Int64, end: Int64)) {
        let position: Int
        if let known = positions[partition.start] {
            position = known
        } else {
            position = entries.count
            positions[partition.start] = position
            entries.append((partition.start, partition.end, 0, Array(repeating: 0, count: columnCount)))
        }
        entries[position].rows += 1
        for (column, value) in values.enumerated() { entries[position].bytes[column] += value.logicalBytes }
    }

    /// Column '' carries the row count of the partition.
    func save(sqliteName: String, fields: [TableFieldSchema], db: Database) throws {
        let upsert = try db.cachedStatement(
            sql: """
                INSERT INTO bq_partition_bytes (sqlite_name, partition_start, partition_end, column_name, bytes, rows)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (sqlite_name, partition_start, column_name)
                DO UPDATE SET bytes = bytes + excluded.bytes, rows = rows + excluded.rows
                """)
        for entry in entries {
            try upsert.execute(arguments: [sqliteName, entry.start, entry.end, "", 0, entry.rows])
            for (column, field) in fields.enumerated() {
                try upsert.execute(arguments: [sqliteName, entry.start, entry.end, field.name.lowercased(), entry.bytes[column], 0])
            }
        }
    }
}

import Foundation
import GRDB
import GoogleSQL
import WarehouseSchema
import WireJSON

extension BigQueryStore {
    func insertTable(project: String, dataset: String, body: JSONObject) async throws -> JSONValue {
        guard let tableId = body["tableReference"]?["tableId"]?.stringValue else {
            throw GoogleAPIError.badRequest("Required parameter is missing: tableReference.tableId", reason: "required")
        }
        guard BigQueryIds.isValidTable(tableId) else { throw BigQueryIds.invalidTable(tableId) }
        if body["externalDataConfiguration"] != nil {
            throw GoogleAPIError.badRequest("Unsupported: external tables are not supported by the local emulator")
        }
        if body["view"] != nil || body["materializedView"] != nil {
            let view = try await insertView(TableKey(project: project, dataset: dataset, table: tableId), body: body)
            remember(view)
            return try await tableResource(view)
        }
        let stored = try BigQueryStore.newTable(project: project, dataset: dataset, tableId: tableId, body: body)
        try await writer.write { db in try self.createTable(stored, db: db) }
        remember(stored)
        return try await tableResource(stored)
    }

    /// The SQLite table behind a BigQuery table: the same for every table of that name, so a view,
    /// which SQLite resolves by name each time it is read, reads the table a later CREATE OR REPLACE,
    /// or a DROP and CREATE, put in place (BigQuery's views name tables, not their storage). 128 bits
    /// of SHA-256: no name can be made to share another project's storage.
    static func storageName(project: String, dataset: String, table: String) -> String {
        "bqt_" + AuthCrypto.sha256Hex(project + "\u{0}" + dataset + "\u{0}" + table).prefix(32)
    }

    /// A script's temporary table: its own storage, apart from any dataset's.
    static func temporaryStorageName() -> String {
        "bqs_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    }

    /// The stored form of a new table resource (checked, with the fields BigQuery sets), not yet stored.
    static func newTable(project: String, dataset: String, tableId: String, body: JSONObject, storageName: String? = nil) throws -> TableInfo {
        var resource = body
        let schema = try TableResourceRules.schema(from: body["schema"] ?? ["fields": []])
        try ColumnDefaults.check(schema)
        try TableResourceRules.checkColumnNames(schema)
        let now = epochMillisString()
        resource["kind"] = "bigquery#table"
        resource["id"] = .string("\(project):\(dataset).\(tableId)")
        resource["tableReference"] = ["projectId": .string(project), "datasetId": .string(dataset), "tableId": .string(tableId)]
        resource["schema"] = schema.json
        resource["type"] = "TABLE"
        resource["creationTime"] = now
        resource["lastModifiedTime"] = now
        resource["etag"] = .string(UUID().uuidString)
        if case .object(var spec) = resource["timePartitioning"] ?? .null {
            spec["type"] = spec["type"] ?? "DAY"
            resource["timePartitioning"] = .object(spec)
        }
        resource["rangePartitioning"] = try RangePartitioning.spec(from: resource, schema: schema)
        let sqliteName = storageName ?? Self.storageName(project: project, dataset: dataset, table: tableId)
        var info = try BigQueryStore.tableInfo(
            project: project, dataset: dataset, table: tableId, sqliteName: sqliteName,
            resourceText: JSONValue.object(resource).encodedString())
        info.resource["location"] = "US"
        return info
    }

    /// Stores a new table (tables.insert and CREATE TABLE): 404 without its dataset, 409 when it exists.
    func createTable(_ stored: TableInfo, db: Database) throws {
        let (project, dataset, tableId) = (stored.catalog.projectId, stored.catalog.datasetId, stored.catalog.tableId)
        guard try self.datasetExists(project: project, dataset: dataset, db: db) else {
            throw GoogleAPIError.notFound("Not found: Dataset \(project):\(dataset)")
        }
        if try Bool.fetchOne(
            db, sql: "SELECT 1 FROM bq_tables WHERE project = ? AND dataset = ? AND table_id = ?",
            arguments: [project, dataset, tableId]) ?? false
        {
            throw GoogleAPIError.conflict("Already Exists: Table \(project):\(dataset).\(tableId)")
        }
        try self.createStorage(for: stored, db: db)
        try db.execute(
            sql: "INSERT INTO bq_tables (project, dataset, table_id, sqlite_name, resource) VALUES (?, ?, ?, ?, ?)",
            arguments: [project, dataset, tableId, stored.sqliteTable, JSONValue.object(stored.resource).encodedString()])
    }

    /// One column per top-level field; the partitioning and clustering columns indexed so filters prune.
    func createStorage(for info: TableInfo, db: Database) throws {
        var columns = info.schema.fields.map { "\(SQLiteStorage.quote($0.name)) \(SQLiteStorage.columnType(of: $0))" }
        if info.hasPartitionTimeColumn {
            columns.append("\(SQLiteStorage.quote(SQLiteStorage.partitionTimeColumn)) INTEGER")
        }
        // BigQuery allows a table with no schema yet (columns come with a later patch); SQLite needs
        // at least one column, so such a table gets an unused one that no schema field can name.
        if columns.isEmpty { columns.append("\"_emulator_no_columns\" INTEGER") }
        try Self.checkColumnCount(columns.count)
        let table = SQLiteStorage.quote(info.sqliteTable)
        try db.execute(sql: "CREATE TABLE \(table) (\(columns.joined(separator: ", ")))")
        try createIndex(for: info, db: db)
    }

    /// SQLite holds at most 2,000 columns per table (its compile-time limit), where BigQuery allows 10,000.
    static let maxStorageColumns = 2000

    /// A 400 for a table wider than the emulator can store, before SQLite refuses it with an error
    /// that would name the storage table.
    static func checkColumnCount(_ count: Int) throws {
        guard count > maxStorageColumns else { return }
        throw GoogleAPIError.badRequest(
            "Unsupported: the local emulator stores at most \(maxStorageColumns) top-level columns per table (SQLite's limit; BigQuery allows 10,000); this table has \(count) columns"
        )
    }

    func createIndex(for info: TableInfo, db: Database) throws {
        var indexed: [String] = []
        if let partitioning = info.partitioning {
            indexed.append(partitioning.column ?? SQLiteStorage.partitionTimeColumn)
        }
        indexed += info.catalog.clustering.filter { name in !indexed.contains { $0.lowercased() == name.lowercased() } }
        let indexName = SQLiteStorage.quote(info.sqliteTable + "_layout")
        try db.execute(sql: "DROP INDEX IF EXISTS \(indexName)")
        guard !indexed.isEmpty else { return }
        try db.execute(
            sql: "CREATE INDEX \(indexName) ON \(SQLiteStorage.quote(info.sqliteTable)) (\(indexed.map(SQLiteStorage.quote).joined(separator: ", ")))"
        )
    }

    func tableInfo(project: String, dataset: String, table: String) async throws -> TableInfo {
        // A known table needs no turn on the database queue, which in memory is also the writer's.
        if let cached = cachedTable(project: project, dataset: dataset, table: table) { return cached }
        return try await writer.read { db in try self.requireTable(project: project, dataset: dataset, table: table, db: db) }
    }

    /// The resource with the computed fields BigQuery reports (numRows, numBytes).
    func tableResource(_ info: TableInfo) async throws -> JSONValue {
        let totals = try await writer.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT COALESCE(SUM(bytes), 0) AS bytes,
                           COALESCE((SELECT SUM(rows) FROM bq_partition_bytes WHERE sqlite_name = ?1 AND column_name = ''), 0) AS rows
                    FROM bq_partition_bytes WHERE sqlite_name = ?1 AND column_name != ''
                    """, arguments: [info.sqliteTable])
        }
        var resource = info.resource
        resource["numRows"] = .string(String(totals?["rows"] as Int64? ?? 0))
        resource["numBytes"] = .string(String(totals?["bytes"] as Int64? ?? 0))
        resource["numLongTermBytes"] = "0"
        resource["location"] = resource["location"] ?? "US"
        return .object(resource)
    }

    func listTables(project: String, dataset: String) async throws -> [JSONValue] {
        let texts = try await resourceTexts(of: .tables, project: project, dataset: dataset)
        return try texts.map { text in
            let resource = try JSONValue(parsing: text)
            var summary: JSONObject = ["kind": "bigquery#table"]
            for key in ["id", "tableReference", "type", "timePartitioning", "clustering", "creationTime", "labels", "friendlyName"] {
                if let value = resource[key] { summary[key] = value }
            }
            return .object(summary)
        }
    }

    /// tables.patch and tables.update: metadata changes (labels merged by a PATCH), columns added (NULLABLE or REPEATED),
    /// REQUIRED relaxed to NULLABLE, clustering changed. Partitioning cannot change.
    func patchTable(project: String, dataset: String, table: String, body: JSONObject, replacingLabels: Bool = false) async throws -> JSONValue {
        let updated: TableInfo = try await writer.write { db in
            try self.patchTable(project: project, dataset: dataset, table: table, body: body, replacingLabels: replacingLabels, db: db)
        }
        remember(updated)
        return try await tableResource(updated)
    }

    /// The patch inside a caller's transaction (a load job's schema update); the caller forgets the
    /// table from the cache.
    func patchTable(
        project: String, dataset: String, table: String, body: JSONObject, replacingLabels: Bool = false, db: Database
    ) throws -> TableInfo {
        let current = try self.requireTable(project: project, dataset: dataset, table: table, db: db)
        if current.isView {
            throw GoogleAPIError.badRequest("Unsupported: changing a view is not supported by the local emulator; use CREATE OR REPLACE VIEW")
        }
        var resource = current.resource
        for (key, value) in body
        where !["kind", "id", "tableReference", "creationTime", "etag", "type", "numRows", "numBytes", "location", "labels"].contains(key) {
            resource[key] = value.isNull ? JSONValue?.none : value
        }
        if let labels = body["labels"] { try ResourceLabels.update(&resource, with: labels, replacing: replacingLabels) }
        if let requested = body["timePartitioning"], requested != current.resource["timePartitioning"] {
            let requestedSpec = try? TableResourceRules.partitioning(from: ["timePartitioning": requested], schema: current.schema)
            if requestedSpec != current.partitioning {
                throw GoogleAPIError.badRequest("Cannot change partitioning spec for a table.")
            }
            resource["timePartitioning"] = current.resource["timePartitioning"]
        }
        if let requested = body["rangePartitioning"], requested != current.resource["rangePartitioning"] ?? .null {
            throw GoogleAPIError.badRequest("Cannot change partitioning spec for a table.")
        }
        if current.resource["rangePartitioning"] != nil, TableResourceRules.requirePartitionFilter(from: resource) {
            throw GoogleAPIError.badRequest(
                "Unsupported: require_partition_filter on an integer range partitioned table is not supported by the local emulator")
        }
        let newSchema = try TableResourceRules.schema(from: resource["schema"] ?? current.schema.json)
        try ColumnDefaults.check(newSchema)
        let added = try BigQueryStore.schemaAdditions(from: current.schema, to: newSchema)
        resource["schema"] = newSchema.json
        resource["lastModifiedTime"] = epochMillisString()
        resource["etag"] = .string(UUID().uuidString)
        let info = try BigQueryStore.tableInfo(
            project: project, dataset: dataset, table: table, sqliteName: current.sqliteTable,
            resourceText: JSONValue.object(resource).encodedString())
        try Self.checkColumnCount(current.storageColumnCount(with: newSchema))
        for field in added {
            try db.execute(
                sql:
                    "ALTER TABLE \(SQLiteStorage.quote(current.sqliteTable)) ADD COLUMN \(SQLiteStorage.quote(field.name)) \(SQLiteStorage.columnType(of: field))"
            )
        }
        if info.catalog.clustering != current.catalog.clustering { try self.createIndex(for: info, db: db) }
        try db.execute(
            sql: "UPDATE bq_tables SET resource = ? WHERE project = ? AND dataset = ? AND table_id = ?",
            arguments: [JSONValue.object(info.resource).encodedString(), project, dataset, table])
        return info
    }

    /// The new top-level fields; throws when a change is more than BigQuery allows.
    static func schemaAdditions(from old: TableSchema, to new: TableSchema) throws -> [TableFieldSchema] {
        for field in old.fields {
            guard let replacement = new.field(named: field.name) else {
                throw GoogleAPIError.badRequest("Provided Schema does not match Table. Field \(field.name) is missing in new schema")
            }
            guard replacement.type == field.type else {
                throw GoogleAPIError.badRequest(
                    "Provided Schema does not match Table. Field \(field.name) has changed type from \(field.type.standardSQLName) to \(replacement.type.standardSQLName)"
                )
            }
            guard field.parameters.widens(to: replacement.parameters) else {
                throw GoogleAPIError.badRequest(
                    "Provided Schema does not match Table. Field \(field.name) has changed type from \(field.parameters.typeName(field.type)) to \(replacement.parameters.typeName(replacement.type)); a parameterized type may only widen"
                )
            }
            let relaxed = field.mode == .required && replacement.mode == .nullable
            guard replacement.mode == field.mode || relaxed else {
                throw GoogleAPIError.badRequest(
                    "Provided Schema does not match Table. Field \(field.name) has changed mode from \(field.mode.rawValue) to \(replacement.mode.rawValue)"
                )
            }
            if field.type == .record {
                _ = try schemaAdditions(from: TableSchema(fields: field.fields), to: TableSchema(fields: replacement.fields))
            }
        }
        let added = new.fields.filter { old.field(named: $0.name) == nil }
        if let required = added.first(where: { $0.mode == .required }) {
            throw GoogleAPIError.badRequest("Provided Schema does not match Table. Cannot add required field \(required.name)")
        }
        return added
    }

    func deleteTable(project: String, dataset: String, table: String) async throws {
        try await writer.write { db in
            try self.dropTable(try self.requireTable(project: project, dataset: dataset, table: table, db: db), db: db)
        }
        forgetTable(TableKey(project: project, dataset: dataset, table: table))
    }

    /// Removes a table or view, its rows and its metadata (the caller forgets it from the cache).
    func dropTable(_ info: TableInfo, db: Database) throws {
        try self.dropStorage(sqliteName: info.sqliteTable, db: db)
        try db.execute(
            sql: "DELETE FROM bq_tables WHERE project = ? AND dataset = ? AND table_id = ?",
            arguments: [info.catalog.projectId, info.catalog.datasetId, info.catalog.tableId])
    }
}

extension BigQueryStore {
    /// Refuses, as BigQuery refuses a WRITE_EMPTY job, a table that has rows. A table that does not
    /// exist has none.
    func requireNoRows(in key: TableKey, db: Database) throws {
        guard let info = try table(project: key.project, dataset: key.dataset, table: key.table, db: db) else { return }
        if try Int64.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(SQLiteStorage.quote(info.sqliteTable)))") == 1 {
            throw GoogleAPIError.conflict("Already Exists: Table \(JobConfiguration.name(key))")
        }
    }
}

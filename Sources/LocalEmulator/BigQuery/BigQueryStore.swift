import Foundation
import GRDB
import GoogleSQL
import Synchronization
import WarehouseSchema
import WireJSON

/// Datasets, tables, rows and insertIds of the emulated BigQuery, in SQLite.
///
/// Each BigQuery table is one SQLite table with a column per top-level field (see `SQLiteStorage`),
/// an index on its partitioning and clustering columns, and per-partition byte counts that make
/// `totalBytesProcessed` reflect partition pruning.
final class BigQueryStore: Sendable {
    static let migrations: [EmulatorDatabase.Migration] = [
        .init(name: "bigquery-1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE bq_datasets (
                        project TEXT NOT NULL, dataset TEXT NOT NULL, resource TEXT NOT NULL,
                        PRIMARY KEY (project, dataset)) WITHOUT ROWID;
                    CREATE TABLE bq_tables (
                        project TEXT NOT NULL, dataset TEXT NOT NULL, table_id TEXT NOT NULL,
                        sqlite_name TEXT NOT NULL UNIQUE, resource TEXT NOT NULL,
                        PRIMARY KEY (project, dataset, table_id)) WITHOUT ROWID;
                    CREATE TABLE bq_insert_ids (
                        sqlite_name TEXT NOT NULL, insert_id TEXT NOT NULL, inserted_at INTEGER NOT NULL,
                        PRIMARY KEY (sqlite_name, insert_id)) WITHOUT ROWID;
                    CREATE INDEX bq_insert_ids_age ON bq_insert_ids (inserted_at);
                    CREATE TABLE bq_partition_bytes (
                        sqlite_name TEXT NOT NULL, partition_start INTEGER NOT NULL, partition_end INTEGER NOT NULL,
                        column_name TEXT NOT NULL, bytes INTEGER NOT NULL, rows INTEGER NOT NULL,
                        PRIMARY KEY (sqlite_name, partition_start, column_name)) WITHOUT ROWID;
                    """)
        },
        .init(name: "bigquery-2-insert-id-log") { db in try db.execute(sql: InsertIdLedger.migration) },
        .init(name: "bigquery-3-insert-id-batches") { db in try db.execute(sql: InsertIdLedger.batchMigration) },
        .init(name: "bigquery-4-routines") { db in try db.execute(sql: BigQueryStore.routinesMigration) },
        .init(name: "bigquery-5-range-partition-counts") { db in try BigQueryStore.recountRangePartitionedTables(db: db) },
    ]

    let database: EmulatorDatabase
    let configuration: EmulatorConfiguration
    /// Tables by `project`, `dataset`, `table` (table ids are case-sensitive in BigQuery).
    private let tableCache = Mutex<[TableKey: TableInfo]>([:])
    let insertIds: InsertIdLedger
    /// Query jobs, kept here so that INFORMATION_SCHEMA.JOBS can list them.
    let jobs: JobRegistry
    let clock: @Sendable () -> Int64

    struct TableKey: Hashable, Sendable {
        var project: String
        var dataset: String
        var table: String
    }

    init(database: EmulatorDatabase, configuration: EmulatorConfiguration) {
        self.database = database
        self.configuration = configuration
        let wallClock = configuration.clock
        self.clock = { wallClock.microsecondsSinceEpoch }
        insertIds = InsertIdLedger(retentionSeconds: configuration.insertIdRetention.components.seconds)
        jobs = JobRegistry(maxRetainedBytes: configuration.maxRetainedResultBytes)
    }

    var writer: any DatabaseWriter { database.writer }

    // MARK: Table registry

    func cachedTable(project: String, dataset: String, table: String) -> TableInfo? {
        let key = TableKey(project: project, dataset: dataset, table: table)
        return tableCache.withLock { $0[key] }
    }

    func table(project: String, dataset: String, table: String, db: Database) throws -> TableInfo? {
        if let cached = cachedTable(project: project, dataset: dataset, table: table) { return cached }
        let key = TableKey(project: project, dataset: dataset, table: table)
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT sqlite_name, resource FROM bq_tables WHERE project = ? AND dataset = ? AND table_id = ?
                    """, arguments: [project, dataset, table])
        else { return nil }
        let info = try BigQueryStore.tableInfo(
            project: project, dataset: dataset, table: table,
            sqliteName: row["sqlite_name"], resourceText: row["resource"])
        tableCache.withLock { $0[key] = info }
        return info
    }

    func requireTable(project: String, dataset: String, table: String, db: Database) throws -> TableInfo {
        guard let info = try self.table(project: project, dataset: dataset, table: table, db: db) else {
            if try !datasetExists(project: project, dataset: dataset, db: db) {
                throw GoogleAPIError.notFound("Not found: Dataset \(project):\(dataset)")
            }
            throw GoogleAPIError.notFound("Not found: Table \(project):\(dataset).\(table)")
        }
        return info
    }

    func forgetTable(_ key: TableKey) { tableCache.withLock { _ = $0.removeValue(forKey: key) } }

    func remember(_ info: TableInfo) {
        let key = TableKey(project: info.catalog.projectId, dataset: info.catalog.datasetId, table: info.catalog.tableId)
        tableCache.withLock { $0[key] = info }
    }

    static func tableInfo(
        project: String, dataset: String, table: String, sqliteName: String,
        resourceText: String
    ) throws -> TableInfo {
        guard case .object(let resource) = try JSONValue(parsing: resourceText) else {
            throw GoogleAPIError(.internalServerError, reason: "internalError", message: "Corrupt table metadata")
        }
        let schema = try TableResourceRules.schema(from: resource["schema"] ?? ["fields": []])
        let catalog = CatalogTable(
            projectId: project, datasetId: dataset, tableId: table, sqliteTable: sqliteName, schema: schema,
            partitioning: try TableResourceRules.partitioning(from: resource, schema: schema),
            rangePartitioning: RangePartitioning.catalogSpec(resource["rangePartitioning"]),
            clustering: try TableResourceRules.clustering(from: resource, schema: schema),
            requirePartitionFilter: TableResourceRules.requirePartitionFilter(from: resource))
        return TableInfo(catalog: catalog, resource: resource)
    }

    func datasetExists(project: String, dataset: String, db: Database) throws -> Bool {
        try Bool.fetchOne(
            db, sql: "SELECT 1 FROM bq_datasets WHERE project = ? AND dataset = ?",
            arguments: [project, dataset]) ?? false
    }
}

import GRDB
import Testing
import WarehouseSchema
import WireJSON

@testable import GoogleSQL

/// An in-memory SQLite database holding one table in the emulator's storage form.
struct Fixture {
    static let micros = CivilTime.microsPerDay
    static func ts(_ text: String) -> Int64 { CivilTime.parseTimestamp(text)! }
    static func day(_ text: String) -> Int64 { CivilTime.parseDate(text)! }
    /// 2024-01-02 12:00:00 UTC, the CURRENT_TIMESTAMP of every fixture query.
    static let now = ts("2024-01-02 12:00:00")

    static let eventsSchema = TableSchema(fields: [
        TableFieldSchema(name: "event_id", type: .string, mode: .required),
        TableFieldSchema(name: "event_type", type: .string),
        TableFieldSchema(name: "user_id", type: .integer),
        TableFieldSchema(name: "amount", type: .float),
        TableFieldSchema(name: "price", type: .numeric),
        TableFieldSchema(name: "is_test", type: .boolean),
        TableFieldSchema(name: "occurred_at", type: .timestamp),
        TableFieldSchema(name: "event_date", type: .date),
        TableFieldSchema(name: "tags", type: .string, mode: .repeated),
        TableFieldSchema(name: "payload", type: .json),
        TableFieldSchema(
            name: "device", type: .record,
            fields: [
                TableFieldSchema(name: "os", type: .string),
                TableFieldSchema(name: "version", type: .integer),
                TableFieldSchema(name: "meta", type: .record, fields: [TableFieldSchema(name: "build", type: .string)]),
            ]),
    ])

    static func device(_ os: String, _ version: Int64, _ build: String) -> BigQueryValue {
        .record([.string(os), .int64(version), .record([.string(build)])])
    }

    static let eventRows: [[BigQueryValue]] = [
        [
            .string("e1"), .string("click"), .int64(1), .float64(1.5), .numeric("10.25"), .bool(false),
            .timestamp(ts("2024-01-01 08:00:00")), .date(day("2024-01-01")), .array([.string("a"), .string("b")]),
            .json(#"{"page":"home","n":3}"#), device("ios", 17, "x1"),
        ],
        [
            .string("e2"), .string("view"), .int64(1), .float64(2.5), .numeric("9.5"), .bool(false),
            .timestamp(ts("2024-01-01 20:30:00")), .date(day("2024-01-01")), .array([.string("b")]),
            .json(#"{"page":"cart","n":1}"#), device("android", 14, "y2"),
        ],
        [
            .string("e3"), .string("click"), .int64(2), .float64(4.0), .numeric("100"), .bool(true),
            .timestamp(ts("2024-01-02 09:15:00")), .date(day("2024-01-02")), .array([]),
            .json(#"{"page":"home"}"#), device("ios", 16, "x0"),
        ],
        [
            .string("e4"), .string("purchase"), .int64(3), .float64(10.0), .numeric("0.5"), .bool(false),
            .timestamp(ts("2024-01-03 00:00:00")), .date(day("2024-01-03")), .array([.string("c")]),
            .null, .null,
        ],
        [
            .string("e5"), .null, .null, .null, .null, .null,
            .timestamp(ts("2024-01-03 23:59:59.999999")), .null, .array([]), .null, .null,
        ],
    ]

    let queue: DatabaseQueue
    let tables: [CatalogTable]

    init(tables: [(CatalogTable, [[BigQueryValue]])]) throws {
        var configuration = Configuration()
        configuration.prepareDatabase { db in try SQLiteFunctions.register(in: db) }
        queue = try DatabaseQueue(configuration: configuration)
        self.tables = tables.map(\.0)
        try queue.write { db in
            for (table, rows) in tables {
                var columns = table.schema.fields.map { "\"\($0.name)\" \(SQLiteStorage.columnType(of: $0))" }
                if table.partitioning != nil && table.partitioning?.column == nil {
                    columns.append("\"\(SQLiteStorage.partitionTimeColumn)\" INTEGER")
                }
                try db.execute(sql: "CREATE TABLE \"\(table.sqliteTable)\" (\(columns.joined(separator: ", ")))")
                for row in rows {
                    var values = zip(row, table.schema.fields).map { SQLiteStorage.encode($0, field: $1) }
                    var names = table.schema.fields.map { "\"\($0.name)\"" }
                    if row.count > table.schema.fields.count, case .timestamp(let micros) = row.last! {
                        values.append(micros.databaseValue)
                        names.append("\"\(SQLiteStorage.partitionTimeColumn)\"")
                    }
                    let marks = Array(repeating: "?", count: values.count).joined(separator: ", ")
                    try db.execute(
                        sql: "INSERT INTO \"\(table.sqliteTable)\" (\(names.joined(separator: ", "))) VALUES (\(marks))",
                        arguments: StatementArguments(values))
                }
            }
        }
    }

    static func events(requirePartitionFilter: Bool = false) throws -> Fixture {
        let table = CatalogTable(
            projectId: "proj", datasetId: "ds", tableId: "events", sqliteTable: "t_proj_ds_events",
            schema: eventsSchema, partitioning: PartitionSpec(granularity: .day, column: "occurred_at"),
            clustering: ["event_type"], requirePartitionFilter: requirePartitionFilter)
        return try Fixture(tables: [(table, eventRows)])
    }

    /// An ingestion-time partitioned table: the last value of each row is its `_PARTITIONTIME`.
    static func ingestion(requirePartitionFilter: Bool = true) throws -> Fixture {
        let table = CatalogTable(
            projectId: "proj", datasetId: "ds", tableId: "logs", sqliteTable: "t_logs",
            schema: TableSchema(fields: [TableFieldSchema(name: "line", type: .string)]),
            partitioning: PartitionSpec(granularity: .day, column: nil),
            requirePartitionFilter: requirePartitionFilter)
        return try Fixture(tables: [
            (
                table,
                [
                    [.string("old"), .timestamp(ts("2024-01-01 00:00:00"))],
                    [.string("new"), .timestamp(ts("2024-01-02 00:00:00"))],
                ]
            )
        ])
    }

    func catalog(_ name: TableName) throws -> CatalogTable? {
        tables.first { $0.projectId == name.project && $0.datasetId == name.dataset && $0.tableId == name.table }
    }

    func compile(_ sql: String, _ parameters: [QueryParameter] = [], dataset: String? = "ds") throws -> CompiledQuery {
        try GoogleSQLCompiler.compile(
            sql, parameters: parameters, defaultProject: "proj", defaultDataset: dataset,
            catalog: catalog, now: Fixture.now)
    }

    /// Compiles, runs and decodes like the emulator does.
    func rows(_ sql: String, _ parameters: [QueryParameter] = []) throws -> [[BigQueryValue]] {
        let query = try compile(sql, parameters)
        return try queue.read { db in
            try Row.fetchAll(db, sql: query.sql, arguments: query.arguments).map { row in
                zip(row.databaseValues, query.schema.fields).map { SQLiteStorage.decode($0, field: $1) }
            }
        }
    }

    /// The single column of every row.
    func column(_ sql: String, _ parameters: [QueryParameter] = []) throws -> [BigQueryValue] {
        try rows(sql, parameters).map { $0.first ?? .null }
    }

    func count(_ table: String) throws -> Int {
        try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \"\(table)\"") ?? -1 }
    }
}

func named(_ name: String, _ type: FieldType, _ value: BigQueryValue) -> QueryParameter {
    QueryParameter(name: name, type: .scalar(type), value: value)
}

/// The message of the GoogleSQLError a closure throws, or nil.
func errorMessage(_ body: () throws -> Any) -> String? {
    do {
        _ = try body()
        return nil
    } catch let error as GoogleSQLError {
        return error.message
    } catch {
        return "non-GoogleSQL error: \(error)"
    }
}

func errorKind(_ body: () throws -> Any) -> GoogleSQLError.Kind? {
    do {
        _ = try body()
        return nil
    } catch let error as GoogleSQLError {
        return error.kind
    } catch {
        return nil
    }
}

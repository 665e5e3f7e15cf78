import GRDB
import GRDBSQLite
import GoogleSQL
import WarehouseClient

/// Arbitrary text compiled as GoogleSQL against one table (every column type, a partition column,
/// nested records) and, when it compiles, run on SQLite: errors are expected, crashes are defects.
enum GoogleSQLFuzz {
    static let target = FuzzTarget(name: "googlesql", prepare: { _ = fixture }) { bytes in
        check(String(decoding: bytes, as: UTF8.self))
    }

    static func check(_ sql: String) {
        // Half the inputs run with a default time zone other than UTC (`SET @@time_zone`'s paths).
        var parameters = parameters()
        if sql.utf8.count % 2 == 1 {
            parameters.append(
                QueryParameter(name: GoogleSQLCompiler.timeZoneParameter, type: .scalar(.string), value: .string("America/Los_Angeles")))
        }
        guard
            let query = try? GoogleSQLCompiler.compile(
                sql, parameters: parameters, defaultProject: "proj",
                defaultDataset: "ds", catalog: catalog, now: now)
        else { return }
        run(query)
    }

    /// Runs the translated statement with a bound on SQLite's work, so that a legitimately slow
    /// query (a cross join of cross joins) is cut short instead of reported as a hang.
    static func run(_ query: CompiledQuery) {
        try? fixture.read { db in
            progressCallsLeft = 200
            sqlite3_progress_handler(
                db.sqliteConnection, 10_000,
                { _ in
                    progressCallsLeft -= 1
                    return progressCallsLeft > 0 ? 0 : 1
                }, nil)
            defer { sqlite3_progress_handler(db.sqliteConnection, 0, nil, nil) }
            let rows = try Row.fetchCursor(db, sql: query.sql, arguments: query.arguments)
            var count = 0
            while let row = try rows.next(), count < 1_000 {
                for (value, field) in zip(row.databaseValues, query.schema.fields) {
                    _ = SQLiteStorage.decode(value, field: field)
                }
                count += 1
            }
        }
    }

    static let now: Int64 = 1_704_196_800_000_000  // 2024-01-02 12:00:00 UTC

    /// Built per input: statics of boxed enum payloads read to LeakSanitizer as leaked.
    static func parameters() -> [QueryParameter] {
        [
            QueryParameter(name: "s", type: .scalar(.string), value: .string("a'b\"c")),
            QueryParameter(name: "n", type: .scalar(.integer), value: .int64(7)),
            QueryParameter(name: "f", type: .scalar(.float), value: .float64(2.5)),
            QueryParameter(name: "ts", type: .scalar(.timestamp), value: .timestamp(now)),
            QueryParameter(name: "b", type: .scalar(.boolean), value: .bool(true)),
        ]
    }

    static let schema = TableSchema(fields: [
        TableFieldSchema(name: "event_id", type: .string, mode: .required),
        TableFieldSchema(name: "user_id", type: .integer),
        TableFieldSchema(name: "amount", type: .float),
        TableFieldSchema(name: "price", type: .numeric),
        TableFieldSchema(name: "big", type: .bignumeric),
        TableFieldSchema(name: "is_test", type: .boolean),
        TableFieldSchema(name: "occurred_at", type: .timestamp),
        TableFieldSchema(name: "event_date", type: .date),
        TableFieldSchema(name: "local_time", type: .datetime),
        TableFieldSchema(name: "clock", type: .time),
        TableFieldSchema(name: "raw", type: .bytes),
        TableFieldSchema(name: "tags", type: .string, mode: .repeated),
        TableFieldSchema(name: "payload", type: .json),
        TableFieldSchema(
            name: "device", type: .record,
            fields: [
                TableFieldSchema(name: "os", type: .string),
                TableFieldSchema(name: "version", type: .integer),
                TableFieldSchema(name: "meta", type: .record, fields: [TableFieldSchema(name: "build", type: .string)]),
            ]),
        TableFieldSchema(name: "stay", type: .rangeDate),
    ])

    static let table = CatalogTable(
        projectId: "proj", datasetId: "ds", tableId: "events", sqliteTable: "t_events",
        schema: schema, partitioning: PartitionSpec(granularity: .day, column: "occurred_at"),
        clustering: ["user_id"], requirePartitionFilter: false)

    static func catalog(_ name: TableName) throws -> CatalogTable? {
        name.table == "events" && (name.dataset ?? "ds") == "ds" && (name.project ?? "proj") == "proj" ? table : nil
    }

    /// Built only inside `fixture`: a static of indirect enum boxes reads to LeakSanitizer as leaked.
    static func rows() -> [[BigQueryValue]] {
        [
            [
                .string("e1"), .int64(1), .float64(1.5), .numeric("10.25"), .bignumeric("1.000000000000000000000000000000000001"),
                .bool(false), .timestamp(now - 3_600_000_000), .date(19_723), .datetime(days: 19_723, timeMicros: 28_800_000_000),
                .time(28_800_500_000),
                .bytes([0, 1, 2, 255]), .array([.string("a"), .string("b")]), .json(#"{"page":"home","n":3,"a":[1,{"b":null}]}"#),
                .record([.string("ios"), .int64(17), .record([.string("x1")])]),
                .range(RangeValue(element: .date, start: 19_700, end: 19_730)!),
            ],
            [
                .string("e2"), .int64(-9_223_372_036_854_775_808), .float64(-0.0), .numeric("-99999999999999999999999999999.999999999"),
                .null, .bool(true), .timestamp(0), .date(0), .null, .null, .bytes([]), .array([]), .json("null"), .null,
                .range(RangeValue(element: .date, start: nil, end: 0)!),
            ],
            [.string("e3\u{0}x"), .null, .null, .null, .null, .null, .null, .null, .null, .null, .null, .array([]), .null, .null, .null],
        ]
    }

    /// An in-memory database holding `table` in the emulator's storage form, with its functions.
    static let fixture: DatabaseQueue = {
        var configuration = Configuration()
        configuration.prepareDatabase { db in try SQLiteFunctions.register(in: db) }
        do {
            let queue = try DatabaseQueue(configuration: configuration)
            try queue.write { db in
                let columns = schema.fields.map { "\"\($0.name)\" \(SQLiteStorage.columnType(of: $0))" }
                try db.execute(sql: "CREATE TABLE \"\(table.sqliteTable)\" (\(columns.joined(separator: ", ")))")
                let marks = Array(repeating: "?", count: schema.fields.count).joined(separator: ", ")
                for row in rows() {
                    let values = zip(row, schema.fields).map { SQLiteStorage.encode($0, field: $1) }
                    try db.execute(sql: "INSERT INTO \"\(table.sqliteTable)\" VALUES (\(marks))", arguments: StatementArguments(values))
                }
            }
            return queue
        } catch {
            fatalError("fixture: \(error)")
        }
    }()
}

/// Progress-handler calls left for the running statement (one input at a time). A global, because a
/// C callback cannot capture context.
nonisolated(unsafe) private var progressCallsLeft = 0

import GRDB
import Testing
import WarehouseSchema

@testable import GoogleSQL

@Suite struct PartitionTests {
    let required = try! Fixture.events(requirePartitionFilter: true)
    static let day = CivilTime.microsPerDay

    @Test func requirePartitionFilterRejectsUnfilteredQueries() {
        let message = "Cannot query over table 'ds.events' without a filter over column(s) 'occurred_at' that can be used for partition elimination"
        #expect(errorMessage { try required.compile("SELECT event_id FROM events") } == message)
        #expect(errorMessage { try required.compile("SELECT event_id FROM events WHERE user_id = 1") } == message)
        // A disjunction cannot prune partitions.
        #expect(
            errorMessage { try required.compile("SELECT event_id FROM events WHERE occurred_at > TIMESTAMP '2024-01-01' OR user_id = 1") } == message)
    }

    @Test func oneDayWindowReportsBoundsAndFiltersRows() throws {
        let sql = "SELECT event_id FROM events WHERE occurred_at >= TIMESTAMP '2024-01-02' AND occurred_at < TIMESTAMP('2024-01-03 00:00:00')"
        let query = try required.compile(sql)
        #expect(query.scans.count == 1)
        #expect(query.scans[0].partitionLowerMicros == Fixture.ts("2024-01-02 00:00:00"))
        #expect(query.scans[0].partitionUpperMicros == Fixture.ts("2024-01-03 00:00:00") - 1)
        #expect(query.scans[0].columns == ["event_id", "occurred_at"])
        #expect(try required.column(sql) == [.string("e3")])
    }

    @Test func relativeWindowFromCurrentTimestampIsFoldedAtCompileTime() throws {
        let query = try required.compile("SELECT event_id FROM events WHERE occurred_at > TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 1 DAY)")
        #expect(query.scans[0].partitionLowerMicros == Fixture.now - Self.day + 1)
        #expect(query.scans[0].partitionUpperMicros == nil)
        #expect(
            try required.column("SELECT event_id FROM events WHERE occurred_at > TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 1 DAY) ORDER BY 1") == [
                .string("e2"), .string("e3"), .string("e4"), .string("e5"),
            ])
    }

    @Test func dateOfPartitionColumnAndParametersBoundTheScan() throws {
        let query = try required.compile("SELECT event_id FROM events WHERE DATE(occurred_at) = '2024-01-01'")
        #expect(query.scans[0].partitionLowerMicros == Fixture.ts("2024-01-01 00:00:00"))
        #expect(query.scans[0].partitionUpperMicros == Fixture.ts("2024-01-02 00:00:00") - 1)
        #expect(
            try required.column("SELECT event_id FROM events WHERE DATE(occurred_at) = '2024-01-01' ORDER BY 1") == [.string("e1"), .string("e2")])
        let parameters = [
            named("from", .timestamp, .timestamp(Fixture.ts("2024-01-03 00:00:00"))),
            named("to", .timestamp, .timestamp(Fixture.ts("2024-01-04 00:00:00"))),
        ]
        let between = try required.compile("SELECT event_id FROM events WHERE occurred_at BETWEEN @from AND @to", parameters)
        #expect(between.scans[0].partitionLowerMicros == Fixture.ts("2024-01-03 00:00:00"))
        #expect(between.scans[0].partitionUpperMicros == Fixture.ts("2024-01-04 00:00:00"))
        #expect(
            try required.column("SELECT event_id FROM events WHERE occurred_at BETWEEN @from AND @to ORDER BY 1", parameters) == [
                .string("e4"), .string("e5"),
            ])
    }

    /// Under a default time zone DATE(column) is the civil date there: still a partition filter, its
    /// window that zone's day in UTC.
    @Test func dateOfPartitionColumnInTheDefaultZoneBoundsTheScan() throws {
        let zone = [named("@@time_zone", .string, .string("America/Los_Angeles"))]
        let query = try required.compile("SELECT event_id FROM events WHERE DATE(occurred_at) = '2024-01-01'", zone)
        #expect(query.scans[0].partitionLowerMicros == Fixture.ts("2024-01-01 08:00:00"))
        #expect(query.scans[0].partitionUpperMicros == Fixture.ts("2024-01-02 08:00:00") - 1)
        let between = try required.compile("SELECT event_id FROM events WHERE DATE(occurred_at) BETWEEN '2024-01-01' AND '2024-01-02'", zone)
        #expect(between.scans[0].partitionUpperMicros == Fixture.ts("2024-01-03 08:00:00") - 1)
        #expect(
            try required.column("SELECT event_id FROM events WHERE DATE(occurred_at) = '2024-01-01' ORDER BY 1", zone)
                == required.column("SELECT event_id FROM events WHERE DATE(occurred_at, 'America/Los_Angeles') = '2024-01-01' ORDER BY 1"))
    }

    @Test func partitionRangeIsSargableForTheIndex() throws {
        try required.queue.write { db in try db.execute(sql: "CREATE INDEX idx_occurred ON t_proj_ds_events(occurred_at)") }
        let query = try required.compile("SELECT event_id FROM events WHERE DATE(occurred_at) >= '2024-01-02' AND user_id > 0")
        #expect(query.sql.contains("\"occurred_at\" >= ?"))
        let plan = try required.queue.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + query.sql, arguments: query.arguments).map { $0["detail"] as String? ?? "" }
        }
        #expect(plan.joined().contains("idx_occurred"))
        #expect(
            try required.column("SELECT event_id FROM events WHERE DATE(occurred_at) >= '2024-01-02' AND user_id > 0 ORDER BY 1") == [
                .string("e3"), .string("e4"),
            ])
    }

    @Test func partitionDecoratorRestrictsToOnePartition() throws {
        let query = try required.compile("SELECT event_id FROM ds.events$20240101 ORDER BY 1")
        #expect(query.scans[0].partitionLowerMicros == Fixture.ts("2024-01-01 00:00:00"))
        #expect(query.scans[0].partitionUpperMicros == Fixture.ts("2024-01-02 00:00:00") - 1)
        #expect(try required.column("SELECT event_id FROM ds.events$20240101 ORDER BY 1") == [.string("e1"), .string("e2")])
        #expect(try required.column("SELECT event_id FROM `proj.ds.events$2024010120` ORDER BY 1") == [.string("e2")])
        #expect(try required.column("SELECT COUNT(*) FROM `ds.events$202401`") == [.int64(5)])
        #expect(try required.column("SELECT COUNT(*) FROM `ds.events$2023`") == [.int64(0)])
    }

    @Test func ingestionTimeTablesUsePseudoColumns() throws {
        let db = try Fixture.ingestion()
        #expect(
            errorMessage { try db.compile("SELECT line FROM logs") }
                == "Cannot query over table 'ds.logs' without a filter over column(s) '_PARTITION_LOAD_TIME', '_PARTITIONDATE', '_PARTITIONTIME' that can be used for partition elimination"
        )
        #expect(try db.column("SELECT line FROM logs WHERE _PARTITIONTIME >= TIMESTAMP '2024-01-02'") == [.string("new")])
        #expect(try db.column("SELECT line FROM logs WHERE _PARTITIONDATE = '2024-01-01'") == [.string("old")])
        let query = try db.compile("SELECT _PARTITIONTIME AS pt, line FROM logs WHERE _PARTITIONDATE <= DATE '2024-01-01'")
        #expect(query.schema.fields.map(\.type) == [.timestamp, .string])
        #expect(query.scans[0].partitionUpperMicros == Fixture.ts("2024-01-02 00:00:00") - 1)
        #expect(query.scans[0].columns == ["line"])
    }

    @Test func pseudoColumnsDoNotExistOnColumnPartitionedTables() {
        #expect(
            errorMessage { try required.compile("SELECT event_id FROM events WHERE _PARTITIONTIME > TIMESTAMP '2024-01-01'") }
                == "Unrecognized name: _PARTITIONTIME at [1:35]")
    }

    @Test func datePartitionedTableReportsMicrosBounds() throws {
        let table = CatalogTable(
            projectId: "proj", datasetId: "ds", tableId: "daily", sqliteTable: "t_daily",
            schema: TableSchema(fields: [TableFieldSchema(name: "d", type: .date), TableFieldSchema(name: "v", type: .integer)]),
            partitioning: PartitionSpec(granularity: .day, column: "d"), requirePartitionFilter: true)
        let db = try Fixture(tables: [(table, [[.date(Fixture.day("2024-01-01")), .int64(1)], [.date(Fixture.day("2024-01-02")), .int64(2)]])])
        let query = try db.compile("SELECT v FROM daily WHERE d > '2024-01-01'")
        #expect(query.scans[0].partitionLowerMicros == Fixture.day("2024-01-02") * Self.day)
        #expect(try db.column("SELECT v FROM daily WHERE d > '2024-01-01'") == [.int64(2)])
        #expect(try db.column("SELECT v FROM daily WHERE d <= DATE '2024-01-01'") == [.int64(1)])
    }

    @Test func scansListEveryColumnRead() throws {
        let db = try Fixture.events()
        #expect(
            try db.compile("SELECT event_id FROM events WHERE user_id = 1 ORDER BY amount").scans[0].columns == ["event_id", "user_id", "amount"])
        #expect(try db.compile("SELECT * FROM events").scans[0].columns == Fixture.eventsSchema.fields.map(\.name))
        #expect(try db.compile("SELECT device.os FROM events").scans[0].columns == ["device"])
        #expect(try db.compile("SELECT 1").scans.isEmpty)
    }
}

@Suite struct PartitionParameterTests {
    @Test func nullParameterStillCountsAsAPartitionFilter() throws {
        let db = try Fixture.events(requirePartitionFilter: true)
        let parameters = [named("start", .timestamp, .null)]
        let query = try db.compile("SELECT event_id FROM events WHERE occurred_at >= @start", parameters)
        #expect(query.scans[0].partitionLowerMicros == nil)
        #expect(try db.column("SELECT event_id FROM events WHERE occurred_at >= @start", parameters) == [])
    }
}

@Suite struct PartitionInListTests {
    @Test func inListOfDaysBoundsTheScan() throws {
        let db = try Fixture.events(requirePartitionFilter: true)
        let sql = "SELECT event_id FROM events WHERE DATE(occurred_at) IN ('2024-01-03', '2024-01-01') ORDER BY 1"
        let query = try db.compile(sql)
        #expect(query.scans[0].partitionLowerMicros == Fixture.ts("2024-01-01 00:00:00"))
        #expect(query.scans[0].partitionUpperMicros == Fixture.ts("2024-01-04 00:00:00") - 1)
        #expect(try db.column(sql) == [.string("e1"), .string("e2"), .string("e4"), .string("e5")])
    }
}

import GRDB
import Testing
import WarehouseSchema
import WireJSON

@testable import GoogleSQL

@Suite struct SelectExecutionTests {
    let db = try! Fixture.events()

    @Test func selectStarReturnsEveryColumnInSchemaOrder() throws {
        let query = try db.compile("SELECT * FROM ds.events ORDER BY event_id")
        #expect(query.schema.fields.map(\.name) == Fixture.eventsSchema.fields.map(\.name))
        let rows = try db.rows("SELECT * FROM ds.events ORDER BY event_id")
        #expect(rows.count == 5)
        #expect(rows[0] == Fixture.eventRows[0])
        #expect(rows[3][9] == .null)
        #expect(rows[4][8] == .array([]))
    }

    @Test func qualifiedStarAndAliasesResolve() throws {
        let rows = try db.rows("select e.event_id AS id, e.* from `proj.ds.events` AS e where e.user_id = 2")
        #expect(rows.count == 1)
        #expect(rows[0][0] == .string("e3"))
        #expect(rows[0][1] == .string("e3"))
    }

    @Test func whereComparisonsAndBooleanLogic() throws {
        #expect(try db.column("SELECT event_id FROM events WHERE user_id = 1 AND NOT is_test ORDER BY 1") == [.string("e1"), .string("e2")])
        #expect(
            try db.column("SELECT event_id FROM events WHERE user_id <> 1 OR user_id IS NULL ORDER BY 1") == [
                .string("e3"), .string("e4"), .string("e5"),
            ])
        #expect(try db.column("SELECT event_id FROM events WHERE amount >= 2.5 AND amount < 10 ORDER BY event_id") == [.string("e2"), .string("e3")])
        #expect(try db.column("SELECT event_id FROM events WHERE user_id != 1 ORDER BY event_id DESC") == [.string("e4"), .string("e3")])
        #expect(
            try db.column("SELECT event_id FROM events WHERE event_type IS NOT NULL AND user_id <= 1 ORDER BY 1") == [.string("e1"), .string("e2")])
        #expect(try db.column("SELECT event_id FROM events WHERE user_id > 2") == [.string("e4")])
    }

    @Test func inListBetweenAndLike() throws {
        #expect(try db.column("SELECT event_id FROM events WHERE event_type IN ('view', 'purchase') ORDER BY 1") == [.string("e2"), .string("e4")])
        #expect(try db.column("SELECT event_id FROM events WHERE event_type NOT IN ('click') ORDER BY 1") == [.string("e2"), .string("e4")])
        #expect(try db.column("SELECT event_id FROM events WHERE user_id BETWEEN 2 AND 3 ORDER BY 1") == [.string("e3"), .string("e4")])
        #expect(try db.column("SELECT event_id FROM events WHERE event_type LIKE 'c%' ORDER BY 1") == [.string("e1"), .string("e3")])
        #expect(try db.column("SELECT event_id FROM events WHERE event_type NOT LIKE '%i%' ORDER BY 1") == [.string("e4")])
        // BigQuery's LIKE is case-sensitive, unlike SQLite's.
        #expect(try db.column("SELECT event_id FROM events WHERE event_type LIKE 'CLICK'") == [])
        #expect(try db.column("SELECT event_id FROM events WHERE event_type LIKE 'v_ew'") == [.string("e2")])
    }

    @Test func arithmeticConcatAndUnaryMinus() throws {
        let rows = try db.rows("SELECT user_id * 2 + 1, -amount, amount / 2, event_type || '!' FROM events WHERE event_id = 'e3'")
        #expect(rows == [[.int64(5), .float64(-4), .float64(2), .string("click!")]])
        let query = try db.compile("SELECT user_id * 2 + 1, -amount, user_id / 2, event_type || '!' FROM events")
        #expect(query.schema.fields.map(\.type) == [.integer, .float, .float, .string])
        #expect(query.schema.fields.map(\.name) == ["f0_", "f1_", "f2_", "f3_"])
    }

    @Test func groupByWithAggregatesAndHaving() throws {
        let sql = """
            SELECT event_type AS kind, COUNT(*) AS n, COUNT(user_id), COUNT(DISTINCT user_id) AS users,
                   SUM(user_id) AS total, AVG(amount) AS mean, MIN(amount), MAX(occurred_at) AS latest
            FROM ds.events
            WHERE event_type IS NOT NULL
            GROUP BY kind
            HAVING COUNT(*) >= 1
            ORDER BY n DESC, kind
            """
        let query = try db.compile(sql)
        #expect(query.schema.fields.map(\.name) == ["kind", "n", "f0_", "users", "total", "mean", "f1_", "latest"])
        #expect(query.schema.fields.map(\.type) == [.string, .integer, .integer, .integer, .integer, .float, .float, .timestamp])
        let rows = try db.rows(sql)
        #expect(rows.count == 3)
        #expect(
            rows[0] == [
                .string("click"), .int64(2), .int64(2), .int64(2), .int64(3), .float64(2.75), .float64(1.5),
                .timestamp(Fixture.ts("2024-01-02 09:15:00")),
            ])
        #expect(rows[1][0] == .string("purchase"))
        #expect(rows[2][0] == .string("view"))
    }

    @Test func groupByOrdinalAndColumnName() throws {
        #expect(try db.rows("SELECT event_type, COUNT(*) FROM events GROUP BY 1 HAVING COUNT(*) > 1") == [[.string("click"), .int64(2)]])
        #expect(try db.rows("SELECT user_id, SUM(amount) FROM events GROUP BY user_id ORDER BY 2 DESC LIMIT 1") == [[.int64(3), .float64(10)]])
    }

    @Test func aggregateWithoutGroupByYieldsOneRow() throws {
        #expect(try db.rows("SELECT COUNT(*), SUM(price) FROM events WHERE FALSE") == [[.int64(0), .null]])
        #expect(try db.rows("SELECT COUNT(*) AS n FROM events") == [[.int64(5)]])
    }

    @Test func orderByNullsFirstAndLast() throws {
        #expect(try db.column("SELECT user_id FROM events ORDER BY user_id") == [.null, .int64(1), .int64(1), .int64(2), .int64(3)])
        #expect(try db.column("SELECT user_id FROM events ORDER BY user_id NULLS LAST") == [.int64(1), .int64(1), .int64(2), .int64(3), .null])
        #expect(try db.column("SELECT user_id AS u FROM events ORDER BY u DESC NULLS FIRST") == [.null, .int64(3), .int64(2), .int64(1), .int64(1)])
    }

    @Test func numericComparesAndSortsByValue() throws {
        #expect(try db.column("SELECT price FROM events WHERE price > 9.75 ORDER BY price") == [.numeric("10.25"), .numeric("100")])
        #expect(try db.column("SELECT MAX(price) FROM events") == [.numeric("100")])
    }

    @Test func limitAndOffsetWithLiteralsAndParameters() throws {
        #expect(try db.column("SELECT event_id FROM events ORDER BY event_id LIMIT 2 OFFSET 1") == [.string("e2"), .string("e3")])
        let limit = named("limit", .integer, .int64(3))
        #expect(try db.column("SELECT event_id FROM events ORDER BY event_id LIMIT @limit", [limit]).count == 3)
        let positional = [
            QueryParameter(name: nil, type: .scalar(.integer), value: .int64(1)),
            QueryParameter(name: nil, type: .scalar(.integer), value: .int64(2)),
        ]
        #expect(try db.column("SELECT event_id FROM events ORDER BY event_id LIMIT ? OFFSET ?", positional) == [.string("e3")])
    }

    @Test func nestedRecordFieldsAndJSONValue() throws {
        let rows = try db.rows(
            "SELECT device.os, device.meta.build AS build, JSON_VALUE(payload, '$.page') AS page, device FROM events WHERE device.version >= 16 ORDER BY event_id"
        )
        #expect(rows.count == 2)
        #expect(rows[0][0] == .string("ios"))
        #expect(rows[0][1] == .string("x1"))
        #expect(rows[0][2] == .string("home"))
        #expect(rows[0][3] == Fixture.device("ios", 17, "x1"))
        let query = try db.compile("SELECT device.os, device, tags FROM events")
        #expect(query.schema.fields[0].name == "os")
        #expect(query.schema.fields[1].type == .record)
        #expect(query.schema.fields[1].fields.map(\.name) == ["os", "version", "meta"])
        #expect(query.schema.fields[2].mode == .repeated)
    }

    @Test func selectWithoutFromEvaluatesExpressions() throws {
        #expect(
            try db.rows("SELECT 1 + 2 AS three, 'a' || \"b\", TRUE, NULL, 2.5") == [[.int64(3), .string("ab"), .bool(true), .null, .float64(2.5)]])
    }

    @Test func selectDistinct() throws {
        #expect(
            try db.column("SELECT DISTINCT event_type FROM events WHERE event_type IS NOT NULL ORDER BY event_type") == [
                .string("click"), .string("purchase"), .string("view"),
            ])
    }
}

@Suite struct StarAndArrayTests {
    let db = try! Fixture.events()

    @Test func selectStarExceptAndReplace() throws {
        let query = try db.compile(
            "SELECT * EXCEPT (tags, Payload, device) REPLACE (UPPER(event_type) AS event_type) FROM events WHERE event_id = 'e1'")
        #expect(query.schema.fields.map(\.name) == ["event_id", "event_type", "user_id", "amount", "price", "is_test", "occurred_at", "event_date"])
        #expect(query.scans[0].columns == ["event_id", "event_type", "user_id", "amount", "price", "is_test", "occurred_at", "event_date"])
        #expect(
            try db.rows("SELECT * EXCEPT (tags, Payload, device) REPLACE (UPPER(event_type) AS event_type) FROM events WHERE event_id = 'e1'")[0][1]
                == .string("CLICK"))
        #expect(
            errorMessage { try db.compile("SELECT * EXCEPT (nope) FROM events") } == "Column nope in SELECT * EXCEPT list does not exist at [1:18]")
    }

    @Test func arrayLiteralsAndArrayAgg() throws {
        #expect(try db.column("SELECT event_id FROM events WHERE user_id IN UNNEST([2, 3]) ORDER BY 1") == [.string("e3"), .string("e4")])
        #expect(try db.rows("SELECT ['a', 'b'], ARRAY_LENGTH([1, 2, 3])") == [[.array([.string("a"), .string("b")]), .int64(3)]])
        let query = try db.compile("SELECT event_type, ARRAY_AGG(event_id) AS ids FROM events WHERE event_type = 'click' GROUP BY event_type")
        #expect(query.schema.fields[1].mode == .repeated)
        #expect(query.schema.fields[1].type == .string)
        let rows = try db.rows("SELECT event_type, ARRAY_AGG(event_id) AS ids FROM events WHERE event_type = 'click' GROUP BY event_type")
        #expect(rows.count == 1)
        if case .array(let ids) = rows[0][1] { #expect(Set(ids) == [.string("e1"), .string("e3")]) } else { Issue.record("not an array") }
    }
}

@Suite struct AliasVisibilityTests {
    let db = try! Fixture.events()

    @Test func havingAndOrderByMayUseSelectAliases() throws {
        #expect(
            try db.rows("SELECT event_type, COUNT(*) AS n FROM events GROUP BY 1 HAVING n > 1 ORDER BY n * 2 DESC") == [
                [.string("click"), .int64(2)]
            ])
    }

    @Test func orderByNumericColumnSortsNumerically() throws {
        #expect(
            try db.column("SELECT price FROM events WHERE price IS NOT NULL ORDER BY price DESC") == [
                .numeric("100"), .numeric("10.25"), .numeric("9.5"), .numeric("0.5"),
            ])
        #expect(
            try db.column("SELECT DISTINCT price FROM events WHERE price IS NOT NULL ORDER BY price") == [
                .numeric("0.5"), .numeric("9.5"), .numeric("10.25"), .numeric("100"),
            ])
    }
}

@Suite struct TimeSeriesTests {
    let db = try! Fixture.events(requirePartitionFilter: true)

    @Test func groupByDayAndTruncatedHour() throws {
        let sql = """
            SELECT DATE(occurred_at) AS day, COUNT(*) AS events, COUNT(DISTINCT user_id) AS users
            FROM `proj.ds.events`
            WHERE occurred_at BETWEEN TIMESTAMP '2024-01-01' AND TIMESTAMP '2024-01-03 23:59:59.999999'
            GROUP BY DATE(occurred_at)
            ORDER BY day
            """
        let query = try db.compile(sql)
        #expect(query.schema.fields.map(\.type) == [.date, .integer, .integer])
        #expect(
            try db.rows(sql) == [
                [.date(Fixture.day("2024-01-01")), .int64(2), .int64(1)],
                [.date(Fixture.day("2024-01-02")), .int64(1), .int64(1)],
                [.date(Fixture.day("2024-01-03")), .int64(2), .int64(1)],
            ])
        let hourly = try db.rows(
            """
            SELECT TIMESTAMP_TRUNC(occurred_at, HOUR) AS hour, COUNT(*) FROM events
            WHERE DATE(occurred_at) = '2024-01-01' GROUP BY hour ORDER BY hour DESC
            """)
        #expect(hourly == [[.timestamp(Fixture.ts("2024-01-01 20:00:00")), .int64(1)], [.timestamp(Fixture.ts("2024-01-01 08:00:00")), .int64(1)]])
        #expect(
            errorMessage { try db.compile("SELECT DATE(occurred_at), COUNT(*) FROM events WHERE occurred_at > '2024-01-01' GROUP BY event_type") }
                == "SELECT list expression references column occurred_at which is neither grouped nor aggregated at [1:13]")
    }
}

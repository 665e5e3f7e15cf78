import Testing
import WarehouseSchema

@testable import GoogleSQL

/// UNNEST in FROM; expected values from BigQuery's UNNEST documentation and semantics (one row per
/// element, WITH OFFSET zero-based, an empty or NULL array yields no rows).
@Suite struct UnnestTests {
    let db = try! Fixture.shapes()

    @Test func unnestLiteralWithOffset() throws {
        let sql = "SELECT * FROM UNNEST(['foo', 'bar', 'baz']) AS element WITH OFFSET AS offset ORDER BY offset"
        #expect(try db.compile(sql).schema.fields.map(\.name) == ["element", "offset"])
        #expect(
            try db.rows(sql) == [
                [.string("foo"), .int64(0)], [.string("bar"), .int64(1)], [.string("baz"), .int64(2)],
            ])
        #expect(try db.compile("SELECT * FROM UNNEST([1, 2])").schema.fields.map(\.name) == ["f0_"])
    }

    @Test func correlatedUnnestOfARepeatedColumn() throws {
        let sql = "SELECT event_id, tag FROM events, UNNEST(events.tags) AS tag ORDER BY event_id, tag"
        #expect(
            try db.rows(sql) == [
                [.string("e1"), .string("a")], [.string("e1"), .string("b")], [.string("e2"), .string("b")], [.string("e4"), .string("c")],
            ])
        #expect(try db.column("SELECT COUNT(*) FROM events e, e.tags") == [.int64(4)])
        #expect(try db.column("SELECT COUNT(*) FROM events e CROSS JOIN UNNEST(e.tags) AS t WHERE t = 'b'") == [.int64(2)])
        #expect(
            try db.rows("SELECT e.event_id, t FROM events e LEFT JOIN UNNEST(e.tags) AS t WHERE e.event_id IN ('e3', 'e4') ORDER BY 1")
                == [[.string("e3"), .null], [.string("e4"), .string("c")]])
    }

    @Test func unnestOfAParameter() throws {
        let parameter = QueryParameter(name: "ids", type: .array(.scalar(.integer)), value: .array([.int64(52), .int64(77)]))
        #expect(
            try db.column("SELECT LastName FROM Roster JOIN UNNEST(@ids) AS id ON id = SchoolID ORDER BY 1", [parameter])
                == [.string("Buchanan"), .string("Coolidge"), .string("Eisenhower")])
    }

    @Test func unnestOfANonArrayFails() {
        #expect(
            errorMessage { try db.compile("SELECT * FROM UNNEST(1)") }
                == "Values referenced in UNNEST must be arrays. UNNEST contains expression of type INT64 at [1:22]")
    }
}

extension UnnestTests {
    @Test func unnestOfFloatsKeepsInfinitiesAndNaN() throws {
        let parameter = QueryParameter(
            name: "xs", type: .array(.scalar(.float)), value: .array([.float64(1.5), .float64(.infinity), .float64(-.infinity), .float64(.nan)]))
        let values = try db.column("SELECT x FROM UNNEST(@xs) AS x WITH OFFSET AS o ORDER BY o", [parameter])
        #expect(values.count == 4)
        #expect(values[0] == .float64(1.5))
        #expect(values[1] == .float64(.infinity))
        #expect(values[2] == .float64(-.infinity))
        if case .float64(let nan) = values[3] { #expect(nan.isNaN) } else { Issue.record("expected NaN, got \(values[3])") }
        // Comparisons with NaN are FALSE.
        #expect(try db.column("SELECT COUNT(*) FROM UNNEST(@xs) AS x WHERE x > 1", [parameter]) == [.int64(2)])
    }
}

/// `JOIN alias.array_field` without ON or USING, like `JOIN UNNEST(...)` (arrays documentation,
/// "Querying ARRAY-type fields in a STRUCT").
extension UnnestTests {
    @Test func joinOfACorrelatedArrayPathNeedsNoCondition() throws {
        let sql = """
            WITH Races AS (SELECT [STRUCT('Rudisha' AS name, [23.4, 26.3] AS laps), STRUCT('Nathan' AS name, ARRAY<FLOAT64>[] AS laps)] AS participants)
            SELECT p.name, SUM(duration) FROM Races INNER JOIN Races.participants AS p LEFT JOIN p.laps AS duration GROUP BY p.name ORDER BY p.name
            """
        let rows = try db.rows(sql)
        #expect(rows.map(\.first) == [.string("Nathan"), .string("Rudisha")])
        #expect(rows.first?.last == .null)
    }

    @Test func joinOfATableStillNeedsACondition() throws {
        #expect(errorMessage { try db.rows("SELECT 1 FROM events a JOIN events b") } != nil)
        #expect(errorMessage { try db.rows("SELECT 1 FROM events e JOIN shapes.events") }?.contains("ON or USING") == true)
    }
}

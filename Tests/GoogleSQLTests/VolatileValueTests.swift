import Testing
import WarehouseSchema

@testable import GoogleSQL

/// RAND() and GENERATE_UUID() draw a new value for each row, but a column computed by one has one
/// value in its row, wherever the outer query reads it: SQLite's query flattener would copy the call
/// into each read instead.
@Suite struct VolatileValueTests {
    let db = try! Fixture.events()

    @Test func aDerivedTableColumnHasOneValuePerRow() throws {
        let sql = "SELECT LOGICAL_AND(u = u AND r = r) FROM (SELECT GENERATE_UUID() AS u, RAND() AS r FROM UNNEST(GENERATE_ARRAY(1, 50)))"
        #expect(try db.column(sql) == [.bool(true)])
    }

    @Test func aWithClauseColumnHasOneValuePerRow() throws {
        let sql = "WITH drawn AS (SELECT x, GENERATE_UUID() AS u FROM UNNEST(GENERATE_ARRAY(1, 50)) AS x) SELECT LOGICAL_AND(u = u) FROM drawn"
        #expect(try db.column(sql) == [.bool(true)])
    }

    @Test func orderingByAVolatileColumnSortsTheValuesReturned() throws {
        let values = try db.column("SELECT RAND() AS r FROM UNNEST(GENERATE_ARRAY(1, 50)) ORDER BY r")
        let numbers = values.compactMap { value -> Double? in if case .float64(let number) = value { number } else { nil } }
        #expect(numbers.count == 50)
        #expect(numbers == numbers.sorted())
    }

    @Test func orderingByAVolatileColumnWorksWithLimitAndQualify() throws {
        for sql in [
            "SELECT RAND() AS r, x FROM UNNEST(GENERATE_ARRAY(1, 50)) AS x ORDER BY 1 DESC LIMIT 20",
            "SELECT RAND() AS r, x FROM UNNEST(GENERATE_ARRAY(1, 50)) AS x QUALIFY ROW_NUMBER() OVER (ORDER BY x) <= 20 ORDER BY r DESC",
        ] {
            let numbers = try db.rows(sql).compactMap { row -> Double? in if case .float64(let number) = row[0] { number } else { nil } }
            #expect(numbers.count == 20)
            #expect(numbers == numbers.sorted(by: >))
        }
    }

    @Test func aSetOperationColumnHasOneValuePerRow() throws {
        let sql = """
            SELECT LOGICAL_AND(u = u) FROM (
              SELECT GENERATE_UUID() AS u FROM UNNEST(GENERATE_ARRAY(1, 20)) UNION ALL SELECT GENERATE_UUID() FROM UNNEST([1, 2]))
            """
        #expect(try db.column(sql) == [.bool(true)])
    }

    /// SQLite labels each group with a draw of its own, apart from the key it grouped by (two groups
    /// both called `false`), so grouping by a draw is refused; grouping a subquery's column works.
    @Test func groupingByADrawIsRefusedAndGroupingItsColumnWorks() throws {
        let byAlias = errorMessage { try db.rows("SELECT RAND() > 0.5 AS b, COUNT(*) FROM UNNEST(GENERATE_ARRAY(1, 100)) GROUP BY b") }
        #expect(byAlias?.hasPrefix("Unsupported: grouping by a value drawn by RAND()") == true)
        #expect(errorMessage { try db.rows("SELECT COUNT(*) FROM UNNEST([1]) GROUP BY GENERATE_UUID()") } != nil)
        let rows = try db.rows("SELECT b, COUNT(*) FROM (SELECT RAND() > 0.5 AS b FROM UNNEST(GENERATE_ARRAY(1, 200))) GROUP BY b ORDER BY b")
        #expect(rows.map { $0[0] } == [.bool(false), .bool(true)])
    }

    @Test func rowsStillDrawTheirOwnValues() throws {
        #expect(try db.column("SELECT COUNT(DISTINCT u) FROM (SELECT GENERATE_UUID() AS u FROM UNNEST(GENERATE_ARRAY(1, 50)))") == [.int64(50)])
    }
}

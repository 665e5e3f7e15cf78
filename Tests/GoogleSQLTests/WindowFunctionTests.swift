import Testing
import WarehouseSchema

@testable import GoogleSQL

/// Window functions; expected values from BigQuery's window function calls documentation (the
/// Produce table) and its numbering/navigation function semantics.
@Suite struct WindowFunctionTests {
    let db = try! Fixture.shapes()

    @Test func aggregateOverWholeTable() throws {
        #expect(try db.column("SELECT SUM(purchases) OVER () AS total_purchases FROM Produce") == Array(repeating: .int64(54), count: 6))
    }

    @Test func cumulativeSumPerPartition() throws {
        let sql = """
            SELECT item, SUM(purchases) OVER (PARTITION BY category ORDER BY purchases
              ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS total_purchases
            FROM Produce ORDER BY category, total_purchases
            """
        #expect(
            try db.rows(sql) == [
                [.string("banana"), .int64(2)], [.string("apple"), .int64(10)], [.string("leek"), .int64(2)],
                [.string("cabbage"), .int64(11)], [.string("lettuce"), .int64(21)], [.string("kale"), .int64(44)],
            ])
    }

    @Test func movingAverageOverNeighbours() throws {
        let sql = """
            SELECT item, AVG(purchases) OVER (ORDER BY purchases ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS avg_purchases
            FROM Produce
            """
        let rows = try db.rows(sql)
        let byItem = Dictionary(uniqueKeysWithValues: rows.map { ($0[0], $0[1]) })
        #expect(byItem[.string("cabbage")] == .float64(9))
        #expect(byItem[.string("lettuce")] == .float64(14))
        #expect(byItem[.string("kale")] == .float64(16.5))
        #expect(try db.compile(sql).schema.fields.map(\.type) == [.string, .float])
    }

    @Test func numberingFunctions() throws {
        let sql = """
            SELECT item, ROW_NUMBER() OVER w AS rn, RANK() OVER w AS r, DENSE_RANK() OVER w AS dr,
                   PERCENT_RANK() OVER w AS pr, CUME_DIST() OVER w AS cd, NTILE(2) OVER w AS half
            FROM Produce WINDOW w AS (ORDER BY purchases) ORDER BY purchases, item
            """
        let rows = try db.rows(sql)
        // purchases: banana 2, leek 2, apple 8, cabbage 9, lettuce 10, kale 23.
        #expect(rows.map { $0[2] } == [.int64(1), .int64(1), .int64(3), .int64(4), .int64(5), .int64(6)])
        #expect(rows.map { $0[3] } == [.int64(1), .int64(1), .int64(2), .int64(3), .int64(4), .int64(5)])
        #expect(rows.map { $0[4] } == [.float64(0), .float64(0), .float64(0.4), .float64(0.6), .float64(0.8), .float64(1)])
        #expect(rows[0][5] == .float64(2.0 / 6.0))
        #expect(rows.map { $0[6] } == [.int64(1), .int64(1), .int64(1), .int64(2), .int64(2), .int64(2)])
        #expect(try db.compile(sql).schema.fields.map(\.type) == [.string, .integer, .integer, .integer, .float, .float, .integer])
    }

    @Test func navigationFunctions() throws {
        let sql = """
            SELECT item, LAG(item) OVER (PARTITION BY category ORDER BY purchases) AS prev,
                   LEAD(purchases, 1, 0) OVER (PARTITION BY category ORDER BY purchases) AS next,
                   FIRST_VALUE(item) OVER (PARTITION BY category ORDER BY purchases) AS first,
                   LAST_VALUE(item) OVER (PARTITION BY category ORDER BY purchases
                     ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS last,
                   NTH_VALUE(item, 2) OVER (PARTITION BY category ORDER BY purchases
                     ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS second
            FROM Produce WHERE category = 'fruit' ORDER BY purchases
            """
        #expect(
            try db.rows(sql) == [
                [.string("banana"), .null, .int64(8), .string("banana"), .string("apple"), .string("apple")],
                [.string("apple"), .string("banana"), .int64(0), .string("banana"), .string("apple"), .string("apple")],
            ])
    }

    @Test func qualifyFiltersOnWindowResults() throws {
        let sql = """
            SELECT item, category FROM Produce
            QUALIFY ROW_NUMBER() OVER (PARTITION BY category ORDER BY purchases DESC) = 1
            ORDER BY category
            """
        #expect(try db.rows(sql) == [[.string("apple"), .string("fruit")], [.string("kale"), .string("vegetable")]])
        #expect(try db.compile(sql).schema.fields.map(\.name) == ["item", "category"])
    }

    @Test func windowsOverGroupedRows() throws {
        let sql = """
            SELECT category, SUM(purchases) AS total, RANK() OVER (ORDER BY SUM(purchases) DESC) AS place
            FROM Produce GROUP BY category ORDER BY place
            """
        #expect(try db.rows(sql) == [[.string("vegetable"), .int64(44), .int64(1)], [.string("fruit"), .int64(10), .int64(2)]])
    }

    @Test func windowErrors() {
        #expect(
            errorMessage { try db.compile("SELECT item FROM Produce WHERE ROW_NUMBER() OVER () = 1") }
                == "Analytic function not allowed in WHERE clause at [1:32]")
        #expect(
            errorMessage { try db.compile("SELECT RANK() OVER (ORDER BY item ROWS 1 PRECEDING) FROM Produce") }
                == "Window framing clause is not allowed for analytic function rank at [1:8]")
        #expect(errorMessage { try db.compile("SELECT SUM(purchases) OVER w FROM Produce") } == "Unrecognized window alias w at [1:28]")
    }
}

extension WindowFunctionTests {
    @Test func decimalMinAndMaxOverWindowsCompareExactly() throws {
        let sql = """
            SELECT x, MAX(x) OVER () AS top, MIN(x) OVER (ORDER BY o ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS low
            FROM UNNEST([NUMERIC '9.5', NUMERIC '10', NUMERIC '0.25']) AS x WITH OFFSET AS o ORDER BY o
            """
        #expect(try db.compile(sql).schema.fields.map(\.type) == [.numeric, .numeric, .numeric])
        let rows = try db.rows(sql)
        #expect(rows.map { $0[1] } == [.numeric("10"), .numeric("10"), .numeric("10")])
        #expect(rows.map { $0[2] } == [.numeric("0.25"), .numeric("0.25"), .numeric("0.25")])
        // The exact decimal SUM and AVG run over windows too (WindowAggregate).
        let sums =
            "SELECT SUM(x) OVER (ORDER BY o ROWS BETWEEN 1 PRECEDING AND CURRENT ROW), AVG(x) OVER () FROM UNNEST([NUMERIC '9.5', NUMERIC '10', NUMERIC '0.25']) AS x WITH OFFSET AS o ORDER BY o"
        #expect(try db.compile(sums).schema.fields.map(\.type) == [.numeric, .numeric])
        let sumRows = try db.rows(sums)
        #expect(sumRows.map { $0[0] } == [.numeric("9.5"), .numeric("19.5"), .numeric("10.25")])
        #expect(sumRows.map { $0[1] } == Array(repeating: .numeric("6.583333333"), count: 3))
    }
}

/// IS_FIRST and IS_LAST (numbering functions page, the Numbers example).
extension WindowFunctionTests {
    private static let numbers = "SELECT x FROM UNNEST([1, 2, 2, 5, 8, 10, 10]) AS x"

    @Test func isFirstMarksTheFirstKRowsInWindowOrder() throws {
        let sql = "SELECT x, IS_FIRST(2) OVER (ORDER BY x) FROM (\(Self.numbers)) ORDER BY x"
        let flags = try db.rows(sql).map { $0[1] }
        #expect(flags == [.bool(true), .bool(true), .bool(false), .bool(false), .bool(false), .bool(false), .bool(false)])
    }

    @Test func isLastMarksTheLastKRowsInWindowOrder() throws {
        let sql = "SELECT x, IS_LAST(2) OVER (ORDER BY x) FROM (\(Self.numbers)) ORDER BY x"
        let flags = try db.rows(sql).map { $0[1] }
        #expect(flags == [.bool(false), .bool(false), .bool(false), .bool(false), .bool(false), .bool(true), .bool(true)])
    }

    @Test func isFirstCountsPerPartitionAndRefusesANegativeCount() throws {
        let sql = "SELECT COUNTIF(f) FROM (SELECT IS_FIRST(1) OVER (PARTITION BY MOD(x, 2) ORDER BY x) AS f FROM (\(Self.numbers)))"
        #expect(try db.column(sql) == [.int64(2)])
        #expect(db.failure("IS_FIRST(-1) OVER ()") != nil)
        #expect(db.failure("IS_LAST(1) OVER (ORDER BY 1 ROWS UNBOUNDED PRECEDING)") != nil)
    }
}

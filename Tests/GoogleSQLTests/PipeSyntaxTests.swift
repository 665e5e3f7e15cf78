import Testing
import WarehouseSchema

@testable import GoogleSQL

/// Pipe syntax, as each operator is rewritten into a standard query: what its rewriting must keep
/// (range variables, the order of operations, each operator's own errors). The reference's own
/// examples run through Google's client in `scripts/sql_conformance/pipe_syntax.sql`.
@Suite struct PipeSyntaxTests {
    let db = try! Fixture.shapes()

    static let produce = """
        WITH Produce AS (
          SELECT 'apples' AS item, 2 AS sales, 'fruit' AS category UNION ALL
          SELECT 'carrots', 8, 'vegetable' UNION ALL
          SELECT 'apples', 7, 'fruit' UNION ALL
          SELECT 'bananas', 5, 'fruit')

        """

    @Test func aFromQueryIsEveryColumnOfItsFromClause() throws {
        let sql = Self.produce + "FROM Produce |> ORDER BY sales"
        #expect(try db.compile(sql).schema.fields.map(\.name) == ["item", "sales", "category"])
        #expect(try db.column(Self.produce + "FROM Produce |> ORDER BY sales |> SELECT sales") == [.int64(2), .int64(5), .int64(7), .int64(8)])
    }

    @Test func operatorsBeforeASelectStillSeeTheFromClausesRangeVariables() throws {
        let sql =
            Self.produce
            + "FROM Produce AS p |> WHERE p.sales > 4 |> EXTEND p.sales * 2 AS twice |> WHERE twice > 12 |> SELECT p.item, twice |> ORDER BY twice"
        #expect(try db.rows(sql) == [[.string("apples"), .int64(14)], [.string("carrots"), .int64(16)]])
    }

    @Test func afterSelectOnlyItsColumnsAreVisible() throws {
        let message = errorMessage { try db.compile(Self.produce + "FROM Produce AS p |> SELECT p.item |> WHERE p.sales > 1") }
        #expect(message?.hasPrefix("Unrecognized name: p") == true)
        // ORDER BY after SELECT reads the SELECT's columns, not the two joined tables' same-named ones.
        let sql = "SELECT 'a' AS item |> AS l |> JOIN (SELECT 'a' AS item, 1 AS id) AS r ON l.item = r.item |> SELECT l.item, id |> ORDER BY item"
        #expect(try db.rows(sql) == [[.string("a"), .int64(1)]])
    }

    @Test func aWhereBeforeAJoinFiltersTheInputBeforeTheJoinWidensItsNames() throws {
        // `x` is also a column of the joined table: the WHERE read the input's.
        let sql =
            "SELECT 1 AS id, 10 AS x UNION ALL SELECT 2, 20 |> AS a |> WHERE x > 15 |> JOIN (SELECT 2 AS id, 0 AS x) AS b USING (id) |> SELECT a.x, b.x AS bx"
        #expect(try db.rows(sql) == [[.int64(20), .int64(0)]])
    }

    @Test func aWindowFunctionInWhereFiltersAfterThePlainConditions() throws {
        let sql = Self.produce + "FROM Produce |> WHERE sales < 8 |> WHERE ROW_NUMBER() OVER (ORDER BY sales DESC) = 1 |> SELECT item, sales"
        #expect(try db.rows(sql) == [[.string("apples"), .int64(7)]])
    }

    @Test func limitThenOrderSortsOnlyTheLimitedRows() throws {
        let sql = "FROM UNNEST([5, 1, 4, 2]) AS x |> ORDER BY x |> LIMIT 2 |> ORDER BY x DESC |> LIMIT 1"
        #expect(try db.column(sql) == [.int64(2)])
        #expect(try db.column("FROM UNNEST([5, 1, 4]) AS x |> LIMIT @n |> AGGREGATE COUNT(*)", [named("n", .integer, .int64(2))]) == [.int64(2)])
    }

    @Test func aggregateOutputsKeysThenAggregatesAndOrdersBySuffixes() throws {
        let sql = Self.produce + "FROM Produce |> AGGREGATE SUM(sales) AS total DESC, COUNT(*) AS n GROUP BY category AS kind"
        #expect(try db.compile(sql).schema.fields.map(\.name) == ["kind", "total", "n"])
        #expect(try db.rows(sql) == [[.string("fruit"), .int64(14), .int64(3)], [.string("vegetable"), .int64(8), .int64(1)]])
        // A key named like an aggregate's alias is still the input's column.
        let shadowed = "SELECT 1 AS total, 5 AS v UNION ALL SELECT 1, 6 |> AGGREGATE SUM(v) AS total GROUP BY total AS k"
        #expect(try db.rows(shadowed) == [[.int64(1), .int64(11)]])
    }

    @Test func setDropAndRenameKeepEachColumnsPlace() throws {
        let sql = "SELECT 1 AS a, 2 AS b, 3 AS c |> SET b = b * 10 |> RENAME a AS first |> DROP c"
        #expect(try db.compile(sql).schema.fields.map(\.name) == ["first", "b"])
        #expect(try db.rows(sql) == [[.int64(1), .int64(20)]])
    }

    /// After SET, DROP and RENAME a table alias still names the row as it was, while the bare names
    /// see the change; `*` never shows the hidden original row, and the alias names it whole.
    @Test func aTableAliasStillNamesTheRowBeforeSetDropOrRename() throws {
        let set = "FROM (SELECT 5 AS a, 6 AS b) AS r |> SET a = a + 100, b = 0 |> SELECT r.a AS before, a, b"
        #expect(try db.rows(set) == [[.int64(5), .int64(105), .int64(0)]])
        let drop = "FROM (SELECT 5 AS a, 6 AS b) AS r |> DROP a |> WHERE r.a = 5 |> SELECT r.a AS dropped, b"
        #expect(try db.rows(drop) == [[.int64(5), .int64(6)]])
        let rename = "SELECT 5 AS a, 6 AS b |> AS r |> RENAME b AS c |> SELECT *, r.b AS old_b"
        #expect(try db.compile(rename).schema.fields.map(\.name) == ["a", "c", "old_b"])
        #expect(try db.rows(rename) == [[.int64(5), .int64(6), .int64(6)]])
        // Two changes in a row: the alias still names the row before the first.
        let twice = "FROM (SELECT 5 AS a) AS r |> SET a = 1 |> WHERE a = 1 |> SET a = 2 |> EXTEND r.a AS first |> ORDER BY a"
        #expect(try db.compile(twice).schema.fields.map(\.name) == ["a", "first"])
        #expect(try db.rows(twice) == [[.int64(2), .int64(5)]])
        let whole = "FROM (SELECT 5 AS a, 6 AS b) AS r |> SET a = 0 |> SELECT TO_JSON_STRING(r) AS row, a"
        #expect(try db.rows(whole) == [[.string(#"{"a":5,"b":6}"#), .int64(0)]])
        // Without a later mention of the alias nothing is kept; a set operation or DISTINCT after one
        // compares the visible columns only.
        #expect(try db.compile("FROM (SELECT 5 AS a) AS r |> SET a = 1").schema.fields.map(\.name) == ["a"])
        let union = "FROM (SELECT 5 AS a) AS r |> SET a = 1 |> WHERE r.a = 5 |> UNION ALL (SELECT 2) |> ORDER BY a"
        #expect(try db.column(union) == [.int64(1), .int64(2)])
        let distinct = "SELECT x FROM UNNEST([1, 2]) AS x |> AS t |> SET x = 0 |> WHERE t.x > 0 |> DISTINCT"
        #expect(try db.column(distinct) == [.int64(0)])
    }

    @Test func eachOperatorNamesItselfInItsErrors() {
        let cases: [(String, String)] = [
            ("SELECT 1 AS x |> EXTEND COUNT(*) AS n", "Aggregate function COUNT not allowed in pipe EXTEND"),
            ("SELECT 1 AS x |> AGGREGATE ROW_NUMBER() OVER () AS r", "Analytic function not allowed in pipe AGGREGATE"),
            ("SELECT 1 AS x, 2 AS x |> SET x = 3", "Column name in pipe SET exists more than once in input table: x"),
            ("SELECT 1 AS x |> AS t |> DROP t", "Name in pipe DROP is a table alias; DROP can only drop columns: t"),
            ("SELECT 1 AS x |> SET x = 1, X = 2", "Duplicate column name in pipe SET: X"),
            ("SELECT 1 AS x |> RENAME y AS z", "Column name in pipe RENAME not found in input table: y"),
            ("SELECT 1 AS x |> AGGREGATE COUNT(*) GROUP BY ROLLUP(x)", "Unsupported: grouping sets in pipe AGGREGATE are"),
            ("SELECT 1 AS x |> TABLESAMPLE SYSTEM (10 PERCENT)", "Unsupported: TABLESAMPLE of anything but a stored table is"),
            ("SELECT 1 AS x |> CALL f()", "Unsupported: the pipe CALL operator is"),
            ("SELECT 1 AS x |>", "Syntax error: Expected a pipe operator but got end of script"),
        ]
        for (sql, expected) in cases {
            let message = errorMessage { try db.compile(sql) }
            #expect(message?.hasPrefix(expected) == true, "\(sql): \(message ?? "no error")")
        }
    }

    @Test func aParenthesizedQueryTakesAnAliasBeforeItsPipes() throws {
        let sql = "(SELECT 1 AS x UNION ALL SELECT 2) AS t |> WHERE t.x > 1 |> SELECT t.x"
        #expect(try db.column(sql) == [.int64(2)])
    }

    @Test func pipesWorkInEverySubqueryAndTheBarStillOrs() throws {
        let sql = "SELECT (FROM UNNEST([1, 2, 3]) AS x |> AGGREGATE SUM(x)) AS s, 1|2 AS bits, ARRAY(SELECT 3 |> UNION ALL (SELECT 4)) AS a"
        #expect(try db.rows(sql) == [[.int64(6), .int64(3), .array([.int64(3), .int64(4)])]])
    }

    @Test func aLongPipelineIsRefusedBeforeItNestsTooDeep() throws {
        let operators = (1...100).map { "|> EXTEND 1 AS c\($0)" }.joined(separator: " ")
        let message = errorMessage { try db.compile("SELECT 1 AS x " + operators) }
        #expect(message?.hasPrefix("Unsupported: expressions nested more than 64 levels deep") == true, "\(message ?? "no error")")
        let shorter = (1...40).map { "|> EXTEND \($0) AS c\($0)" }.joined(separator: " ")
        #expect(try db.compile("SELECT 1 AS x " + shorter).schema.fields.count == 41)
    }
}

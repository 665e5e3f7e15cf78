import Testing
import WarehouseSchema

@testable import GoogleSQL

/// Expression subqueries: scalar, IN, EXISTS, ARRAY, correlated; semantics from BigQuery's
/// subqueries documentation.
@Suite struct SubqueryTests {
    let db = try! Fixture.shapes()

    @Test func scalarSubqueryYieldsOneValueOrNull() throws {
        #expect(try db.column("SELECT (SELECT MAX(SchoolID) FROM Roster)") == [.int64(77)])
        #expect(try db.column("SELECT (SELECT SchoolID FROM Roster WHERE LastName = 'Nobody')") == [.null])
        #expect(try db.compile("SELECT (SELECT 'x') AS v").schema.fields.map(\.type) == [.string])
    }

    @Test func arraySubqueriesHoldValuesOfEveryTypeAsTheyAre() throws {
        // Each array's elements gathered again by an ARRAY subquery, in order: the same array.
        let arrays = [
            "[1.5, CAST('-inf' AS FLOAT64), 1e308, -0.0]", "[b'\\x00\\xff', b'']",
            #"[JSON '{"a": [1, 2]}', JSON '"s"', JSON 'null']"#, "[NUMERIC '1.10', NUMERIC '-2']", "[TIMESTAMP '2024-01-02 03:04:05.123456+00']",
            "[DATE '2024-02-29']", "[STRUCT(1.5 AS f, b'x' AS b)]", "['é', '']",
        ]
        for array in arrays {
            let gathered = try db.value("ARRAY(SELECT x FROM UNNEST(\(array)) AS x WITH OFFSET AS o ORDER BY o)")
            #expect(gathered == (try db.value(array)), "\(array)")
            if case .array(let values) = gathered { #expect(!values.isEmpty, "\(array)") }
        }
        #expect(try db.value("IS_NAN(ARRAY(SELECT CAST('NaN' AS FLOAT64))[OFFSET(0)])") == .bool(true))
        #expect(try db.value("(SELECT SUM(x) FROM UNNEST(ARRAY(SELECT y FROM UNNEST([1.25, 2.5]) AS y)) AS x)") == .float64(3.75))
        #expect(
            db.failure("ARRAY(SELECT [1])")
                == "Cannot use array subquery with column of type ARRAY<INT64> because nested arrays are not supported at [1:8]")
    }

    @Test func scalarSubqueryWithTwoRowsFailsAtRunTime() {
        #expect(
            errorMessage { try db.rows("SELECT (SELECT SchoolID FROM Roster)") }?.contains("Scalar subquery produced more than one element") == true)
        #expect(
            errorMessage { try db.compile("SELECT (SELECT 1, 2)") }
                == "Scalar subquery cannot have more than one column unless using SELECT AS STRUCT to build STRUCT values at [1:8]")
    }

    /// An outer query's column holds one value per run of an aggregating subquery, like a constant:
    /// BigQuery takes it beside the aggregate; it used to be refused as "neither grouped nor aggregated".
    @Test func anAggregatingSubqueryMayReadTheOuterRowBesideItsAggregate() throws {
        let sql = "SELECT (SELECT q + MAX(v) FROM UNNEST([100, 10]) AS v) FROM UNNEST([1, 2]) AS q ORDER BY q"
        #expect(try db.column(sql) == [.int64(101), .int64(102)])
        let grouped =
            "SELECT (SELECT AS STRUCT q, COUNT(*) FROM UNNEST([1, 1, 2]) AS v GROUP BY v HAVING q > 0 ORDER BY q LIMIT 1).q FROM UNNEST([7]) AS q"
        #expect(try db.column(grouped) == [.int64(7)])
        let counted =
            "SELECT Mascot, (SELECT TeamMascot.Mascot || ':' || CAST(COUNT(*) AS STRING) FROM Roster WHERE Roster.SchoolID = TeamMascot.SchoolID) FROM TeamMascot ORDER BY Mascot"
        // The students per school, as `correlatedSubqueriesSeeTheOuterRow` counts them, after each mascot.
        let rows = try db.rows(counted)
        let expected: [BigQueryValue] = zip(rows, [1, 1, 2, 0]).map { row, count in
            guard case .string(let mascot) = row[0] else { return .null }
            return .string("\(mascot):\(count)")
        }
        #expect(rows.count == 4 && rows.map { $0[1] } == expected)
        // The subquery's own columns must still be grouped or aggregated.
        #expect(
            errorMessage { try db.compile("SELECT (SELECT v + MAX(v) FROM UNNEST([1]) AS v) FROM UNNEST([1]) AS q") }?
                .hasPrefix("SELECT list expression references column v which is neither grouped nor aggregated") == true)
    }

    @Test func correlatedSubqueriesSeeTheOuterRow() throws {
        let sql = """
            SELECT Mascot, (SELECT COUNT(*) FROM Roster WHERE Roster.SchoolID = TeamMascot.SchoolID) AS students
            FROM TeamMascot ORDER BY Mascot
            """
        #expect(try db.rows(sql).map { $0[1] } == [.int64(1), .int64(1), .int64(2), .int64(0)])
        // An unqualified name resolves to the innermost query that has it.
        #expect(
            try db.column("SELECT Mascot FROM TeamMascot m WHERE EXISTS (SELECT 1 FROM Roster WHERE SchoolID = m.SchoolID AND LastName LIKE 'C%')")
                == [.string("Lakers")])
    }

    @Test func inAndNotInSubqueries() throws {
        #expect(
            try db.column("SELECT Mascot FROM TeamMascot WHERE SchoolID NOT IN (SELECT SchoolID FROM Roster)") == [.string("Mustangs")])
        #expect(try db.column("SELECT COUNT(*) FROM Roster WHERE SchoolID IN (SELECT SchoolID FROM TeamMascot)") == [.int64(4)])
        #expect(
            errorMessage { try db.compile("SELECT 1 IN (SELECT 1, 2)") } == "Subquery of type IN must have only one output column at [1:8]")
    }

    @Test func arraySubqueryCollectsRowsInOrder() throws {
        let query = try db.compile("SELECT ARRAY(SELECT LastName FROM Roster WHERE SchoolID = 52 ORDER BY LastName) AS names")
        #expect(query.schema.fields.first?.mode == .repeated)
        #expect(
            try db.column("SELECT ARRAY(SELECT LastName FROM Roster WHERE SchoolID = 52 ORDER BY LastName DESC)")
                == [.array([.string("Coolidge"), .string("Buchanan")])])
        #expect(try db.column("SELECT ARRAY(SELECT 1 FROM Roster WHERE FALSE)") == [.array([])])
    }
}

/// Name scoping across query levels.
@Suite struct ScopingTests {
    let db = try! Fixture.shapes()

    @Test func innerNamesHideOuterOnes() throws {
        // SchoolID inside the subquery is TeamMascot's, though Roster has one too.
        #expect(
            try db.column("SELECT LastName FROM Roster WHERE SchoolID IN (SELECT SchoolID FROM TeamMascot WHERE Mascot = 'Lakers') ORDER BY 1")
                == [.string("Buchanan"), .string("Coolidge")])
    }

    @Test func subqueryOutputIsNamedAndTypedLikeBigQuery() throws {
        let query = try db.compile("SELECT (SELECT 1), EXISTS(SELECT 1) AS e, ARRAY(SELECT 'a') FROM Roster LIMIT 1")
        #expect(query.schema.fields.map(\.name) == ["f0_", "e", "f1_"])
        #expect(query.schema.fields.map(\.type) == [.integer, .boolean, .string])
        #expect(
            try db.rows("SELECT (SELECT 1), EXISTS(SELECT 1) AS e, ARRAY(SELECT 'a') FROM Roster LIMIT 1") == [
                [.int64(1), .bool(true), .array([.string("a")])]
            ])
    }

    @Test func withQueriesAndSubqueriesReportTheirTables() throws {
        let query = try db.compile("WITH r AS (SELECT LastName FROM Roster) SELECT (SELECT COUNT(*) FROM TeamMascot) FROM r")
        #expect(query.scans.map(\.table.tableId).sorted() == ["Roster", "TeamMascot"])
        #expect(query.scans.first { $0.table.tableId == "Roster" }?.columns == ["LastName"])
    }
}

import Testing
import WarehouseSchema

@testable import GoogleSQL

/// WITH, parenthesised queries and set operations; expected values from BigQuery's query syntax
/// documentation (its `UNNEST([1, 2, 3]) AS number` examples) and semantics.
@Suite struct SetOperationTests {
    let db = try! Fixture.shapes()

    @Test func unionAllKeepsDuplicatesAndNamesColumnsFromTheFirstQuery() throws {
        let sql = "SELECT * FROM UNNEST([1, 2, 3]) AS number UNION ALL SELECT 1"
        #expect(try db.compile(sql).schema.fields.map(\.name) == ["number"])
        #expect(try db.column(sql + " ORDER BY number").map { $0 } == [.int64(1), .int64(1), .int64(2), .int64(3)])
    }

    @Test func unionDistinctIntersectAndExceptRemoveDuplicates() throws {
        #expect(
            try db.column("(SELECT * FROM UNNEST([1, 2, 3]) AS number UNION DISTINCT SELECT 1) ORDER BY 1")
                == [.int64(1), .int64(2), .int64(3)])
        #expect(
            try db.column("SELECT * FROM UNNEST([1, 2, 3]) AS number INTERSECT DISTINCT SELECT * FROM UNNEST([2, 3, 4]) AS number ORDER BY number")
                == [.int64(2), .int64(3)])
        #expect(
            try db.column("SELECT * FROM UNNEST([1, 2, 3]) AS number EXCEPT DISTINCT SELECT * FROM UNNEST([3, 4, 5]) AS number ORDER BY number")
                == [.int64(1), .int64(2)])
    }

    @Test func columnsTakeTheSupertypeOfTheOperands() throws {
        let query = try db.compile("SELECT 1 AS x UNION ALL SELECT 2.5")
        #expect(query.schema.fields.map(\.type) == [.float])
        #expect(try db.column("SELECT 1 AS x UNION ALL SELECT 2.5 ORDER BY x") == [.float64(1), .float64(2.5)])
        #expect(try db.compile("SELECT 1 UNION ALL SELECT 2").schema.fields.map(\.name) == ["f0_"])
        #expect(try db.column("SELECT NUMERIC '1.5' UNION ALL SELECT 2 ORDER BY 1") == [.numeric("1.5"), .numeric("2")])
    }

    @Test func anEmptyArrayLiteralTakesTheOtherOperandsArrayType() throws {
        let sql = "SELECT ['a'] AS a UNION ALL SELECT [] UNION ALL SELECT NULL"
        #expect(try db.compile(sql).schema.fields.map(\.type) == [.string])
        #expect(try db.compile(sql).schema.fields.map(\.mode) == [.repeated])
        #expect(try db.column("SELECT [] AS a UNION ALL SELECT ['a']").count == 2)
        #expect(try db.compile("SELECT [] AS a UNION ALL SELECT []").schema.fields.map(\.type) == [.integer])
        #expect(try db.compile("SELECT 1 AS k, [] AS a UNION ALL BY NAME SELECT ['x'] AS a, 2 AS k").schema.fields[1].type == .string)
        // It is still an array: beside an INT64 the operands do not match.
        #expect(
            errorMessage { try db.compile("SELECT [] AS a UNION ALL SELECT 1") }?.hasPrefix("Column 1 in UNION ALL has incompatible types") == true)
    }

    @Test func orderByAndLimitApplyToTheWholeSetOperation() throws {
        #expect(
            try db.column("SELECT LastName FROM Roster UNION ALL SELECT Mascot FROM TeamMascot ORDER BY LastName DESC LIMIT 3")
                == [.string("Mustangs"), .string("Lakers"), .string("Knights")])
        #expect(try db.column("(SELECT 3 AS n) UNION ALL (SELECT 1 ORDER BY 1 LIMIT 1) ORDER BY n") == [.int64(1), .int64(3)])
    }

    @Test func setOperationErrorsFollowBigQuery() {
        #expect(
            errorMessage { try db.compile("SELECT 1 UNION SELECT 2") }?.hasPrefix("Syntax error: Expected keyword ALL or keyword DISTINCT") == true)
        #expect(
            errorMessage { try db.compile("SELECT 1 UNION ALL SELECT 1, 2") }
                == "Queries in UNION ALL have mismatched column count; query 1 has 1 column, query 2 has 2 columns at [1:10]")
        #expect(
            errorMessage { try db.compile("SELECT 1 UNION ALL SELECT 'a'") }
                == "Column 1 in UNION ALL has incompatible types: INT64, STRING at [1:10]")
        #expect(
            errorMessage { try db.compile("SELECT 1 UNION ALL SELECT 2 UNION DISTINCT SELECT 3") }?.hasPrefix(
                "Syntax error: Different set operations cannot be used in the same query without using parentheses for grouping") == true)
    }

    @Test func withQueriesAreVisibleToLaterOnesAndToTheBody() throws {
        let sql = """
            WITH subQ1 AS (SELECT SchoolID FROM Roster),
                 subQ2 AS (SELECT SchoolID FROM subQ1 WHERE SchoolID > 51)
            SELECT DISTINCT * FROM subQ2 ORDER BY SchoolID
            """
        #expect(try db.column(sql) == [.int64(52), .int64(77)])
        #expect(try db.compile(sql).schema.fields.map(\.name) == ["SchoolID"])
        // A WITH query's name is case-insensitive; an inner WITH hides an outer one.
        #expect(try db.column("WITH q AS (SELECT 1 AS x) SELECT x FROM Q") == [.int64(1)])
        #expect(try db.column("WITH q AS (SELECT 1 AS x) SELECT * FROM (WITH q AS (SELECT 2 AS x) SELECT x FROM q)") == [.int64(2)])
        #expect(errorMessage { try db.compile("WITH q AS (SELECT 1), q AS (SELECT 2) SELECT * FROM q") }?.hasPrefix("Duplicate alias q") == true)
    }

    @Test func parenthesizedQueriesKeepTheirOwnLimit() throws {
        #expect(try db.column("(SELECT LastName FROM Roster ORDER BY LastName LIMIT 2)") == [.string("Adams"), .string("Buchanan")])
        #expect(try db.column("((SELECT 1 AS a))") == [.int64(1)])
    }
}

/// WITH RECURSIVE; the expected rows are those of BigQuery's recursive CTE documentation example.
@Suite struct RecursiveQueryTests {
    let db = try! Fixture.shapes()

    @Test func recursiveQueryIteratesUntilTheTermIsEmpty() throws {
        let sql = """
            WITH RECURSIVE T1 AS ((SELECT 1 AS n) UNION ALL (SELECT n + 1 AS n FROM T1 WHERE n < 3))
            SELECT n FROM T1 ORDER BY n
            """
        #expect(try db.column(sql) == [.int64(1), .int64(2), .int64(3)])
        #expect(try db.compile(sql).schema.fields.map(\.name) == ["n"])
    }

    @Test func endlessRecursionStopsAtBigQuerysIterationBound() {
        let sql = "WITH RECURSIVE t AS (SELECT 1 AS n UNION ALL SELECT n + 1 FROM t) SELECT COUNT(*) FROM t"
        #expect(errorMessage { try db.rows(sql) }?.contains("Recursive query failed") == true)
    }

    @Test func withRecursiveAllowsOrdinaryQueries() throws {
        #expect(try db.column("WITH RECURSIVE a AS (SELECT 1 AS x UNION ALL SELECT 2) SELECT SUM(x) FROM a") == [.int64(3)])
    }
}

/// Under WITH RECURSIVE a WITH query may use one defined after it (WITH clause visibility rules).
extension RecursiveQueryTests {
    @Test func recursiveWithQueryMayUseALaterOne() throws {
        let sql = "WITH RECURSIVE A AS (SELECT * FROM B), B AS (SELECT 1 AS n) SELECT * FROM A"
        #expect(try db.column(sql) == [.int64(1)])
        let chain = "WITH RECURSIVE a AS (SELECT n + 1 AS n FROM b), b AS (SELECT n * 10 AS n FROM c), c AS (SELECT 2 AS n) SELECT n FROM a"
        #expect(try db.column(chain) == [.int64(21)])
    }

    @Test func forwardReferenceNeedsRecursive() throws {
        #expect(errorMessage { try db.column("WITH A AS (SELECT * FROM B), B AS (SELECT 1 AS n) SELECT * FROM A") } != nil)
    }

    @Test func withQueriesThatUseEachOtherFail() throws {
        #expect(errorMessage { try db.column("WITH RECURSIVE A AS (SELECT * FROM B), B AS (SELECT * FROM A) SELECT * FROM A") } != nil)
        #expect(errorMessage { try db.column("WITH RECURSIVE A AS (SELECT 1 AS n), A AS (SELECT 2 AS n) SELECT * FROM A") } != nil)
    }

    @Test func recursiveQueryUsingALaterOneStillIterates() throws {
        let sql = """
            WITH RECURSIVE t AS (SELECT n FROM start UNION ALL SELECT n + 1 FROM t WHERE n < 3), start AS (SELECT 1 AS n)
            SELECT SUM(n) FROM t
            """
        #expect(try db.column(sql) == [.int64(6)])
    }
}

/// A recursive UNION DISTINCT drops rows seen before, so a cycle ends (BigQuery's WITH clause reference).
extension RecursiveQueryTests {
    @Test func recursiveUnionDistinctStopsWhenAnIterationBringsOnlyDuplicates() throws {
        let sql = "WITH RECURSIVE T1 AS ((SELECT 0 AS n) UNION DISTINCT (SELECT MOD(n + 1, 5) FROM T1)) SELECT * FROM T1 ORDER BY n"
        #expect(try db.column(sql) == [.int64(0), .int64(1), .int64(2), .int64(3), .int64(4)])
    }

    @Test func recursiveUnionDistinctDropsDuplicatesOfTheBaseTerm() throws {
        let sql = """
            WITH RECURSIVE t AS ((SELECT n FROM UNNEST([1, 1, 2]) AS n) UNION DISTINCT (SELECT n + 1 FROM t WHERE n < 3))
            SELECT n FROM t ORDER BY n
            """
        #expect(try db.column(sql) == [.int64(1), .int64(2), .int64(3)])
    }

    @Test func recursiveUnionDistinctNeedsGroupableColumns() throws {
        let sql = "WITH RECURSIVE t AS ((SELECT [1] AS a) UNION DISTINCT (SELECT a FROM t)) SELECT * FROM t"
        #expect(errorMessage { try db.column(sql) }?.contains("not groupable") == true)
    }
}

extension RecursiveQueryTests {
    @Test func endlessRecursiveUnionDistinctStillStopsAtTheIterationBound() {
        let sql = "WITH RECURSIVE t AS (SELECT 1 AS n UNION DISTINCT SELECT n + 1 FROM t) SELECT COUNT(*) FROM t"
        #expect(errorMessage { try db.rows(sql) }?.contains("Recursive query failed") == true)
    }
}

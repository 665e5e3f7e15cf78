import Testing
import WarehouseSchema

@testable import GoogleSQL

/// GROUP BY ROLLUP, CUBE, GROUPING SETS, `()`, ALL and GROUPING(); expected rows from BigQuery's
/// query syntax reference (its Products example: t-shirt 3 and 8, polo 25, jeans 6).
@Suite struct GroupingSetsTests {
    let db = try! Fixture.shapes()

    static let products = """
        WITH Products AS (
          SELECT 'shirt' AS product_type, 't-shirt' AS product_name, 3 AS product_count UNION ALL
          SELECT 'shirt', 't-shirt', 8 UNION ALL
          SELECT 'shirt', 'polo', 25 UNION ALL
          SELECT 'pants', 'jeans', 6)
        SELECT product_type, product_name, SUM(product_count) AS product_sum
        FROM Products

        """

    func sums(_ groupBy: String) throws -> [[BigQueryValue]] {
        try db.rows(Self.products + groupBy + " ORDER BY product_type, product_name, product_sum")
    }

    static func row(_ type: String?, _ name: String?, _ sum: Int64) -> [BigQueryValue] {
        [type.map { .string($0) } ?? .null, name.map { .string($0) } ?? .null, .int64(sum)]
    }

    @Test func rollupAddsSubtotalsAndAGrandTotal() throws {
        #expect(
            try sums("GROUP BY ROLLUP (product_type, product_name)") == [
                Self.row(nil, nil, 42), Self.row("pants", nil, 6), Self.row("pants", "jeans", 6), Self.row("shirt", nil, 36),
                Self.row("shirt", "polo", 25), Self.row("shirt", "t-shirt", 11),
            ])
    }

    @Test func cubeGroupsByEverySubsetOfTheKeys() throws {
        #expect(
            try sums("GROUP BY CUBE (product_type, product_name)") == [
                Self.row(nil, nil, 42), Self.row(nil, "jeans", 6), Self.row(nil, "polo", 25), Self.row(nil, "t-shirt", 11),
                Self.row("pants", nil, 6), Self.row("pants", "jeans", 6), Self.row("shirt", nil, 36), Self.row("shirt", "polo", 25),
                Self.row("shirt", "t-shirt", 11),
            ])
    }

    @Test func groupingSetsListedTwiceReturnTheirRowsTwice() throws {
        #expect(
            try sums("GROUP BY GROUPING SETS (product_type, ROLLUP (product_type, product_name))") == [
                Self.row(nil, nil, 42), Self.row("pants", nil, 6), Self.row("pants", nil, 6), Self.row("pants", "jeans", 6),
                Self.row("shirt", nil, 36), Self.row("shirt", nil, 36), Self.row("shirt", "polo", 25), Self.row("shirt", "t-shirt", 11),
            ])
    }

    @Test func parenthesisedKeysGroupAsOneUnit() throws {
        #expect(
            try sums("GROUP BY ROLLUP (product_type, (product_type, product_name))") == [
                Self.row(nil, nil, 42), Self.row("pants", nil, 6), Self.row("pants", "jeans", 6), Self.row("shirt", nil, 36),
                Self.row("shirt", "polo", 25), Self.row("shirt", "t-shirt", 11),
            ])
        #expect(
            try sums("GROUP BY GROUPING SETS (product_type, (product_type, product_name))") == [
                Self.row("pants", nil, 6), Self.row("pants", "jeans", 6), Self.row("shirt", nil, 36), Self.row("shirt", "polo", 25),
                Self.row("shirt", "t-shirt", 11),
            ])
    }

    @Test func plainKeysCombineWithEveryGroupingSet() throws {
        #expect(
            try sums("GROUP BY product_type, ROLLUP (product_name)") == [
                Self.row("pants", nil, 6), Self.row("pants", "jeans", 6), Self.row("shirt", nil, 36), Self.row("shirt", "polo", 25),
                Self.row("shirt", "t-shirt", 11),
            ])
    }

    @Test func emptyGroupingSetIsTheGrandTotalEvenOfNoRows() throws {
        #expect(try db.rows("SELECT COUNT(*) AS n FROM UNNEST([1, 2]) AS x GROUP BY ()") == [[.int64(2)]])
        #expect(try db.rows("SELECT COUNT(*) AS n FROM UNNEST([1]) AS x WHERE x > 5 GROUP BY ()") == [[.int64(0)]])
    }

    @Test func groupingTellsWhetherAKeyWasRolledUp() throws {
        let sql = """
            SELECT category, GROUPING(category) AS g, COUNT(*) AS n FROM Produce
            GROUP BY ROLLUP (category) ORDER BY g, category
            """
        #expect(
            try db.rows(sql) == [
                [.string("fruit"), .int64(0), .int64(2)], [.string("vegetable"), .int64(0), .int64(4)], [.null, .int64(1), .int64(6)],
            ])
        #expect(
            try db.rows("SELECT category, GROUPING(category) AS g FROM Produce GROUP BY category ORDER BY category").map { $0[1] } == [
                .int64(0), .int64(0),
            ])
        #expect(
            try db.column("SELECT category FROM Produce GROUP BY ROLLUP (category) ORDER BY GROUPING(category) DESC, category")
                == [.null, .string("fruit"), .string("vegetable")])
        #expect(
            try db.column("SELECT category FROM Produce GROUP BY category ORDER BY GROUPING(category), category")
                == [.string("fruit"), .string("vegetable")])
    }

    @Test func rolledUpKeysKeepTheirTypes() throws {
        let query = try db.compile("SELECT SchoolID, COUNT(*) AS n FROM Roster GROUP BY ROLLUP (SchoolID)")
        #expect(query.schema.fields.map(\.type) == [.integer, .integer])
        #expect(try db.rows("SELECT SchoolID, COUNT(*) AS n FROM Roster GROUP BY ROLLUP (SchoolID) ORDER BY SchoolID").first == [.null, .int64(5)])
    }

    @Test func havingAndOrderByReadTheRolledUpKeys() throws {
        let sql = """
            SELECT category, SUM(purchases) AS total FROM Produce GROUP BY ROLLUP (category)
            HAVING category IS NULL OR total > 20 ORDER BY category DESC
            """
        #expect(try db.rows(sql) == [[.string("vegetable"), .int64(44)], [.null, .int64(54)]])
    }

    @Test func groupByAllGroupsByTheSelectItemsWithoutAggregates() throws {
        let sql = """
            WITH PlayerStats AS (
              SELECT 'Adams' as LastName, 'Noam' as FirstName, 3 as PointsScored UNION ALL
              SELECT 'Buchanan', 'Jie', 0 UNION ALL
              SELECT 'Coolidge', 'Kiran', 1 UNION ALL
              SELECT 'Adams', 'Noam', 4 UNION ALL
              SELECT 'Buchanan', 'Jie', 13)
            SELECT SUM(PointsScored) AS total_points, FirstName AS first_name, LastName AS last_name
            FROM PlayerStats GROUP BY ALL ORDER BY last_name
            """
        #expect(
            try db.rows(sql) == [
                [.int64(7), .string("Noam"), .string("Adams")], [.int64(13), .string("Jie"), .string("Buchanan")],
                [.int64(1), .string("Kiran"), .string("Coolidge")],
            ])
        #expect(try db.rows("SELECT COUNT(*) AS num_rows FROM UNNEST([]) GROUP BY ALL") == [[.int64(0)]])
    }

    @Test func groupingErrorsFollowBigQuery() {
        #expect(
            errorMessage { try db.compile("SELECT GROUPING(item) FROM Produce GROUP BY category") }?.hasPrefix(
                "GROUPING must have an argument that exists within the group-by expression list") == true)
        #expect(
            errorMessage { try db.compile("SELECT item FROM Produce WHERE GROUPING(item) = 0") }?.hasPrefix(
                "GROUPING function is not allowed in WHERE clause") == true)
        #expect(errorMessage { try db.compile("SELECT GROUPING(item) FROM Produce") } != nil)
    }
}

import Testing
import WarehouseSchema

@testable import GoogleSQL

/// PIVOT and UNPIVOT in FROM; expected rows from BigQuery's query syntax reference (its quarterly
/// Produce examples).
@Suite struct PivotTests {
    let db = try! Fixture.shapes()

    static let quarterly = """
        WITH Produce AS (
          SELECT 'Kale' as product, 51 as sales, 'Q1' as quarter, 2020 as year UNION ALL
          SELECT 'Kale', 23, 'Q2', 2020 UNION ALL
          SELECT 'Kale', 45, 'Q3', 2020 UNION ALL
          SELECT 'Kale', 3, 'Q4', 2020 UNION ALL
          SELECT 'Kale', 70, 'Q1', 2021 UNION ALL
          SELECT 'Kale', 85, 'Q2', 2021 UNION ALL
          SELECT 'Apple', 77, 'Q1', 2020 UNION ALL
          SELECT 'Apple', 0, 'Q2', 2020 UNION ALL
          SELECT 'Apple', 1, 'Q1', 2021)

        """

    static let wide = """
        WITH Produce AS (
          SELECT 'Kale' as product, 51 as Q1, 23 as Q2, 45 as Q3, 3 as Q4 UNION ALL
          SELECT 'Apple', 77, 0, 25, 2)

        """

    @Test func pivotGroupsByTheUnreadColumnsWithOneColumnPerValue() throws {
        let sql = Self.quarterly + "SELECT * FROM Produce PIVOT(SUM(sales) FOR quarter IN ('Q1', 'Q2', 'Q3', 'Q4')) ORDER BY product, year"
        #expect(try db.compile(sql).schema.fields.map(\.name) == ["product", "year", "Q1", "Q2", "Q3", "Q4"])
        #expect(
            try db.rows(sql) == [
                [.string("Apple"), .int64(2020), .int64(77), .int64(0), .null, .null],
                [.string("Apple"), .int64(2021), .int64(1), .null, .null, .null],
                [.string("Kale"), .int64(2020), .int64(51), .int64(23), .int64(45), .int64(3)],
                [.string("Kale"), .int64(2021), .int64(70), .int64(85), .null, .null],
            ])
    }

    @Test func pivotWithoutGroupingColumnsIsOneRow() throws {
        let sql = Self.quarterly + "SELECT * FROM (SELECT sales, quarter FROM Produce) PIVOT(SUM(sales) FOR quarter IN ('Q1', 'Q2', 'Q3'))"
        #expect(try db.rows(sql) == [[.int64(199), .int64(108), .int64(45)]])
    }

    @Test func severalAggregatesNameTheirColumnsAliasUnderscoreValue() throws {
        let sql =
            Self.quarterly
            + "SELECT * FROM (SELECT product, sales, quarter FROM Produce) PIVOT(SUM(sales) AS total_sales, COUNT(*) AS num_records FOR quarter IN ('Q1', 'Q2')) ORDER BY product"
        #expect(
            try db.compile(sql).schema.fields.map(\.name) == ["product", "total_sales_Q1", "num_records_Q1", "total_sales_Q2", "num_records_Q2"])
        #expect(
            try db.rows(sql) == [
                [.string("Apple"), .int64(78), .int64(2), .int64(0), .int64(1)],
                [.string("Kale"), .int64(121), .int64(2), .int64(108), .int64(2)],
            ])
    }

    @Test func pivotValuesTakeAliasesAndConstantNames() throws {
        let sql = "SELECT * FROM (SELECT category, purchases FROM Produce) PIVOT(MAX(purchases) FOR category IN ('fruit' AS f, 'vegetable'))"
        #expect(try db.compile(sql).schema.fields.map(\.name) == ["f", "vegetable"])
        #expect(try db.rows(sql) == [[.int64(8), .int64(23)]])
        let numbers = "SELECT * FROM (SELECT purchases FROM Produce) PIVOT(COUNT(*) FOR purchases IN (2, -1)) AS p"
        #expect(try db.compile(numbers).schema.fields.map(\.name) == ["_2", "minus_1"])
        #expect(try db.rows(numbers) == [[.int64(2), .int64(0)]])
    }

    @Test func unpivotTurnsColumnsIntoRows() throws {
        let sql = Self.wide + "SELECT * FROM Produce UNPIVOT(sales FOR quarter IN (Q1, Q2, Q3, Q4)) ORDER BY product, quarter"
        #expect(try db.compile(sql).schema.fields.map(\.name) == ["product", "sales", "quarter"])
        #expect(
            try db.rows(sql) == [
                [.string("Apple"), .int64(77), .string("Q1")], [.string("Apple"), .int64(0), .string("Q2")],
                [.string("Apple"), .int64(25), .string("Q3")], [.string("Apple"), .int64(2), .string("Q4")],
                [.string("Kale"), .int64(51), .string("Q1")], [.string("Kale"), .int64(23), .string("Q2")],
                [.string("Kale"), .int64(45), .string("Q3")], [.string("Kale"), .int64(3), .string("Q4")],
            ])
    }

    @Test func unpivotOfColumnGroupsLabelsEachGroup() throws {
        let sql =
            Self.wide + """
                SELECT * FROM Produce
                UNPIVOT((first_half_sales, second_half_sales) FOR semesters IN ((Q1, Q2) AS 'semester_1', (Q3, Q4) AS 'semester_2'))
                ORDER BY product, semesters
                """
        #expect(try db.compile(sql).schema.fields.map(\.name) == ["product", "first_half_sales", "second_half_sales", "semesters"])
        #expect(
            try db.rows(sql) == [
                [.string("Apple"), .int64(77), .int64(0), .string("semester_1")], [.string("Apple"), .int64(25), .int64(2), .string("semester_2")],
                [.string("Kale"), .int64(51), .int64(23), .string("semester_1")], [.string("Kale"), .int64(45), .int64(3), .string("semester_2")],
            ])
    }

    @Test func unpivotDropsNullValuesUnlessIncludeNulls() throws {
        let input = "(SELECT 1 AS id, CAST(NULL AS INT64) AS w, 2 AS h)"
        #expect(try db.rows("SELECT id, side, v FROM \(input) UNPIVOT(v FOR side IN (w, h))") == [[.int64(1), .string("h"), .int64(2)]])
        #expect(
            try db.rows("SELECT id, side, v FROM \(input) UNPIVOT INCLUDE NULLS (v FOR side IN (w, h)) ORDER BY side DESC")
                == [[.int64(1), .string("w"), .null], [.int64(1), .string("h"), .int64(2)]])
        #expect(try db.rows("SELECT id, side, v FROM \(input) UNPIVOT EXCLUDE NULLS (v FOR side IN (w, h))").count == 1)
    }

    @Test func pivotErrorsFollowBigQuery() {
        #expect(
            errorMessage { try db.compile("SELECT * FROM Produce PIVOT(SUM(purchases), COUNT(*) FOR category IN ('fruit'))") }?.hasPrefix(
                "PIVOT expressions must have aliases") == true)
        #expect(errorMessage { try db.compile("SELECT * FROM Produce PIVOT(purchases FOR category IN ('fruit'))") } != nil)
    }
}

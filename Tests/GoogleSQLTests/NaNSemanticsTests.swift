import Testing
import WarehouseSchema

@testable import GoogleSQL

/// FLOAT64's NaN in queries follows GoogleSQL: every comparison with NaN is FALSE except `!=` (TRUE);
/// ORDER BY puts NaN after NULL and before -inf in ascending order (all NaNs equal); arithmetic and
/// SUM, AVG, MIN and MAX with a NaN input give NaN; GROUP BY puts the NaNs in one group; IS_NAN and IS_INF test for them.
@Suite struct NaNSemanticsTests {
    static let schema = TableSchema(fields: [
        TableFieldSchema(name: "id", type: .integer), TableFieldSchema(name: "f", type: .float),
    ])
    static let table = CatalogTable(projectId: "proj", datasetId: "ds", tableId: "floats", sqliteTable: "t_floats", schema: schema)
    /// id 1..7: NaN, 2.5, -inf, NULL, +inf, -1, NaN.
    static let rows: [[BigQueryValue]] = [
        [.int64(1), .float64(.nan)], [.int64(2), .float64(2.5)], [.int64(3), .float64(-.infinity)],
        [.int64(4), .null], [.int64(5), .float64(.infinity)], [.int64(6), .float64(-1)], [.int64(7), .float64(.nan)],
    ]

    let db = try! Fixture(tables: [(table, rows)])

    func ids(_ condition: String) throws -> [BigQueryValue] {
        try db.column("SELECT id FROM ds.floats WHERE \(condition) ORDER BY id")
    }

    @Test func comparisonsWithNaNAreFalseExceptNotEqual() throws {
        #expect(try ids("f > 0") == [.int64(2), .int64(5)])
        #expect(try ids("f >= -1") == [.int64(2), .int64(5), .int64(6)])
        #expect(try ids("f < 0") == [.int64(3), .int64(6)])
        #expect(try ids("f <= 2.5") == [.int64(2), .int64(3), .int64(6)])
        #expect(try ids("f = f") == [.int64(2), .int64(3), .int64(5), .int64(6)])
        #expect(try ids("f = CAST('NaN' AS FLOAT64)") == [])
        #expect(try ids("f != 2.5") == [.int64(1), .int64(3), .int64(5), .int64(6), .int64(7)])
        #expect(try ids("f != f") == [.int64(1), .int64(7)])
        #expect(try ids("f BETWEEN -10 AND 10") == [.int64(2), .int64(6)])
        #expect(try ids("NOT (f > 0)") == [.int64(1), .int64(3), .int64(6), .int64(7)])
    }

    @Test func nanIsInNoListNotEvenOneHoldingNaN() throws {
        #expect(try ids("f IN (2.5, CAST('NaN' AS FLOAT64))") == [.int64(2)])
        #expect(try ids("f NOT IN (2.5, CAST('NaN' AS FLOAT64))") == [.int64(1), .int64(3), .int64(5), .int64(6), .int64(7)])
        #expect(try ids("f IN (2.5, NULL)") == [.int64(2)])
        #expect(try ids("f NOT IN (2.5, NULL)") == [])
    }

    @Test func orderByPutsNaNAfterNullAndBeforeNegativeInfinity() throws {
        let ascending = try db.column("SELECT f FROM ds.floats ORDER BY f, id")
        #expect(ascending.count == 7)
        #expect(ascending.first == .null)
        #expect(isNaN(ascending[1]) && isNaN(ascending[2]))
        #expect(Array(ascending.dropFirst(3)) == [.float64(-.infinity), .float64(-1), .float64(2.5), .float64(.infinity)])
        let descending = try db.column("SELECT id FROM ds.floats ORDER BY f DESC, id")
        #expect(descending == [.int64(5), .int64(2), .int64(6), .int64(3), .int64(1), .int64(7), .int64(4)])
    }

    @Test func aggregatesWithANaNInputAreNaN() throws {
        #expect(try isNaN(db.column("SELECT MIN(f) FROM ds.floats")[0]))
        #expect(try isNaN(db.column("SELECT MAX(f) FROM ds.floats")[0]))
        #expect(try isNaN(db.column("SELECT SUM(f) FROM ds.floats")[0]))
        #expect(try isNaN(db.column("SELECT AVG(f) FROM ds.floats")[0]))
        #expect(try db.column("SELECT SUM(f) FROM ds.floats WHERE id IN (2, 6)") == [.float64(1.5)])
    }

    /// IEEE's sum: `inf + -inf` is NaN (SQLite's sum gave NULL), a frame holding one infinity is that
    /// infinity, and a frame the infinities have left is the sum of what is in it (SQLite's sliding
    /// sum, which takes a row out by subtracting it, stayed NULL for good once an infinity had passed).
    @Test func sumAndAverageOfInfinitiesAreIEEEsPlainAndOverEveryFrame() throws {
        let values = "UNNEST([CAST('inf' AS FLOAT64), CAST('-inf' AS FLOAT64), 1.0, NULL, NULL, CAST('nan' AS FLOAT64), 2.0, 3.0]) x WITH OFFSET o"
        let frame = "OVER (ORDER BY o ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)"
        let sums = try db.column("SELECT SUM(x) \(frame) FROM \(values) ORDER BY o")
        let averages = try db.column("SELECT AVG(x) \(frame) FROM \(values) ORDER BY o")
        for column in [sums, averages] {
            #expect(column.count == 8)
            #expect(column[0] == .float64(.infinity))
            #expect(isNaN(column[1]))
            #expect(column[2] == .float64(-.infinity))
            #expect(column[3] == .float64(1))
            #expect(column[4] == .null)
            #expect(isNaN(column[5]) && isNaN(column[6]))
        }
        #expect(sums[7] == .float64(5))
        #expect(averages[7] == .float64(2.5))
        let whole = "FROM UNNEST([CAST('inf' AS FLOAT64), CAST('-inf' AS FLOAT64)]) x"
        #expect(try isNaN(db.column("SELECT SUM(x) OVER () \(whole)")[0]))
        #expect(try isNaN(db.column("SELECT SUM(x) \(whole)")[0]))
        #expect(try isNaN(db.column("SELECT AVG(x) \(whole)")[0]))
        #expect(try db.column("SELECT SUM(x) FROM UNNEST([CAST('inf' AS FLOAT64), 1.5]) x") == [.float64(.infinity)])
        #expect(
            try db.column("SELECT SUM(DISTINCT x) FROM UNNEST([CAST('-inf' AS FLOAT64), 1.5, CAST('-inf' AS FLOAT64)]) x") == [.float64(-.infinity)])
        #expect(try db.column("SELECT SUM(x) FROM UNNEST(CAST([] AS ARRAY<FLOAT64>)) x") == [.null])
    }

    @Test func arithmeticWithNaNIsNaN() throws {
        #expect(try isNaN(db.column("SELECT f + 1 FROM ds.floats WHERE id = 1")[0]))
        #expect(try isNaN(db.column("SELECT f * 0 FROM ds.floats WHERE id = 5")[0]))
        #expect(try isNaN(db.column("SELECT f - f FROM ds.floats WHERE id = 5")[0]))
        #expect(try isNaN(db.column("SELECT -f FROM ds.floats WHERE id = 7")[0]))
    }

    @Test func groupByPutsTheNaNsTogether() throws {
        let counts = try db.rows("SELECT f, COUNT(*) AS n FROM ds.floats GROUP BY f ORDER BY f")
        #expect(counts.count == 6)
        #expect(isNaN(counts[1][0]) && counts[1][1] == .int64(2))
    }

    @Test func isNanAndIsInfTestForThem() throws {
        #expect(try ids("IS_NAN(f)") == [.int64(1), .int64(7)])
        #expect(try ids("IS_INF(f)") == [.int64(3), .int64(5)])
        #expect(try db.column("SELECT IS_NAN(f) FROM ds.floats WHERE id = 4") == [.null])
    }

    func isNaN(_ value: BigQueryValue) -> Bool {
        if case .float64(let number) = value { return number.isNaN }
        return false
    }
}

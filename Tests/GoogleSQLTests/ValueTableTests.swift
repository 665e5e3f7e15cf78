import Testing
import WarehouseSchema

@testable import GoogleSQL

/// SELECT AS STRUCT and SELECT AS VALUE; expected values from BigQuery's query syntax reference
/// (select_as_struct, select_as_value, value tables).
@Suite struct ValueTableTests {
    let db = try! Fixture.shapes()

    @Test func selectAsStructInAnArraySubqueryMakesOneStructPerRow() throws {
        #expect(try db.value("ARRAY(SELECT AS STRUCT 1 a, 2 b)") == .array([.record([.int64(1), .int64(2)])]))
        let query = try db.compile("SELECT ARRAY(SELECT AS STRUCT LastName, SchoolID FROM Roster WHERE SchoolID > 51 ORDER BY LastName) AS r")
        #expect(query.schema.fields[0].mode == .repeated && query.schema.fields[0].fields.map(\.name) == ["LastName", "SchoolID"])
        #expect(
            try db.value("ARRAY(SELECT AS STRUCT LastName, SchoolID FROM Roster WHERE SchoolID > 51 ORDER BY LastName)")
                == .array([
                    .record([.string("Buchanan"), .int64(52)]), .record([.string("Coolidge"), .int64(52)]),
                    .record([.string("Eisenhower"), .int64(77)]),
                ]))
    }

    @Test func selectAsStructInAScalarSubqueryIsOneStruct() throws {
        #expect(try db.value("(SELECT AS STRUCT 1 AS x, 'a' AS y)") == .record([.int64(1), .string("a")]))
        #expect(try db.value("(SELECT AS STRUCT 1 AS x, 2 AS y).y") == .int64(2))
        #expect(db.failure("(SELECT 1 AS a, 2 AS b)")?.hasPrefix("Scalar subquery cannot have more than one column") == true)
    }

    @Test func aTopLevelValueTableShowsItsFieldsAsColumns() throws {
        #expect(try db.rows("SELECT AS STRUCT 1 AS x, 2 AS y") == [[.int64(1), .int64(2)]])
        let query = try db.compile("SELECT AS VALUE STRUCT(1 AS x, 2 AS y)")
        #expect(query.schema.fields.map(\.name) == ["x", "y"])
        #expect(try db.rows("SELECT AS VALUE STRUCT(1 AS x, 2 AS y)") == [[.int64(1), .int64(2)]])
        #expect(try db.rows("SELECT * FROM (SELECT AS VALUE STRUCT(1 AS a, 'b' AS b))") == [[.int64(1), .string("b")]])
    }

    @Test func selectAsValueOfAScalarIsItsValue() throws {
        #expect(try db.value("ARRAY(SELECT AS VALUE x * 2 FROM UNNEST([1, 2, 3]) AS x ORDER BY x)") == .array([.int64(2), .int64(4), .int64(6)]))
        #expect(try db.column("SELECT LastName FROM Roster WHERE SchoolID IN (SELECT AS VALUE 77)") == [.string("Eisenhower")])
        #expect(errorMessage { try db.compile("SELECT AS VALUE 1, 2") } == "SELECT AS VALUE query must have exactly one column")
    }
}

import Testing
import WarehouseSchema

@testable import GoogleSQL

/// STRUCT values and typed ARRAY literals; expected values from BigQuery's data-types reference
/// (struct_type, array_type), its operators reference (field access, comparison) and its
/// conversion rules (CAST to ARRAY and STRUCT).
@Suite struct StructTests {
    let db = try! Fixture.shapes()

    @Test func structConstructorNamesItsFieldsAndReportsARecord() throws {
        let query = try db.compile("SELECT STRUCT(1 AS a, 'x' AS b) AS s")
        #expect(query.schema.fields[0].type == .record)
        #expect(query.schema.fields[0].fields.map(\.name) == ["a", "b"])
        #expect(query.schema.fields[0].fields.map(\.type) == [.integer, .string])
        #expect(try db.value("STRUCT(1 AS a, 'x' AS b)") == .record([.int64(1), .string("x")]))
    }

    @Test func typedStructConstructorCoercesToTheDeclaredTypes() throws {
        #expect(try db.value("STRUCT<x INT64, y STRING>(1, 't')") == .record([.int64(1), .string("t")]))
        let query = try db.compile("SELECT STRUCT<x FLOAT64, d DATE>(1, '2024-01-02') AS s")
        #expect(query.schema.fields[0].fields.map(\.type) == [.float, .date])
        #expect(try db.value("STRUCT<x FLOAT64, d DATE>(1, '2024-01-02')") == .record([.float64(1), .date(Fixture.day("2024-01-02"))]))
    }

    @Test func tupleSyntaxAndUnnamedFieldsAreAnonymous() throws {
        let query = try db.compile("SELECT (1, 'x') AS s")
        #expect(query.schema.fields[0].fields.map(\.name) == ["_field_1", "_field_2"])
        #expect(try db.value("(1, 'x')") == .record([.int64(1), .string("x")]))
    }

    @Test func fieldNamesComeFromColumnsAndNestedFieldsAreReachable() throws {
        #expect(try db.value("STRUCT(1 AS a, STRUCT(2 AS c, 'z' AS d) AS b).b.c") == .int64(2))
        let query = try db.compile("SELECT STRUCT(LastName, SchoolID) AS s FROM Roster WHERE SchoolID = 77")
        #expect(query.schema.fields[0].fields.map(\.name) == ["LastName", "SchoolID"])
        #expect(
            try db.column("SELECT STRUCT(LastName, SchoolID) AS s FROM Roster WHERE SchoolID = 77") == [.record([.string("Eisenhower"), .int64(77)])])
        #expect(try db.value("STRUCT([1, 2] AS xs, 'k' AS key).xs[OFFSET(1)]") == .int64(2))
        #expect(db.failure("STRUCT(1 AS a).nope")?.hasPrefix("Field name nope does not exist in STRUCT<a INT64>") == true)
    }

    @Test func structEqualityComparesFieldByField() throws {
        #expect(try db.value("STRUCT(1 AS a, 'x' AS b) = STRUCT(1 AS a, 'x' AS b)") == .bool(true))
        #expect(try db.value("STRUCT(1 AS a) != STRUCT(2 AS a)") == .bool(true))
        // A NULL field makes equality unknown, as for scalars.
        #expect(try db.value("STRUCT(1 AS a, CAST(NULL AS INT64) AS b) = STRUCT(1 AS a, CAST(NULL AS INT64) AS b)") == .null)
        #expect(try db.value("(1, 2) IN ((3, 4), (1, 2))") == .bool(true))
        #expect(try db.value("(1, 2) NOT IN ((3, 4))") == .bool(true))
        #expect(db.failure("STRUCT(1 AS a) < STRUCT(2 AS a)")?.hasPrefix("No matching signature for operator <") == true)
    }

    @Test func arraysOfStructsUnnestToTheirFields() throws {
        #expect(
            try db.rows("SELECT a, b FROM UNNEST([STRUCT(1 AS a, 'x' AS b), STRUCT(2 AS a, 'y' AS b)]) ORDER BY a")
                == [[.int64(1), .string("x")], [.int64(2), .string("y")]])
        #expect(
            try db.column("SELECT s.b FROM UNNEST([STRUCT(1 AS a, 'x' AS b), STRUCT(2 AS a, 'y' AS b)]) AS s WHERE s.a = 2")
                == [.string("y")])
        #expect(try db.value("[STRUCT(1 AS a), STRUCT(5 AS a)][OFFSET(1)].a") == .int64(5))
        let query = try db.compile("SELECT [STRUCT(1 AS a)] AS arr")
        #expect(query.schema.fields[0].type == .record && query.schema.fields[0].mode == .repeated)
        #expect(try db.value("[STRUCT(1 AS a), STRUCT(5 AS a)]") == .array([.record([.int64(1)]), .record([.int64(5)])]))
    }

    @Test func typedArrayLiteralsCoerceTheirElements() throws {
        #expect(try db.value("ARRAY<INT64>[1, 2]") == .array([.int64(1), .int64(2)]))
        #expect(try db.value("ARRAY<FLOAT64>[1, 2]") == .array([.float64(1), .float64(2)]))
        #expect(try db.compile("SELECT ARRAY<STRING>[] AS a").schema.fields[0].type == .string)
        #expect(
            try db.rows("SELECT a, b FROM UNNEST(ARRAY<STRUCT<a INT64, b STRING>>[(1, 'x'), (2, 'y')]) ORDER BY a")
                == [[.int64(1), .string("x")], [.int64(2), .string("y")]])
        #expect(db.failure("ARRAY<INT64>['a']")?.hasPrefix("Could not coerce value of type STRING to type INT64") == true)
    }

    @Test func structSubscriptsSelectAFieldByPosition() throws {
        #expect(try db.value("STRUCT<INT64, STRING, BOOL>(23, 'tea', FALSE)[0]") == .int64(23))
        #expect(try db.value("STRUCT<INT64, STRING, BOOL>(23, 'tea', FALSE)[OFFSET(0)]") == .int64(23))
        #expect(try db.value("STRUCT<INT64, STRING, BOOL>(23, 'tea', FALSE)[ORDINAL(2)]") == .string("tea"))
        #expect(db.failure("STRUCT(1 AS a)[ORDINAL(-9223372036854775808)]")?.hasPrefix("Field index -9223372036854775808 is out of bounds") == true)
    }

    @Test func starOverAnUnnestedArrayOfStructsIsTheirFields() throws {
        let sql = "SELECT * FROM UNNEST(ARRAY<STRUCT<x INT64, y STRING, z STRUCT<a INT64, b INT64>>>[(1, 'foo', (10, 11)), (3, 'bar', (20, 21))])"
        #expect(try db.compile(sql).schema.fields.map(\.name) == ["x", "y", "z"])
        #expect(
            try db.rows(sql) == [
                [.int64(1), .string("foo"), .record([.int64(10), .int64(11)])], [.int64(3), .string("bar"), .record([.int64(20), .int64(21)])],
            ])
    }

    @Test func arrayAggCollectsStructs() throws {
        #expect(
            try db.value("(SELECT ARRAY_AGG(s ORDER BY s.n) FROM (SELECT AS STRUCT x AS n, x * x AS sq FROM UNNEST([3, 1, 2]) AS x) AS s)")
                == .array([.record([.int64(1), .int64(1)]), .record([.int64(2), .int64(4)]), .record([.int64(3), .int64(9)])]))
    }

    @Test func castConvertsArraysElementByElementAndStructsFieldByField() throws {
        #expect(try db.value("CAST([1, 2] AS ARRAY<STRING>)") == .array([.string("1"), .string("2")]))
        #expect(
            try db.value("CAST(STRUCT(1 AS a, 2.5 AS b) AS STRUCT<a STRING, b INT64>)") == .record([.string("1"), .int64(3)]))
        #expect(try db.compile("SELECT CAST(STRUCT(1 AS a) AS STRUCT<x STRING>) AS s").schema.fields[0].fields.map(\.name) == ["x"])
    }

    @Test func aRangeVariableUsedAsAValueIsItsRowAsAStruct() throws {
        #expect(
            try db.column("SELECT r FROM Roster AS r WHERE SchoolID = 77") == [.record([.string("Eisenhower"), .int64(77)])])
        #expect(try db.column("SELECT t.x FROM (SELECT 1 AS x, 2 AS y) AS t") == [.int64(1)])
    }

    @Test func recordColumnsCompareWithConstructedStructs() throws {
        #expect(
            try db.column(
                "SELECT event_id FROM events WHERE occurred_at > '2000-01-01' AND device = STRUCT('ios' AS os, 17 AS version, STRUCT('x1' AS build) AS meta)"
            )
                == [.string("e1")])
        #expect(try db.column("SELECT device.meta.build FROM events WHERE occurred_at > '2000-01-01' AND event_id = 'e2'") == [.string("y2")])
    }
}

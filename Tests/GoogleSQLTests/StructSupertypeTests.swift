import Foundation
import Testing
import WarehouseSchema

@testable import GoogleSQL

/// STRUCT supertypes where values meet (array literals, set operations, CASE/IF/COALESCE), arrays of
/// BYTES and JSON, `expr.*` and FORMAT of ARRAY and STRUCT values. Expected values from BigQuery's
/// reference: statistical_aggregate_functions (CORR), array_functions (ARRAY_TO_STRING),
/// net_functions (NET.IPV4_TO_INT64), operators (JSON subscript), query-syntax (SELECT
/// expression.*) and string_functions (FORMAT).
@Suite struct StructSupertypeTests {
    let db = try! Fixture.shapes()

    @Test func arrayLiteralMixesANamedStructWithTuplesUnderTheFirstStructsNames() throws {
        let corr = try db.value("CORR(y, x) FROM UNNEST([STRUCT(1.0 AS y, 5.0 AS x), (3.0, 9.0), (4.0, 7.0)])")
        guard case .float64(let value) = corr else {
            Issue.record("CORR gave \(corr)")
            return
        }
        #expect(abs(value - 0.6546536707079772) < 1e-12)
        let query = try db.compile("SELECT [STRUCT(1 AS a, 2.0 AS b), (3, 4)] AS xs")
        #expect(query.schema.fields[0].fields.map(\.name) == ["a", "b"])
        #expect(query.schema.fields[0].fields.map(\.type) == [.integer, .float])
        #expect(try db.column("SELECT b FROM UNNEST([STRUCT(1 AS a, 2.0 AS b), (3, 4)])") == [.float64(2), .float64(4)])
    }

    @Test func structsWithoutACommonFieldTypeStillFail() throws {
        #expect(db.failure("[STRUCT(1 AS a), STRUCT('x')]")?.hasPrefix("No matching signature for array literal") == true)
        #expect(db.failure("[STRUCT(1 AS a), (1, 2)]")?.hasPrefix("No matching signature for array literal") == true)
    }

    @Test func aNullOrEmptyArrayLiteralInAStructTakesTheFieldTypeOfTheOthers() throws {
        // `STRUCT(NULL AS v)` alone is STRUCT<v INT64>, but beside other STRUCTs its NULL takes their type.
        let pairs = try db.compile("SELECT [STRUCT('a' AS k, 1.5 AS v), STRUCT('b', NULL), STRUCT(NULL, 2)] AS kv")
        #expect(pairs.schema.fields[0].fields.map(\.type) == [.string, .float])
        #expect(
            try db.value("[STRUCT('a' AS k, 1.5 AS v), STRUCT('b', NULL), STRUCT(NULL, 2)]")
                == .array([.record([.string("a"), .float64(1.5)]), .record([.string("b"), .null]), .record([.null, .float64(2)])]))
        // The operators reference's SalesTable with an empty and a NULL `prices`.
        #expect(
            try db.value("ARRAY_LENGTH([STRUCT([25.0, 75.0] AS prices), STRUCT([30.0] AS prices), STRUCT([] AS prices), STRUCT(NULL AS prices)])")
                == .int64(4))
        #expect(try db.value("IF(TRUE, [], [1.5])") == .array([]))
        #expect(try db.value("(CASE WHEN FALSE THEN STRUCT(1 AS a, STRUCT('x' AS c) AS b) ELSE STRUCT(2, STRUCT(NULL)) END).b.c") == .null)
        #expect(try db.compile("SELECT [STRUCT(NULL AS a), STRUCT(NULL)] AS x").schema.fields[0].fields.map(\.type) == [.integer])
        // A typed empty array is not a literal to coerce.
        #expect(db.failure("[STRUCT(ARRAY<INT64>[] AS p), STRUCT(['a'] AS p)]")?.hasPrefix("No matching signature for array literal") == true)
    }

    @Test func branchesAndSetOperationsShareTheStructSupertype() throws {
        #expect(try db.value("IF(FALSE, STRUCT(1 AS a, 2.5 AS b), (3, 4)).b") == .float64(4))
        #expect(try db.value("COALESCE(NULL, STRUCT(1 AS a), STRUCT(7)).a") == .int64(1))
        #expect(try db.value("(CASE WHEN FALSE THEN STRUCT(1 AS a) ELSE STRUCT(9) END).a") == .int64(9))
        #expect(try db.column("SELECT s.a FROM (SELECT STRUCT(1 AS a) AS s UNION ALL SELECT STRUCT(2)) ORDER BY 1") == [.int64(1), .int64(2)])
    }

    @Test func arraysOfBytesRoundTripAndUnnest() throws {
        #expect(try db.value("[b'ab', b'\\xff']") == .array([.bytes(Array("ab".utf8)), .bytes([0xff])]))
        #expect(
            try db.value("ARRAY_TO_STRING([b'prefix', b'middle', b'suffix', b'\\x00'], b'--')")
                == .bytes(Array(Data(base64Encoded: "cHJlZml4LS1taWRkbGUtLXN1ZmZpeC0tAA==")!)))
        #expect(
            try db.column("SELECT FORMAT('0x%X', NET.IPV4_TO_INT64(x)) FROM UNNEST([b'\\x00\\x00\\x00\\x00', b'\\x00\\xab\\xcd\\xef']) AS x")
                == [.string("0x0"), .string("0xABCDEF")])
        #expect(try db.value("b'ab' IN UNNEST([b'ab', b'cd'])") == .bool(true))
        #expect(try db.value("b'ef' IN UNNEST([b'ab', b'cd'])") == .bool(false))
    }

    @Test func bytesFieldsOfStructsReadAsBytes() throws {
        #expect(try db.value("STRUCT(b'\\xaa\\xbb' AS x).x") == .bytes([0xaa, 0xbb]))
        #expect(
            try db.column("SELECT BIT_COUNT(b) FROM UNNEST([STRUCT(0 AS a, b'' AS b), (5, b'\\x05'), (8, b'\\x00\\x08')])")
                == [.int64(0), .int64(2), .int64(1)])
    }

    @Test func arraysOfJSONUnnestToJSONValues() throws {
        let sql = """
            SELECT json_value.class.students[0]['name'] AS first_student
            FROM UNNEST([
              JSON '{"class" : {"students" : [{"name" : "Jane"}]}}',
              JSON '{"class" : {"students" : []}}',
              JSON '{"class" : {"students" : [{"name" : "John"}, {"name": "Jamie"}]}}']) AS json_value
            """
        #expect(try db.column(sql) == [.json("\"Jane\""), .null, .json("\"John\"")])
    }

    @Test func dotStarExpandsAStructValuesFields() throws {
        #expect(try db.rows("SELECT s.* FROM (SELECT STRUCT(1 AS a, 2 AS b) AS s)") == [[.int64(1), .int64(2)]])
        let sql = """
            WITH locations AS (SELECT ARRAY<STRUCT<city STRING, state STRING>>[("Seattle", "Washington"), ("Phoenix", "Arizona")] AS location)
            SELECT l.LOCATION[offset(0)].* FROM locations l
            """
        #expect(try db.compile(sql).schema.fields.map(\.name) == ["city", "state"])
        #expect(try db.rows(sql) == [[.string("Seattle"), .string("Washington")]])
        #expect(try db.rows("SELECT s.* EXCEPT (a) FROM (SELECT STRUCT(1 AS a, 2 AS b) AS s)") == [[.int64(2)]])
        #expect(errorMessage { try db.rows("SELECT x.* FROM (SELECT 1 AS x)") }?.hasPrefix("Dot-star is not supported for type INT64") == true)
    }

    @Test func formatPrintsArraysAndStructs() throws {
        #expect(try db.value("FORMAT('%T', [1, 2])") == .string("[1, 2]"))
        #expect(try db.value("FORMAT('%t', STRUCT(1 AS a, 'x' AS b))") == .string("(1, x)"))
        #expect(try db.value("FORMAT('%T', STRUCT(1 AS a, 'x' AS b))") == .string("(1, \"x\")"))
        #expect(try db.value("FORMAT('%T', DATE '2024-01-02')") == .string("DATE \"2024-01-02\""))
        #expect(try db.value("FORMAT('%t', [STRUCT(1 AS a, [b'x'] AS b)])") == .string("[(1, [x])]"))
    }
}

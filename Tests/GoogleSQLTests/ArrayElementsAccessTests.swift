import Testing
import WarehouseSchema

@testable import GoogleSQL

/// The array elements field access operator (`array.field...` inside FLATTEN, UNNEST and a FROM
/// path). Expected values are the examples of BigQuery's operators and FLATTEN references, and the
/// rules those pages state: NULL elements are kept, NULL or empty arrays add nothing.
@Suite struct ArrayElementsAccessTests {
    let db = try! Fixture.shapes()

    func ints(_ values: Int64...) -> BigQueryValue { .array(values.map { .int64($0) }) }
    func floats(_ values: Double...) -> BigQueryValue { .array(values.map { .float64($0) }) }

    /// The FLATTEN reference's table `t`.
    let quantities = """
        WITH t AS (SELECT [
          STRUCT([STRUCT([1, 2, 3] AS quantity), STRUCT([4, 5, 6] AS quantity)] AS sales),
          STRUCT([STRUCT([7, 8] AS quantity), STRUCT(ARRAY<INT64>[] AS quantity)] AS sales)] AS v)
        """
    /// The operators reference's `SalesTable`.
    let sales = """
        WITH SalesTable AS (SELECT [STRUCT([STRUCT([25.0, 75.0] AS prices), STRUCT([30.0] AS prices)] AS sales)] AS my_array)
        """

    @Test func flattenConcatenatesTheArraysAtTheEndOfThePath() throws {
        #expect(try db.column(quantities + " SELECT FLATTEN(v.sales.quantity) FROM t") == [ints(1, 2, 3, 4, 5, 6, 7, 8)])
        #expect(try db.column(sales + " SELECT FLATTEN(my_array.sales.prices) FROM SalesTable") == [floats(25, 75, 30)])
        // A path that ends on an array of STRUCTs gives those STRUCTs.
        #expect(try db.column(quantities + " SELECT ARRAY_LENGTH(FLATTEN(v.sales)) FROM t") == [.int64(4)])
        // FLATTEN of a plain array is that array.
        #expect(try db.value("FLATTEN([1, 2])") == ints(1, 2))
        #expect(try db.value("FLATTEN(FLATTEN([STRUCT([1, 2] AS x), STRUCT([3] AS x)].x))") == ints(1, 2, 3))
        #expect(try db.value("FLATTEN(CAST(NULL AS ARRAY<STRUCT<x INT64>>).x) IS NULL") == .bool(true))
    }

    @Test func aSubscriptOnThePathPicksOneElementOfEachArray() throws {
        #expect(try db.column(quantities + " SELECT FLATTEN(v.sales.quantity[OFFSET(1)]) FROM t") == [ints(2, 5, 8)])
        #expect(try db.column(sales + " SELECT FLATTEN(my_array.sales.prices[OFFSET(0)]) FROM SalesTable") == [floats(25, 30)])
        #expect(try db.column(sales + " SELECT FLATTEN(my_array.sales.prices[ORDINAL(1)]) FROM SalesTable") == [floats(25, 30)])
        #expect(
            try db.column(sales + " SELECT FLATTEN(my_array.sales.prices[SAFE_OFFSET(1)]) FROM SalesTable")
                == [.array([.float64(75), .null])])
        #expect(
            errorMessage { try db.rows(sales + " SELECT FLATTEN(my_array.sales.prices[OFFSET(1)]) FROM SalesTable") }?
                .contains("Array index 1 is out of bounds (array length 1)") == true)
        // Mid-path, then on through the picked element's fields; the index is any INT64 expression.
        #expect(try db.value("FLATTEN([STRUCT([STRUCT(1 AS y), STRUCT(2 AS y)] AS s)].s[OFFSET(1)].y)") == ints(2))
        #expect(try db.column(quantities + " SELECT FLATTEN(v.sales.quantity[OFFSET(ARRAY_LENGTH(v) - 1)]) FROM t") == [ints(2, 5, 8)])
    }

    @Test func nullElementsStayAndNullOrEmptyArraysAddNothing() throws {
        let type = "STRUCT<n INT64, list ARRAY<INT64>>"
        let array = "[\(type)(1, [10]), CAST(NULL AS \(type)), \(type)(NULL, NULL), \(type)(4, [])]"
        #expect(try db.value("FLATTEN(\(array).n)") == .array([.int64(1), .null, .null, .int64(4)]))
        #expect(try db.value("FLATTEN(\(array).list)") == ints(10))
        #expect(try db.value("FLATTEN(\(array).list[SAFE_OFFSET(0)])") == ints(10))
        #expect(try db.value("FLATTEN(\(array).list[OFFSET(0)])") == ints(10))
        #expect(try db.value("FLATTEN(\(array).list[SAFE_ORDINAL(-9223372036854775808)])") == .array([.null]))
    }

    @Test func unnestAndAFromPathReadThroughArrays() throws {
        let prices = [[BigQueryValue.float64(25)], [.float64(75)], [.float64(30)]]
        #expect(try db.rows(sales + " SELECT p FROM SalesTable, UNNEST(my_array.sales.prices) AS p") == prices)
        #expect(try db.rows(sales + " SELECT p FROM SalesTable, SalesTable.my_array.sales.prices AS p") == prices)
        #expect(try db.rows(sales + " SELECT p FROM SalesTable, UNNEST(FLATTEN(my_array.sales.prices)) AS p") == prices)
        #expect(
            try db.rows(sales + " SELECT o, p FROM SalesTable, SalesTable.my_array.sales.prices AS p WITH OFFSET o ORDER BY o")
                == [[.int64(0), .float64(25)], [.int64(1), .float64(75)], [.int64(2), .float64(30)]])
        #expect(try db.column(sales + " SELECT 30 IN UNNEST(my_array.sales.prices) FROM SalesTable") == [.bool(true)])
        // A four-part FROM path that starts nowhere is still a bad table name.
        #expect(errorMessage { try db.rows("SELECT 1 FROM a.b.c.d") } == "Invalid table name: a.b.c.d")
    }

    @Test func everyTypeComesThroughAsTheFieldHoldsIt() throws {
        let row = """
            STRUCT(TIMESTAMP '2024-01-02 03:04:05.678901+00' AS ts, DATE '2024-02-29' AS d, DATETIME '2024-01-02 03:04:05' AS dt,
                   TIME '23:59:59.5' AS tm, NUMERIC '1.25' AS num, BIGNUMERIC '1e-38' AS big, b'\\x00\\xff' AS bt, 'é' AS s,
                   1.5 AS f, TRUE AS bo, JSON '{"k": [1]}' AS j, STRUCT(7 AS x, b'z' AS y) AS st, [b'a', b''] AS bs)
            """
        for field in ["ts", "d", "dt", "tm", "num", "big", "bt", "s", "f", "bo", "j", "st"] {
            let flattened = try db.value("FLATTEN([\(row), \(row)].\(field))")
            let accessed = try db.value("[\(row).\(field), \(row).\(field)]")
            #expect(flattened == accessed, "\(field)")
            if case .array(let values) = flattened { #expect(values.count == 2 && values[0] != .null, "\(field)") }
        }
        #expect(try db.value("FLATTEN([\(row), \(row)].bs)") == .array([.bytes([97]), .bytes([]), .bytes([97]), .bytes([])]))
    }

    @Test func jsonElementsGiveTheirMembers() throws {
        #expect(
            try db.value(#"FLATTEN([JSON '{"a": {"b": 1}}', JSON '{"a": {"b": "x"}}'].a.b)"#)
                == .array([.json("1"), .json(#""x""#)]))
        #expect(try db.value(#"FLATTEN([STRUCT(JSON '{"a": 1}' AS j), STRUCT(JSON '[1]')].j.a)"#) == .array([.json("1"), .null]))
    }

    @Test func theOperatorIsRefusedOutsideFlattenAndUnnest() throws {
        let hint = "You may need an explicit call to FLATTEN, and the flattened argument may only contain 'dot' after the first array"
        #expect(db.failure("[STRUCT(1 AS x)].x") == "Cannot access field x on a value with type ARRAY<STRUCT<x INT64>>. \(hint) at [1:8]")
        #expect(
            errorMessage { try db.rows(sales + " SELECT ARRAY_CONCAT(my_array.sales.prices, [1.0]) FROM SalesTable") }?
                .hasPrefix("Cannot access field sales on a value with type ARRAY<STRUCT<sales ARRAY<STRUCT<prices ARRAY<FLOAT64>>>>>. \(hint) at [")
                == true)
        // Inside the path only the path reads through arrays: not an index expression.
        #expect(
            db.failure("FLATTEN(ARRAY<STRUCT<f ARRAY<INT64>>>[].f[OFFSET([STRUCT(1 AS k)].k)])")
                == "Cannot access field k on a value with type ARRAY<STRUCT<k INT64>>. \(hint) at [1:57]")
        #expect(
            db.failure("FLATTEN([1], [2])") == "Number of arguments does not match for function FLATTEN. Supported signature: FLATTEN(ARRAY) at [1:8]"
        )
        #expect(db.failure("FLATTEN('abc')") == "No matching signature for function FLATTEN for argument types: STRING at [1:8]")
        #expect(db.failure("FLATTEN([STRUCT(1 AS y)].z)") == "Field name z does not exist in STRUCT<y INT64> at [1:16]")
        #expect(
            db.failure("FLATTEN([STRUCT(1 AS y)].y[OFFSET(0)])")
                == "Subscript access using [OFFSET(INT64)] is not supported on values of type INT64 at [1:16]")
        #expect(db.failure("FLATTEN([STRUCT(1 AS y)].y.z)") == "Cannot access field z on a value with type INT64 at [1:16]")
    }

    @Test func aQueryParameterOfStructsCanBeFlattened() throws {
        let type = ParameterType.array(.structure([(name: "tags", type: .array(.scalar(.string))), (name: "n", type: .scalar(.integer))]))
        let value = BigQueryValue.array([
            .record([.array([.string("a"), .string("b")]), .int64(1)]), .record([.array([.string("c")]), .int64(2)]),
        ])
        let parameter = QueryParameter(name: "items", type: type, value: value)
        #expect(try db.column("SELECT FLATTEN(@items.tags)", [parameter]) == [.array([.string("a"), .string("b"), .string("c")])])
        #expect(try db.column("SELECT SUM(n) FROM UNNEST(@items.n) AS n", [parameter]) == [.int64(3)])
    }
}

import Testing
import WarehouseSchema

@testable import GoogleSQL

/// Expected values are the examples of BigQuery's JSON functions documentation.
@Suite struct JSONFunctionTests {
    let db = try! Fixture.events()

    /// JSON is not groupable, so DISTINCT over it is refused as GROUP BY already was (it used to
    /// compare the JSON text).
    @Test func distinctRefusesJSONValues() throws {
        let selectDistinct = errorMessage { try db.compile("SELECT DISTINCT JSON '1' AS j") }
        #expect(selectDistinct?.hasPrefix("Column j of type JSON cannot be used in SELECT DISTINCT") == true, "\(selectDistinct ?? "")")
        let countDistinct = errorMessage { try db.compile("SELECT COUNT(DISTINCT JSON '1')") }
        #expect(countDistinct?.hasPrefix("Aggregate functions with DISTINCT cannot be used with arguments of type JSON") == true)
        #expect(try db.rows("SELECT DISTINCT [1, 1] AS a, STRUCT(2 AS b) AS s") == [[.array([.int64(1), .int64(1)]), .record([.int64(2)])]])
    }

    @Test func extractingJSONNullFromAStringIsSQLNull() throws {
        #expect(try db.value(#"JSON_EXTRACT('{"a": null}', "$.a")"#) == .null)
        #expect(try db.value(#"JSON_EXTRACT('{"a": null}', "$.b")"#) == .null)
        #expect(try db.value(#"JSON_QUERY('{"a": null}', "$.a")"#) == .null)
        #expect(try db.value(#"JSON_QUERY("null", "$")"#) == .null)
        #expect(try db.value(#"JSON_EXTRACT(JSON '{"a": null}', "$.a")"#) == .json("null"))
        #expect(try db.value(#"JSON_QUERY(JSON '{"a": null}', "$.a")"#) == .json("null"))
        #expect(try db.value(#"JSON_QUERY(JSON '{"a": null}', "$.b")"#) == .null)
    }
}

extension JSONFunctionTests {
    @Test func arrayExtractors() throws {
        #expect(
            try db.value(#"JSON_QUERY_ARRAY(JSON '{"fruits": ["apples", "oranges", "grapes"]}', '$.fruits')"#)
                == .array([.json(#""apples""#), .json(#""oranges""#), .json(#""grapes""#)]))
        #expect(try db.value("JSON_QUERY_ARRAY('[1, 2, 3]')") == .array([.string("1"), .string("2"), .string("3")]))
        #expect(
            try db.value(#"JSON_QUERY_ARRAY('{"fruit": [{"apples": 5, "oranges": 10}, {"apples": 2, "oranges": 4}]}', '$.fruit')"#)
                == .array([.string(#"{"apples":5,"oranges":10}"#), .string(#"{"apples":2,"oranges":4}"#)]))
        #expect(try db.value(#"JSON_QUERY_ARRAY('{"a": "foo"}', '$.a')"#) == .array([]))
        #expect(
            try db.value(#"JSON_VALUE_ARRAY(JSON '{"fruits": ["apples", "oranges", "grapes"]}', '$.fruits')"#)
                == .array([.string("apples"), .string("oranges"), .string("grapes")]))
        #expect(try db.value(#"JSON_VALUE_ARRAY('{"a.b": {"c": ["world"]}}', '$."a.b".c')"#) == .array([.string("world")]))
        #expect(try db.value(#"JSON_VALUE_ARRAY('["world", null, 1]')"#) == .array([.string("world"), .null, .string("1")]))
        #expect(try db.value(#"JSON_VALUE_ARRAY('{"a": [10, {"b": 20}]}', '$.a')"#) == .array([]))
        #expect(try db.value(#"JSON_EXTRACT_ARRAY('{"a": [1, "x"]}', '$.a')"#) == .array([.string("1"), .string(#""x""#)]))
        #expect(try db.value(#"JSON_EXTRACT_STRING_ARRAY('{"a": [1, "x"]}', '$.a')"#) == .array([.string("1"), .string("x")]))
        // The JSON_EXTRACT family documents `$[fruits]` as `$.fruits`.
        #expect(
            try db.value(#"JSON_EXTRACT_STRING_ARRAY('{"fruits": ["apples", "oranges"]}', '$[fruits]')"#)
                == .array([.string("apples"), .string("oranges")]))
        #expect(db.failure(#"JSON_EXTRACT('{"a": 1}', '$[-a]')"#)?.contains("Invalid JSONPath") == true)
    }

    @Test func sqlValuesToJSON() throws {
        #expect(try db.value("TO_JSON_STRING([10, 20])") == .string("[10,20]"))
        #expect(try db.value("TO_JSON_STRING(9007199254740993)") == .string(#""9007199254740993""#))
        #expect(try db.value("TO_JSON_STRING(b'Google')") == .string(#""R29vZ2xl""#))
        #expect(try db.value("TO_JSON_STRING(TIMESTAMP '2017-03-06 12:34:56.789012')") == .string(#""2017-03-06T12:34:56.789012Z""#))
        #expect(try db.value("TO_JSON_STRING(DATE '2017-03-06')") == .string(#""2017-03-06""#))
        #expect(try db.value("TO_JSON_STRING(NUMERIC '123.56')") == .string(#""123.56""#))
        #expect(try db.value("TO_JSON_STRING(CAST('inf' AS FLOAT64))") == .string(#""Infinity""#))
        #expect(try db.value("TO_JSON_STRING(1.0)") == .string("1"))
        #expect(try db.value("TO_JSON_STRING(NULL)") == .string("null"))
        #expect(
            try db.value("TO_JSON_STRING(device) FROM events WHERE event_id = 'e1'") == .string(#"{"os":"ios","version":17,"meta":{"build":"x1"}}"#))
        #expect(try db.value("TO_JSON(NUMERIC '123.56')") == .json("123.56"))
        #expect(try db.value("PARSE_JSON('{\"a\": [1, 2]}')") == .json(#"{"a":[1,2]}"#))
        #expect(try db.value("JSON_TYPE(JSON '[1]')") == .string("array"))
        #expect(try db.value("JSON_ARRAY(1, 'a', NULL)") == .json(#"[1,"a",null]"#))
        #expect(try db.value("JSON_OBJECT('a', 1, 'b', 'x')") == .json(#"{"a":1,"b":"x"}"#))
        #expect(db.failure("PARSE_JSON('{')") != nil)
        #expect(try db.value(#"JSON '{"class": {"students": [{"name": "Jane"}]}}'['class']['students'][0]['name']"#) == .json(#""Jane""#))
        #expect(try db.value(#"JSON '{"a": 1}'['b']"#) == .null)
    }
}

extension JSONFunctionTests {
    /// JSON_OBJECT(keys, values): an array of keys and one of values, paired in order.
    @Test func jsonObjectOfAKeyArrayAndAValueArray() throws {
        #expect(try db.value("JSON_OBJECT(['x', 'y'], [7, NULL])") == .json(#"{"x":7,"y":null}"#))
        #expect(try db.value("JSON_OBJECT(['x', 'x', 'z'], ['first', 'second', 'third'])") == .json(#"{"x":"first","z":"third"}"#))
        #expect(try db.value("JSON_OBJECT(['p'], [STRUCT(1 AS id, 'Red' AS color)])") == .json(#"{"p":{"id":1,"color":"Red"}}"#))
        #expect(try db.value("JSON_OBJECT(CAST([] AS ARRAY<STRING>), CAST([] AS ARRAY<INT64>))") == .json("{}"))
        #expect(try db.value("JSON_OBJECT(['k'], [JSON '[1, 2]'])") == .json(#"{"k":[1,2]}"#))
        #expect(db.failure("JSON_OBJECT(['x', 'y'], [1])")?.contains("number of keys and values") == true)
        #expect(db.failure("JSON_OBJECT(CAST(NULL AS ARRAY<STRING>), [1])")?.contains("keys array") == true)
        #expect(db.failure("JSON_OBJECT(['x'], CAST(NULL AS ARRAY<INT64>))")?.contains("values array") == true)
        #expect(db.failure("JSON_OBJECT([CAST(NULL AS STRING)], [1])")?.contains("cannot be NULL") == true)
        #expect(db.failure("JSON_OBJECT([1], [1])")?.hasPrefix("No matching signature for function JSON_OBJECT") == true)
    }

    @Test func laxConverters() throws {
        #expect(try db.value("LAX_BOOL(JSON 'true')") == .bool(true))
        #expect(try db.value(#"LAX_BOOL(JSON '"true"')"#) == .bool(true))
        #expect(try db.value(#"LAX_BOOL(JSON '"true "')"#) == .null)
        #expect(try db.value("LAX_BOOL(JSON '10')") == .bool(true))
        #expect(try db.value("LAX_BOOL(JSON '0.0')") == .bool(false))
        #expect(try db.value("LAX_FLOAT64(JSON '9.8')") == .float64(9.8))
        #expect(try db.value("LAX_FLOAT64(JSON 'true')") == .null)
        #expect(try db.value(#"LAX_FLOAT64(JSON '"1.1e2"')"#) == .float64(110))
        #expect(try db.value(#"LAX_FLOAT64(JSON '"+1.5"')"#) == .float64(1.5))
        #expect(try db.value(#"LAX_FLOAT64(JSON '"Inf"')"#) == .float64(.infinity))
        #expect(try db.value(#"LAX_FLOAT64(JSON '"foo"')"#) == .null)
        #expect(try db.value("LAX_INT64(JSON '3.5')") == .int64(4))
        #expect(try db.value("LAX_INT64(JSON '1.1e2')") == .int64(110))
        #expect(try db.value("LAX_INT64(JSON '1e100')") == .null)
        #expect(try db.value("LAX_INT64(JSON 'false')") == .int64(0))
        #expect(try db.value(#"LAX_INT64(JSON '"+1.5"')"#) == .int64(2))
        #expect(try db.value(#"LAX_STRING(JSON '"purple"')"#) == .string("purple"))
        #expect(try db.value("LAX_STRING(JSON 'true')") == .string("true"))
        #expect(try db.value("LAX_STRING(JSON '10.0')") == .string("10"))
        #expect(try db.value("LAX_STRING(JSON '1e100')") == .string("1e+100"))
    }
}

import Testing
import WarehouseSchema

@testable import GoogleSQL

/// JSON mutators, JSON_KEYS and the named arguments of the JSON functions; expected values are the
/// examples of BigQuery's JSON functions documentation.
@Suite struct JSONMutationTests {
    let db = try! Fixture.events()

    @Test func jsonSetReplacesOrCreates() throws {
        #expect(try db.value(#"JSON_SET(JSON '{"a": 1}', '$', JSON '{"b": 2, "c": 3}')"#) == .json(#"{"b":2,"c":3}"#))
        #expect(try db.value(#"JSON_SET(JSON '{"a": 1}', '$.b', 999, create_if_missing => FALSE)"#) == .json(#"{"a":1}"#))
        #expect(try db.value(#"JSON_SET(JSON '{"a": 1}', '$.a', 999, create_if_missing => FALSE)"#) == .json(#"{"a":999}"#))
        #expect(try db.value(#"JSON_SET(JSON '{"a": {}}', '$.a.b', 100)"#) == .json(#"{"a":{"b":100}}"#))
        #expect(try db.value(#"JSON_SET(JSON 'null', '$.a.b', 100)"#) == .json(#"{"a":{"b":100}}"#))
        #expect(try db.value(#"JSON_SET(JSON '[]', '$[1]', 100)"#) == .json("[null,100]"))
        #expect(try db.value(#"JSON_SET(JSON '{"a": [1]}', '$.a.b', 100)"#) == .json(#"{"a":[1]}"#))
        #expect(try db.value(#"JSON_SET(JSON '{"a": 1}', '$.b', 2, '$.c', 3)"#) == .json(#"{"a":1,"b":2,"c":3}"#))
    }

    @Test func jsonRemove() throws {
        #expect(try db.value(#"JSON_REMOVE(JSON '["a", ["b", "c"], "d"]', '$[1]')"#) == .json(#"["a","d"]"#))
        #expect(try db.value(#"JSON_REMOVE(JSON '["a", ["b", "c"], "d"]', '$[1]', '$[1]')"#) == .json(#"["a"]"#))
        #expect(try db.value(#"JSON_REMOVE(JSON '["a", ["b", "c"], "d"]', '$[1]', '$[1]', '$[0]')"#) == .json("[]"))
        #expect(try db.value(#"JSON_REMOVE(JSON '{"a": {"b": {"c": "d"}}}', '$.a.b.c')"#) == .json(#"{"a":{"b":{}}}"#))
        #expect(try db.value(#"JSON_REMOVE(JSON '{"a": 1}', '$.b')"#) == .json(#"{"a":1}"#))
        #expect(db.failure(#"JSON_REMOVE(JSON '{"a": 1}', '$')"#) != nil)
    }

    @Test func jsonArrayInsert() throws {
        #expect(try db.value(#"JSON_ARRAY_INSERT(JSON '["a", ["b", "c"], "d"]', '$[1]', 1)"#) == .json(#"["a",1,["b","c"],"d"]"#))
        #expect(try db.value(#"JSON_ARRAY_INSERT(JSON '["a", ["b", "c"], "d"]', '$[1][0]', 1)"#) == .json(#"["a",[1,"b","c"],"d"]"#))
        #expect(try db.value(#"JSON_ARRAY_INSERT(JSON '["a", "b", "c"]', '$[1]', [1, 2])"#) == .json(#"["a",1,2,"b","c"]"#))
        #expect(
            try db.value(#"JSON_ARRAY_INSERT(JSON '["a", "b", "c"]', '$[1]', [1, 2], insert_each_element=>FALSE)"#) == .json(#"["a",[1,2],"b","c"]"#))
        #expect(try db.value(#"JSON_ARRAY_INSERT(JSON '["a", "b", "c", "d"]', '$[7]', "e")"#) == .json(#"["a","b","c","d",null,null,null,"e"]"#))
        #expect(try db.value(#"JSON_ARRAY_INSERT(JSON '{"a": null}', '$.a[2]', 1)"#) == .json(#"{"a":[null,null,1]}"#))
        #expect(try db.value(#"JSON_ARRAY_INSERT(JSON '{"a": 1}', '$.a[0]', 1)"#) == .json(#"{"a":1}"#))
    }

    @Test func jsonArrayAppend() throws {
        #expect(try db.value(#"JSON_ARRAY_APPEND(JSON '["a", "b", "c"]', '$', 1)"#) == .json(#"["a","b","c",1]"#))
        #expect(try db.value(#"JSON_ARRAY_APPEND(JSON '["a", "b", "c"]', '$', [1, 2])"#) == .json(#"["a","b","c",1,2]"#))
        #expect(
            try db.value(#"JSON_ARRAY_APPEND(JSON '["a", "b", "c"]', '$', [1, 2], append_each_element=>FALSE)"#) == .json(#"["a","b","c",[1,2]]"#))
        #expect(
            try db.value(#"JSON_ARRAY_APPEND(JSON '["a", ["b"], "c"]', '$[1]', [1, 2], '$[1][1]', [3, 4], append_each_element=>FALSE)"#)
                == .json(#"["a",["b",[1,2,[3,4]]],"c"]"#))
        #expect(try db.value(#"JSON_ARRAY_APPEND(JSON '["a", ["b"], "c"]', '$[1]', [1, 2], '$[1][1]', [3, 4])"#) == .json(#"["a",["b",1,2],"c"]"#))
        #expect(try db.value(#"JSON_ARRAY_APPEND(JSON '{"a": null}', '$.a', 10)"#) == .json(#"{"a":[10]}"#))
        #expect(try db.value(#"JSON_ARRAY_APPEND(JSON '{"a": 1}', '$.b', 10)"#) == .json(#"{"a":1}"#))
    }

    @Test func jsonStripNulls() throws {
        #expect(try db.value(#"JSON_STRIP_NULLS(JSON '{"a": null, "b": "c"}')"#) == .json(#"{"b":"c"}"#))
        #expect(try db.value("JSON_STRIP_NULLS(JSON '[1, null, 2, null]')") == .json("[1,2]"))
        #expect(try db.value("JSON_STRIP_NULLS(JSON '[1, null, 2, null]', include_arrays=>FALSE)") == .json("[1,null,2,null]"))
        #expect(try db.value("JSON_STRIP_NULLS(JSON '[1, null, 2, null, [null]]')") == .json("[1,2,[]]"))
        #expect(try db.value("JSON_STRIP_NULLS(JSON '[1, null, 2, null, [null]]', remove_empty=>TRUE)") == .json("[1,2]"))
        #expect(
            try db.value(#"JSON_STRIP_NULLS(JSON '{"a": {"b": {"c": null}}, "d": [null], "e": [], "f": 1}', remove_empty=>TRUE)"#)
                == .json(#"{"f":1}"#))
        #expect(try db.value(#"JSON_STRIP_NULLS(JSON '{"a": {"b": null}}', remove_empty=>TRUE)"#) == .json("null"))
        #expect(try db.value(#"JSON_STRIP_NULLS(JSON '{"a": {"b": null, "c": 1}, "d": null}', '$.a')"#) == .json(#"{"a":{"c":1},"d":null}"#))
    }

    @Test func jsonKeys() throws {
        #expect(try db.value(#"JSON_KEYS(JSON '{"a": {"b": 1}}')"#) == .array([.string("a"), .string("a.b")]))
        #expect(try db.value(#"JSON_KEYS(JSON '{"a": {"b": 1}}', 1)"#) == .array([.string("a")]))
        #expect(try db.value(#"JSON_KEYS(JSON '{"a": [{"b": 1}, {"c": 2}], "d": 3}')"#) == .array([.string("a"), .string("d")]))
        #expect(
            try db.value(#"JSON_KEYS(JSON '{"a": [{"b": 1}, {"c": 2}], "d": 3}', mode => "lax")"#)
                == .array([.string("a"), .string("a.b"), .string("a.c"), .string("d")]))
        #expect(try db.value(#"JSON_KEYS(JSON '{"a": [[{"b": 1}]]}', mode => "lax")"#) == .array([.string("a")]))
        #expect(try db.value(#"JSON_KEYS(JSON '{"a": [[{"b": 1}]]}', mode => "lax recursive")"#) == .array([.string("a"), .string("a.b")]))
        #expect(db.failure(#"JSON_KEYS(JSON '{"a": 1}', 0)"#) != nil)
    }

    @Test func toJSONStringifiesWideNumbersOnRequest() throws {
        #expect(try db.value("TO_JSON(9007199254740993, stringify_wide_numbers=>TRUE)") == .json(#""9007199254740993""#))
        #expect(try db.value("TO_JSON(9007199254740993, stringify_wide_numbers=>FALSE)") == .json("9007199254740993"))
        #expect(try db.value("TO_JSON(9007199254740993)") == .json("9007199254740993"))
        #expect(try db.value("TO_JSON(2, stringify_wide_numbers=>TRUE)") == .json("2"))
    }

    @Test func parseJSONWideNumberMode() throws {
        #expect(try db.value(#"PARSE_JSON('{"id": 922337203685477580701}', wide_number_mode=>'round')"#) == .json(#"{"id":9.223372036854776e+20}"#))
        #expect(db.failure(#"PARSE_JSON('{"id": 922337203685477580701}', wide_number_mode=>'exact')"#) != nil)
        #expect(try db.value(#"PARSE_JSON('18446744073709551615', wide_number_mode=>'exact')"#) == .json("18446744073709551615"))
        #expect(db.failure(#"PARSE_JSON('1', wide_number_mode=>'nearest')"#) != nil)
    }
}

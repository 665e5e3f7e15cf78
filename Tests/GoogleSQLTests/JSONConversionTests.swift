import Testing
import WarehouseSchema

@testable import GoogleSQL

/// JSON → SQL converters; expected values are the examples of BigQuery's JSON functions documentation.
@Suite struct JSONConversionTests {
    let db = try! Fixture.events()

    @Test func strictConvertersAcceptOnlyTheirJSONType() throws {
        #expect(try db.value("BOOL(JSON 'true')") == .bool(true))
        #expect(try db.value(#"BOOL(JSON_QUERY(JSON '{"hotel class": "5-star", "vacancy": true}', "$.vacancy"))"#) == .bool(true))
        #expect(try db.value("INT64(JSON '2005')") == .int64(2005))
        #expect(try db.value("INT64(JSON '10.0')") == .int64(10))
        #expect(try db.value(#"STRING(JSON '"purple"')"#) == .string("purple"))
        #expect(try db.value("FLOAT64(JSON '9.8')") == .float64(9.8))
        #expect(try db.value("DOUBLE(JSON '9.8')") == .float64(9.8))
        #expect(db.failure("BOOL(JSON '123')")?.contains("not a boolean") == true)
        #expect(db.failure(#"BOOL(JSON '"true"')"#)?.contains("not a boolean") == true)
        #expect(db.failure("STRING(JSON '123')")?.contains("not a string") == true)
        #expect(db.failure("INT64(JSON '1.1')") != nil)
        #expect(db.failure(#"INT64(JSON '"10"')"#)?.contains("not an integer") == true)
        #expect(db.failure("INT32(JSON '2147483648')") != nil)
        #expect(try db.value("BOOL(JSON_QUERY(JSON '{}', '$.missing'))") == .null)
    }

    @Test func float64WideNumberMode() throws {
        #expect(try db.value("FLOAT64(JSON '9007199254740993', wide_number_mode=>'round')") == .float64(9_007_199_254_740_992))
        #expect(db.failure("FLOAT64(JSON '9007199254740993', wide_number_mode=>'exact')")?.contains("precision") == true)
        #expect(db.failure("FLOAT64(JSON '9007199254740993')")?.contains("precision") == true)
        #expect(db.failure("FLOAT64(JSON '1.5', wide_number_mode=>'other')") != nil)
    }

    @Test func strictArrayConverters() throws {
        #expect(try db.value("BOOL_ARRAY(JSON '[true, false]')") == .array([.bool(true), .bool(false)]))
        #expect(try db.value("INT64_ARRAY(JSON '[2005, 2003]')") == .array([.int64(2005), .int64(2003)]))
        #expect(try db.value(#"STRING_ARRAY(JSON '["purple", "blue"]')"#) == .array([.string("purple"), .string("blue")]))
        #expect(try db.value("FLOAT64_ARRAY(JSON '[9.8, 9]')") == .array([.float64(9.8), .float64(9)]))
        #expect(db.failure("INT64_ARRAY(JSON '[1, \"2\"]')") != nil)
        #expect(db.failure("INT64_ARRAY(JSON '1')")?.contains("not an array") == true)
    }

    @Test func laxIntegerConvertersRoundHalfAwayFromZero() throws {
        for name in ["LAX_INT64", "LAX_INT32", "LAX_UINT32", "LAX_UINT64"] {
            #expect(try db.value("\(name)(JSON '10')") == .int64(10))
            #expect(try db.value("\(name)(JSON '10.0')") == .int64(10))
            #expect(try db.value("\(name)(JSON '1.1')") == .int64(1))
            #expect(try db.value("\(name)(JSON '3.5')") == .int64(4))
            #expect(try db.value("\(name)(JSON '1.1e2')") == .int64(110))
            #expect(
                try db.value("\(name)_ARRAY(JSON '[10, 10.0, 1.1, 3.5, 1.1e2]')")
                    == .array([.int64(10), .int64(10), .int64(1), .int64(4), .int64(110)]))
            #expect(try db.value("\(name)_ARRAY(JSON '[1e100]')") == .array([.null]))
            #expect(try db.value("\(name)_ARRAY(JSON '[true, false]')") == .array([.int64(1), .int64(0)]))
            #expect(
                try db.value(#"\#(name)_ARRAY(JSON '["10", "1.1", "1.1e2", "+1.5"]')"#) == .array([.int64(10), .int64(1), .int64(110), .int64(2)]))
            #expect(try db.value(#"\#(name)_ARRAY(JSON '["1e100"]')"#) == .array([.null]))
        }
        #expect(try db.value("LAX_INT64(JSON '-3.5')") == .int64(-4))
        #expect(try db.value("LAX_INT64(JSON '9007199254740993')") == .int64(9_007_199_254_740_993))
        #expect(try db.value("LAX_INT32(JSON '2147483648')") == .null)
        #expect(try db.value("LAX_UINT32(JSON '-1')") == .null)
        #expect(try db.value("LAX_UINT64(JSON '-1')") == .null)
        #expect(try db.value(#"LAX_INT64(JSON '"12abc"')"#) == .null)
    }

    @Test func laxBoolArray() throws {
        #expect(try db.value("LAX_BOOL_ARRAY(JSON '[true, false]')") == .array([.bool(true), .bool(false)]))
        #expect(
            try db.value(#"LAX_BOOL_ARRAY(JSON '["true", "false", "TRue", "FaLse"]')"#)
                == .array([.bool(true), .bool(false), .bool(true), .bool(false)]))
        #expect(try db.value(#"LAX_BOOL_ARRAY(JSON '["true ", "foo", "null", ""]')"#) == .array([.null, .null, .null, .null]))
        #expect(try db.value("LAX_BOOL_ARRAY(JSON '[10, 0, 0.0, -1.1]')") == .array([.bool(true), .bool(false), .bool(false), .bool(true)]))
        #expect(try db.value(#"LAX_BOOL_ARRAY(JSON '[null, {"foo": 1}, [1]]')"#) == .array([.null, .null, .null]))
        // A NULL array reads back empty, as the API gives it.
        #expect(try db.value("LAX_BOOL_ARRAY(JSON '1')") == .array([]))
        #expect(try db.value("LAX_STRING_ARRAY(NULL)") == .array([]))
    }

    @Test func laxDoubleAndFloat() throws {
        #expect(try db.value("LAX_DOUBLE(JSON '9')") == .float64(9))
        #expect(try db.value("LAX_DOUBLE(JSON '9007199254740993')") == .float64(9_007_199_254_740_992))
        #expect(try db.value("LAX_DOUBLE(JSON '1e100')") == .float64(1e100))
        #expect(
            try db.value(#"LAX_DOUBLE_ARRAY(JSON '["10", "1.1", "1.1e2", "+1.5"]')"#)
                == .array([.float64(10), .float64(1.1), .float64(110), .float64(1.5)]))
        #expect(try db.value("LAX_DOUBLE_ARRAY(JSON '[true, false]')") == .array([.null, .null]))
        // FLOAT (FLOAT32) values come back as the FLOAT64 of their shortest text.
        #expect(try db.value("LAX_FLOAT(JSON '9.8')") == .float64(9.8))
        #expect(try db.value("LAX_FLOAT(JSON '16777217')") == .float64(16_777_216))
        #expect(try db.value("LAX_FLOAT(JSON '1e100')") == .null)
        #expect(
            try db.value("LAX_FLOAT_ARRAY(JSON '[-1.79769e+308, 2.22507e-308, 1.79769e+308, 1e100]')") == .array([.null, .float64(0), .null, .null]))
        #expect(
            try db.value("LAX_FLOAT_ARRAY(JSON '[-3.40282e+38, 1.17549e-38, 3.40282e+38]')")
                == .array([.float64(-3.40282e+38), .float64(1.17549e-38), .float64(3.40282e+38)]))
        #expect(try db.value(#"LAX_FLOAT64(JSON '"0x1p3"')"#) == .null)
    }

    @Test func laxStringArray() throws {
        #expect(try db.value(#"LAX_STRING_ARRAY(JSON '["purple", "10"]')"#) == .array([.string("purple"), .string("10")]))
        #expect(try db.value("LAX_STRING_ARRAY(JSON '[true, false]')") == .array([.string("true"), .string("false")]))
        #expect(try db.value("LAX_STRING_ARRAY(JSON '[10.0, 10, 1e100]')") == .array([.string("10"), .string("10"), .string("1e+100")]))
        #expect(try db.value(#"LAX_STRING_ARRAY(JSON '[null, {"foo": 1}, [1]]')"#) == .array([.null, .null, .null]))
    }

    @Test func namedArgumentsAreCheckedByName() throws {
        #expect(db.failure("LAX_INT64(JSON '1', wide_number_mode=>'round')")?.contains("wide_number_mode") == true)
        #expect(db.failure("ABS(x=>1)")?.contains("Unsupported") == true)
        #expect(db.failure("COUNT(x=>1)")?.contains("Unsupported") == true)
    }
}

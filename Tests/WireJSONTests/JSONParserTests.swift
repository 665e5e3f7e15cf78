import Testing
import WireJSON

@Suite("JSON parsing and encoding")
struct JSONParserTests {
    @Test func parsesEveryKindOfValue() throws {
        let value = try JSONValue(parsing: #"{"a": [1, -2.5, 1e3, true, false, null], "b": {"c": "d"}, "e": ""}"#)
        #expect(value["a"] == [1, -2.5, 1000.0, true, false, nil])
        #expect(value["b"]?["c"] == "d")
        #expect(value["e"] == "")
    }

    @Test func integersStayExactAndOverflowBecomesDouble() throws {
        #expect(try JSONValue(parsing: "9223372036854775807") == .int(Int64.max))
        #expect(try JSONValue(parsing: "-9223372036854775808") == .int(Int64.min))
        #expect(try JSONValue(parsing: "9223372036854775808") == .double(9_223_372_036_854_775_808))
        #expect(try JSONValue(parsing: "12345678901234567").int64Value == 12_345_678_901_234_567)
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let value = try JSONValue(parsing: #""tab\t quote\" slash\/ nl\n \u00e9 \ud83d\ude00""#)
        #expect(value == .string("tab\t quote\" slash/ nl\n é 😀"))
    }

    @Test func encodingRoundTrips() throws {
        let original: JSONValue = ["text": "line\nbreak \"quoted\" \u{01}", "n": 42, "x": 0.25, "list": [true, nil], "nested": ["k": "v"]]
        let encoded = original.encodedString()
        #expect(try JSONValue(parsing: encoded) == original)
        #expect(encoded.contains(#"\u0001"#))
    }

    @Test func objectsKeepKeyOrder() throws {
        let value = try JSONValue(parsing: #"{"z": 1, "a": 2, "m": 3}"#)
        #expect(value.objectValue?.keys == ["z", "a", "m"])
        #expect(value.encodedString() == #"{"z":1,"a":2,"m":3}"#)
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\" 1}", "tru", "01", "1.", "-", "\"unterminated", "\"bad \\x escape\"",
                      "\"\\ud800\"", "[1] 2", "{\"a\":1,}", "\"control \u{01}\""])
    func malformedDocumentsAreRejectedWithAnOffset(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: text) }
    }

    @Test func deepNestingIsRefusedNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: deep) }
        let fine = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect((try? JSONValue(parsing: fine)) != nil)
    }

    @Test func nonFiniteDoublesEncodeAsNull() {
        #expect(JSONValue.double(.nan).encodedString() == "null")
        #expect(JSONValue.double(.infinity).encodedString() == "null")
    }
}

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

    @Test func integersStayExactAndOverflowKeepsItsText() throws {
        #expect(try JSONValue(parsing: "9223372036854775807") == .int(Int64.max))
        #expect(try JSONValue(parsing: "-9223372036854775808") == .int(Int64.min))
        #expect(try JSONValue(parsing: "9223372036854775808") == .numberText("9223372036854775808"))
        #expect(try JSONValue(parsing: "-9223372036854775809") == .numberText("-9223372036854775809"))
        #expect(try JSONValue(parsing: "12345678901234567").int64Value == 12_345_678_901_234_567)
        #expect(try JSONValue(parsing: "-9223372036854775809").int64Value == nil)
    }

    @Test func numbersADoubleWouldChangeKeepTheirText() throws {
        for literal in [
            "18446744073709551616", "0.12345678901234567890", "1e400", "-1e400", "1.0000000000000001",
            "123456789012345678901234567890123456789",
        ] {
            #expect(try JSONValue(parsing: literal) == .numberText(literal), "\(literal)")
            #expect(try JSONValue(parsing: literal).encodedString() == literal)
        }
        #expect(try JSONValue(parsing: "1e400").doubleValue == nil)
    }

    @Test func numbersADoubleGivesBackStayDoubles() throws {
        let doubles: [(String, Double)] = [
            ("0.1", 0.1), ("-2.5e-3", -0.0025), ("1e21", 1e21), ("0.30000000000000004", 0.1 + 0.2),
            ("5e-324", 5e-324), ("1.7976931348623157e308", .greatestFiniteMagnitude), ("-0.0", -0.0),
            ("100.000000000000000000", 100),
        ]
        for (literal, value) in doubles {
            #expect(try JSONValue(parsing: literal) == .double(value), "\(literal)")
        }
        // What the encoder writes for any Double parses back to that Double.
        for value in [0.1 + 0.2, 1.0 / 3, 2.0.squareRoot(), 9_007_199_254_740_993.0, 123_456_789.123_456_78] {
            #expect(try JSONValue(parsing: JSONValue.double(value).encodedString()) == .double(value), "\(value)")
        }
    }

    /// Not UTF-8: a lone continuation byte, overlong forms, UTF-16 surrogates, beyond U+10FFFF,
    /// sequences cut short (at the end of the string and of the input), bytes never used.
    static let invalidUTF8: [[UInt8]] = [
        [0x80], [0xBF], [0xC0, 0xAF], [0xC1, 0xBF], [0xE0, 0x80, 0xAF], [0xE0, 0x9F, 0xBF], [0xF0, 0x80, 0x80, 0xAF],
        [0xF0, 0x8F, 0xBF, 0xBF], [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80],
        [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xC3], [0xE2, 0x28, 0xA1], [0xC3, 0x28], [0xFE], [0xFF],
    ]

    @Test func invalidUTF8InStringsAndKeysIsRefused() {
        for bad in Self.invalidUTF8 {
            for (prefix, suffix) in [("\"", "\""), ("\"a\\n", "\""), ("{\"", "\":1}"), ("[\"x", "y\"]")] {
                let document = Array(prefix.utf8) + bad + Array(suffix.utf8)
                #expect(throws: JSONParseError.self, "\(bad)") { try JSONValue(parsing: document) }
            }
            #expect(throws: JSONParseError.self) { try JSONValue(parsing: [0x22] + bad) }
        }
    }

    @Test func everyWellFormedUTF8LengthIsAccepted() throws {
        let text = "a é € 😀 \u{10FFFF} \u{D7FF} \u{E000}"
        #expect(try JSONValue(parsing: Array(("\"" + text + "\"").utf8)) == .string(text))
        #expect(try JSONValue(parsing: Array(("\"\\n" + text + "\"").utf8)) == .string("\n" + text))
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

    @Test(arguments: [
        "", "{", "[1,]", "{\"a\" 1}", "tru", "01", "1.", "-", "\"unterminated", "\"bad \\x escape\"",
        "\"\\ud800\"", "\"\\udc00\"", "\"\\ud800\\u0041\"", "\"\\ud800x\"", "[1] 2", "{\"a\":1,}", "\"control \u{01}\"",
    ])
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

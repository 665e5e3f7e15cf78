import Testing
import WireJSON

@Suite("JSONCursor reads what the parser reads")
struct JSONCursorTests {
    /// Rebuilds the document through the cursor: containers by walking, scalars by `readValue`.
    static func rebuild(_ cursor: inout JSONCursor) throws(JSONParseError) -> JSONValue {
        switch try cursor.peekKind() {
        case .object:
            try cursor.enterObject()
            var members: [(key: String, value: JSONValue)] = []
            while let key = try cursor.nextKey() { members.append((key.string, try rebuild(&cursor))) }
            return .object(JSONObject(members))
        case .array:
            try cursor.enterArray()
            var elements: [JSONValue] = []
            while try cursor.nextElement() { elements.append(try rebuild(&cursor)) }
            return .array(elements)
        default:
            return try cursor.readValue()
        }
    }

    static func walked(_ text: String) -> JSONValue? { walked(Array(text.utf8)) }

    static func walked(_ bytes: [UInt8]) -> JSONValue? {
        bytes.withUnsafeBufferPointer { bytes in
            var cursor = JSONCursor(bytes)
            do {
                let value = try rebuild(&cursor)
                try cursor.finish()
                return value
            } catch { return nil }
        }
    }

    static func skipped(_ text: String) -> Bool { skipped(Array(text.utf8)) }

    static func skipped(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { bytes in
            var cursor = JSONCursor(bytes)
            do {
                try cursor.skipValue()
                try cursor.finish()
                return true
            } catch { return false }
        }
    }

    static let documents = [
        #"{}"#, #"[]"#, #" { "a" : [ 1 , 2.5e3 , -0 , true , false , null ] , "b" : { } } "#,
        #"{"k\u00e9y":"v\"al\\ue","\n":"\ud83d\ude00"}"#, #"[[[[]]],{"":[{}]}]"#, #""text""#, #"-12.5E-3"#,
        #"{"a":1,"a":2}"#, #"9223372036854775808"#, #"[1e400,-1e400,18446744073709551616,-9223372036854775809]"#,
        #"{"n":0.123456789012345678901234567890,"d":0.1,"z":-0.0}"#, #"["\udc00"]"#, #"{"\ud800":1}"#,
        // Not JSON: each must be refused by both.
        #"{"a":1,}"#, #"[1,]"#, #"{,"a":1}"#, #"[,1]"#, #"{"a" 1}"#, #"{"a":1 "b":2}"#, #"[1 2]"#, #"{"a"}"#,
        #"{a:1}"#, #"[01]"#, #"[1.]"#, #"[.5]"#, #"[-]"#, #"[tru]"#, #"[nul]"#, #"["\x"]"#, #"["\ud800"]"#,
        "[\"tab\there\"]", #"{"a":1}}"#, #"[1]x"#, #"{"#, #"["#, #"{"a":"#, "", " ", #"{"a":[1,{"b":}]}"#,
    ]

    @Test func walkingAndSkippingAcceptExactlyWhatTheParserAccepts() throws {
        for text in Self.documents {
            let parsed = try? JSONValue(parsing: text)
            #expect(Self.walked(text) == parsed, "\(text)")
            #expect(Self.skipped(text) == (parsed != nil), "\(text)")
        }
    }

    /// A document and every variant of it with one byte removed or replaced by a JSON-significant one.
    static let damagedDocuments: [String] = {
        let original = #"{"rows":[{"insertId":"a\"1","json":{"n":-1.5e2,"t":[true,null],"s":"x\u0041"}}],"skip":false}"#
        let bytes = Array(original.utf8)
        let replacements = Array(#"{}[]",:\ 0-.etaunl"#.utf8)
        var documents = [original]
        for position in bytes.indices {
            documents.append(String(decoding: bytes[..<position] + bytes[(position + 1)...], as: UTF8.self))
            for byte in replacements where byte != bytes[position] {
                var changed = bytes
                changed[position] = byte
                documents.append(String(decoding: changed, as: UTF8.self))
            }
        }
        return documents
    }()

    @Test func everyOneByteDamageOfADocumentIsJudgedAsTheParserJudgesIt() throws {
        #expect(Self.damagedDocuments.count > 1_500)
        for text in Self.damagedDocuments {
            let parsed = try? JSONValue(parsing: text)
            #expect(Self.walked(text) == parsed, "\(text)")
            #expect(Self.skipped(text) == (parsed != nil), "\(text)")
        }
    }

    @Test func invalidUTF8IsRefusedByWalkingAndSkippingAsByTheParser() {
        let shapes: [(String, String)] = [("[\"", "\"]"), ("{\"", "\":1}"), ("{\"k\":\"a\\n", "\"}"), ("[\"x", "")]
        for bad in JSONParserTests.invalidUTF8 {
            for (prefix, suffix) in shapes {
                let document = Array(prefix.utf8) + bad + Array(suffix.utf8)
                #expect((try? JSONValue(parsing: document)) == nil, "\(bad)")
                #expect(Self.walked(document) == nil, "\(bad)")
                #expect(!Self.skipped(document), "\(bad)")
            }
        }
        let valid = Array("{\"é€😀\":[\"\u{10FFFF}\"]}".utf8)
        #expect(Self.walked(valid) == (try? JSONValue(parsing: valid)))
        #expect(Self.skipped(valid))
    }

    @Test func keysCompareInPlaceAndARewindReadsTheSameValueAgain() throws {
        var text = #"{"plain":1,"esc\u0061ped":{"x":[1,2]}}"#
        try text.withUTF8 { bytes throws in
            var cursor = JSONCursor(bytes)
            try cursor.enterObject()
            let first = try cursor.nextKey()
            #expect(first?.matches("plain") == true)
            #expect(first?.matches("plai") == false)
            #expect(try cursor.readValue() == 1)
            let second = try cursor.nextKey()
            #expect(second?.matches("escaped") == true)
            let mark = cursor.mark
            try cursor.enterObject()
            _ = try cursor.nextKey()
            try cursor.skipValue()
            cursor.rewind(to: mark)
            #expect(try cursor.readValue() == ["x": [1, 2]])
            #expect(try cursor.nextKey() == nil)
            try cursor.finish()
        }
    }

    @Test func nestingBeyondTheLimitIsRefusedWhenSkippedToo() {
        let deep = String(repeating: "[", count: JSONValue.maximumDepth + 1) + String(repeating: "]", count: JSONValue.maximumDepth + 1)
        #expect(!Self.skipped(deep))
        #expect(Self.walked(deep) == nil)
    }
}

import WireJSON

/// The JSON parser, the cursor and compaction are three readings of one grammar: they must accept
/// exactly the same documents, and build or write the same values.
enum JSONFuzz {
    static let target = FuzzTarget(name: "json") { bytes in check(bytes) }

    static func check(_ bytes: UnsafeBufferPointer<UInt8>) {
        let parsed = Result { () throws(JSONParseError) in try JSONValue(parsing: bytes) }
        let walked = Result { () throws(JSONParseError) in
            var cursor = JSONCursor(bytes)
            let value = try walk(&cursor)
            try cursor.finish()
            return value
        }
        let read = Result { () throws(JSONParseError) in
            var cursor = JSONCursor(bytes)
            let start = cursor.mark
            try cursor.skipValue()
            try cursor.finish()
            cursor.rewind(to: start)
            let value = try cursor.readValue()
            try cursor.finish()
            return value
        }
        switch (parsed, walked, read) {
        case (.success(let value), .success(let walkedValue), .success(let readValue)):
            require(value == walkedValue, "cursor walk built \(walkedValue), parser built \(value) for \(describe(bytes))")
            require(value == readValue, "cursor readValue built \(readValue), parser built \(value) for \(describe(bytes))")
            checkEncoding(value)
        case (.failure, .failure, .failure):
            break
        default:
            fatalError(
                "FUZZ PROPERTY VIOLATED: parser \(outcome(parsed)), cursor walk \(outcome(walked)), "
                    + "cursor skip/read \(outcome(read)) for \(describe(bytes))")
        }
        checkCompaction(bytes)
    }

    /// Encoding is the inverse of parsing.
    private static func checkEncoding(_ value: JSONValue) {
        let encoded = value.encodedString()
        guard let reparsed = try? JSONValue(parsing: encoded) else {
            fatalError("FUZZ PROPERTY VIOLATED: encoding \(encoded) of \(value) does not parse")
        }
        require(sameNumbers(reparsed, value), "encoding \(encoded) reparses as \(reparsed), not \(value)")
    }

    /// Equal, except that a number may change between `.int` and `.double` (the encoder writes whole
    /// doubles as integers) and a non-finite double reads back as null (the encoder's only choice).
    private static func sameNumbers(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.int(let int), .double(let double)), (.double(let double), .int(let int)): return Double(int) == double
        case (.null, .double(let double)), (.double(let double), .null): return !double.isFinite
        case (.array(let left), .array(let right)): return left.count == right.count && zip(left, right).allSatisfy(sameNumbers)
        case (.object(let left), .object(let right)):
            return left.count == right.count
                && zip(left.members, right.members).allSatisfy { $0.key == $1.key && sameNumbers($0.value, $1.value) }
        default: return lhs == rhs
        }
    }

    /// `compactText(of:)` is `JSONValue(parsing:).encodedString()` without the tree.
    private static func checkCompaction(_ bytes: UnsafeBufferPointer<UInt8>) {
        let text = String(decoding: bytes, as: UTF8.self)
        let compacted = Result { () throws(JSONParseError) in try JSONValue.compactText(of: text) }
        let reference = Result { () throws(JSONParseError) in try JSONValue(parsing: text).encodedString() }
        switch (compacted, reference) {
        case (.success(let fast), .success(let tree)):
            require(fast == tree, "compactText wrote \(fast.debugDescription), the tree encodes \(tree.debugDescription) for \(describe(bytes))")
        case (.failure, .failure):
            break
        default:
            fatalError("FUZZ PROPERTY VIOLATED: compactText \(outcome(compacted)), parser \(outcome(reference)) for \(describe(bytes))")
        }
    }

    /// Builds the value through the cursor's structural calls only, as the fast readers use them.
    private static func walk(_ cursor: inout JSONCursor) throws(JSONParseError) -> JSONValue {
        switch try cursor.peekKind() {
        case .object:
            try cursor.enterObject()
            var members: [(key: String, value: JSONValue)] = []
            while let key = try cursor.nextKey() {
                let name = key.string
                // A key with invalid UTF-8 decodes with U+FFFD, which its raw bytes rightly do not match.
                require(name.unicodeScalars.contains("\u{FFFD}") || key.matches(name), "key \(name.debugDescription) does not match its own text")
                members.append((key: name, value: try walk(&cursor)))
            }
            return .object(JSONObject(members))
        case .array:
            try cursor.enterArray()
            var elements: [JSONValue] = []
            while try cursor.nextElement() { elements.append(try walk(&cursor)) }
            return .array(elements)
        case .string, .number, .bool, .null:
            return try cursor.readValue()
        }
    }

    private static func outcome<T>(_ result: Result<T, JSONParseError>) -> String {
        switch result {
        case .success: "accepts"
        case .failure(let error): "refuses (\(error))"
        }
    }

    private static func describe(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let prefix = bytes.prefix(300).map { $0 >= 0x20 && $0 < 0x7F ? String(UnicodeScalar($0)) : "\\x" + String($0, radix: 16) }
        return "document (\(bytes.count) bytes) " + prefix.joined() + (bytes.count > 300 ? "…" : "")
    }
}

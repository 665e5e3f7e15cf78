extension JSONValue {
    /// The compact encoding of a JSON document given as text: what `JSONValue(parsing: text).encodedString()`
    /// returns, written as the text is read instead of through a tree. Text that is compact already
    /// comes back as it is.
    public static func compactText(of text: String) throws(JSONParseError) -> String {
        var text = text
        let result: Result<[UInt8]?, JSONParseError> = text.withUTF8 { bytes in
            var parser = JSONByteParser(bytes)
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count)
            return Result { () throws(JSONParseError) in
                parser.skipWhitespace()
                try parser.writeCompact(into: &output)
                parser.skipWhitespace()
                guard parser.index == bytes.count else { throw parser.fail("unexpected data after the document") }
                return output.elementsEqual(bytes) ? nil : output
            }
        }
        guard let rewritten = try result.get() else { return text }
        return String(decoding: rewritten, as: UTF8.self)
    }
}

/// Where the compacting walk writes. Skipping a value is the same walk into `DiscardedJSON`, so
/// there is one reading of the grammar that builds nothing.
protocol CompactJSONOutput {
    mutating func append(_ byte: UInt8)
    mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>)
    mutating func append(literal: StaticString)
    mutating func append(string: String)
    mutating func append(number: JSONValue)
}

extension Array: CompactJSONOutput where Element == UInt8 {
    mutating func append(literal: StaticString) {
        append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }
    mutating func append(string: String) { JSONValue.encodeString(string, into: &self) }
    mutating func append(number: JSONValue) { number.encode(into: &self) }
}

struct DiscardedJSON: CompactJSONOutput {
    func append(_ byte: UInt8) {}
    func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) {}
    func append(literal: StaticString) {}
    func append(string: String) {}
    func append(number: JSONValue) {}
}

extension JSONByteParser {
    /// Mirrors `parseValue()`, token by token, writing what `JSONValue.encode(into:)` would write.
    mutating func writeCompact(into output: inout some CompactJSONOutput) throws(JSONParseError) {
        guard index < bytes.count else { throw fail("unexpected end of input") }
        switch bytes[index] {
        case UInt8(ascii: "{"): try writeCompactContainer(closing: UInt8(ascii: "}"), keyed: true, into: &output)
        case UInt8(ascii: "["): try writeCompactContainer(closing: UInt8(ascii: "]"), keyed: false, into: &output)
        case UInt8(ascii: "\""): try writeCompactString(into: &output)
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            output.append(literal: "true")
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            output.append(literal: "false")
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            output.append(literal: "null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): output.append(number: try parseNumber())
        default: throw fail("unexpected character '\(Character(Unicode.Scalar(bytes[index])))'")
        }
    }

    private mutating func writeCompactContainer(closing: UInt8, keyed: Bool, into output: inout some CompactJSONOutput) throws(JSONParseError) {
        try enterNesting()
        defer { depth -= 1 }
        output.append(bytes[index])
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == closing {
            index += 1
            output.append(closing)
            return
        }
        while true {
            skipWhitespace()
            if keyed {
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a string key") }
                try writeCompactString(into: &output)
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("expected ':'") }
                index += 1
                output.append(UInt8(ascii: ":"))
                skipWhitespace()
            }
            try writeCompact(into: &output)
            skipWhitespace()
            guard index < bytes.count else { throw fail("unexpected end of input") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                output.append(UInt8(ascii: ","))
                continue
            }
            if bytes[index] == closing {
                index += 1
                output.append(closing)
                return
            }
            throw fail(keyed ? "expected ',' or '}'" : "expected ',' or ']'")
        }
    }

    /// A string without escapes holds nothing the encoder would escape, so its bytes are copied as they are.
    private mutating func writeCompactString(into output: inout some CompactJSONOutput) throws(JSONParseError) {
        if let contents = try scanPlainString() {
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[(contents.lowerBound - 1)...contents.upperBound]))
        } else {
            output.append(string: try parseString())
        }
    }
}

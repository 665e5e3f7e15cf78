#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A forward reader over one JSON document, for callers that know the shape they expect and want
/// its parts without building the whole tree: keys are compared in place, values the caller does
/// not need are skipped (still checked), and only the values it asks for are built.
///
/// It accepts exactly what `JSONValue(parsing:)` accepts. A caller that meets something it does not
/// expect can `rewind(to:)` a mark and read that part as a `JSONValue` instead.
public struct JSONCursor {
    private var parser: JSONByteParser
    /// True right after a complete value: the next token must be a separator or a closing bracket.
    private var afterValue = false

    public init(_ bytes: UnsafeBufferPointer<UInt8>) { parser = JSONByteParser(bytes) }

    /// What the next value is, by its first byte.
    public enum Kind: Sendable { case object, array, string, number, bool, null }

    /// A position to come back to, with the nesting state at that point.
    public struct Mark: Sendable {
        fileprivate let index: Int
        fileprivate let depth: Int
        fileprivate let afterValue: Bool
    }

    public var mark: Mark { Mark(index: parser.index, depth: parser.depth, afterValue: afterValue) }

    public mutating func rewind(to mark: Mark) {
        parser.index = mark.index
        parser.depth = mark.depth
        afterValue = mark.afterValue
    }

    public mutating func peekKind() throws(JSONParseError) -> Kind {
        parser.skipWhitespace()
        guard parser.index < parser.bytes.count else { throw parser.fail("unexpected end of input") }
        switch parser.bytes[parser.index] {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
        case UInt8(ascii: "n"): return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        default: throw parser.fail("unexpected character '\(Character(Unicode.Scalar(parser.bytes[parser.index])))'")
        }
    }

    /// Consumes the `{` of an object; `nextKey()` then walks its members.
    public mutating func enterObject() throws(JSONParseError) {
        try enter(UInt8(ascii: "{"), "expected an object")
    }

    /// The next member's key, with its `:` consumed, so that the value comes next; nil after the closing `}`.
    public mutating func nextKey() throws(JSONParseError) -> JSONKey? {
        guard try nextMember(closing: UInt8(ascii: "}")) else { return nil }
        guard parser.index < parser.bytes.count, parser.bytes[parser.index] == UInt8(ascii: "\"") else {
            throw parser.fail("expected a string key")
        }
        let key = try parser.parseKey()
        parser.skipWhitespace()
        guard parser.index < parser.bytes.count, parser.bytes[parser.index] == UInt8(ascii: ":") else { throw parser.fail("expected ':'") }
        parser.index += 1
        return key
    }

    /// Consumes the `[` of an array; `nextElement()` then walks its elements.
    public mutating func enterArray() throws(JSONParseError) {
        try enter(UInt8(ascii: "["), "expected an array")
    }

    /// True when another element follows (read it next); false after the closing `]`.
    public mutating func nextElement() throws(JSONParseError) -> Bool {
        try nextMember(closing: UInt8(ascii: "]"))
    }

    /// The next value, built in full.
    public mutating func readValue() throws(JSONParseError) -> JSONValue {
        parser.skipWhitespace()
        let value = try parser.parseValue()
        afterValue = true
        return value
    }

    /// Steps over the next value, checking it as strictly as `readValue()` would, without building it
    /// (the compacting walk, writing nowhere).
    public mutating func skipValue() throws(JSONParseError) {
        parser.skipWhitespace()
        try parser.skipValue()
        afterValue = true
    }

    /// Checks that nothing but whitespace follows the document.
    public mutating func finish() throws(JSONParseError) {
        parser.skipWhitespace()
        guard parser.index == parser.bytes.count else { throw parser.fail("unexpected data after the document") }
    }

    private mutating func enter(_ opening: UInt8, _ expected: String) throws(JSONParseError) {
        parser.skipWhitespace()
        guard parser.index < parser.bytes.count, parser.bytes[parser.index] == opening else { throw parser.fail(expected) }
        try parser.enterNesting()
        parser.index += 1
        afterValue = false
    }

    /// One flag is enough for nesting: a container is only ever closed right after its last value.
    private mutating func nextMember(closing: UInt8) throws(JSONParseError) -> Bool {
        parser.skipWhitespace()
        guard parser.index < parser.bytes.count else { throw parser.fail("unexpected end of input") }
        let byte = parser.bytes[parser.index]
        if byte == closing {
            parser.index += 1
            parser.depth -= 1
            afterValue = true
            return false
        }
        if afterValue {
            guard byte == UInt8(ascii: ",") else {
                throw parser.fail(closing == UInt8(ascii: "}") ? "expected ',' or '}'" : "expected ',' or ']'")
            }
            parser.index += 1
            parser.skipWhitespace()
            if parser.index < parser.bytes.count, parser.bytes[parser.index] == closing {
                throw parser.fail(closing == UInt8(ascii: "}") ? "expected a string key" : "unexpected character ']'")
            }
        }
        afterValue = false
        return true
    }
}

/// An object key as it appears in the document: its bytes when it has no escapes, else decoded.
public struct JSONKey {
    private let raw: UnsafeBufferPointer<UInt8>?
    private let decoded: String?

    init(raw: UnsafeBufferPointer<UInt8>) {
        self.raw = raw
        decoded = nil
    }
    init(decoded: String) {
        raw = nil
        self.decoded = decoded
    }

    public func matches(_ name: String) -> Bool {
        guard let raw else { return decoded == name }
        guard name.utf8.count == raw.count else { return false }
        return name.utf8.withContiguousStorageIfAvailable { name in
            raw.isEmpty || memcmp(name.baseAddress!, raw.baseAddress!, raw.count) == 0
        } ?? name.utf8.elementsEqual(raw)
    }

    public func matches(utf8 name: [UInt8]) -> Bool {
        guard let raw else { return decoded.map { $0.utf8.elementsEqual(name) } ?? false }
        guard name.count == raw.count else { return false }
        return name.withUnsafeBufferPointer { name in raw.isEmpty || memcmp(name.baseAddress!, raw.baseAddress!, raw.count) == 0 }
    }

    public var string: String { decoded ?? String(decoding: raw!, as: UTF8.self) }
}

extension JSONByteParser {
    /// A key without escapes is returned as its bytes; one with escapes is decoded as any string.
    mutating func parseKey() throws(JSONParseError) -> JSONKey {
        if let contents = try scanPlainString() { return JSONKey(raw: UnsafeBufferPointer(rebasing: bytes[contents])) }
        return JSONKey(decoded: try parseString())
    }

    /// Steps over a string that has no escapes and returns where its contents are; at an escape it
    /// goes back to the opening quote and returns nil, for `parseString()` to decode it.
    mutating func scanPlainString() throws(JSONParseError) -> Range<Int>? {
        let opening = index
        index += 1
        var seen: UInt8 = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                if seen >= 0x80 { try validateUTF8((opening + 1)..<index) }
                index += 1
                return (opening + 1)..<(index - 1)
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw fail("control character in string") }
            seen |= byte
            index += 1
        }
        index = opening
        return nil
    }

    mutating func skipValue() throws(JSONParseError) {
        var discarded = DiscardedJSON()
        try writeCompact(into: &discarded)
    }
}

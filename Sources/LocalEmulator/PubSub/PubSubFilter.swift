/// A subscription filter on message attributes, in Google's filter syntax:
/// `attributes.k = "v"`, `attributes.k != "v"`, `attributes:k`, `hasPrefix(attributes.k, "x")`,
/// combined with `NOT`, `AND`, `OR` and parentheses (AND and OR may not mix without parentheses).
///
/// Messages that do not match are never delivered to the subscription, as with Google.
indirect enum PubSubFilter: Sendable, Equatable {
    case has(String)
    case equals(String, String)
    case notEquals(String, String)
    case hasPrefix(String, String)
    case not(PubSubFilter)
    case all([PubSubFilter])
    case any([PubSubFilter])

    /// Google caps filters at 256 bytes.
    static let maximumLength = 256

    func matches(_ attributes: [String: String]) -> Bool {
        switch self {
        case .has(let key): attributes[key] != nil
        case .equals(let key, let value): attributes[key] == value
        case .notEquals(let key, let value): attributes[key].map { $0 != value } ?? false
        case .hasPrefix(let key, let prefix): attributes[key]?.hasPrefix(prefix) ?? false
        case .not(let inner): !inner.matches(attributes)
        case .all(let parts): parts.allSatisfy { $0.matches(attributes) }
        case .any(let parts): parts.contains { $0.matches(attributes) }
        }
    }

    /// Parses a filter; the error message says what is wrong and where.
    init(parsing text: String) throws(PubSubFilterError) {
        guard text.utf8.count <= PubSubFilter.maximumLength else {
            throw PubSubFilterError(message: "filter is longer than \(PubSubFilter.maximumLength) bytes")
        }
        var parser = FilterParser(tokens: try FilterLexer.tokens(of: text))
        self = try parser.parseExpression()
        guard parser.atEnd else { throw parser.failure("unexpected \(parser.peekDescription)") }
    }
}

struct PubSubFilterError: Error, Sendable {
    let message: String
}

private enum FilterToken: Equatable {
    case word(String)
    case string(String)
    case symbol(String)
}

private enum FilterLexer {
    static func tokens(of text: String) throws(PubSubFilterError) -> [FilterToken] {
        var tokens: [FilterToken] = []
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D:
                index += 1
            case UInt8(ascii: "\""):
                index += 1
                var value: [UInt8] = []
                var closed = false
                while index < bytes.count {
                    if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count {
                        value.append(bytes[index + 1])
                        index += 2
                    } else if bytes[index] == UInt8(ascii: "\"") {
                        index += 1
                        closed = true
                        break
                    } else {
                        value.append(bytes[index])
                        index += 1
                    }
                }
                guard closed else { throw PubSubFilterError(message: "unterminated string") }
                tokens.append(.string(String(decoding: value, as: UTF8.self)))
            case UInt8(ascii: "!"):
                guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "=") else {
                    throw PubSubFilterError(message: "unexpected '!' at offset \(index)")
                }
                tokens.append(.symbol("!="))
                index += 2
            case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: ","), UInt8(ascii: ":"),
                UInt8(ascii: "."), UInt8(ascii: "="):
                tokens.append(.symbol(String(UnicodeScalar(byte))))
                index += 1
            default:
                let start = index
                while index < bytes.count, isWordByte(bytes[index]) { index += 1 }
                guard index > start else {
                    throw PubSubFilterError(message: "unexpected character at offset \(index)")
                }
                tokens.append(.word(String(decoding: bytes[start..<index], as: UTF8.self)))
            }
        }
        return tokens
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte >= 0x80
    }
}

private struct FilterParser {
    let tokens: [FilterToken]
    var index = 0
    var depth = 0

    init(tokens: [FilterToken]) { self.tokens = tokens }

    var atEnd: Bool { index == tokens.count }

    var peekDescription: String {
        guard index < tokens.count else { return "end of filter" }
        switch tokens[index] {
        case .word(let word): return "'\(word)'"
        case .string(let text): return "\"\(text)\""
        case .symbol(let symbol): return "'\(symbol)'"
        }
    }

    func failure(_ message: String) -> PubSubFilterError { PubSubFilterError(message: message) }

    private mutating func take(_ token: FilterToken) -> Bool {
        guard index < tokens.count, tokens[index] == token else { return false }
        index += 1
        return true
    }

    private mutating func expect(_ token: FilterToken) throws(PubSubFilterError) {
        guard take(token) else { throw failure("expected \(token) but found \(peekDescription)") }
    }

    mutating func parseExpression() throws(PubSubFilterError) -> PubSubFilter {
        var terms = [try parseTerm()]
        var connective: String?
        while index < tokens.count, case .word(let word) = tokens[index], word == "AND" || word == "OR" {
            if let connective, connective != word {
                throw failure("AND and OR cannot be mixed without parentheses")
            }
            connective = word
            index += 1
            terms.append(try parseTerm())
        }
        guard terms.count > 1 else { return terms[0] }
        return connective == "AND" ? .all(terms) : .any(terms)
    }

    private mutating func parseTerm() throws(PubSubFilterError) -> PubSubFilter {
        depth += 1
        defer { depth -= 1 }
        guard depth < 64 else { throw failure("filter nested too deeply") }
        if take(.word("NOT")) { return .not(try parseTerm()) }
        if take(.symbol("(")) {
            let inner = try parseExpression()
            try expect(.symbol(")"))
            return inner
        }
        if take(.word("hasPrefix")) {
            try expect(.symbol("("))
            let key = try parseAttributeKey(after: ".")
            try expect(.symbol(","))
            let prefix = try parseString()
            try expect(.symbol(")"))
            return .hasPrefix(key, prefix)
        }
        guard take(.word("attributes")) else { throw failure("expected an attribute condition but found \(peekDescription)") }
        if take(.symbol(":")) { return .has(try parseKey()) }
        try expect(.symbol("."))
        let key = try parseKey()
        if take(.symbol("=")) { return .equals(key, try parseString()) }
        if take(.symbol("!=")) { return .notEquals(key, try parseString()) }
        throw failure("expected '=' or '!=' after attributes.\(key)")
    }

    private mutating func parseAttributeKey(after separator: String) throws(PubSubFilterError) -> String {
        try expect(.word("attributes"))
        try expect(.symbol(separator))
        return try parseKey()
    }

    private mutating func parseKey() throws(PubSubFilterError) -> String {
        guard index < tokens.count else { throw failure("expected an attribute key") }
        switch tokens[index] {
        case .word(let word), .string(let word):
            index += 1
            return word
        case .symbol:
            throw failure("expected an attribute key but found \(peekDescription)")
        }
    }

    private mutating func parseString() throws(PubSubFilterError) -> String {
        guard index < tokens.count, case .string(let value) = tokens[index] else {
            throw failure("expected a quoted string but found \(peekDescription)")
        }
        index += 1
        return value
    }
}

/// Splits GoogleSQL text into tokens. Works on UTF-8 bytes: every token boundary is ASCII.
struct Lexer {
    private let bytes: [UInt8]
    private var index = 0
    /// Line and column of every byte offset (and of the end), computed once so lookups stay O(1)
    /// even for very long single-line queries.
    private let locations: [SourceLocation]

    init(_ text: String) {
        bytes = Array(text.utf8)
        var table: [SourceLocation] = []
        table.reserveCapacity(bytes.count + 1)
        var line = 1
        var column = 1
        for byte in bytes {
            table.append(SourceLocation(line: line, column: column))
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                // Columns count characters, not bytes, so positions match what the user sees.
                column += 1
            }
        }
        table.append(SourceLocation(line: line, column: column))
        locations = table
    }

    static func tokenize(_ text: String) throws(GoogleSQLError) -> [Token] {
        var lexer = Lexer(text)
        var tokens: [Token] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .endOfInput { return tokens }
        }
    }

    func location(of offset: Int) -> SourceLocation {
        locations[max(0, min(offset, locations.count - 1))]
    }

    private func syntaxError(_ message: String, at offset: Int) -> GoogleSQLError {
        .invalidQuery("Syntax error: \(message) at \(location(of: offset))")
    }

    private func peek(_ ahead: Int = 0) -> UInt8? {
        index + ahead < bytes.count ? bytes[index + ahead] : nil
    }

    private static func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte == UInt8(ascii: "_")
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }

    private static func isIdentifierPart(_ byte: UInt8) -> Bool { isIdentifierStart(byte) || isDigit(byte) }

    private mutating func skipTrivia() throws(GoogleSQLError) {
        while let byte = peek() {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D, 0x0C, 0x0B:
                index += 1
            case UInt8(ascii: "-") where peek(1) == UInt8(ascii: "-"), UInt8(ascii: "#"):
                while let next = peek(), next != 0x0A { index += 1 }
            case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "*"):
                let start = index
                index += 2
                while true {
                    guard let next = peek() else { throw syntaxError("Unclosed comment", at: start) }
                    if next == UInt8(ascii: "*") && peek(1) == UInt8(ascii: "/") {
                        index += 2
                        break
                    }
                    index += 1
                }
            default:
                return
            }
        }
    }

    mutating func next() throws(GoogleSQLError) -> Token {
        try skipTrivia()
        let start = index
        func make(_ kind: TokenKind) -> Token {
            Token(kind: kind, location: location(of: start), start: start, end: index)
        }
        guard let byte = peek() else { return make(.endOfInput) }

        // String and bytes literals with their r/b prefixes.
        if let prefixed = try prefixedLiteral() { return make(prefixed) }
        if Lexer.isIdentifierStart(byte) {
            while let next = peek(), Lexer.isIdentifierPart(next) { index += 1 }
            let word = String(decoding: bytes[start..<index], as: UTF8.self)
            let upper = word.uppercased()
            return make(reservedKeywords.contains(upper) ? .keyword(upper) : .identifier(word))
        }
        if Lexer.isDigit(byte) || (byte == UInt8(ascii: ".") && peek(1).map(Lexer.isDigit) == true) {
            return make(try number())
        }
        switch byte {
        case UInt8(ascii: "`"):
            index += 1
            var name: [UInt8] = []
            while true {
                guard let next = peek(), next != 0x0A else { throw syntaxError("Unclosed identifier literal", at: start) }
                index += 1
                if next == UInt8(ascii: "`") { break }
                if next == UInt8(ascii: "\\") {
                    name += try escape(start: index - 1, raw: false)
                } else {
                    name.append(next)
                }
            }
            guard !name.isEmpty else { throw syntaxError("Invalid empty identifier", at: start) }
            return make(.quotedIdentifier(String(decoding: name, as: UTF8.self)))
        case UInt8(ascii: "@"):
            index += 1
            if peek() == UInt8(ascii: "@") {
                // A system variable (`@@project_id`, `@@error.message`): a named parameter under a name
                // no `@parameter` can spell, which a script's runner supplies.
                index += 1
                let nameStart = index
                while let next = peek(), Lexer.isIdentifierPart(next) { index += 1 }
                guard index > nameStart, Lexer.isIdentifierStart(bytes[nameStart]) else { throw syntaxError("Unexpected \"@@\"", at: start) }
                return make(.namedParameter("@@" + String(decoding: bytes[nameStart..<index], as: UTF8.self)))
            }
            let nameStart = index
            if peek() == UInt8(ascii: "`") {
                let quoted = try next()
                guard case .quotedIdentifier(let name) = quoted.kind else { throw syntaxError("Unexpected \"@\"", at: start) }
                return Token(kind: .namedParameter(name), location: location(of: start), start: start, end: index)
            }
            while let next = peek(), Lexer.isIdentifierPart(next) { index += 1 }
            guard index > nameStart, Lexer.isIdentifierStart(bytes[nameStart]) else {
                throw syntaxError("Unexpected \"@\"", at: start)
            }
            return make(.namedParameter(String(decoding: bytes[nameStart..<index], as: UTF8.self)))
        case UInt8(ascii: "?"):
            index += 1
            return make(.positionalParameter)
        default:
            break
        }
        for symbol in ["<>", "!=", "<=", ">=", "||", "<<", ">>", "=>", "|>"] where matches(symbol) {
            index += symbol.utf8.count
            return make(.symbol(symbol))
        }
        if "()[],.;=<>+-*/%|&^~$:".utf8.contains(byte) {
            index += 1
            return make(.symbol(String(UnicodeScalar(byte))))
        }
        let character = String(decoding: bytes[index..<min(index + 4, bytes.count)], as: UTF8.self).first.map(String.init) ?? "?"
        throw syntaxError("Illegal input character \"\(character)\"", at: start)
    }

    private func matches(_ symbol: String) -> Bool {
        for (offset, byte) in symbol.utf8.enumerated() where peek(offset) != byte { return false }
        return true
    }

    private mutating func prefixedLiteral() throws(GoogleSQLError) -> TokenKind? {
        var raw = false
        var isBytes = false
        var ahead = 0
        while ahead < 2, let byte = peek(ahead) {
            switch byte {
            case UInt8(ascii: "r"), UInt8(ascii: "R"):
                if raw { return nil }
                raw = true
            case UInt8(ascii: "b"), UInt8(ascii: "B"):
                if isBytes { return nil }
                isBytes = true
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                index += ahead
                let content = try stringBody(raw: raw)
                return isBytes ? .bytes(content) : .string(String(decoding: content, as: UTF8.self))
            default: return nil
            }
            ahead += 1
        }
        if let byte = peek(ahead), byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\""), ahead > 0 {
            index += ahead
            let content = try stringBody(raw: raw)
            return isBytes ? .bytes(content) : .string(String(decoding: content, as: UTF8.self))
        }
        return nil
    }

    /// Reads a quoted body (single, double or triple quotes) starting at the opening quote.
    private mutating func stringBody(raw: Bool) throws(GoogleSQLError) -> [UInt8] {
        let start = index
        guard let quote = peek() else { throw syntaxError("Unclosed string literal", at: start) }
        let triple = peek(1) == quote && peek(2) == quote
        index += triple ? 3 : 1
        var content: [UInt8] = []
        while true {
            guard let byte = peek() else {
                throw syntaxError(triple ? "Unclosed triple-quoted string literal" : "Unclosed string literal", at: start)
            }
            if byte == quote {
                if !triple {
                    index += 1
                    return content
                }
                if peek(1) == quote && peek(2) == quote {
                    index += 3
                    return content
                }
            }
            if byte == 0x0A && !triple { throw syntaxError("Unclosed string literal", at: start) }
            index += 1
            if byte == UInt8(ascii: "\\") {
                if raw {
                    content.append(byte)
                    if let escaped = peek() {
                        content.append(escaped)
                        index += 1
                    }
                } else {
                    content += try escape(start: index - 1, raw: false)
                }
            } else {
                content.append(byte)
            }
        }
    }

    /// Decodes one escape sequence; `index` is just past the backslash.
    private mutating func escape(start: Int, raw: Bool) throws(GoogleSQLError) -> [UInt8] {
        guard let byte = peek() else { throw syntaxError("Unclosed string literal", at: start) }
        index += 1
        switch byte {
        case UInt8(ascii: "n"): return [0x0A]
        case UInt8(ascii: "t"): return [0x09]
        case UInt8(ascii: "r"): return [0x0D]
        case UInt8(ascii: "a"): return [0x07]
        case UInt8(ascii: "b"): return [0x08]
        case UInt8(ascii: "f"): return [0x0C]
        case UInt8(ascii: "v"): return [0x0B]
        case UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "`"), UInt8(ascii: "?"):
            return [byte]
        case UInt8(ascii: "x"), UInt8(ascii: "X"):
            return [UInt8(try hexDigits(2, start: start))]
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let value = try hexDigits(byte == UInt8(ascii: "u") ? 4 : 8, start: start)
            guard let scalar = UnicodeScalar(value) else { throw syntaxError("Illegal escape sequence", at: start) }
            return Array(String(Character(scalar)).utf8)
        case UInt8(ascii: "0")...UInt8(ascii: "7"):
            var value = UInt32(byte - 48)
            for _ in 0..<2 {
                guard let next = peek(), next >= 48, next <= 55 else { throw syntaxError("Illegal escape sequence", at: start) }
                value = value * 8 + UInt32(next - 48)
                index += 1
            }
            guard value <= 255 else { throw syntaxError("Illegal escape sequence", at: start) }
            return [UInt8(value)]
        default:
            throw syntaxError("Illegal escape sequence: \\\(String(UnicodeScalar(byte)))", at: start)
        }
    }

    private mutating func hexDigits(_ count: Int, start: Int) throws(GoogleSQLError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<count {
            guard let byte = peek(), let digit = Lexer.hexValue(byte) else { throw syntaxError("Illegal escape sequence", at: start) }
            value = value &* 16 &+ digit
            index += 1
        }
        return value
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case 48...57: UInt32(byte - 48)
        case 65...70: UInt32(byte - 55)
        case 97...102: UInt32(byte - 87)
        default: nil
        }
    }

    private mutating func number() throws(GoogleSQLError) -> TokenKind {
        let start = index
        if peek() == UInt8(ascii: "0"), let x = peek(1), x == UInt8(ascii: "x") || x == UInt8(ascii: "X") {
            index += 2
            let digitsStart = index
            while let byte = peek(), Lexer.hexValue(byte) != nil { index += 1 }
            guard index > digitsStart else { throw syntaxError("Invalid hex literal", at: start) }
            let digits = String(decoding: bytes[digitsStart..<index], as: UTF8.self)
            guard let value = Int64(digits, radix: 16) else { throw syntaxError("Invalid hex literal", at: start) }
            return .integer(String(value))
        }
        var isFloat = false
        while let byte = peek(), Lexer.isDigit(byte) { index += 1 }
        // `123.ds` is a path segment followed by a dot (project ids may end in digits), not a float.
        if peek() == UInt8(ascii: "."), !(peek(1).map(Lexer.isIdentifierStart) ?? false) || index == start {
            isFloat = true
            index += 1
            while let byte = peek(), Lexer.isDigit(byte) { index += 1 }
        }
        if let byte = peek(), byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            var ahead = 1
            if let sign = peek(1), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { ahead = 2 }
            if let digit = peek(ahead), Lexer.isDigit(digit) {
                isFloat = true
                index += ahead
                while let next = peek(), Lexer.isDigit(next) { index += 1 }
            }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if let next = peek(), Lexer.isIdentifierStart(next) {
            throw syntaxError("Missing whitespace between literal and alias", at: index)
        }
        return isFloat ? .float(text) : .integer(text)
    }
}

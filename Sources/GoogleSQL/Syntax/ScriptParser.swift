import WarehouseSchema

/// Splits a job's text into statements (DDL, DML, DECLARE/SET and queries) at top-level semicolons.
///
/// Only the statement frames are parsed here; the queries and expressions inside stay text (see
/// `ScriptStatement`), which the query parser reads when the statement runs.
public struct ScriptParser {
    var parser: Parser
    let bytes: [UInt8]
    /// Blocks (BEGIN, IF, CASE, WHILE, LOOP, FOR) open around the statement being parsed.
    var blockDepth = 0
    /// The deepest nesting of blocks accepted; BigQuery's scripts rarely go past a handful.
    public static let maximumBlockDepth = 50
    /// The deepest nesting of blocks met so far.
    var deepestBlock = 0

    init(_ text: String) throws(GoogleSQLError) {
        parser = Parser(tokens: try Lexer.tokenize(text))
        bytes = Array(text.utf8)
    }

    /// The statements of `text`; a script of one query is `[.query(text)]`.
    /// `sourced`: each statement comes with its text and location (`ScriptStatement.sourced`), as a
    /// runner wants them for `@@error` and for the locations of its errors.
    public static func parse(_ text: String, sourced: Bool = false) throws(GoogleSQLError) -> [ScriptStatement] {
        try parseMeasuringDepth(text, sourced: sourced).statements
    }

    /// The statements of `text` and how deep its blocks nest (0 without blocks), for a runner that
    /// bounds the nesting of scripts that run others (procedures).
    public static func parseMeasuringDepth(
        _ text: String, sourced: Bool = false
    ) throws(GoogleSQLError) -> (
        statements: [ScriptStatement], depth: Int
    ) {
        var script = try ScriptParser(text)
        var statements: [ScriptStatement] = []
        while script.parser.current.kind != .endOfInput {
            if script.parser.accept(symbol: ";") { continue }
            let start = script.parser.position
            let statement = try script.parseStatement()
            let text = script.text(from: start, to: script.parser.position)
            statements.append(sourced ? .sourced(statement, text: text, location: script.parser.tokens[start].location) : statement)
            if script.parser.current.kind != .endOfInput { try script.parser.expect(symbol: ";") }
        }
        if statements.isEmpty { throw script.parser.unexpected(script.parser.current) }
        return (statements, script.deepestBlock)
    }

    /// Whether `text` is something only the script runner can run: a statement other than a query, or
    /// more than one statement. Asked only after the query compiler refused the text.
    public static func isScript(_ text: String) -> Bool {
        guard let tokens = try? Lexer.tokenize(text), let first = tokens.first else { return false }
        switch first.kind {
        case .keyword("CREATE"), .keyword("MERGE"), .keyword("SET"), .keyword("IF"), .keyword("FOR"): return true
        case .identifier(let word)
        where [
            "INSERT", "UPDATE", "DELETE", "DROP", "ALTER", "TRUNCATE", "DECLARE", "BEGIN", "WHILE", "LOOP", "REPEAT", "EXECUTE", "COMMIT",
            "ROLLBACK", "RAISE", "RETURN", "CALL", "ASSERT", "LOAD", "EXPORT", "GRANT", "REVOKE",
        ]
        .contains(word.uppercased()):
            return true
        default:
            // More than one statement: a semicolon with something after it.
            var depth = 0
            for (index, token) in tokens.enumerated() {
                if token.isSymbol("(") || token.isSymbol("[") { depth += 1 }
                if token.isSymbol(")") || token.isSymbol("]") { depth -= 1 }
                if depth == 0, token.isSymbol(";"), index + 1 < tokens.count,
                    !tokens[(index + 1)...].allSatisfy({ $0.isSymbol(";") || $0.kind == .endOfInput })
                {
                    return true
                }
            }
            return false
        }
    }

    // MARK: - Statements

    mutating func parseStatement() throws(GoogleSQLError) -> ScriptStatement {
        let first = parser.current
        switch first.kind {
        case .keyword("SELECT"), .keyword("WITH"), .keyword("FROM"), .symbol("("): return .query(skip(until: []))
        case .keyword("CREATE"): return try parseCreate()
        case .keyword("MERGE"): return .merge(try parseMerge())
        case .keyword("SET"): return try parseSet()
        case .identifier(let word):
            switch word.uppercased() {
            case "INSERT": return .insert(try parseInsert())
            case "UPDATE": return .update(try parseUpdate())
            case "DELETE": return .delete(try parseDelete())
            case "DROP": return try parseDrop()
            case "TRUNCATE":
                parser.position += 1
                guard parser.accept(word: "TABLE") else { throw parser.expected("keyword TABLE") }
                return .truncate(try parser.parseTableName())
            case "ALTER": return try parseAlter()
            case "DECLARE": return try parseDeclare()
            default: break
            }
        default: break
        }
        if let control = try parseControlFlow() { return control }
        if case .identifier(let word) = first.kind, word.uppercased() == "CALL" { return try parseCall() }
        if case .identifier(let word) = first.kind, word.uppercased() == "ASSERT" {
            parser.position += 1
            let expression = skip(until: ["AS"])
            guard !expression.isEmpty else { throw parser.expected("expression") }
            guard parser.accept(keyword: "AS") else { return .assert(expression: expression, description: nil) }
            guard case .string(let description) = parser.current.kind else { throw parser.expected("string literal") }
            parser.position += 1
            return .assert(expression: expression, description: description)
        }
        if case .identifier(let word) = first.kind,
            ["LOAD", "EXPORT", "GRANT", "REVOKE"].contains(word.uppercased())
        {
            throw parser.unsupported("\(word.uppercased()) statements are", at: first.location)
        }
        if case .identifier(let word) = first.kind,
            ["EXECUTE"].contains(word.uppercased())
        {
            throw parser.unsupported("\(word.uppercased()) statements are", at: first.location)
        }
        throw parser.unexpected(first)
    }

    mutating func parseDrop() throws(GoogleSQLError) -> ScriptStatement {
        parser.position += 1
        let isView: Bool
        if parser.isWord("TABLE"), parser.isWord("FUNCTION", parser.peek(1)) {
            parser.position += 2
            let ifExists = try acceptIfExists()
            return .dropFunction(name: try parser.parseTableName(), ifExists: ifExists)
        }
        if parser.accept(word: "TABLE") {
            isView = false
        } else if parser.accept(word: "VIEW") {
            isView = true
        } else if parser.isWord("MATERIALIZED"), parser.isWord("VIEW", parser.peek(1)) {
            parser.position += 2
            isView = true
        } else if parser.accept(word: "SCHEMA") {
            let ifExists = try acceptIfExists()
            let name = try parseSchemaName()
            let cascade = parser.accept(word: "CASCADE")
            if !cascade { _ = parser.accept(word: "RESTRICT") }
            return .dropSchema(name, ifExists: ifExists, cascade: cascade)
        } else if parser.accept(word: "PROCEDURE") {
            let ifExists = try acceptIfExists()
            return .dropProcedure(name: try parser.parseTableName(), ifExists: ifExists)
        } else if parser.accept(word: "FUNCTION") {
            let ifExists = try acceptIfExists()
            return .dropFunction(name: try parser.parseTableName(), ifExists: ifExists)
        } else {
            throw parser.unsupported(
                "DROP statements other than DROP TABLE, DROP SCHEMA, DROP VIEW, DROP FUNCTION and DROP PROCEDURE are", at: parser.current.location)
        }
        let ifExists = try acceptIfExists()
        return .drop(name: try parser.parseTableName(), isView: isView, ifExists: ifExists)
    }

    mutating func parseDeclare() throws(GoogleSQLError) -> ScriptStatement {
        parser.position += 1
        var names: [String] = []
        repeat { names.append(try identifier()) } while parser.accept(symbol: ",")
        var type: TableFieldSchema?
        if !parser.current.isKeyword("DEFAULT") { type = try parseType(name: names[0]) }
        var defaultExpression: String?
        if parser.accept(keyword: "DEFAULT") { defaultExpression = skip(until: []) }
        return .declare(names: names, type: type, defaultExpression: defaultExpression)
    }

    mutating func parseSet() throws(GoogleSQLError) -> ScriptStatement {
        parser.position += 1
        if case .namedParameter(let name) = parser.current.kind, name.hasPrefix("@@") {
            parser.position += 1
            try parser.expect(symbol: "=")
            return .setSystemVariable(name: name, expression: skip(until: []))
        }
        var names: [String] = []
        if parser.accept(symbol: "(") {
            repeat { names.append(try identifier()) } while parser.accept(symbol: ",")
            try parser.expect(symbol: ")")
        } else {
            names.append(try identifier())
        }
        try parser.expect(symbol: "=")
        return .set(names: names, expression: skip(until: []))
    }

    // MARK: - Pieces

    func text(from start: Int, to end: Int) -> String {
        guard start < end else { return "" }
        let begin = parser.tokens[start].start
        let finish = parser.tokens[end - 1].end
        return String(decoding: bytes[begin..<finish], as: UTF8.self)
    }

    /// Skips one expression or query: up to a top-level `;`, `,` or `)` (when `commas` is set), or one of
    /// `words`; CASE ... END and brackets nest. Returns its text.
    mutating func skip(until words: Set<String>, commas: Bool = false) -> String {
        let start = parser.position
        var depth = 0
        while parser.current.kind != .endOfInput {
            let token = parser.current
            if depth == 0 {
                if token.isSymbol(";") || token.isSymbol(")") || token.isSymbol("]") { break }
                if commas, token.isSymbol(",") { break }
                if let word = self.word(token), words.contains(word) { break }
            }
            if token.isSymbol("(") || token.isSymbol("[") || token.isKeyword("CASE") { depth += 1 }
            if token.isSymbol(")") || token.isSymbol("]") || token.isKeyword("END") { depth -= 1 }
            parser.position += 1
        }
        return text(from: start, to: parser.position)
    }

    func word(_ token: Token) -> String? {
        switch token.kind {
        case .keyword(let word): word
        case .identifier(let word): word.uppercased()
        default: nil
        }
    }

    mutating func identifier() throws(GoogleSQLError) -> String {
        switch parser.current.kind {
        case .identifier(let name), .quotedIdentifier(let name):
            parser.position += 1
            return name
        default: throw parser.expected("identifier")
        }
    }

    mutating func acceptIfExists() throws(GoogleSQLError) -> Bool {
        guard parser.accept(keyword: "IF") else { return false }
        try parser.expect(keyword: "EXISTS")
        return true
    }

    /// `(a, b.c)`: column names; a qualifier (`T.v`) is dropped.
    mutating func parseColumnList() throws(GoogleSQLError) -> [String] {
        try parser.expect(symbol: "(")
        var names: [String] = []
        repeat {
            var name = try identifier()
            while parser.accept(symbol: ".") { name = try identifier() }
            names.append(name)
        } while parser.accept(symbol: ",")
        try parser.expect(symbol: ")")
        return names
    }

    /// `a = expr, T.b = expr` up to `words`.
    mutating func parseAssignments(until words: Set<String>) throws(GoogleSQLError) -> [(column: String, expression: String)] {
        var assignments: [(column: String, expression: String)] = []
        repeat {
            var parts = [try identifier()]
            while parser.accept(symbol: ".") { parts.append(try identifier()) }
            try parser.expect(symbol: "=")
            let expression = skip(until: words, commas: true)
            if expression.isEmpty { throw parser.unexpected(parser.current) }
            assignments.append((parts.last!, expression))
            if parts.count > 2 {
                throw parser.unsupported("assigning a STRUCT field in UPDATE is", at: parser.current.location)
            }
        } while parser.accept(symbol: ",")
        return assignments
    }

    /// `[AS] alias` when the next word is not one of `keywords`.
    mutating func optionalAlias(notOneOf keywords: Set<String>) -> String? {
        if parser.accept(keyword: "AS") { return try? identifier() }
        if case .identifier(let name) = parser.current.kind, !keywords.contains(name.uppercased()) {
            parser.position += 1
            return name
        }
        if case .quotedIdentifier(let name) = parser.current.kind {
            parser.position += 1
            return name
        }
        return nil
    }
}

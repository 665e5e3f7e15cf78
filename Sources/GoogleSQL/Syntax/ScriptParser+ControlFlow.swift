/// The procedural language's blocks: BEGIN (with EXCEPTION WHEN ERROR), IF, CASE, WHILE, LOOP, REPEAT,
/// FOR ... IN, LEAVE, ITERATE, EXECUTE IMMEDIATE, RAISE, RETURN, and the transaction statements.
/// Conditions stay text, like every other expression of a script.
extension ScriptParser {
    /// The statement if the current word opens a control-flow statement; nil otherwise.
    mutating func parseControlFlow() throws(GoogleSQLError) -> ScriptStatement? {
        let token = parser.current
        guard let word = self.word(token) else { return nil }
        switch word {
        case "BEGIN":
            parser.position += 1
            // `BEGIN;` and `BEGIN TRANSACTION` start a transaction; `BEGIN statements END` is a block.
            if acceptWord("TRANSACTION") || parser.current.isSymbol(";") || parser.current.kind == .endOfInput {
                return .transaction(.begin)
            }
            let body = try parseStatements(until: ["END", "EXCEPTION"])
            if acceptWord("EXCEPTION") {
                try expectWord("WHEN")
                try expectWord("ERROR")
                try expectWord("THEN")
                let handler = try parseStatements(until: ["END"])
                try expectWord("END")
                return .exceptionBlock(body: body, handler: handler)
            }
            try expectWord("END")
            return .block(body)
        case "COMMIT", "ROLLBACK":
            parser.position += 1
            _ = acceptWord("TRANSACTION")
            return .transaction(word == "COMMIT" ? .commit : .rollback)
        case "RAISE":
            parser.position += 1
            guard acceptWord("USING") else { return .raise(message: nil) }
            try expectWord("MESSAGE")
            try parser.expect(symbol: "=")
            return .raise(message: skip(until: []))
        case "RETURN":
            parser.position += 1
            return .returnFromScript
        case "REPEAT":
            parser.position += 1
            let body = try parseStatements(until: ["UNTIL"])
            try expectWord("UNTIL")
            let condition = skip(until: ["END"])
            try expectWord("END")
            try expectWord("REPEAT")
            return .repeatLoop(body: body, until: condition)
        case "IF":
            parser.position += 1
            var branches: [(condition: String, body: [ScriptStatement])] = []
            var otherwise: [ScriptStatement]?
            repeat {
                let condition = skip(until: ["THEN"])
                try expectWord("THEN")
                branches.append((condition, try parseStatements(until: ["ELSEIF", "ELSE", "END"])))
            } while acceptWord("ELSEIF")
            if acceptWord("ELSE") { otherwise = try parseStatements(until: ["END"]) }
            try expectWord("END")
            try expectWord("IF")
            return .conditional(branches: branches, otherwise: otherwise)
        case "CASE":
            parser.position += 1
            let operand = parser.current.isKeyword("WHEN") ? nil : skip(until: ["WHEN"])
            var branches: [(condition: String, body: [ScriptStatement])] = []
            var otherwise: [ScriptStatement]?
            while acceptWord("WHEN") {
                let value = skip(until: ["THEN"])
                try expectWord("THEN")
                let condition = operand.map { "(\($0)) = (\(value))" } ?? value
                branches.append((condition, try parseStatements(until: ["WHEN", "ELSE", "END"])))
            }
            if branches.isEmpty { throw parser.expected("keyword WHEN") }
            if acceptWord("ELSE") { otherwise = try parseStatements(until: ["END"]) }
            try expectWord("END")
            try expectWord("CASE")
            return .conditional(branches: branches, otherwise: otherwise)
        case "WHILE":
            parser.position += 1
            let condition = skip(until: ["DO"])
            try expectWord("DO")
            let body = try parseStatements(until: ["END"])
            try expectWord("END")
            try expectWord("WHILE")
            return .loop(condition: condition, body: body)
        case "LOOP":
            parser.position += 1
            let body = try parseStatements(until: ["END"])
            try expectWord("END")
            try expectWord("LOOP")
            return .loop(condition: nil, body: body)
        case "FOR":
            parser.position += 1
            let variable = try identifier()
            try expectWord("IN")
            try parser.expect(symbol: "(")
            let query = skip(until: [])
            try parser.expect(symbol: ")")
            try expectWord("DO")
            let body = try parseStatements(until: ["END"])
            try expectWord("END")
            try expectWord("FOR")
            return .forIn(variable: variable, query: query, body: body)
        case "LEAVE", "BREAK":
            parser.position += 1
            return .leave
        case "ITERATE", "CONTINUE":
            parser.position += 1
            return .iterate
        case "EXECUTE":
            guard isWord("IMMEDIATE", parser.peek(1)) else { return nil }
            parser.position += 2
            let sql = skip(until: ["INTO", "USING"])
            var into: [String] = []
            if acceptWord("INTO") {
                repeat { into.append(try identifier()) } while parser.accept(symbol: ",")
            }
            var arguments: [ImmediateArgument] = []
            if parser.accept(keyword: "USING") {
                repeat {
                    let expression = skip(until: ["AS"], commas: true)
                    guard !expression.isEmpty else { throw parser.expected("expression") }
                    arguments.append(ImmediateArgument(expression: expression, name: acceptWord("AS") ? try identifier() : nil))
                } while parser.accept(symbol: ",")
            }
            return .executeImmediate(sql: sql, into: into, using: arguments)
        default: return nil
        }
    }

    /// Statements, each ended by `;`, up to one of `terminators` (not consumed): the body of a block,
    /// at most `maximumBlockDepth` blocks deep (each level is a few frames of recursion here and in
    /// the script runner; 500 levels overflowed the stack and killed the emulator).
    mutating func parseStatements(until terminators: Set<String>) throws(GoogleSQLError) -> [ScriptStatement] {
        blockDepth += 1
        deepestBlock = max(deepestBlock, blockDepth)
        defer { blockDepth -= 1 }
        guard blockDepth <= Self.maximumBlockDepth else {
            throw parser.unsupported("blocks nested more than \(Self.maximumBlockDepth) levels deep are", at: parser.current.location)
        }
        var statements: [ScriptStatement] = []
        while true {
            if parser.accept(symbol: ";") { continue }
            if parser.current.kind == .endOfInput { throw parser.expected("keyword END") }
            if let word = self.word(parser.current), terminators.contains(word) { return statements }
            let start = parser.position
            let statement = try parseStatement()
            statements.append(.sourced(statement, text: text(from: start, to: parser.position), location: parser.tokens[start].location))
            try parser.expect(symbol: ";")
        }
    }

    func isWord(_ word: String, _ token: Token) -> Bool { self.word(token) == word }

    mutating func acceptWord(_ word: String) -> Bool {
        guard isWord(word, parser.current) else { return false }
        parser.position += 1
        return true
    }

    mutating func expectWord(_ word: String) throws(GoogleSQLError) {
        guard acceptWord(word) else { throw parser.expected("keyword \(word)") }
    }
}

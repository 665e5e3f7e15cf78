/// Recursive-descent parser for the SELECT subset the emulator runs; everything else fails with a
/// BigQuery-style syntax error or an explicit "Unsupported" error naming the feature.
struct Parser {
    var tokens: [Token]
    var position = 0
    var positionalCount = 0
    /// Parse functions active per nesting level (see `enter`).
    var depth = 0
    /// The deepest expression the emulator accepts, in syntax-tree levels and in nested parentheses, calls
    /// and types. Every later pass recurses once per level, and SQLite refuses a translated expression
    /// deeper than its SQLITE_MAX_EXPR_DEPTH (1000) anyway; 64 levels leave room for the few nodes the
    /// translation adds per level and keep every recursion far from the stack's end.
    static let maximumDepth = 64

    init(tokens: [Token]) { self.tokens = tokens }

    static func parse(_ text: String) throws(GoogleSQLError) -> Query {
        var parser = Parser(tokens: try Lexer.tokenize(text))
        return try parser.parseStatement()
    }

    // MARK: - Token helpers

    var current: Token { tokens[min(position, tokens.count - 1)] }
    func peek(_ ahead: Int) -> Token { tokens[min(position + ahead, tokens.count - 1)] }

    mutating func advance() -> Token {
        let token = current
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    mutating func accept(keyword: String) -> Bool {
        guard current.isKeyword(keyword) else { return false }
        position += 1
        return true
    }

    mutating func accept(symbol: String) -> Bool {
        guard current.isSymbol(symbol) else { return false }
        position += 1
        return true
    }

    /// Non-reserved words (`OFFSET`, `NULLS`-style contextual words) arrive as identifiers.
    func isWord(_ word: String, _ token: Token? = nil) -> Bool {
        if case .identifier(let name) = (token ?? current).kind { return name.uppercased() == word }
        return false
    }

    mutating func accept(word: String) -> Bool {
        guard isWord(word) else { return false }
        position += 1
        return true
    }

    func describe(_ token: Token) -> String {
        token.kind == .endOfInput ? "end of script" : token.quotedDescription
    }

    func unexpected(_ token: Token) -> GoogleSQLError {
        .invalidQuery("Syntax error: Unexpected \(describe(token)) at \(token.location)")
    }

    func expected(_ what: String) -> GoogleSQLError {
        .invalidQuery("Syntax error: Expected \(what) but got \(describe(current)) at \(current.location)")
    }

    func unsupported(_ feature: String, at location: SourceLocation) -> GoogleSQLError {
        .invalidQuery("Unsupported: \(feature) not supported by the local emulator at \(location)")
    }

    mutating func expect(symbol: String) throws(GoogleSQLError) {
        guard accept(symbol: symbol) else { throw expected("\"\(symbol)\"") }
    }

    mutating func expect(keyword: String) throws(GoogleSQLError) {
        guard accept(keyword: keyword) else { throw expected("keyword \(keyword)") }
    }

    // MARK: - Statement

    mutating func parseStatement() throws(GoogleSQLError) -> Query {
        let first = current
        switch first.kind {
        case .keyword("SELECT"), .keyword("WITH"), .keyword("FROM"), .symbol("("): break
        case .keyword(let word) where ["CREATE", "MERGE", "SET"].contains(word):
            throw unsupported("\(word) statements are", at: first.location)
        case .identifier(let word)
        where ["INSERT", "UPDATE", "DELETE", "DROP", "ALTER", "TRUNCATE", "DECLARE", "BEGIN", "CALL", "EXECUTE"]
            .contains(word.uppercased()):
            throw unsupported("\(word.uppercased()) statements are", at: first.location)
        case .endOfInput: throw unexpected(first)
        default: throw unexpected(first)
        }
        let query = try parseQuery()
        _ = accept(symbol: ";")
        guard current.kind == .endOfInput else { throw expected("end of input") }
        return query
    }

    mutating func parseSelect() throws(GoogleSQLError) -> SelectStatement {
        try expect(keyword: "SELECT")
        var statement = SelectStatement()
        try parseSelectList(into: &statement)
        if accept(keyword: "FROM") { statement.from = try parseFrom() }
        if accept(keyword: "WHERE") { statement.whereClause = try parseExpression() }
        if accept(keyword: "GROUP") {
            try expect(keyword: "BY")
            try parseGroupBy(into: &statement)
        }
        if accept(keyword: "HAVING") { statement.having = try parseExpression() }
        if accept(keyword: "QUALIFY") { statement.qualify = try parseExpression() }
        try parseWindowClause(into: &statement)
        return statement
    }

    /// After SELECT: `[DISTINCT | ALL] [AS STRUCT | AS VALUE] item, ...`.
    mutating func parseSelectList(into statement: inout SelectStatement) throws(GoogleSQLError) {
        if accept(keyword: "DISTINCT") { statement.distinct = true } else { _ = accept(keyword: "ALL") }
        if current.isKeyword("AS"), peek(1).isKeyword("STRUCT") || isWord("VALUE", peek(1)) {
            statement.selectAs = peek(1).isKeyword("STRUCT") ? .structValue : .value
            position += 2
        }
        repeat { statement.items.append(try parseSelectItem()) } while accept(symbol: ",") && !endsSelectList(current)
    }

    /// `WINDOW name AS (...), ...`, if there.
    mutating func parseWindowClause(into statement: inout SelectStatement) throws(GoogleSQLError) {
        guard accept(keyword: "WINDOW") else { return }
        repeat {
            guard let name = try parseAlias() else { throw expected("identifier") }
            try expect(keyword: "AS")
            statement.windows.append((name, try parseWindowSpecification()))
        } while accept(symbol: ",")
    }

    /// GoogleSQL allows a trailing comma after the last select item: a comma followed by what ends the list.
    private func endsSelectList(_ token: Token) -> Bool {
        if case .endOfInput = token.kind { return true }
        if token.isSymbol(")") || token.isSymbol(";") || token.isSymbol("|>") { return true }
        let clauses = ["FROM", "WHERE", "GROUP", "HAVING", "QUALIFY", "WINDOW", "ORDER", "LIMIT", "UNION", "INTERSECT", "EXCEPT"]
        return clauses.contains { token.isKeyword($0) }
    }

    mutating func parseSelectItem() throws(GoogleSQLError) -> SelectItem {
        let start = current
        if accept(symbol: "*") {
            return .star(try parseStarModifiers(StarItem(qualifier: nil, location: start.location)))
        }
        let expression = try parseExpression()
        if current.isSymbol("."), peek(1).isSymbol("*") {
            position += 2
            var qualifier: String?
            if case .path(let parts) = expression.kind, parts.count == 1 { qualifier = parts[0] }
            return .star(try parseStarModifiers(StarItem(qualifier: qualifier, expression: expression, location: start.location)))
        }
        return .expression(expression, alias: try parseAlias())
    }

    mutating func parseStarModifiers(_ item: StarItem) throws(GoogleSQLError) -> StarItem {
        var item = item
        if accept(keyword: "EXCEPT") {
            try expect(symbol: "(")
            repeat {
                let token = current
                switch token.kind {
                case .identifier(let name), .quotedIdentifier(let name):
                    position += 1
                    item.except.append((name, token.location))
                default:
                    throw expected("identifier")
                }
            } while accept(symbol: ",")
            try expect(symbol: ")")
        }
        if accept(word: "REPLACE") {
            try expect(symbol: "(")
            repeat {
                let expression = try parseExpression()
                try expect(keyword: "AS")
                guard let name = try parseAlias() else { throw expected("identifier") }
                item.replace.append((expression, name))
            } while accept(symbol: ",")
            try expect(symbol: ")")
        }
        return item
    }

    mutating func parseAlias() throws(GoogleSQLError) -> String? {
        let explicit = accept(keyword: "AS")
        switch current.kind {
        case .identifier(let name), .quotedIdentifier(let name):
            position += 1
            return name
        default:
            if explicit { throw expected("identifier") }
            return nil
        }
    }

    /// `project.dataset.table`, any segment backquoted, unquoted dashes in project ids, `$decorator`.
    mutating func parseTableName() throws(GoogleSQLError) -> TableName {
        let (name, fieldPath) = try parseTablePath()
        guard fieldPath.isEmpty else { throw GoogleSQLError.invalidQuery("Invalid table name: \(name).\(fieldPath.joined(separator: "."))") }
        return name
    }

    /// A table name, or in FROM a longer path (`t.array.field.field`) whose parts past the third
    /// are returned apart: such a path can only name an array through a range variable.
    mutating func parseTablePath() throws(GoogleSQLError) -> (TableName, fieldPath: [String]) {
        var segments: [String] = []
        var text = try pathSegment(first: true)
        while true {
            // `my-project`: dashes glued to the neighbouring segments, as BigQuery allows in project ids.
            if current.isSymbol("-"), current.start == tokens[position - 1].end, peek(1).start == current.end {
                position += 1
                switch advance().kind {
                case .identifier(let word): text += "-" + word
                case .integer(let digits): text += "-" + digits
                default: throw unexpected(tokens[position - 1])
                }
                continue
            }
            if current.isSymbol("$"), current.start == tokens[position - 1].end {
                position += 1
                switch advance().kind {
                case .integer(let digits): text += "$" + digits
                case .identifier(let word): text += "$" + word
                default: throw unexpected(tokens[position - 1])
                }
                continue
            }
            if accept(symbol: ".") {
                segments.append(text)
                text = try pathSegment(first: false)
                continue
            }
            break
        }
        segments.append(text)
        var parts = segments.flatMap { $0.split(separator: ".", omittingEmptySubsequences: false).map(String.init) }
        // `[project.]dataset.INFORMATION_SCHEMA.VIEW`, `[project.]region-us.INFORMATION_SCHEMA.VIEW` and
        // `INFORMATION_SCHEMA.VIEW`: the view is the table, named `INFORMATION_SCHEMA.VIEW`.
        if parts.count >= 2, parts.count <= 4, parts[parts.count - 2].uppercased() == "INFORMATION_SCHEMA",
            !parts.contains(where: \.isEmpty)
        {
            let qualifiers = parts.dropLast(2)
            return (
                TableName(
                    project: qualifiers.count == 2 ? qualifiers.first : nil, dataset: qualifiers.last,
                    table: "INFORMATION_SCHEMA." + parts[parts.count - 1].uppercased()), []
            )
        }
        let fieldPath = parts.count > 3 ? Array(parts.dropFirst(3)) : []
        parts = Array(parts.prefix(3))
        guard var last = parts.popLast(), !last.isEmpty, !parts.contains(where: \.isEmpty), !fieldPath.contains(where: \.isEmpty),
            fieldPath.isEmpty || !last.contains("$")
        else {
            throw GoogleSQLError.invalidQuery("Invalid table name: \(segments.joined(separator: "."))")
        }
        var decorator: String?
        if let dollar = last.firstIndex(of: "$") {
            decorator = String(last[last.index(after: dollar)...])
            last = String(last[..<dollar])
        }
        let name = TableName(
            project: parts.count == 2 ? parts[0] : nil, dataset: parts.last, table: last,
            partitionDecorator: decorator)
        return (name, fieldPath)
    }

    mutating func pathSegment(first: Bool) throws(GoogleSQLError) -> String {
        switch current.kind {
        case .identifier(let name), .quotedIdentifier(let name):
            position += 1
            return name
        case .integer(let digits) where !first:
            position += 1
            return digits
        case .keyword(let word) where !first:
            position += 1
            return word.lowercased()
        default:
            throw expected("identifier")
        }
    }

    mutating func parseOrderingTerm() throws(GoogleSQLError) -> OrderingTerm {
        try parseOrderingSuffix(of: try parseExpression())
    }

    /// `[ASC | DESC] [NULLS FIRST | NULLS LAST]` after a sort key.
    mutating func parseOrderingSuffix(of expression: Expression) throws(GoogleSQLError) -> OrderingTerm {
        var descending = false
        if accept(keyword: "DESC") { descending = true } else { _ = accept(keyword: "ASC") }
        var nullsFirst: Bool?
        if accept(keyword: "NULLS") {
            if accept(word: "FIRST") {
                nullsFirst = true
            } else if accept(word: "LAST") {
                nullsFirst = false
            } else {
                throw expected("keyword FIRST or LAST")
            }
        }
        return OrderingTerm(expression: expression, descending: descending, nullsFirst: nullsFirst)
    }

    mutating func parseLimitValue() throws(GoogleSQLError) -> Expression {
        let token = current
        switch token.kind {
        case .integer(let digits):
            position += 1
            return Expression(kind: .literal(.integer(digits)), location: token.location)
        case .namedParameter(let name):
            position += 1
            return Expression(kind: .namedParameter(name), location: token.location)
        case .positionalParameter:
            position += 1
            positionalCount += 1
            return Expression(kind: .positionalParameter(positionalCount - 1), location: token.location)
        default:
            throw GoogleSQLError.invalidQuery("Syntax error: Unexpected \(describe(token)) at \(token.location)")
        }
    }
}

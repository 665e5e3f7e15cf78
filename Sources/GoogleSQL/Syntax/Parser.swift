/// Recursive-descent parser for the SELECT subset the emulator runs; everything else fails with a
/// BigQuery-style syntax error or an explicit "Unsupported" error naming the feature.
struct Parser {
    private var tokens: [Token]
    private var position = 0
    private var positionalCount = 0
    /// Recursion guard: absurdly nested input must fail cleanly instead of exhausting the stack.
    private var depth = 0
    static let maximumDepth = 40

    init(tokens: [Token]) { self.tokens = tokens }

    static func parse(_ text: String) throws(GoogleSQLError) -> SelectStatement {
        var parser = Parser(tokens: try Lexer.tokenize(text))
        let statement = try parser.parseStatement()
        try statement.checkDepth(maximum: 64)
        return statement
    }

    // MARK: - Token helpers

    private var current: Token { tokens[min(position, tokens.count - 1)] }
    private func peek(_ ahead: Int) -> Token { tokens[min(position + ahead, tokens.count - 1)] }

    private mutating func advance() -> Token {
        let token = current
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    private mutating func accept(keyword: String) -> Bool {
        guard current.isKeyword(keyword) else { return false }
        position += 1
        return true
    }

    private mutating func accept(symbol: String) -> Bool {
        guard current.isSymbol(symbol) else { return false }
        position += 1
        return true
    }

    /// Non-reserved words (`OFFSET`, `NULLS`-style contextual words) arrive as identifiers.
    private func isWord(_ word: String, _ token: Token? = nil) -> Bool {
        if case .identifier(let name) = (token ?? current).kind { return name.uppercased() == word }
        return false
    }

    private mutating func accept(word: String) -> Bool {
        guard isWord(word) else { return false }
        position += 1
        return true
    }

    private func describe(_ token: Token) -> String {
        token.kind == .endOfInput ? "end of script" : token.quotedDescription
    }

    private func unexpected(_ token: Token) -> GoogleSQLError {
        .invalidQuery("Syntax error: Unexpected \(describe(token)) at \(token.location)")
    }

    private func expected(_ what: String) -> GoogleSQLError {
        .invalidQuery("Syntax error: Expected \(what) but got \(describe(current)) at \(current.location)")
    }

    private func unsupported(_ feature: String, at location: SourceLocation) -> GoogleSQLError {
        .invalidQuery("Unsupported: \(feature) not supported by the local emulator at \(location)")
    }

    private mutating func expect(symbol: String) throws(GoogleSQLError) {
        guard accept(symbol: symbol) else { throw expected("\"\(symbol)\"") }
    }

    private mutating func expect(keyword: String) throws(GoogleSQLError) {
        guard accept(keyword: keyword) else { throw expected("keyword \(keyword)") }
    }

    // MARK: - Statement

    mutating func parseStatement() throws(GoogleSQLError) -> SelectStatement {
        let first = current
        switch first.kind {
        case .keyword("SELECT"): break
        case .keyword("WITH"): throw unsupported("WITH clauses are", at: first.location)
        case .symbol("("): throw unsupported("parenthesized queries are", at: first.location)
        case .keyword(let word) where ["CREATE", "MERGE", "SET"].contains(word):
            throw unsupported("\(word) statements are", at: first.location)
        case .identifier(let word)
            where ["INSERT", "UPDATE", "DELETE", "DROP", "ALTER", "TRUNCATE", "DECLARE", "BEGIN", "CALL", "EXECUTE"]
                .contains(word.uppercased()):
            throw unsupported("\(word.uppercased()) statements are", at: first.location)
        case .endOfInput: throw unexpected(first)
        default: throw unexpected(first)
        }
        var statement = try parseSelect()
        if current.isKeyword("UNION") || current.isKeyword("INTERSECT") || current.isKeyword("EXCEPT") {
            throw unsupported("set operations (UNION, INTERSECT, EXCEPT) are", at: current.location)
        }
        if accept(keyword: "ORDER") {
            try expect(keyword: "BY")
            repeat { statement.orderBy.append(try parseOrderingTerm()) } while accept(symbol: ",")
        }
        if accept(keyword: "LIMIT") {
            statement.limit = try parseLimitValue()
            if accept(word: "OFFSET") { statement.offset = try parseLimitValue() }
        }
        _ = accept(symbol: ";")
        guard current.kind == .endOfInput else { throw expected("end of input") }
        return statement
    }

    private mutating func parseSelect() throws(GoogleSQLError) -> SelectStatement {
        try expect(keyword: "SELECT")
        var statement = SelectStatement()
        if isWord("AS"), isWord("STRUCT", peek(1)) || isWord("VALUE", peek(1)) {
            throw unsupported("SELECT AS STRUCT/VALUE is", at: current.location)
        }
        if accept(keyword: "DISTINCT") { statement.distinct = true } else { _ = accept(keyword: "ALL") }
        repeat { statement.items.append(try parseSelectItem()) } while accept(symbol: ",")
        if accept(keyword: "FROM") { statement.from = try parseFrom() }
        if accept(keyword: "WHERE") { statement.whereClause = try parseExpression() }
        if accept(keyword: "GROUP") {
            try expect(keyword: "BY")
            if current.isKeyword("ROLLUP") || current.isKeyword("CUBE") || current.isKeyword("GROUPING") || current.isKeyword("ALL") {
                let word = if case .keyword(let keyword) = current.kind { keyword } else { "ALL" }
                throw unsupported("GROUP BY \(word) is", at: current.location)
            }
            repeat { statement.groupBy.append(try parseExpression()) } while accept(symbol: ",")
        }
        if accept(keyword: "HAVING") { statement.having = try parseExpression() }
        if current.isKeyword("QUALIFY") { throw unsupported("QUALIFY is", at: current.location) }
        if current.isKeyword("WINDOW") { throw unsupported("WINDOW clauses are", at: current.location) }
        return statement
    }

    private mutating func parseSelectItem() throws(GoogleSQLError) -> SelectItem {
        let start = current
        if accept(symbol: "*") {
            return .star(try parseStarModifiers(StarItem(qualifier: nil, location: start.location)))
        }
        let expression = try parseExpression()
        if current.isSymbol("."), peek(1).isSymbol("*") {
            guard case .path(let parts) = expression.kind, parts.count == 1 else { throw unexpected(peek(1)) }
            position += 2
            return .star(try parseStarModifiers(StarItem(qualifier: parts[0], location: start.location)))
        }
        return .expression(expression, alias: try parseAlias())
    }

    private mutating func parseStarModifiers(_ item: StarItem) throws(GoogleSQLError) -> StarItem {
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

    private mutating func parseAlias() throws(GoogleSQLError) -> String? {
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

    private mutating func parseFrom() throws(GoogleSQLError) -> TableReference {
        let start = current
        if start.isSymbol("(") { throw unsupported("subqueries are", at: start.location) }
        if start.isKeyword("UNNEST") { throw unsupported("UNNEST in FROM is", at: start.location) }
        let name = try parseTableName()
        if isWord("FOR") || current.isKeyword("FOR") { throw unsupported("FOR SYSTEM_TIME AS OF is", at: current.location) }
        var alias: String?
        if !isJoinStart { alias = try parseAlias() }
        if current.isKeyword("TABLESAMPLE") { throw unsupported("TABLESAMPLE is", at: current.location) }
        if isJoinStart { throw unsupported("JOIN is", at: current.location) }
        if current.isSymbol(",") { throw unsupported("JOIN is", at: current.location) }
        return TableReference(name: name, alias: alias, location: start.location)
    }

    private var isJoinStart: Bool {
        ["JOIN", "INNER", "LEFT", "RIGHT", "FULL", "CROSS", "NATURAL"].contains { current.isKeyword($0) }
    }

    /// `project.dataset.table`, any segment backquoted, unquoted dashes in project ids, `$decorator`.
    private mutating func parseTableName() throws(GoogleSQLError) -> TableName {
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
        guard var last = parts.popLast(), parts.count <= 2, !last.isEmpty, !parts.contains(where: \.isEmpty) else {
            throw GoogleSQLError.invalidQuery("Invalid table name: \(segments.joined(separator: "."))")
        }
        var decorator: String?
        if let dollar = last.firstIndex(of: "$") {
            decorator = String(last[last.index(after: dollar)...])
            last = String(last[..<dollar])
        }
        return TableName(project: parts.count == 2 ? parts[0] : nil, dataset: parts.last, table: last,
                         partitionDecorator: decorator)
    }

    private mutating func pathSegment(first: Bool) throws(GoogleSQLError) -> String {
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

    private mutating func parseOrderingTerm() throws(GoogleSQLError) -> OrderingTerm {
        let expression = try parseExpression()
        var descending = false
        if accept(keyword: "DESC") { descending = true } else { _ = accept(keyword: "ASC") }
        var nullsFirst: Bool?
        if accept(keyword: "NULLS") {
            if accept(word: "FIRST") { nullsFirst = true } else if accept(word: "LAST") { nullsFirst = false } else {
                throw expected("keyword FIRST or LAST")
            }
        }
        return OrderingTerm(expression: expression, descending: descending, nullsFirst: nullsFirst)
    }

    private mutating func parseLimitValue() throws(GoogleSQLError) -> Expression {
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

    // MARK: - Expressions, lowest precedence first

    mutating func parseExpression() throws(GoogleSQLError) -> Expression {
        try enter()
        defer { depth -= 1 }
        return try parseOr()
    }

    private mutating func enter() throws(GoogleSQLError) {
        depth += 1
        guard depth <= Parser.maximumDepth else {
            throw GoogleSQLError.invalidQuery("Unsupported: expressions nested more than \(Parser.maximumDepth) levels deep are not supported by the local emulator at \(current.location)")
        }
    }

    /// AND/OR chains become balanced trees, so a long generated filter stays shallow.
    private func balanced(_ op: BinaryOperator, _ operands: ArraySlice<Expression>) -> Expression {
        if operands.count == 1 { return operands[operands.startIndex] }
        let middle = operands.startIndex + operands.count / 2
        let left = balanced(op, operands[..<middle])
        return Expression(kind: .binary(op, left, balanced(op, operands[middle...])), location: left.location)
    }

    private mutating func parseOr() throws(GoogleSQLError) -> Expression {
        var operands = [try parseAnd()]
        while accept(keyword: "OR") { operands.append(try parseAnd()) }
        return balanced(.or, operands[...])
    }

    private mutating func parseAnd() throws(GoogleSQLError) -> Expression {
        var operands = [try parseNot()]
        while accept(keyword: "AND") { operands.append(try parseNot()) }
        return balanced(.and, operands[...])
    }

    private mutating func parseNot() throws(GoogleSQLError) -> Expression {
        let start = current
        if accept(keyword: "NOT") {
            try enter()
            defer { depth -= 1 }
            return Expression(kind: .not(try parseNot()), location: start.location)
        }
        return try parseComparison()
    }

    private mutating func parseComparison() throws(GoogleSQLError) -> Expression {
        var left = try parseAdditive()
        while true {
            let token = current
            if case .symbol(let symbol) = token.kind,
               let op: BinaryOperator = ["=": .equal, "!=": .notEqual, "<>": .notEqual, "<": .less, "<=": .lessOrEqual,
                                         ">": .greater, ">=": .greaterOrEqual][symbol] {
                position += 1
                left = Expression(kind: .binary(op, left, try parseAdditive()), location: left.location)
                continue
            }
            if accept(keyword: "IS") {
                let negated = accept(keyword: "NOT")
                if accept(keyword: "NULL") {
                    left = Expression(kind: .isNull(left, negated: negated), location: left.location)
                } else if accept(keyword: "TRUE") {
                    left = Expression(kind: .isBool(left, value: true, negated: negated), location: left.location)
                } else if accept(keyword: "FALSE") {
                    left = Expression(kind: .isBool(left, value: false, negated: negated), location: left.location)
                } else if accept(keyword: "DISTINCT") {
                    try expect(keyword: "FROM")
                    let right = try parseAdditive()
                    left = Expression(kind: .binary(negated ? .notDistinct : .distinct, left, right), location: left.location)
                } else {
                    throw expected("keyword NULL")
                }
                continue
            }
            var negated = false
            if token.isKeyword("NOT"), peek(1).isKeyword("IN") || peek(1).isKeyword("LIKE") || peek(1).isKeyword("BETWEEN") {
                negated = true
                position += 1
            }
            if accept(keyword: "LIKE") {
                if current.isKeyword("ANY") || current.isKeyword("ALL") || current.isKeyword("SOME") {
                    throw unsupported("quantified LIKE is", at: current.location)
                }
                left = Expression(kind: .like(left, try parseAdditive(), negated: negated), location: left.location)
            } else if accept(keyword: "BETWEEN") {
                let low = try parseAdditive()
                try expect(keyword: "AND")
                let high = try parseAdditive()
                left = Expression(kind: .between(left, low, high, negated: negated), location: left.location)
            } else if accept(keyword: "IN") {
                left = try parseInTail(left, negated: negated)
            } else {
                return left
            }
        }
    }

    private mutating func parseInTail(_ left: Expression, negated: Bool) throws(GoogleSQLError) -> Expression {
        if accept(keyword: "UNNEST") {
            try expect(symbol: "(")
            let array = try parseExpression()
            try expect(symbol: ")")
            return Expression(kind: .inUnnest(left, array, negated: negated), location: left.location)
        }
        try expect(symbol: "(")
        if current.isKeyword("SELECT") || current.isKeyword("WITH") {
            throw unsupported("subqueries are", at: current.location)
        }
        var values: [Expression] = []
        repeat { values.append(try parseExpression()) } while accept(symbol: ",")
        try expect(symbol: ")")
        return Expression(kind: .inList(left, values, negated: negated), location: left.location)
    }

    private mutating func parseAdditive() throws(GoogleSQLError) -> Expression {
        var left = try parseMultiplicative()
        while true {
            let op: BinaryOperator
            if current.isSymbol("+") { op = .add } else if current.isSymbol("-") { op = .subtract } else {
                if current.isSymbol("|") || current.isSymbol("&") || current.isSymbol("^") || current.isSymbol("<<") || current.isSymbol(">>") {
                    throw unsupported("bitwise operators are", at: current.location)
                }
                return left
            }
            position += 1
            left = Expression(kind: .binary(op, left, try parseMultiplicative()), location: left.location)
        }
    }

    private mutating func parseMultiplicative() throws(GoogleSQLError) -> Expression {
        var left = try parseUnary()
        while true {
            let op: BinaryOperator
            if current.isSymbol("*") { op = .multiply } else if current.isSymbol("/") { op = .divide } else if current.isSymbol("||") {
                op = .concat
            } else {
                if current.isSymbol("%") { throw unsupported("the % operator is (use MOD)", at: current.location) }
                return left
            }
            position += 1
            left = Expression(kind: .binary(op, left, try parseUnary()), location: left.location)
        }
    }

    private mutating func parseUnary() throws(GoogleSQLError) -> Expression {
        let start = current
        if start.isSymbol("-") || start.isSymbol("+") {
            position += 1
            try enter()
            defer { depth -= 1 }
            return Expression(kind: .unary(start.isSymbol("-") ? "-" : "+", try parseUnary()), location: start.location)
        }
        if start.isSymbol("~") { throw unsupported("bitwise operators are", at: start.location) }
        return try parsePostfix()
    }

    private mutating func parsePostfix() throws(GoogleSQLError) -> Expression {
        var expression = try parsePrimary()
        while true {
            if current.isSymbol("."), !peek(1).isSymbol("*") {
                position += 1
                let name = try pathSegment(first: false)
                if case .path(let parts) = expression.kind {
                    expression.kind = .path(parts + [name])
                } else {
                    expression = Expression(kind: .fieldAccess(expression, name), location: expression.location)
                }
                continue
            }
            if current.isSymbol("(") , case .path(let parts) = expression.kind, parts.count > 1 {
                return try parseCall(name: parts.joined(separator: "."), start: expression.location)
            }
            if current.isSymbol("[") {
                throw unsupported("array subscripts are", at: current.location)
            }
            return expression
        }
    }

    private mutating func parsePrimary() throws(GoogleSQLError) -> Expression {
        let token = current
        let location = token.location
        func literal(_ value: LiteralValue) -> Expression {
            position += 1
            return Expression(kind: .literal(value), location: location)
        }
        switch token.kind {
        case .integer(let digits): return literal(.integer(digits))
        case .float(let text): return literal(.float(text))
        case .string(let text): return literal(.string(text))
        case .bytes(let bytes): return literal(.bytes(bytes))
        case .keyword("TRUE"): return literal(.bool(true))
        case .keyword("FALSE"): return literal(.bool(false))
        case .keyword("NULL"): return literal(.null)
        case .namedParameter(let name):
            position += 1
            return Expression(kind: .namedParameter(name), location: location)
        case .positionalParameter:
            position += 1
            positionalCount += 1
            return Expression(kind: .positionalParameter(positionalCount - 1), location: location)
        case .symbol("("):
            position += 1
            if current.isKeyword("SELECT") || current.isKeyword("WITH") {
                throw unsupported("subqueries are", at: current.location)
            }
            let inner = try parseExpression()
            if current.isSymbol(",") { throw unsupported("STRUCT constructors are", at: location) }
            try expect(symbol: ")")
            return inner
        case .keyword("CAST"):
            position += 1
            return try parseCast(safe: false, start: location)
        case .keyword("EXTRACT"):
            position += 1
            return try parseExtract(start: location)
        case .keyword("CASE"):
            position += 1
            return try parseCase(start: location)
        case .keyword("INTERVAL"):
            position += 1
            let amount = try parseAdditive()
            guard case .identifier(let unit) = current.kind else { throw expected("date part") }
            position += 1
            if accept(keyword: "TO") { throw unsupported("INTERVAL ranges are", at: location) }
            return Expression(kind: .interval(amount, unit: unit.uppercased()), location: location)
        case .keyword("IF"):
            position += 1
            guard current.isSymbol("(") else { throw expected("\"(\"") }
            return try parseCall(name: "IF", start: location)
        case .keyword("EXISTS"): throw unsupported("subqueries are", at: location)
        case .keyword("ARRAY"), .symbol("["):
            if accept(keyword: "ARRAY") {
                if current.isSymbol("(") { throw unsupported("ARRAY subqueries are", at: location) }
                if current.isSymbol("<") { throw unsupported("typed ARRAY literals are", at: location) }
            }
            try expect(symbol: "[")
            var elements: [Expression] = []
            if !current.isSymbol("]") {
                repeat { elements.append(try parseExpression()) } while accept(symbol: ",")
            }
            try expect(symbol: "]")
            return Expression(kind: .arrayLiteral(elements), location: location)
        case .keyword("STRUCT"): throw unsupported("STRUCT constructors are", at: location)
        case .identifier(let name):
            let upper = name.uppercased()
            if case .string(let text) = peek(1).kind,
               ["TIMESTAMP", "DATE", "DATETIME", "TIME", "NUMERIC", "BIGNUMERIC", "JSON", "DECIMAL", "BIGDECIMAL"].contains(upper) {
                position += 2
                return Expression(kind: .literal(.typed(upper, text)), location: location)
            }
            if upper == "SAFE_CAST", peek(1).isSymbol("(") {
                position += 1
                return try parseCast(safe: true, start: location)
            }
            if peek(1).isSymbol("(") {
                position += 1
                return try parseCall(name: upper, start: location)
            }
            if ["CURRENT_TIMESTAMP", "CURRENT_DATE", "CURRENT_DATETIME", "CURRENT_TIME"].contains(upper) {
                position += 1
                return Expression(kind: .call(name: upper, arguments: [], distinct: false, star: false), location: location)
            }
            position += 1
            return Expression(kind: .path([name]), location: location)
        case .quotedIdentifier(let name):
            position += 1
            return Expression(kind: .path([name]), location: location)
        default:
            throw unexpected(token)
        }
    }

    /// Called with the current token on `(`.
    private mutating func parseCall(name: String, start: SourceLocation) throws(GoogleSQLError) -> Expression {
        try expect(symbol: "(")
        var arguments: [Expression] = []
        var distinct = false
        var star = false
        if accept(symbol: "*") {
            star = true
        } else if !current.isSymbol(")") {
            distinct = accept(keyword: "DISTINCT")
            repeat { arguments.append(try parseExpression()) } while accept(symbol: ",")
            if current.isKeyword("ORDER") || current.isKeyword("LIMIT") || current.isKeyword("IGNORE") || current.isKeyword("RESPECT") {
                throw unsupported("aggregate modifiers are", at: current.location)
            }
        }
        try expect(symbol: ")")
        if current.isKeyword("OVER") { throw unsupported("window functions (OVER) are", at: current.location) }
        return Expression(kind: .call(name: name.uppercased(), arguments: arguments, distinct: distinct, star: star), location: start)
    }

    private mutating func parseCast(safe: Bool, start: SourceLocation) throws(GoogleSQLError) -> Expression {
        try expect(symbol: "(")
        let value = try parseExpression()
        try expect(keyword: "AS")
        let type = try parseTypeName()
        if isWord("FORMAT") { throw unsupported("CAST ... FORMAT is", at: current.location) }
        try expect(symbol: ")")
        return Expression(kind: .cast(value, type, safe: safe), location: start)
    }

    private mutating func parseTypeName() throws(GoogleSQLError) -> TypeName {
        if accept(keyword: "ARRAY") {
            try expect(symbol: "<")
            let element = try parseTypeName()
            try expect(symbol: ">")
            return .array(element)
        }
        if current.isKeyword("STRUCT") { throw unsupported("STRUCT types are", at: current.location) }
        guard case .identifier(let name) = current.kind else { throw expected("type name") }
        position += 1
        if current.isSymbol("(") { throw unsupported("parameterized types are", at: current.location) }
        return .scalar(name.uppercased())
    }

    private mutating func parseExtract(start: SourceLocation) throws(GoogleSQLError) -> Expression {
        try expect(symbol: "(")
        let part: String
        switch current.kind {
        case .identifier(let name): part = name.uppercased()
        default: throw expected("date part")
        }
        position += 1
        if current.isSymbol("(") { throw unsupported("WEEK(<weekday>) is", at: current.location) }
        try expect(keyword: "FROM")
        let value = try parseExpression()
        if current.isKeyword("AT") { throw unsupported("time zones are", at: current.location) }
        try expect(symbol: ")")
        return Expression(kind: .extract(part: part, value), location: start)
    }

    private mutating func parseCase(start: SourceLocation) throws(GoogleSQLError) -> Expression {
        var operand: Expression?
        if !current.isKeyword("WHEN") { operand = try parseExpression() }
        var branches: [(Expression, Expression)] = []
        while accept(keyword: "WHEN") {
            let condition = try parseExpression()
            try expect(keyword: "THEN")
            branches.append((condition, try parseExpression()))
        }
        guard !branches.isEmpty else { throw expected("keyword WHEN") }
        var otherwise: Expression?
        if accept(keyword: "ELSE") { otherwise = try parseExpression() }
        try expect(keyword: "END")
        return Expression(kind: .caseWhen(operand: operand, branches: branches, otherwise: otherwise), location: start)
    }
}

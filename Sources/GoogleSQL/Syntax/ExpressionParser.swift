import WarehouseSchema

/// Expression grammar, by GoogleSQL operator precedence (lowest first).
extension Parser {
    // MARK: - Expressions, lowest precedence first

    mutating func parseExpression() throws(GoogleSQLError) -> Expression {
        try enter()
        defer { depth -= 1 }
        return try parseOr()
    }

    /// Recursion guard: absurdly nested input must fail cleanly instead of exhausting the stack.
    mutating func enter() throws(GoogleSQLError) {
        depth += 1
        guard depth <= Parser.maximumDepth else { throw tooDeep(at: current.location) }
    }

    func tooDeep(at location: SourceLocation) -> GoogleSQLError {
        .invalidQuery(
            "Unsupported: expressions nested more than \(Parser.maximumDepth) levels deep are not supported by the local emulator at \(location)")
    }

    /// Every syntax node is made here. Loops (`1 + 1 + ...`, `x IS NULL IS NULL ...`, `(x).a.b...`) build
    /// left-deep trees without recursing, so the depth bound is checked on each node as it is made.
    func node(_ kind: Expression.Kind, at location: SourceLocation) throws(GoogleSQLError) -> Expression {
        let expression = Expression(kind: kind, location: location)
        guard expression.height <= Parser.maximumDepth else { throw tooDeep(at: location) }
        return expression
    }

    /// AND/OR chains become balanced trees, so a long generated filter stays shallow.
    func balanced(_ op: BinaryOperator, _ operands: ArraySlice<Expression>) throws(GoogleSQLError) -> Expression {
        if operands.count == 1 { return operands[operands.startIndex] }
        let middle = operands.startIndex + operands.count / 2
        let left = try balanced(op, operands[..<middle])
        return try node(.binary(op, left, try balanced(op, operands[middle...])), at: left.location)
    }

    mutating func parseOr() throws(GoogleSQLError) -> Expression {
        var operands = [try parseAnd()]
        while accept(keyword: "OR") { operands.append(try parseAnd()) }
        return try balanced(.or, operands[...])
    }

    mutating func parseAnd() throws(GoogleSQLError) -> Expression {
        var operands = [try parseNot()]
        while accept(keyword: "AND") { operands.append(try parseNot()) }
        return try balanced(.and, operands[...])
    }

    mutating func parseNot() throws(GoogleSQLError) -> Expression {
        let start = current
        if accept(keyword: "NOT") {
            try enter()
            defer { depth -= 1 }
            return try node(.not(try parseNot()), at: start.location)
        }
        return try parseComparison()
    }

    mutating func parseComparison() throws(GoogleSQLError) -> Expression {
        var left = try parseBitwiseOr()
        while true {
            let token = current
            if case .symbol(let symbol) = token.kind,
                let op: BinaryOperator = [
                    "=": .equal, "!=": .notEqual, "<>": .notEqual, "<": .less, "<=": .lessOrEqual,
                    ">": .greater, ">=": .greaterOrEqual,
                ][symbol]
            {
                position += 1
                left = try node(.binary(op, left, try parseBitwiseOr()), at: left.location)
                continue
            }
            if accept(keyword: "IS") {
                let negated = accept(keyword: "NOT")
                if accept(keyword: "NULL") {
                    left = try node(.isNull(left, negated: negated), at: left.location)
                } else if accept(keyword: "TRUE") {
                    left = try node(.isBool(left, value: true, negated: negated), at: left.location)
                } else if accept(keyword: "FALSE") {
                    left = try node(.isBool(left, value: false, negated: negated), at: left.location)
                } else if accept(keyword: "DISTINCT") {
                    try expect(keyword: "FROM")
                    let right = try parseBitwiseOr()
                    left = try node(.binary(negated ? .notDistinct : .distinct, left, right), at: left.location)
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
                    let all = current.isKeyword("ALL")
                    position += 1
                    let like = QuantifiedLike(all: all, patterns: try parseLikePatterns())
                    left = try node(.quantifiedLike(left, like, negated: negated), at: left.location)
                    continue
                }
                left = try node(.like(left, try parseBitwiseOr(), negated: negated), at: left.location)
            } else if accept(keyword: "BETWEEN") {
                let low = try parseBitwiseOr()
                try expect(keyword: "AND")
                let high = try parseBitwiseOr()
                left = try node(.between(left, low, high, negated: negated), at: left.location)
            } else if accept(keyword: "IN") {
                left = try parseInTail(left, negated: negated)
            } else {
                return left
            }
        }
    }

    /// After `LIKE ANY`: `UNNEST(array)`, `(subquery)` or `(pattern, ...)`.
    mutating func parseLikePatterns() throws(GoogleSQLError) -> QuantifiedLike.Patterns {
        if accept(keyword: "UNNEST") {
            try expect(symbol: "(")
            let array = try parseExpression()
            try expect(symbol: ")")
            return .array(array)
        }
        switch try parseSubqueryOrList() {
        case .subquery(let query): return .subquery(query)
        case .list(let patterns): return .list(patterns)
        }
    }

    enum SubqueryOrList {
        case subquery(Query)
        case list([Expression])
    }

    /// `(SELECT ...)` or `(a, b, ...)` after IN or a quantified LIKE. A list may start with a scalar
    /// subquery (`((SELECT 1), 2)`): when a query is not followed by `)`, the text is read again as a list.
    mutating func parseSubqueryOrList() throws(GoogleSQLError) -> SubqueryOrList {
        if current.isSymbol("("), startsQuery(at: 1) {
            let start = position
            position += 1
            let query = try parseQuery()
            if accept(symbol: ")") { return .subquery(query) }
            guard current.isSymbol(",") else { throw expected("\")\"") }
            position = start
        }
        try expect(symbol: "(")
        var values: [Expression] = []
        repeat { values.append(try parseExpression()) } while accept(symbol: ",")
        try expect(symbol: ")")
        return .list(values)
    }

    mutating func parseInTail(_ left: Expression, negated: Bool) throws(GoogleSQLError) -> Expression {
        if accept(keyword: "UNNEST") {
            try expect(symbol: "(")
            let array = try parseExpression()
            try expect(symbol: ")")
            return try node(.inUnnest(left, array, negated: negated), at: left.location)
        }
        switch try parseSubqueryOrList() {
        case .subquery(let query): return try node(.inSubquery(left, query, negated: negated), at: left.location)
        case .list(let values): return try node(.inList(left, values, negated: negated), at: left.location)
        }
    }

    /// Bitwise operators bind tighter than comparisons: `|` < `^` < `&` < shifts < `+ -`. They become
    /// `$BIT_*` calls, names no query can spell, typed by `resolveMathFunction`.
    mutating func parseBitwiseOr() throws(GoogleSQLError) -> Expression {
        try parseBitwiseLevel(0)
    }

    private static let bitwiseLevels: [[String: String]] = [
        ["|": "$BIT_OR"], ["^": "$BIT_XOR"], ["&": "$BIT_AND"], ["<<": "$SHIFT_LEFT", ">>": "$SHIFT_RIGHT"],
    ]

    private mutating func parseBitwiseLevel(_ level: Int) throws(GoogleSQLError) -> Expression {
        guard level < Self.bitwiseLevels.count else { return try parseAdditive() }
        var left = try parseBitwiseLevel(level + 1)
        while case .symbol(let symbol) = current.kind, let name = Self.bitwiseLevels[level][symbol] {
            position += 1
            let right = try parseBitwiseLevel(level + 1)
            left = try node(.call(name: name, arguments: [left, right], distinct: false, star: false), at: left.location)
        }
        return left
    }

    mutating func parseAdditive() throws(GoogleSQLError) -> Expression {
        var left = try parseMultiplicative()
        while true {
            let op: BinaryOperator
            if current.isSymbol("+") {
                op = .add
            } else if current.isSymbol("-") {
                op = .subtract
            } else {
                return left
            }
            position += 1
            left = try node(.binary(op, left, try parseMultiplicative()), at: left.location)
        }
    }

    mutating func parseMultiplicative() throws(GoogleSQLError) -> Expression {
        var left = try parseUnary()
        while true {
            let op: BinaryOperator
            if current.isSymbol("*") {
                op = .multiply
            } else if current.isSymbol("/") {
                op = .divide
            } else if current.isSymbol("||") {
                op = .concat
            } else {
                if current.isSymbol("%") { throw unsupported("the % operator is (use MOD)", at: current.location) }
                return left
            }
            position += 1
            left = try node(.binary(op, left, try parseUnary()), at: left.location)
        }
    }

    mutating func parseUnary() throws(GoogleSQLError) -> Expression {
        let start = current
        if start.isSymbol("-") || start.isSymbol("+") {
            position += 1
            try enter()
            defer { depth -= 1 }
            return try node(.unary(start.isSymbol("-") ? "-" : "+", try parseUnary()), at: start.location)
        }
        if start.isSymbol("~") {
            position += 1
            try enter()
            defer { depth -= 1 }
            return try node(.call(name: "$BIT_NOT", arguments: [try parseUnary()], distinct: false, star: false), at: start.location)
        }
        return try parsePostfix()
    }

    mutating func parsePostfix() throws(GoogleSQLError) -> Expression {
        var expression = try parsePrimary()
        while true {
            if current.isSymbol("."), !peek(1).isSymbol("*") {
                position += 1
                let name = try pathSegment(first: false)
                if case .path(let parts) = expression.kind {
                    // Each name after the first becomes one field access when resolved: a level of nesting.
                    guard parts.count < Parser.maximumDepth else { throw tooDeep(at: expression.location) }
                    expression = try node(.path(parts + [name]), at: expression.location)
                } else {
                    expression = try node(.fieldAccess(expression, name), at: expression.location)
                }
                continue
            }
            if current.isSymbol("("), case .path(let parts) = expression.kind, parts.count > 1 || parts[0].contains(".") {
                if parts.count > 1, Parser.builtinNamespaces.contains(parts[0].uppercased()) {
                    return try parseCall(name: parts.joined(separator: "."), start: expression.location)
                }
                return try parseRoutineCall(path: parts, start: expression.location)
            }
            if accept(symbol: "[") {
                // `a[OFFSET(i)]`, `a[SAFE_ORDINAL(i)]`, `a[i]`, `json['key']`: a `$SUBSCRIPT_<mode>` call.
                var mode = "PLAIN"
                if case .identifier(let word) = current.kind, peek(1).isSymbol("("),
                    ["OFFSET", "SAFE_OFFSET", "ORDINAL", "SAFE_ORDINAL"].contains(word.uppercased())
                {
                    mode = word.uppercased()
                    position += 2
                }
                let index = try parseExpression()
                if mode != "PLAIN" { try expect(symbol: ")") }
                try expect(symbol: "]")
                expression = try node(
                    .call(name: "$SUBSCRIPT_" + mode, arguments: [expression, index], distinct: false, star: false), at: expression.location)
                continue
            }
            return expression
        }
    }

    mutating func parsePrimary() throws(GoogleSQLError) -> Expression {
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
            return try node(.namedParameter(name), at: location)
        case .positionalParameter:
            position += 1
            positionalCount += 1
            return try node(.positionalParameter(positionalCount - 1), at: location)
        case .symbol("("):
            if startsQuery(at: 1) {
                position += 1
                let query = try parseQuery()
                try expect(symbol: ")")
                return try node(.scalarSubquery(query), at: location)
            }
            position += 1
            let inner = try parseExpression()
            if current.isSymbol(",") { return try parseTupleTail(first: inner, start: location) }
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
            // `INTERVAL 'text' YEAR TO SECOND`: the range travels as the unit "YEAR TO SECOND".
            if accept(keyword: "TO") {
                guard case .identifier(let last) = current.kind else { throw expected("date part") }
                position += 1
                return try node(.interval(amount, unit: unit.uppercased() + " TO " + last.uppercased()), at: location)
            }
            return try node(.interval(amount, unit: unit.uppercased()), at: location)
        case .keyword("IF"):
            position += 1
            guard current.isSymbol("(") else { throw expected("\"(\"") }
            return try parseCall(name: "IF", start: location)
        case .keyword(let word) where (word == "LEFT" || word == "RIGHT" || word == "GROUPING") && peek(1).isSymbol("("):
            // The string functions LEFT and RIGHT share their names with join keywords, GROUPING(x) with GROUPING SETS.
            position += 1
            return try parseCall(name: word, start: location)
        case .keyword("EXISTS"):
            position += 1
            guard current.isSymbol("("), startsQuery(at: 1) else { throw expected("\"(\" and a query") }
            position += 1
            let query = try parseQuery()
            try expect(symbol: ")")
            return try node(.exists(query), at: location)
        case .keyword("ARRAY"), .symbol("["):
            if accept(keyword: "ARRAY") {
                if current.isSymbol("(") {
                    guard startsQuery(at: 1) else { throw expected("a query") }
                    position += 1
                    let query = try parseQuery()
                    try expect(symbol: ")")
                    return try node(.arraySubquery(query), at: location)
                }
                if current.isSymbol("<") { return try parseTypedArrayLiteral(start: location) }
            }
            try expect(symbol: "[")
            var elements: [Expression] = []
            if !current.isSymbol("]") {
                repeat { elements.append(try parseExpression()) } while accept(symbol: ",")
            }
            try expect(symbol: "]")
            return try node(.arrayLiteral(elements), at: location)
        case .keyword("RANGE") where peek(1).isSymbol("<"):
            // `RANGE<DATE> '[2024-01-01, UNBOUNDED)'`
            position += 1
            let typeName = try parseRangeTypeBody()
            guard case .string(let text) = current.kind else { throw expected("a RANGE literal's string") }
            position += 1
            return try node(.literal(.typed(typeName, text)), at: location)
        case .keyword("RANGE") where peek(1).isSymbol("("):
            position += 1
            return try parseCall(name: "RANGE", start: location)
        case .keyword("NEW"): throw unsupported("protocol buffer values (NEW) are", at: location)
        case .keyword("STRUCT"):
            position += 1
            return try parseStructConstructor(start: location)
        case .identifier(let name):
            let upper = name.uppercased()
            if case .string(let text) = peek(1).kind,
                ["TIMESTAMP", "DATE", "DATETIME", "TIME", "NUMERIC", "BIGNUMERIC", "JSON", "DECIMAL", "BIGDECIMAL"].contains(upper)
            {
                position += 2
                return try node(.literal(.typed(upper, text)), at: location)
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
                return try node(.call(name: upper, arguments: [], distinct: false, star: false), at: location)
            }
            position += 1
            return try node(.path([name]), at: location)
        case .quotedIdentifier(let name):
            position += 1
            return try node(.path([name]), at: location)
        default:
            throw unexpected(token)
        }
    }

    /// Called with the current token on `(`.
    mutating func parseCall(name: String, start: SourceLocation) throws(GoogleSQLError) -> Expression {
        try expect(symbol: "(")
        var arguments: [Expression] = []
        var distinct = false
        var star = false
        if accept(symbol: "*") {
            star = true
        } else if !current.isSymbol(")") {
            distinct = accept(keyword: "DISTINCT")
            repeat { arguments.append(try parseArgument()) } while accept(symbol: ",")
            arguments += try parseAggregateModifiers()
        }
        try expect(symbol: ")")
        let call = try node(.call(name: name.uppercased(), arguments: arguments, distinct: distinct, star: star), at: start)
        guard accept(keyword: "OVER") else { return call }
        return try node(.windowCall(call, try parseOver()), at: start)
    }

    /// The prefixes of GoogleSQL's own dotted function names (`NET.HOST`, `SAFE.DIVIDE`, ...); any other
    /// dotted name before `(` names a dataset's function.
    static let builtinNamespaces: Set<String> = ["SAFE", "NET", "KEYS", "AEAD", "HLL_COUNT", "KLL_QUANTILES", "ML", "OBJ", "AI"]

    /// `dataset.f(args)`: a call of a dataset's function, whose arguments are plain expressions.
    /// Called with the current token on `(`.
    mutating func parseRoutineCall(path: [String], start: SourceLocation) throws(GoogleSQLError) -> Expression {
        try expect(symbol: "(")
        var arguments: [Expression] = []
        if !current.isSymbol(")") {
            repeat { arguments.append(try parseExpression()) } while accept(symbol: ",")
        }
        try expect(symbol: ")")
        if current.isKeyword("OVER") {
            throw GoogleSQLError.invalidQuery("Function \(path.joined(separator: ".")) is not an analytic function at \(current.location)")
        }
        return try node(.routineCall(path: path, arguments: arguments), at: start)
    }

    /// A call's argument; a named one, `name => value`, is a `$NAMED_<NAME>(value)` call (a name no
    /// query can spell) that the functions taking named arguments pick out (Resolver.namedArguments).
    mutating func parseArgument() throws(GoogleSQLError) -> Expression {
        guard case .identifier(let name) = current.kind, peek(1).isSymbol("=>") else { return try parseExpression() }
        let start = current.location
        position += 2
        return try node(.call(name: "$NAMED_" + name.uppercased(), arguments: [try parseExpression()], distinct: false, star: false), at: start)
    }

    /// `{IGNORE|RESPECT} NULLS`, `HAVING {MAX|MIN} e`, `ORDER BY ...`, `LIMIT n` inside an aggregate
    /// call, as trailing `$IGNORE_NULLS()`, `$RESPECT_NULLS()`, `$HAVING_MAX(e)`, `$HAVING_MIN(e)`,
    /// `$ORDER_ASC(e)`, `$ORDER_DESC(e)`, `$LIMIT(n)` arguments
    /// (names no query can spell) that `resolveAggregate` takes apart.
    mutating func parseAggregateModifiers() throws(GoogleSQLError) -> [Expression] {
        var modifiers: [Expression] = []
        func modifier(_ name: String, _ arguments: [Expression], at location: SourceLocation) throws(GoogleSQLError) -> Expression {
            try node(.call(name: name, arguments: arguments, distinct: false, star: false), at: location)
        }
        let start = current.location
        if accept(keyword: "IGNORE") || accept(keyword: "RESPECT") {
            let ignore = tokens[position - 1].isKeyword("IGNORE")
            try expect(keyword: "NULLS")
            modifiers.append(try modifier(ignore ? "$IGNORE_NULLS" : "$RESPECT_NULLS", [], at: start))
        }
        if current.isKeyword("HAVING") {
            let location = current.location
            position += 1
            let greatest = isWord("MAX")
            guard greatest || isWord("MIN") else { throw expected("MAX or MIN") }
            position += 1
            modifiers.append(try modifier(greatest ? "$HAVING_MAX" : "$HAVING_MIN", [try parseExpression()], at: location))
        }
        if accept(keyword: "ORDER") {
            try expect(keyword: "BY")
            repeat {
                let term = try parseExpression()
                let descending = accept(keyword: "DESC")
                if !descending { _ = accept(keyword: "ASC") }
                if current.isKeyword("NULLS") { throw unsupported("NULLS FIRST/LAST in aggregate ORDER BY is", at: current.location) }
                modifiers.append(try modifier(descending ? "$ORDER_DESC" : "$ORDER_ASC", [term], at: term.location))
            } while accept(symbol: ",")
        }
        if current.isKeyword("LIMIT") {
            let location = current.location
            position += 1
            modifiers.append(try modifier("$LIMIT", [try parseExpression()], at: location))
        }
        return modifiers
    }

    mutating func parseCast(safe: Bool, start: SourceLocation) throws(GoogleSQLError) -> Expression {
        try expect(symbol: "(")
        let value = try parseExpression()
        try expect(keyword: "AS")
        let type = try parseTypeName()
        if accept(word: "FORMAT") {
            let format = try parseExpression()
            var zone: Expression?
            if accept(keyword: "AT") {
                guard accept(word: "TIME"), accept(word: "ZONE") else { throw expected("TIME ZONE") }
                zone = try parseExpression()
            }
            try expect(symbol: ")")
            return try node(.castFormat(value, type, format: format, timeZone: zone, safe: safe), at: start)
        }
        try expect(symbol: ")")
        return try node(.cast(value, type, safe: safe), at: start)
    }

    mutating func parseTypeName() throws(GoogleSQLError) -> TypeName {
        if accept(keyword: "ARRAY") {
            try expect(symbol: "<")
            try enter()
            defer { depth -= 1 }
            let element = try parseTypeName()
            try expectClosingAngle()
            return .array(element)
        }
        if accept(keyword: "STRUCT") { return try parseStructTypeBody() }
        // INTERVAL is a reserved word, and a type name.
        if accept(keyword: "INTERVAL") { return .scalar("INTERVAL") }
        // RANGE (reserved for window frames) names `RANGE<DATE>`: one scalar type per element.
        if accept(keyword: "RANGE") { return .scalar(try parseRangeTypeBody()) }
        guard case .identifier(let name) = current.kind else { throw expected("type name") }
        position += 1
        guard let type = FieldType(apiName: name), type != .record else { return .scalar(name.uppercased()) }
        return .scalar(name.uppercased(), try parseTypeParameters(for: type))
    }

    /// `<DATE>` after RANGE, as the type's name (`RANGE<DATE>`); any element is accepted here and
    /// checked where the name is resolved.
    mutating func parseRangeTypeBody() throws(GoogleSQLError) -> String {
        try expect(symbol: "<")
        guard case .identifier(let element) = current.kind else { throw expected("RANGE element type") }
        position += 1
        try expectClosingAngle()
        return "RANGE<\(element.uppercased())>"
    }

    mutating func parseExtract(start: SourceLocation) throws(GoogleSQLError) -> Expression {
        try expect(symbol: "(")
        let part: String
        switch current.kind {
        case .identifier(let name): part = name.uppercased()
        default: throw expected("date part")
        }
        position += 1
        var weekday = ""
        if part == "WEEK", accept(symbol: "(") {
            guard case .identifier(let day) = current.kind else { throw expected("weekday") }
            position += 1
            try expect(symbol: ")")
            weekday = "(\(day.uppercased()))"
        }
        try expect(keyword: "FROM")
        var value = try parseExpression()
        // `ts AT TIME ZONE tz` is the civil time of ts in tz: DATETIME(ts, tz).
        if accept(keyword: "AT") {
            guard isWord("TIME") else { throw expected("TIME ZONE") }
            position += 1
            guard isWord("ZONE") else { throw expected("ZONE") }
            position += 1
            let zone = try parseExpression()
            value = try node(.call(name: "DATETIME", arguments: [value, zone], distinct: false, star: false), at: value.location)
        }
        try expect(symbol: ")")
        return try node(.extract(part: part + weekday, value), at: start)
    }

    mutating func parseCase(start: SourceLocation) throws(GoogleSQLError) -> Expression {
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
        return try node(.caseWhen(operand: operand, branches: branches, otherwise: otherwise), at: start)
    }
}

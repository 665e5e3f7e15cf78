/// Query expressions (WITH, set operations, parentheses), FROM clauses and window specifications.
extension Parser {
    // MARK: - Query expressions

    /// Nested queries count towards `Parser.maximumDepth` where they nest: in parentheses, in WITH,
    /// in FROM and (through `parseExpression`) in expressions.
    /// `name AS (query)`, one entry of a WITH clause (or of the pipe operator `|> WITH`).
    mutating func parseNamedSubquery() throws(GoogleSQLError) -> NamedSubquery {
        let token = current
        guard let name = try parseAlias() else { throw expected("identifier") }
        try expect(keyword: "AS")
        try expect(symbol: "(")
        let query = try parseNestedQuery()
        try expect(symbol: ")")
        return NamedSubquery(name: name, query: query, location: token.location)
    }

    mutating func parseQuery() throws(GoogleSQLError) -> Query {
        let start = current.location
        var with: [NamedSubquery] = []
        var recursive = false
        if accept(keyword: "WITH") {
            recursive = accept(keyword: "RECURSIVE")
            repeat { with.append(try parseNamedSubquery()) } while accept(symbol: ",")
        }
        var query = Query(with: with, recursive: recursive, body: try parseSetOperationChain(), location: start)
        if accept(keyword: "ORDER") {
            try expect(keyword: "BY")
            repeat { query.orderBy.append(try parseOrderingTerm()) } while accept(symbol: ",")
        }
        if accept(keyword: "LIMIT") {
            query.limit = try parseLimitValue()
            if accept(word: "OFFSET") { query.offset = try parseLimitValue() }
        }
        // `(query) AS alias |> ...`: the alias names the parenthesized query for the operators after it.
        if case .parenthesized = query.body, query.orderBy.isEmpty, query.limit == nil, current.isKeyword("AS"), peek(2).isSymbol("|>") {
            position += 1
            return try parsePipeOperators(query, alias: try parseAlias())
        }
        return try parsePipeOperators(query)
    }

    mutating func parseNestedQuery() throws(GoogleSQLError) -> Query {
        try enter()
        defer { depth -= 1 }
        return try parseQuery()
    }

    private func setOperator(_ current: Token) -> SetOperation.Operator? {
        // After `INNER`, `FULL [OUTER]` or `LEFT [OUTER]`, the operator is further on.
        let token = setOperationPrefixLength().map { peek($0) } ?? current
        if token.isKeyword("UNION") { return .union }
        if token.isKeyword("INTERSECT") { return .intersect }
        if token.isKeyword("EXCEPT") { return .except }
        return nil
    }

    /// `a UNION ALL b UNION ALL c`: BigQuery wants ALL or DISTINCT on every operator, and the same
    /// operator throughout unless parentheses group the operands.
    mutating func parseSetOperationChain() throws(GoogleSQLError) -> QueryBody {
        let first = try parseQueryOperand()
        guard let op = setOperator(current) else { return first }
        let location = current.location
        var operands = [first]
        var distinct: Bool?
        var matching: ColumnMatching?
        while let next = setOperator(current) {
            let mode = parseSetOperationMode()
            let token = advance()
            let isDistinct = try parseSetQuantifier()
            guard next == op, distinct == nil || distinct == isDistinct else {
                throw GoogleSQLError.invalidQuery(
                    "Syntax error: Different set operations cannot be used in the same query without using parentheses for grouping at \(token.location)"
                )
            }
            let thisMatching = try parseColumnMatching(mode: mode, at: token.location)
            guard operands.count == 1 || thisMatching == matching else {
                throw GoogleSQLError.invalidQuery(
                    "Syntax error: Different set operations cannot be used in the same query without using parentheses for grouping at \(token.location)"
                )
            }
            matching = thisMatching
            distinct = isDistinct
            operands.append(try parseQueryOperand())
        }
        return .setOperation(SetOperation(op: op, distinct: distinct ?? false, operands: operands, location: location, matching: matching))
    }

    mutating func parseQueryOperand() throws(GoogleSQLError) -> QueryBody {
        if accept(symbol: "(") {
            let query = try parseNestedQuery()
            try expect(symbol: ")")
            return .parenthesized(query)
        }
        if current.isKeyword("FROM") { return .select(try parseFromQuery()) }
        guard current.isKeyword("SELECT") else { throw expected("keyword SELECT") }
        return .select(try parseSelect())
    }

    /// After `(` in an expression: whether a query follows (`(SELECT`, `(WITH`, `((SELECT`).
    func startsQuery(at offset: Int = 0) -> Bool {
        var ahead = offset
        while peek(ahead).isSymbol("(") { ahead += 1 }
        return peek(ahead).isKeyword("SELECT") || peek(ahead).isKeyword("WITH") || peek(ahead).isKeyword("FROM")
    }

    // MARK: - FROM

    var isJoinStart: Bool {
        ["JOIN", "INNER", "LEFT", "RIGHT", "FULL", "CROSS", "NATURAL"].contains { current.isKeyword($0) }
    }

    /// The most items one FROM clause joins: SQLite's own limit is 64 tables, and every later pass
    /// recurses once per join.
    static let maximumJoins = 64

    mutating func parseFrom() throws(GoogleSQLError) -> FromItem {
        try parseJoins(onto: try parsePivotOperators(try parseFromPrimary()))
    }

    /// The joins after `left`: all of them in a FROM clause, the one a pipe `JOIN` names with `pipe`
    /// (which takes no comma join).
    mutating func parseJoins(onto left: FromItem, pipe: Bool = false) throws(GoogleSQLError) -> FromItem {
        var item = left
        var joins = 0
        while !pipe || joins == 0 {
            let token = current
            let kind: Join.Kind
            // `FROM t FULL UNION ALL BY NAME ...`: the join keyword starts the set operation.
            if let prefix = setOperationPrefixLength(), prefix > 0 { return item }
            if !pipe, accept(symbol: ",") {
                kind = .comma
            } else if accept(keyword: "CROSS") {
                try expect(keyword: "JOIN")
                kind = .cross
            } else if accept(keyword: "INNER") {
                try expect(keyword: "JOIN")
                kind = .inner
            } else if accept(keyword: "JOIN") {
                kind = .inner
            } else if current.isKeyword("LEFT") || current.isKeyword("RIGHT") || current.isKeyword("FULL") {
                kind = current.isKeyword("LEFT") ? .left : current.isKeyword("RIGHT") ? .right : .full
                position += 1
                _ = accept(keyword: "OUTER")
                try expect(keyword: "JOIN")
            } else if current.isKeyword("NATURAL") {
                throw unsupported("NATURAL JOIN is", at: token.location)
            } else {
                return item
            }
            joins += 1
            guard joins < Parser.maximumJoins else {
                throw unsupported("joins of more than \(Parser.maximumJoins) items are", at: token.location)
            }
            if current.isKeyword("LATERAL") { throw unsupported("LATERAL is", at: current.location) }
            let right = try parsePivotOperators(try parseFromPrimary())
            var join = Join(kind: kind, left: item, right: right, location: token.location)
            if kind != .comma && kind != .cross {
                if accept(keyword: "ON") {
                    join.on = try parseExpression()
                } else if accept(keyword: "USING") {
                    try expect(symbol: "(")
                    repeat {
                        let name = current
                        guard let column = try parseAlias() else { throw expected("identifier") }
                        join.using.append((column, name.location))
                    } while accept(symbol: ",")
                    try expect(symbol: ")")
                } else if case .unnest = right {
                    // `JOIN UNNEST(...)` needs no condition.
                } else if case .table(let reference) = right, reference.pathParts.count > 1 {
                    // `JOIN t.array_field` needs none either; the planner tells such a path from a table.
                } else {
                    throw expected("keyword ON or keyword USING")
                }
            }
            item = .join(join)
        }
        return item
    }

    mutating func parseFromPrimary() throws(GoogleSQLError) -> FromItem {
        let start = current
        if start.isSymbol("(") {
            if startsQuery(at: 1) {
                position += 1
                let query = try parseNestedQuery()
                try expect(symbol: ")")
                let alias = startsPivotOperator ? nil : try parseAlias()
                try rejectTableSample()
                return .subquery(query, alias: alias, location: start.location)
            }
            position += 1
            try enter()
            defer { depth -= 1 }
            let inner = try parseFrom()
            try expect(symbol: ")")
            return inner
        }
        if accept(keyword: "UNNEST") {
            try expect(symbol: "(")
            let array = try parseExpression()
            try expect(symbol: ")")
            let alias = try parseAlias()
            var offset: UnnestOffset?
            if current.isKeyword("WITH"), isWord("OFFSET", peek(1)) {
                let location = current.location
                position += 2
                offset = UnnestOffset(alias: try parseAlias(), location: location)
            }
            return .unnest(array, alias: alias, offset: offset, location: start.location)
        }
        let (name, fieldPath) = try parseTablePath()
        if current.isSymbol("("), fieldPath.isEmpty, name.partitionDecorator == nil {
            return try parseTableFunctionCall(name, start: start.location)
        }
        if isWord("FOR") || current.isKeyword("FOR") { throw unsupported("FOR SYSTEM_TIME AS OF is", at: current.location) }
        var alias: String?
        if !isJoinStart && !startsPivotOperator { alias = try parseAlias() }
        let samplePercent = try parseTableSample()
        if current.isKeyword("WITH"), isWord("OFFSET", peek(1)) {
            // `FROM t, t.arr WITH OFFSET`: an implicit UNNEST.
            let location = current.location
            position += 2
            let offset = UnnestOffset(alias: try parseAlias(), location: location)
            let reference = TableReference(name: name, alias: alias, location: start.location, fieldPath: fieldPath)
            let path = Expression(kind: .path(reference.pathParts), location: start.location)
            return .unnest(path, alias: alias ?? reference.pathParts.last, offset: offset, location: start.location)
        }
        return .table(TableReference(name: name, alias: alias, location: start.location, fieldPath: fieldPath, samplePercent: samplePercent))
    }

    /// `TABLESAMPLE SYSTEM (p PERCENT)` after a table name.
    mutating func parseTableSample() throws(GoogleSQLError) -> Expression? {
        guard accept(keyword: "TABLESAMPLE") else { return nil }
        guard accept(word: "SYSTEM") else { throw expected("keyword SYSTEM") }
        try expect(symbol: "(")
        let percent = try parseExpression()
        guard accept(word: "PERCENT") else { throw expected("keyword PERCENT") }
        try expect(symbol: ")")
        if isWord("REPEATABLE") { throw unsupported("TABLESAMPLE ... REPEATABLE is", at: current.location) }
        return percent
    }

    /// `dataset.f(argument, ...) [AS alias]`, with the current token on `(`.
    private mutating func parseTableFunctionCall(_ name: TableName, start: SourceLocation) throws(GoogleSQLError) -> FromItem {
        if name.project == nil, name.dataset == nil, name.table.uppercased() == Self.rangeSessionizeName {
            return try parseRangeSessionize(start: start)
        }
        try expect(symbol: "(")
        var arguments: [Expression] = []
        if !current.isSymbol(")") {
            repeat {
                if isWord("TABLE"), case .identifier = peek(1).kind {
                    throw unsupported("table arguments of table functions are", at: current.location)
                }
                arguments.append(try parseExpression())
            } while accept(symbol: ",")
        }
        try expect(symbol: ")")
        let alias = isJoinStart || startsPivotOperator ? nil : try parseAlias()
        try rejectTableSample()
        return .tableFunction(TableReference(name: name, alias: alias, location: start), arguments: arguments)
    }

    private mutating func rejectTableSample() throws(GoogleSQLError) {
        if current.isKeyword("TABLESAMPLE") { throw unsupported("TABLESAMPLE is", at: current.location) }
    }

    // MARK: - Windows

    /// After `OVER`: a window name or a parenthesised specification.
    mutating func parseOver() throws(GoogleSQLError) -> WindowSpecification {
        let start = current
        if case .identifier(let name) = start.kind {
            position += 1
            return WindowSpecification(base: name, location: start.location)
        }
        if case .quotedIdentifier(let name) = start.kind {
            position += 1
            return WindowSpecification(base: name, location: start.location)
        }
        return try parseWindowSpecification()
    }

    mutating func parseWindowSpecification() throws(GoogleSQLError) -> WindowSpecification {
        let start = current
        try expect(symbol: "(")
        var window = WindowSpecification(location: start.location)
        switch current.kind {
        case .identifier(let name), .quotedIdentifier(let name):
            position += 1
            window.base = name
        default: break
        }
        if accept(keyword: "PARTITION") {
            try expect(keyword: "BY")
            repeat { window.partitionBy.append(try parseExpression()) } while accept(symbol: ",")
        }
        if accept(keyword: "ORDER") {
            try expect(keyword: "BY")
            repeat { window.orderBy.append(try parseOrderingTerm()) } while accept(symbol: ",")
        }
        if current.isKeyword("ROWS") || current.isKeyword("RANGE") {
            let unit: WindowFrame.Unit = current.isKeyword("ROWS") ? .rows : .range
            position += 1
            if accept(keyword: "BETWEEN") {
                let lower = try parseFrameBound()
                try expect(keyword: "AND")
                window.frame = WindowFrame(unit: unit, start: lower, end: try parseFrameBound())
            } else {
                window.frame = WindowFrame(unit: unit, start: try parseFrameBound(), end: nil)
            }
        } else if current.isKeyword("GROUPS") {
            throw unsupported("GROUPS window frames are", at: current.location)
        }
        try expect(symbol: ")")
        return window
    }

    mutating func parseFrameBound() throws(GoogleSQLError) -> WindowFrame.Bound {
        if accept(keyword: "UNBOUNDED") {
            if accept(keyword: "PRECEDING") { return .unboundedPreceding }
            if accept(keyword: "FOLLOWING") { return .unboundedFollowing }
            throw expected("keyword PRECEDING or keyword FOLLOWING")
        }
        if accept(keyword: "CURRENT") {
            guard accept(word: "ROW") else { throw expected("keyword ROW") }
            return .currentRow
        }
        let amount = try parseAdditive()
        if accept(keyword: "PRECEDING") { return .preceding(amount) }
        if accept(keyword: "FOLLOWING") { return .following(amount) }
        throw expected("keyword PRECEDING or keyword FOLLOWING")
    }
}

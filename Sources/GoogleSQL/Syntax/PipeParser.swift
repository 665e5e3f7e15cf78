/// Pipe syntax: `query |> operator ...`, and queries that start with `FROM`.
///
/// Each operator is rewritten here as the standard query the reference defines it to be: `|> WHERE`
/// is a WHERE (or a QUALIFY when it reads a window function), `|> EXTEND e` is `SELECT *, e`,
/// `|> DROP c` is `SELECT * EXCEPT (c)`, `|> AGGREGATE a GROUP BY k` is `SELECT k, a ... GROUP BY k`.
/// So the planner needs no second path, only the rules each operator adds (`SelectStatement.pipe`).
///
/// An operator adds to the SELECT before it while that is still `SELECT * FROM ... [WHERE ...]`, so
/// the FROM clause's range variables stay visible to it, as the reference says. Otherwise its input
/// becomes a subquery (one nesting level, counted against `Parser.maximumDepth`), aliased by the one
/// range variable the input still had, if it had exactly one.
///
/// After `|> SET`, `|> DROP` and `|> RENAME` that range variable still names the row as it was
/// (`t.x` is the value before `SET x = ...`): the operator also selects it whole, as a hidden
/// column the later operators' `*` passes on and the alias resolves to (`PipeQuery.originalRow`).
extension Parser {
    /// `FROM from_item ...`: `SELECT * FROM from_item`.
    mutating func parseFromQuery() throws(GoogleSQLError) -> SelectStatement {
        let start = advance()
        var statement = SelectStatement()
        statement.items = [.star(StarItem(qualifier: nil, location: start.location))]
        statement.from = try parseFrom()
        return statement
    }

    mutating func parsePipeOperators(_ input: Query, alias: String? = nil) throws(GoogleSQLError) -> Query {
        guard current.isSymbol("|>") else { return input }
        let outerDepth = depth
        defer { depth = outerDepth }
        var pipeline = PipeQuery(query: input)
        if let alias {
            try pipeline.wrap(&self, alias: alias, at: input.location)
            pipeline.rangeVariable = alias
        } else {
            pipeline.rangeVariable = pipeline.openSelect?.from.flatMap(PipeQuery.singleRangeVariable)
        }
        while accept(symbol: "|>") { try parsePipeOperator(&pipeline) }
        pipeline.dropOriginalRow()
        return pipeline.finished
    }

    private mutating func parsePipeOperator(_ pipeline: inout PipeQuery) throws(GoogleSQLError) {
        let token = current
        if accept(keyword: "WHERE") {
            let condition = try parseExpression()
            var statement = try pipeline.takeSelect(&self, at: token.location)
            if condition.readsWindow {
                // A window function in `|> WHERE` filters on its value, as QUALIFY does.
                statement.qualify = condition
            } else if let earlier = statement.whereClause {
                statement.whereClause = try node(.binary(.and, earlier, condition), at: token.location)
            } else {
                statement.whereClause = condition
            }
            pipeline.put(statement)
        } else if accept(keyword: "SELECT") {
            var statement = try pipeline.takeSelect(&self, at: token.location)
            statement.items = []
            try parseSelectList(into: &statement)
            try parseWindowClause(into: &statement)
            statement.pipe = .select
            pipeline.put(statement)
            pipeline.rangeVariable = nil
            pipeline.originalRow = nil
        } else if accept(word: "EXTEND") {
            var statement = try pipeline.takeSelect(&self, at: token.location)
            repeat { statement.items.append(try parseSelectItem()) } while accept(symbol: ",")
            try parseWindowClause(into: &statement)
            statement.pipe = .extend
            pipeline.put(statement)
        } else if accept(keyword: "SET") {
            try parsePipeSet(&pipeline, at: token.location)
        } else if isWord("DROP") || isWord("RENAME") {
            try parsePipeDropOrRename(&pipeline)
        } else if accept(keyword: "AS") {
            guard let alias = try parseAlias() else { throw expected("identifier") }
            pipeline.dropOriginalRow()
            try pipeline.wrap(&self, alias: alias, at: token.location)
            pipeline.rangeVariable = alias
        } else if accept(word: "AGGREGATE") {
            try parsePipeAggregate(&pipeline, at: token.location)
        } else if accept(keyword: "DISTINCT") {
            // Rows are told apart by their columns only, so the hidden original row goes first.
            pipeline.dropOriginalRow()
            var statement = try pipeline.takeSelect(&self, at: token.location)
            statement.distinct = true
            pipeline.put(statement)
        } else if accept(keyword: "ORDER") {
            try expect(keyword: "BY")
            var terms: [OrderingTerm] = []
            repeat { terms.append(try parseOrderingTerm()) } while accept(symbol: ",")
            // The terms read the input's columns, which only an open SELECT has in its own scope.
            if pipeline.openSelect == nil { try pipeline.wrap(&self, alias: pipeline.rangeVariable, at: token.location) }
            pipeline.query.orderBy = terms
        } else if accept(keyword: "LIMIT") {
            let limit = try parseLimitValue()
            let offset = accept(word: "OFFSET") ? try parseLimitValue() : nil
            if pipeline.query.limit != nil { try pipeline.wrap(&self, alias: pipeline.rangeVariable, at: token.location) }
            pipeline.query.limit = limit
            pipeline.query.offset = offset
        } else if setOperationPrefixLength() != nil {
            try parsePipeSetOperation(&pipeline)
        } else if isJoinStart {
            // Joining reads names in a scope the join widens, so a WHERE already given is applied first.
            var statement = try pipeline.takeSelect(&self, at: token.location, forJoin: true)
            guard let left = statement.from else { throw unexpected(token) }
            statement.from = try parseJoins(onto: left, pipe: true)
            pipeline.put(statement)
            pipeline.rangeVariable = statement.from.flatMap(PipeQuery.singleRangeVariable)
        } else if current.isKeyword("TABLESAMPLE") {
            try parsePipeTableSample(&pipeline)
        } else if current.isKeyword("WITH") {
            try parsePipeWith(&pipeline)
        } else if startsPivotOperator {
            pipeline.dropOriginalRow()
            try enter()
            let item = try parsePivotOperators(.subquery(pipeline.query, alias: nil, location: token.location))
            pipeline.query = PipeQuery.selectAll(from: item, at: token.location)
            pipeline.rangeVariable = PipeQuery.singleRangeVariable(item)
        } else if isWord("CALL") {
            throw unsupported("the pipe CALL operator is", at: token.location)
        } else {
            throw expected("a pipe operator")
        }
    }

    /// `|> SET column = expression, ...`: `SELECT * REPLACE (expression AS column, ...)`.
    private mutating func parsePipeSet(_ pipeline: inout PipeQuery, at location: SourceLocation) throws(GoogleSQLError) {
        var star = StarItem(qualifier: nil, location: location)
        repeat {
            let (name, nameLocation) = try columnName()
            if star.replace.contains(where: { $0.name.lowercased() == name.lowercased() }) {
                throw GoogleSQLError.invalidQuery("Duplicate column name in pipe SET: \(name) at \(nameLocation)")
            }
            try expect(symbol: "=")
            star.replace.append((try parseExpression(), name))
        } while accept(symbol: ",")
        var statement = try pipeline.takeSelect(&self, at: location)
        star.keepsOriginalRow = true
        statement.items = [.star(star)]
        statement.pipe = .set
        keepOriginalRow(of: &statement, in: &pipeline, at: location)
        pipeline.put(statement)
    }

    /// Selects the range variable's row as it is now, hidden, when SET, DROP or RENAME would change
    /// what it names and a later part of the query may read it; one already kept is passed on by `*`.
    private func keepOriginalRow(of statement: inout SelectStatement, in pipeline: inout PipeQuery, at location: SourceLocation) {
        guard let name = pipeline.rangeVariable, pipeline.originalRow == nil, mentionsLater(name) else { return }
        let row = Expression(kind: .path([name]), location: location)
        statement.items.append(.expression(row, alias: PipeQuery.originalRowColumn))
        pipeline.originalRow = name
    }

    /// Whether a token after this one names `name` (alone or as a path's start): the original row is
    /// selected only for a query that may read it, so it adds no bytes to one that does not.
    private func mentionsLater(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return tokens[position...].contains { token in
            switch token.kind {
            case .identifier(let text), .quotedIdentifier(let text):
                let word = text.lowercased()
                return word == lowered || word.hasPrefix(lowered + ".")
            default: return false
            }
        }
    }

    /// `|> DROP a, b` (`SELECT * EXCEPT (a, b)`) and `|> RENAME a [AS] x, b [AS] y`.
    private mutating func parsePipeDropOrRename(_ pipeline: inout PipeQuery) throws(GoogleSQLError) {
        let token = advance()
        let isDrop = isWord("DROP", token)
        var star = StarItem(qualifier: nil, location: token.location)
        var seen: Set<String> = []
        repeat {
            let (name, nameLocation) = try columnName()
            guard seen.insert(name.lowercased()).inserted else {
                throw GoogleSQLError.invalidQuery("Duplicate column name in pipe \(isDrop ? "DROP" : "RENAME"): \(name) at \(nameLocation)")
            }
            if isDrop {
                star.except.append((name, nameLocation))
            } else {
                _ = accept(keyword: "AS")
                let (newName, _) = try columnName()
                star.rename.append((name, newName, nameLocation))
            }
        } while accept(symbol: ",")
        var statement = try pipeline.takeSelect(&self, at: token.location)
        star.keepsOriginalRow = true
        statement.items = [.star(star)]
        statement.pipe = isDrop ? .drop : .rename
        keepOriginalRow(of: &statement, in: &pipeline, at: token.location)
        pipeline.put(statement)
    }

    /// `|> AGGREGATE [agg [AS a] [ASC|DESC], ...] [GROUP [AND ORDER] BY key [AS k] [ASC|DESC], ...]`:
    /// `SELECT keys, aggregates ... GROUP BY keys`, ordered by the items given an order.
    private mutating func parsePipeAggregate(_ pipeline: inout PipeQuery, at location: SourceLocation) throws(GoogleSQLError) {
        var aggregates: [(item: SelectItem, order: OrderingTerm?)] = []
        if !current.isKeyword("GROUP"), !endsPipeOperator {
            repeat { aggregates.append(try parseAggregateItem()) } while accept(symbol: ",")
        }
        var keys: [(item: SelectItem, order: OrderingTerm?)] = []
        if accept(keyword: "GROUP") {
            let orderAll = accept(keyword: "AND")
            if orderAll { try expect(keyword: "ORDER") }
            try expect(keyword: "BY")
            repeat {
                if current.isKeyword("ROLLUP") || current.isKeyword("CUBE") || current.isKeyword("GROUPING") || current.isSymbol("(") {
                    throw unsupported("grouping sets in pipe AGGREGATE are", at: current.location)
                }
                if case .integer = current.kind {
                    throw GoogleSQLError.invalidQuery("GROUP BY ordinal not allowed in pipe AGGREGATE at \(current.location)")
                }
                keys.append(try parseAggregateItem(ordered: orderAll))
            } while accept(symbol: ",")
        }
        guard !aggregates.isEmpty || !keys.isEmpty else {
            throw GoogleSQLError.invalidQuery("Pipe AGGREGATE cannot have both an empty aggregate list and an empty GROUP BY at \(location)")
        }
        var statement = try pipeline.takeSelect(&self, at: location)
        pipeline.originalRow = nil
        statement.items = keys.map(\.item) + aggregates.map(\.item)
        // The keys by ordinal, so a key is never mistaken for an aggregate's alias.
        statement.groupBy = keys.indices.map { Expression(kind: .literal(.integer(String($0 + 1))), location: location) }
        statement.pipe = .aggregate(keys: keys.count)
        pipeline.put(statement)
        pipeline.rangeVariable = nil
        // Ordered keys first, then ordered aggregates, each by its output position.
        var ordering: [OrderingTerm] = []
        for (index, entry) in (keys + aggregates).enumerated() {
            guard var term = entry.order else { continue }
            term.expression = Expression(kind: .literal(.integer(String(index + 1))), location: term.expression.location)
            ordering.append(term)
        }
        pipeline.query.orderBy = ordering
    }

    /// `expression [[AS] alias] [ASC | DESC] [NULLS FIRST | NULLS LAST]` in `|> AGGREGATE`; under
    /// `GROUP AND ORDER BY` (`ordered`) a key without a suffix sorts ascending.
    private mutating func parseAggregateItem(ordered: Bool = false) throws(GoogleSQLError) -> (item: SelectItem, order: OrderingTerm?) {
        let expression = try parseExpression()
        let item = SelectItem.expression(expression, alias: try parseAlias())
        guard current.isKeyword("ASC") || current.isKeyword("DESC") || current.isKeyword("NULLS") else {
            return (item, ordered ? OrderingTerm(expression: expression, descending: false) : nil)
        }
        return (item, try parseOrderingSuffix(of: expression))
    }

    /// What may follow a pipe operator's last argument.
    private var endsPipeOperator: Bool {
        current.kind == .endOfInput || current.isSymbol("|>") || current.isSymbol(")") || current.isSymbol(";")
    }

    /// `|> [INNER | FULL | LEFT] UNION|INTERSECT|EXCEPT ALL|DISTINCT [BY NAME ...] (query), ...`.
    private mutating func parsePipeSetOperation(_ pipeline: inout PipeQuery) throws(GoogleSQLError) {
        pipeline.dropOriginalRow()
        let mode = parseSetOperationMode()
        let token = advance()
        let op: SetOperation.Operator = token.isKeyword("UNION") ? .union : token.isKeyword("INTERSECT") ? .intersect : .except
        let distinct = try parseSetQuantifier()
        let matching = try parseColumnMatching(mode: mode, at: token.location)
        var operands: [QueryBody] = [.parenthesized(pipeline.query)]
        repeat {
            try expect(symbol: "(")
            operands.append(.parenthesized(try parseNestedQuery()))
            try expect(symbol: ")")
        } while accept(symbol: ",")
        try enter()
        let operation = SetOperation(op: op, distinct: distinct, operands: operands, location: token.location, matching: matching)
        pipeline.query = Query(body: .setOperation(operation), location: token.location)
        pipeline.rangeVariable = nil
    }

    /// `|> TABLESAMPLE SYSTEM (p PERCENT)`, on a stored table read whole, as the standard form allows.
    private mutating func parsePipeTableSample(_ pipeline: inout PipeQuery) throws(GoogleSQLError) {
        let token = current
        guard var statement = pipeline.openSelect, statement.whereClause == nil, case .table(var reference) = statement.from,
            reference.samplePercent == nil
        else {
            throw unsupported("TABLESAMPLE of anything but a stored table is", at: token.location)
        }
        reference.samplePercent = try parseTableSample()
        statement.from = .table(reference)
        pipeline.put(statement)
    }

    /// `|> WITH [RECURSIVE] name AS (query), ...`: queries every later operator may read.
    private mutating func parsePipeWith(_ pipeline: inout PipeQuery) throws(GoogleSQLError) {
        position += 1
        if accept(keyword: "RECURSIVE") { pipeline.recursive = true }
        repeat {
            if endsPipeOperator { break }  // a trailing comma
            pipeline.with.append(try parseNamedSubquery())
        } while accept(symbol: ",")
    }
}

/// A pipe query being built: the query so far and what a later operator may still see of it.
struct PipeQuery {
    var query: Query
    /// `|> WITH` queries: any later operator may read them, so they go on the outermost query.
    var with: [NamedSubquery] = []
    var recursive = false
    /// The one range variable the input still has (`FROM t AS x`, `|> AS x`).
    var rangeVariable: String?
    /// The range variable whose row before a SET, DROP or RENAME the query carries, hidden, as
    /// `originalRowColumn`.
    var originalRow: String?

    /// The hidden column of the original row; the alias of its subquery resolves to it (`Scope`).
    static let originalRowColumn = "$pipe original row"

    /// The query with the `|> WITH` queries attached.
    var finished: Query {
        var result = query
        result.with += with
        result.recursive = result.recursive || recursive
        return result
    }

    /// The input as `SELECT * FROM ... [WHERE ...]` that the next operator can add to, if it is one.
    var openSelect: SelectStatement? {
        guard query.orderBy.isEmpty, query.limit == nil, case .select(let statement) = query.body, statement.from != nil,
            statement.items.count == 1, case .star(let star) = statement.items[0], star.qualifier == nil, star.expression == nil,
            star.except.isEmpty, star.replace.isEmpty, star.rename.isEmpty, !statement.distinct, statement.groupBy.isEmpty,
            statement.groupingSets == nil, !statement.groupByAll, statement.having == nil, statement.qualify == nil,
            statement.windows.isEmpty, statement.orderBy.isEmpty, statement.limit == nil, statement.selectAs == nil
        else { return nil }
        return statement
    }

    /// Leaves the hidden original row out of the query's columns from here on: at the end, and
    /// before an operator whose input is compared or named as a whole (DISTINCT, set operations,
    /// `|> AS`, PIVOT). It comes into the outermost SELECT only as its item or through its `*`.
    mutating func dropOriginalRow() {
        guard originalRow != nil else { return }
        originalRow = nil
        guard case .select(var statement) = query.body else { return }
        statement.items = statement.items.compactMap { item in
            switch item {
            case .expression(_, let alias) where alias == Self.originalRowColumn: return nil
            case .star(var star):
                star.keepsOriginalRow = false
                return .star(star)
            case .expression: return item
            }
        }
        query.body = .select(statement)
    }

    /// The SELECT the next operator adds to: the open one, or `SELECT * FROM (input)`. A join also
    /// wants no WHERE yet, since the names a WHERE reads change meaning once the join adds columns.
    mutating func takeSelect(_ parser: inout Parser, at location: SourceLocation, forJoin: Bool = false) throws(GoogleSQLError) -> SelectStatement {
        if let open = openSelect, !forJoin || open.whereClause == nil { return open }
        try wrap(&parser, alias: rangeVariable, at: location)
        return openSelect!
    }

    /// The operator's SELECT, in place of the input's body (its WITH kept).
    mutating func put(_ statement: SelectStatement) {
        query.body = .select(statement)
    }

    /// `SELECT * FROM (input) [AS alias]`.
    mutating func wrap(_ parser: inout Parser, alias: String?, at location: SourceLocation) throws(GoogleSQLError) {
        try parser.enter()
        query = Self.selectAll(from: .subquery(query, alias: alias, location: location), at: location)
    }

    static func selectAll(from item: FromItem, at location: SourceLocation) -> Query {
        var statement = SelectStatement()
        var star = StarItem(qualifier: nil, location: location)
        star.keepsOriginalRow = true
        statement.items = [.star(star)]
        statement.from = item
        return Query(body: .select(statement), location: location)
    }

    /// The range variable a FROM clause introduces, if exactly one.
    static func singleRangeVariable(_ item: FromItem) -> String? {
        let names = rangeVariables(item)
        return names.count == 1 ? names[0] : nil
    }

    private static func rangeVariables(_ item: FromItem) -> [String] {
        switch item {
        case .table(let reference), .tableFunction(let reference, _): [reference.alias ?? reference.pathParts.last ?? ""]
        case .subquery(_, let alias, _), .unnest(_, let alias, _, _): alias.map { [$0] } ?? []
        case .join(let join): rangeVariables(join.left) + rangeVariables(join.right)
        }
    }
}

extension Expression {
    /// Whether a window function is part of this expression (not of a subquery in it).
    var readsWindow: Bool {
        if case .windowCall = kind { return true }
        return children.contains { $0.readsWindow }
    }
}

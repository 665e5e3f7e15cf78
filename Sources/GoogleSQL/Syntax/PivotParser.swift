/// PIVOT and UNPIVOT after a FROM item, rewritten as the queries BigQuery defines them to be:
///
/// - `input PIVOT(agg(x) [AS a], ... FOR col IN (v [AS n], ...))` groups by every input column the
///   aggregates and `col` do not read, with one column per value (and aggregate) computing
///   `agg(IF(col = v, x, NULL))`: `SELECT * EXCEPT (x, col), ... FROM input GROUP BY ALL`.
/// - `input UNPIVOT [INCLUDE|EXCLUDE NULLS] (v FOR name IN (a, b, ...))` turns each listed column into
///   a row: a UNION ALL of one SELECT per column, `SELECT * EXCEPT (a, b), a AS v, 'a' AS name`,
///   without the rows whose values are all NULL unless INCLUDE NULLS.
extension Parser {
    /// `PIVOT(` or `UNPIVOT` at the current token (both are non-reserved words).
    var startsPivotOperator: Bool {
        (isWord("PIVOT") && peek(1).isSymbol("("))
            || (isWord("UNPIVOT") && (peek(1).isSymbol("(") || isWord("INCLUDE", peek(1)) || peek(1).isKeyword("EXCLUDE")))
    }

    mutating func parsePivotOperators(_ input: FromItem) throws(GoogleSQLError) -> FromItem {
        var item = input
        while startsPivotOperator {
            let start = current
            position += 1
            let query = isWord("PIVOT", start) ? try parsePivot(item, at: start.location) : try parseUnpivot(item, at: start.location)
            let alias = startsPivotOperator ? nil : try parseAlias()
            item = .subquery(query, alias: alias, location: start.location)
        }
        return item
    }

    private mutating func acceptFor() -> Bool {
        accept(keyword: "FOR") || accept(word: "FOR")
    }

    /// A bare column name (PIVOT's and UNPIVOT's, pipe SET's, DROP's and RENAME's) and where it is.
    mutating func columnName() throws(GoogleSQLError) -> (String, SourceLocation) {
        let token = current
        switch token.kind {
        case .identifier(let name), .quotedIdentifier(let name):
            position += 1
            return (name, token.location)
        default: throw expected("identifier")
        }
    }

    private func column(_ name: String, at location: SourceLocation) -> Expression {
        Expression(kind: .path([name]), location: location)
    }

    // MARK: - PIVOT

    private mutating func parsePivot(_ input: FromItem, at location: SourceLocation) throws(GoogleSQLError) -> Query {
        try expect(symbol: "(")
        var aggregates: [(expression: Expression, alias: String?)] = []
        repeat {
            let expression = try parseExpression()
            guard case .call(let name, _, _, _) = expression.kind, Resolver.aggregates[name] != nil || Resolver.libraryAggregates.contains(name)
            else {
                throw GoogleSQLError.invalidQuery("PIVOT expression must be an aggregate function call at \(expression.location)")
            }
            aggregates.append((expression, try parseAlias()))
        } while accept(symbol: ",")
        guard acceptFor() else { throw expected("keyword FOR") }
        let (forColumn, forLocation) = try columnName()
        try expect(keyword: "IN")
        try expect(symbol: "(")
        var values: [(expression: Expression, name: String)] = []
        repeat {
            let value = try parseExpression()
            let name: String
            if let alias = try parseAlias() { name = alias } else { name = try pivotValueName(value) }
            values.append((value, name))
        } while accept(symbol: ",")
        try expect(symbol: ")")
        try expect(symbol: ")")
        if aggregates.count > 1, let unnamed = aggregates.first(where: { $0.alias == nil }) {
            throw GoogleSQLError.invalidQuery(
                "PIVOT expressions must have aliases when there is more than one at \(unnamed.expression.location)")
        }

        // Every column the aggregates read is consumed, as is the FOR column; the rest group.
        var consumed: [(name: String, location: SourceLocation)] = []
        for name in [(forColumn, forLocation)] + aggregates.flatMap({ Self.columnsRead(by: $0.expression) })
        where !consumed.contains(where: { $0.name.lowercased() == name.0.lowercased() }) {
            consumed.append(name)
        }
        var statement = SelectStatement()
        statement.items.append(.star(StarItem(qualifier: nil, except: consumed, location: location)))
        for value in values {
            for aggregate in aggregates {
                let filtered = try filtered(aggregate.expression, column(forColumn, at: forLocation), equals: value.expression)
                let name = aggregate.alias.map { "\($0)_\(value.name)" } ?? value.name
                statement.items.append(.expression(filtered, alias: name))
            }
        }
        statement.from = input
        statement.groupByAll = true
        return Query(body: .select(statement), location: location)
    }

    /// `agg(x, ...)` as `agg(IF(col = value, x, NULL), ...)`; `COUNT(*)` counts `IF(col = value, 1, NULL)`.
    private func filtered(_ aggregate: Expression, _ forColumn: Expression, equals value: Expression) throws(GoogleSQLError) -> Expression {
        guard case .call(let name, var arguments, let distinct, let star) = aggregate.kind else { return aggregate }
        let location = aggregate.location
        let matches = Expression(kind: .binary(.equal, forColumn, value), location: location)
        let null = Expression(kind: .literal(.null), location: location)
        if star {
            let one = Expression(kind: .literal(.integer("1")), location: location)
            arguments = [Expression(kind: .call(name: "IF", arguments: [matches, one, null], distinct: false, star: false), location: location)]
        } else if let first = arguments.first {
            arguments[0] = Expression(kind: .call(name: "IF", arguments: [matches, first, null], distinct: false, star: false), location: location)
        }
        return Expression(kind: .call(name: name, arguments: arguments, distinct: distinct, star: false), location: location)
    }

    /// The output name of an IN value without an alias, as BigQuery derives it from the constant.
    private func pivotValueName(_ value: Expression) throws(GoogleSQLError) -> String {
        switch value.kind {
        case .literal(.string(let text)): return text
        case .literal(.integer(let digits)): return "_" + digits
        case .literal(.bool(let flag)): return flag ? "true" : "false"
        case .literal(.null): return "NULL"
        case .unary("-", let inner):
            if case .literal(.integer(let digits)) = inner.kind { return "minus_" + digits }
        default: break
        }
        throw GoogleSQLError.invalidQuery(
            "Unsupported: a PIVOT IN value of this kind without an alias is not supported by the local emulator at \(value.location)")
    }

    /// The first segment of every path an expression reads: the input columns it depends on.
    private static func columnsRead(by expression: Expression) -> [(String, SourceLocation)] {
        if case .path(let parts) = expression.kind, let first = parts.first { return [(first, expression.location)] }
        return expression.children.flatMap { columnsRead(by: $0) }
    }

    // MARK: - UNPIVOT

    private mutating func parseUnpivot(_ input: FromItem, at location: SourceLocation) throws(GoogleSQLError) -> Query {
        var includeNulls = false
        if accept(word: "INCLUDE") {
            includeNulls = true
            guard accept(keyword: "NULLS") || accept(word: "NULLS") else { throw expected("keyword NULLS") }
        } else if accept(keyword: "EXCLUDE") {
            guard accept(keyword: "NULLS") || accept(word: "NULLS") else { throw expected("keyword NULLS") }
        }
        try expect(symbol: "(")
        let valueColumns = try parseColumnGroup()
        guard acceptFor() else { throw expected("keyword FOR") }
        let (nameColumn, _) = try columnName()
        try expect(keyword: "IN")
        try expect(symbol: "(")
        var groups: [(columns: [(String, SourceLocation)], label: Expression)] = []
        repeat {
            let start = current
            let columns = try parseColumnGroup()
            guard columns.count == valueColumns.count else {
                throw GoogleSQLError.invalidQuery(
                    "The number of columns in each UNPIVOT IN list item must match the number of value columns (\(valueColumns.count)) at \(start.location)"
                )
            }
            var label = Expression(kind: .literal(.string(columns.map(\.0).joined(separator: "_"))), location: start.location)
            if accept(keyword: "AS") {
                let token = current
                switch token.kind {
                case .string(let text): label = Expression(kind: .literal(.string(text)), location: token.location)
                case .integer(let digits): label = Expression(kind: .literal(.integer(digits)), location: token.location)
                default: throw expected("string or integer literal")
                }
                position += 1
            }
            groups.append((columns, label))
        } while accept(symbol: ",")
        try expect(symbol: ")")
        try expect(symbol: ")")

        let consumed = groups.flatMap(\.columns).map { (name: $0.0, location: $0.1) }
        var branches: [QueryBody] = []
        for group in groups {
            var statement = SelectStatement()
            statement.items.append(.star(StarItem(qualifier: nil, except: consumed, location: location)))
            for (value, target) in zip(group.columns, valueColumns) {
                statement.items.append(.expression(column(value.0, at: value.1), alias: target.0))
            }
            statement.items.append(.expression(group.label, alias: nameColumn))
            statement.from = input
            if !includeNulls {
                // EXCLUDE NULLS drops a row only when every one of its values is NULL.
                var allNull: Expression?
                for value in group.columns {
                    let isNull = Expression(kind: .isNull(column(value.0, at: value.1), negated: false), location: value.1)
                    allNull = allNull.map { Expression(kind: .binary(.and, $0, isNull), location: value.1) } ?? isNull
                }
                statement.whereClause = allNull.map { Expression(kind: .not($0), location: location) }
            }
            branches.append(.select(statement))
        }
        if branches.count == 1 { return Query(body: branches[0], location: location) }
        return Query(body: .setOperation(SetOperation(op: .union, distinct: false, operands: branches, location: location)), location: location)
    }

    /// `name` or `(name, name, ...)`.
    private mutating func parseColumnGroup() throws(GoogleSQLError) -> [(String, SourceLocation)] {
        guard accept(symbol: "(") else { return [try columnName()] }
        var columns: [(String, SourceLocation)] = []
        repeat { columns.append(try columnName()) } while accept(symbol: ",")
        try expect(symbol: ")")
        return columns
    }
}

/// INSERT, UPDATE, DELETE and MERGE frames.
extension ScriptParser {
    mutating func parseInsert() throws(GoogleSQLError) -> InsertStatement {
        parser.position += 1
        _ = parser.accept(keyword: "INTO")
        let table = try parser.parseTableName()
        var columns: [String]?
        // `(a, b)` is a column list unless it opens the source query (`INSERT t (SELECT ...)`).
        if parser.current.isSymbol("("), !parser.startsQuery(at: 1) {
            columns = try parseColumnList()
        }
        if parser.accept(word: "VALUES") {
            var rows: [[String]] = []
            repeat {
                try parser.expect(symbol: "(")
                var row: [String] = []
                repeat {
                    let expression = skip(until: [], commas: true)
                    if expression.isEmpty { throw parser.unexpected(parser.current) }
                    row.append(expression)
                } while parser.accept(symbol: ",")
                try parser.expect(symbol: ")")
                rows.append(row)
            } while parser.accept(symbol: ",")
            return InsertStatement(table: table, columns: columns, rows: rows, query: nil)
        }
        guard parser.startsQuery() || parser.current.isSymbol("(") else {
            throw parser.expected("keyword VALUES or SELECT")
        }
        return InsertStatement(table: table, columns: columns, rows: [], query: skip(until: []))
    }

    mutating func parseUpdate() throws(GoogleSQLError) -> UpdateStatement {
        parser.position += 1
        let table = try parser.parseTableName()
        let alias = optionalAlias(notOneOf: [])
        try parser.expect(keyword: "SET")
        let assignments = try parseAssignments(until: ["FROM", "WHERE"])
        var from: String?
        if parser.accept(keyword: "FROM") { from = skip(until: ["WHERE"]) }
        guard parser.accept(keyword: "WHERE") else {
            throw GoogleSQLError.invalidQuery("UPDATE must have a WHERE clause at \(parser.current.location)")
        }
        return UpdateStatement(table: table, alias: alias, assignments: assignments, from: from, whereClause: skip(until: []))
    }

    mutating func parseDelete() throws(GoogleSQLError) -> DeleteStatement {
        parser.position += 1
        _ = parser.accept(keyword: "FROM")
        let table = try parser.parseTableName()
        let alias = parser.current.isKeyword("WHERE") ? nil : optionalAlias(notOneOf: [])
        guard parser.accept(keyword: "WHERE") else {
            throw GoogleSQLError.invalidQuery("DELETE must have a WHERE clause at \(parser.current.location)")
        }
        return DeleteStatement(table: table, alias: alias, whereClause: skip(until: []))
    }

    mutating func parseMerge() throws(GoogleSQLError) -> MergeStatement {
        parser.position += 1
        _ = parser.accept(keyword: "INTO")
        let target = try parser.parseTableName()
        let targetAlias = parser.current.isKeyword("USING") ? nil : optionalAlias(notOneOf: [])
        try parser.expect(keyword: "USING")
        let source: String
        if parser.current.isSymbol("(") {
            let start = parser.position
            parser.position += 1
            _ = skip(until: [])
            try parser.expect(symbol: ")")
            source = text(from: start, to: parser.position)
        } else {
            let start = parser.position
            _ = try parser.parseTableName()
            source = text(from: start, to: parser.position)
        }
        let sourceAlias = parser.current.isKeyword("ON") ? nil : optionalAlias(notOneOf: [])
        try parser.expect(keyword: "ON")
        let condition = skip(until: ["WHEN"])
        var clauses: [MergeStatement.Clause] = []
        while parser.accept(keyword: "WHEN") {
            let match: MergeStatement.Match
            if parser.accept(keyword: "NOT") {
                guard parser.accept(word: "MATCHED") else { throw parser.expected("keyword MATCHED") }
                if parser.accept(keyword: "BY") {
                    if parser.accept(word: "SOURCE") {
                        match = .notMatchedBySource
                    } else if parser.accept(word: "TARGET") {
                        match = .notMatchedByTarget
                    } else {
                        throw parser.expected("keyword SOURCE or TARGET")
                    }
                } else {
                    match = .notMatchedByTarget
                }
            } else {
                guard parser.accept(word: "MATCHED") else { throw parser.expected("keyword MATCHED or NOT") }
                match = .matched
            }
            var clauseCondition: String?
            if parser.accept(keyword: "AND") { clauseCondition = skip(until: ["THEN"]) }
            try parser.expect(keyword: "THEN")
            let action: MergeStatement.Action
            if parser.accept(word: "UPDATE") {
                try parser.expect(keyword: "SET")
                action = .update(try parseAssignments(until: ["WHEN"]))
            } else if parser.accept(word: "DELETE") {
                action = .delete
            } else if parser.accept(word: "INSERT") {
                if parser.accept(word: "ROW") {
                    action = .insert(columns: nil, values: nil)
                } else {
                    let columns = parser.current.isSymbol("(") ? try parseColumnList() : nil
                    guard parser.accept(word: "VALUES") else { throw parser.expected("keyword VALUES") }
                    try parser.expect(symbol: "(")
                    var values: [String] = []
                    repeat { values.append(skip(until: [], commas: true)) } while parser.accept(symbol: ",")
                    try parser.expect(symbol: ")")
                    action = .insert(columns: columns, values: values)
                }
            } else {
                throw parser.expected("keyword UPDATE, DELETE or INSERT")
            }
            switch (match, action) {
            case (.matched, .insert), (.notMatchedBySource, .insert), (.notMatchedByTarget, .update), (.notMatchedByTarget, .delete):
                throw GoogleSQLError.invalidQuery(
                    "Syntax error: this MERGE action is not allowed in a WHEN \(match == .matched ? "MATCHED" : "NOT MATCHED") clause at \(parser.current.location)"
                )
            default: break
            }
            clauses.append(MergeStatement.Clause(match: match, condition: clauseCondition, action: action))
        }
        if clauses.isEmpty { throw parser.expected("keyword WHEN") }
        return MergeStatement(
            target: target, targetAlias: targetAlias, source: source, sourceAlias: sourceAlias, condition: condition,
            clauses: clauses)
    }
}

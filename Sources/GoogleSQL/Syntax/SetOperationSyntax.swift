/// The name-matching forms of set operations: `[INNER|FULL [OUTER]|LEFT [OUTER]] UNION ALL
/// [STRICT] CORRESPONDING [BY (...)]` and `... BY NAME [ON (...)]`.
extension Parser {
    /// How many tokens of `INNER`, `FULL [OUTER]` or `LEFT [OUTER]` stand before a set operator
    /// here: 0 for none, nil when the tokens are not a set operation at all.
    func setOperationPrefixLength() -> Int? {
        func isOperator(_ token: Token) -> Bool { token.isKeyword("UNION") || token.isKeyword("INTERSECT") || token.isKeyword("EXCEPT") }
        if isOperator(current) { return 0 }
        guard current.isKeyword("INNER") || current.isKeyword("FULL") || current.isKeyword("LEFT") else { return nil }
        if isOperator(peek(1)) { return 1 }
        if !current.isKeyword("INNER"), peek(1).isKeyword("OUTER"), isOperator(peek(2)) { return 2 }
        return nil
    }

    /// `ALL` (false) or `DISTINCT` (true) after a set operator, which BigQuery requires.
    mutating func parseSetQuantifier() throws(GoogleSQLError) -> Bool {
        if accept(keyword: "ALL") { return false }
        if accept(keyword: "DISTINCT") { return true }
        throw expected("keyword ALL or keyword DISTINCT")
    }

    /// Consumes the `INNER`/`FULL [OUTER]`/`LEFT [OUTER]` before a set operator.
    mutating func parseSetOperationMode() -> ColumnMatching.Mode? {
        guard let length = setOperationPrefixLength(), length > 0 else { return nil }
        let mode: ColumnMatching.Mode = current.isKeyword("INNER") ? .inner : current.isKeyword("FULL") ? .full : .left
        position += length
        return mode
    }

    /// After `op ALL|DISTINCT`: `[STRICT] CORRESPONDING [BY (...)]` or `BY NAME [ON (...)]`.
    mutating func parseColumnMatching(mode: ColumnMatching.Mode?, at location: SourceLocation) throws(GoogleSQLError) -> ColumnMatching? {
        var matching: ColumnMatching
        if current.isKeyword("BY"), isWord("NAME", peek(1)) {
            position += 2
            matching = ColumnMatching(mode: mode ?? .strict)
            if accept(keyword: "ON") { matching.on = try parseColumnList() }
        } else if isWord("STRICT") || isWord("CORRESPONDING") {
            let strict = accept(word: "STRICT")
            guard accept(word: "CORRESPONDING") else { throw expected("CORRESPONDING") }
            if strict && mode != nil {
                throw GoogleSQLError.invalidQuery("Syntax error: STRICT cannot be combined with \(mode == .inner ? "INNER" : "OUTER") at \(location)")
            }
            matching = ColumnMatching(mode: mode ?? (strict ? .strict : .inner))
            if accept(keyword: "BY") { matching.on = try parseColumnList() }
        } else {
            if mode != nil { throw expected("BY NAME or CORRESPONDING") }
            return nil
        }
        return matching
    }

    private mutating func parseColumnList() throws(GoogleSQLError) -> [String] {
        try expect(symbol: "(")
        var names: [String] = []
        repeat {
            guard let name = try parseAlias() else { throw expected("identifier") }
            names.append(name)
        } while accept(symbol: ",")
        try expect(symbol: ")")
        return names
    }
}

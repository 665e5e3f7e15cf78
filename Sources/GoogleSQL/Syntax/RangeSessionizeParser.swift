/// `RANGE_SESSIONIZE(TABLE t, 'range_column', ['partition', ...][, 'MEETS' | 'OVERLAPS'])` in a FROM
/// clause: t's rows with a `session_range` column, the range covering each row's session.
///
/// It is read as the GoogleSQL query it stands for (window functions over the range's bounds), every
/// token of that query placed at the call so that an error in it points at the call.
extension Parser {
    static let rangeSessionizeName = "RANGE_SESSIONIZE"

    /// Called with the current token on `(`.
    mutating func parseRangeSessionize(start: SourceLocation) throws(GoogleSQLError) -> FromItem {
        try expect(symbol: "(")
        guard accept(word: "TABLE") else { throw expected("TABLE and a table name") }
        let (table, fieldPath) = try parseTablePath()
        guard fieldPath.isEmpty, table.partitionDecorator == nil else { throw expected("a table name") }
        try expect(symbol: ",")
        let column = try sessionizeString("the RANGE column's name")
        try expect(symbol: ",")
        let partitions = try sessionizePartitions()
        var option = "MEETS"
        if accept(symbol: ",") {
            let location = current.location
            option = try sessionizeString("MEETS or OVERLAPS").uppercased()
            guard option == "MEETS" || option == "OVERLAPS" else {
                throw GoogleSQLError.invalidQuery("RANGE_SESSIONIZE's option must be 'MEETS' or 'OVERLAPS', got '\(option)' at \(location)")
            }
        }
        try expect(symbol: ")")
        let alias = isJoinStart || startsPivotOperator ? nil : try parseAlias()
        for name in [column] + partitions where name.isEmpty || name.contains("`") || name.contains("\\") {
            throw GoogleSQLError.invalidQuery("Invalid column name \"\(name.prefix(100))\" in RANGE_SESSIONIZE at \(start)")
        }
        let text = Self.sessionizeQuery(table: table, column: column, partitions: partitions, overlapsOnly: option == "OVERLAPS")
        var parser = Parser(
            tokens: try Lexer.tokenize(text).map { token in
                var placed = token
                placed.location = start
                return placed
            })
        let query = try parser.parseStatement()
        return .subquery(query, alias: alias, location: start)
    }

    private mutating func sessionizeString(_ what: String) throws(GoogleSQLError) -> String {
        guard case .string(let text) = current.kind else { throw expected("a string literal: \(what)") }
        position += 1
        return text
    }

    /// `['a', 'b']` or `ARRAY<STRING>['a']`: the partitioning columns' names.
    private mutating func sessionizePartitions() throws(GoogleSQLError) -> [String] {
        if accept(keyword: "ARRAY") {
            try expect(symbol: "<")
            guard isWord("STRING") else { throw expected("STRING") }
            position += 1
            try expect(symbol: ">")
        }
        try expect(symbol: "[")
        var names: [String] = []
        if !current.isSymbol("]") {
            repeat { names.append(try sessionizeString("a partitioning column's name")) } while accept(symbol: ",")
        }
        try expect(symbol: "]")
        return names
    }

    /// Sessions by the gaps-and-islands method: ordered by the range within each partition, a row
    /// starts a session when no earlier row's range reaches its start (with MEETS, an end equal to the
    /// start reaches it; with OVERLAPS it must pass it). An UNBOUNDED end reaches every later start;
    /// an UNBOUNDED start is reached by every earlier row. Rows whose range is NULL each keep a NULL
    /// session.
    static func sessionizeQuery(table: TableName, column: String, partitions: [String], overlapsOnly: Bool) -> String {
        let range = "`\(column)`"
        let path = [table.project, table.dataset, table.table].compactMap { $0 }.map { "`\($0)`" }.joined(separator: ".")
        let partition = "PARTITION BY " + (["\(range) IS NULL"] + partitions.map { "`\($0)`" }).joined(separator: ", ")
        let earlier = "OVER (\(partition) ORDER BY \(range) ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)"
        let session = "OVER (\(partition), __range_sessionize_id)"
        let startsAfter = overlapsOnly ? ">=" : ">"
        return """
            SELECT * EXCEPT (__range_sessionize_flag, __range_sessionize_id),
              IF(\(range) IS NULL, NULL, RANGE(
                FIRST_VALUE(RANGE_START(\(range))) OVER (\(partition), __range_sessionize_id ORDER BY \(range)
                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING),
                IF(COUNTIF(RANGE_END(\(range)) IS NULL) \(session) > 0, NULL, MAX(RANGE_END(\(range))) \(session)))) AS session_range
            FROM (
              SELECT *, SUM(__range_sessionize_flag) OVER (\(partition) ORDER BY \(range)
                ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS __range_sessionize_id
              FROM (
                SELECT *, CASE
                  WHEN COUNT(*) \(earlier) = 0 THEN 1
                  WHEN COUNTIF(RANGE_END(\(range)) IS NULL) \(earlier) > 0 THEN 0
                  WHEN RANGE_START(\(range)) IS NULL THEN 0
                  WHEN RANGE_START(\(range)) \(startsAfter) MAX(RANGE_END(\(range))) \(earlier) THEN 1
                  ELSE 0 END AS __range_sessionize_flag
                FROM \(path)))
            """
    }
}

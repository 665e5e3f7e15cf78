/// GROUP BY's grouping list: plain keys, `ALL`, `()`, `ROLLUP(...)`, `CUBE(...)` and
/// `GROUPING SETS(...)`. The sets are expanded here, as BigQuery defines them, into lists of indices
/// into the statement's key list; the planner then computes every set in one SQLite GROUP BY.
extension Parser {
    mutating func parseGroupBy(into statement: inout SelectStatement) throws(GoogleSQLError) {
        if accept(keyword: "ALL") {
            statement.groupByAll = true
            return
        }
        var keys: [Expression] = []
        var sets: [[Int]] = [[]]
        var isPlain = true
        repeat {
            let item: [[Int]]
            if let expanded = try parseGroupingConstruct(&keys) {
                item = expanded
                isPlain = false
            } else if let empty = try parseEmptyGroupingSet() {
                item = empty
                isPlain = false
            } else {
                keys.append(try parseExpression())
                item = [[keys.count - 1]]
            }
            // A list of items is the cross product of their sets: `a, ROLLUP(b)` is (a, b), (a).
            sets = sets.flatMap { prefix in item.map { prefix + $0 } }
            try checkGroupingSetCount(sets.count)
        } while accept(symbol: ",")
        statement.groupBy = keys
        statement.groupingSets = isPlain ? nil : sets
    }

    /// BigQuery caps the expansion at 4096 grouping sets; the limit also keeps CUBE from exploding.
    private func checkGroupingSetCount(_ count: Int) throws(GoogleSQLError) {
        if count > 4096 {
            throw GoogleSQLError.invalidQuery("At most 4096 grouping sets are allowed in a GROUP BY clause at \(current.location)")
        }
    }

    /// `ROLLUP(...)`, `CUBE(...)` or `GROUPING SETS(...)` at the current token, else nil.
    private mutating func parseGroupingConstruct(_ keys: inout [Expression]) throws(GoogleSQLError) -> [[Int]]? {
        if accept(keyword: "ROLLUP") {
            let units = try parseGroupingUnits(&keys)
            // ROLLUP(a, b, c) is (a, b, c), (a, b), (a), ().
            return (0...units.count).reversed().map { Array(units.prefix($0).joined()) }
        }
        if accept(keyword: "CUBE") {
            let units = try parseGroupingUnits(&keys)
            guard units.count <= 12 else {
                throw GoogleSQLError.invalidQuery("At most 4096 grouping sets are allowed in a GROUP BY clause at \(current.location)")
            }
            // CUBE(a, b) is every subset: (a, b), (a), (b), ().
            let count = 1 << units.count
            return (0..<count).reversed().map { mask in
                units.indices.filter { mask & (1 << (units.count - 1 - $0)) != 0 }.flatMap { units[$0] }
            }
        }
        guard current.isKeyword("GROUPING"), isWord("SETS", peek(1)) else { return nil }
        position += 2
        try expect(symbol: "(")
        var sets: [[Int]] = []
        repeat {
            if let nested = try parseGroupingConstruct(&keys) {
                sets += nested
            } else {
                sets.append(try parseGroupingUnit(&keys))
            }
            try checkGroupingSetCount(sets.count)
        } while accept(symbol: ",")
        try expect(symbol: ")")
        return sets
    }

    /// `()`: the grand-total set.
    private mutating func parseEmptyGroupingSet() throws(GoogleSQLError) -> [[Int]]? {
        guard current.isSymbol("("), peek(1).isSymbol(")") else { return nil }
        position += 2
        return [[]]
    }

    /// `(unit, unit, ...)` after ROLLUP or CUBE.
    private mutating func parseGroupingUnits(_ keys: inout [Expression]) throws(GoogleSQLError) -> [[Int]] {
        try expect(symbol: "(")
        var units: [[Int]] = []
        repeat { units.append(try parseGroupingUnit(&keys)) } while accept(symbol: ",")
        try expect(symbol: ")")
        return units
    }

    /// One expression, `()` or a parenthesised list `(a, b)` that groups as one unit.
    private mutating func parseGroupingUnit(_ keys: inout [Expression]) throws(GoogleSQLError) -> [Int] {
        if accept(symbol: "(") {
            if accept(symbol: ")") { return [] }
            // `(a, b)` is a unit; `(a + b) * 2` is an expression: try the list, and re-read as an
            // expression when the parenthesis does not close the unit.
            let saved = (position, positionalCount, keys.count)
            var unit: [Expression] = []
            var isList = true
            repeat {
                guard let expression = try? parseExpression() else {
                    isList = false
                    break
                }
                unit.append(expression)
            } while accept(symbol: ",")
            if isList, accept(symbol: ")"), current.isSymbol(",") || current.isSymbol(")") {
                let first = keys.count
                keys += unit
                return Array(first..<keys.count)
            }
            (position, positionalCount) = (saved.0 - 1, saved.1)
            keys.removeSubrange(saved.2...)
        }
        keys.append(try parseExpression())
        return [keys.count - 1]
    }
}

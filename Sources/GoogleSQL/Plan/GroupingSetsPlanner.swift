/// Grouping sets (ROLLUP, CUBE, GROUPING SETS) in one SQLite GROUP BY. SQLite has none of them, so
/// each input row is repeated once per set (a cross join with the set numbers) and grouped by the set
/// number and every key, a key being NULL in the sets that leave it out. The select list, HAVING,
/// QUALIFY and ORDER BY then read the masked keys, so a rolled-up key reads NULL with its own type.
/// A set listed twice stays two sets, so its rows appear twice, as in BigQuery.
struct GroupingSetsPlan {
    /// The derived table of set numbers and its one column; names no query can reach.
    static let relation = "_gsql_sets"
    static let column = "_gsql_set"
    /// The call `GROUPING(x)` resolves to until the plan replaces it with a constant or a CASE.
    static let groupingCall = "$grouping"

    /// Each distinct key (by structural key) and the numbers of the sets that group by it.
    private var keys: [(expression: TypedExpression, sets: [Int])] = []
    let setCount: Int

    init(keys statementKeys: [TypedExpression], sets: [[Int]]) {
        setCount = sets.count
        for (setNumber, members) in sets.enumerated() {
            for index in members {
                let key = statementKeys[index]
                if let existing = keys.firstIndex(where: { $0.expression.key == key.key }) {
                    if keys[existing].sets.last != setNumber { keys[existing].sets.append(setNumber) }
                } else {
                    keys.append((key, [setNumber]))
                }
            }
        }
    }

    /// More than one set needs the set numbers; one set is an ordinary GROUP BY (or none, for `()`).
    var repeatsRows: Bool { setCount > 1 }

    var groupedKeys: [TypedExpression] { keys.map(\.expression) }

    /// `CROSS JOIN (SELECT 0 AS n UNION ALL SELECT 1 ...)`: only integers the planner made.
    var setsTableSQL: String {
        let rows = (0..<setCount).map { "SELECT \($0) AS " + SQLiteStorage.quote(Self.column) }
        return "(" + rows.joined(separator: " UNION ALL ") + ") AS " + SQLiteStorage.quote(Self.relation)
    }

    /// The GROUP BY list: the set number, then every key masked to NULL outside its sets.
    func groupByFragments(_ sortKey: (TypedExpression) -> TypedExpression) -> [SQLFragment] {
        var fragments: [SQLFragment] = []
        if repeatsRows { fragments.append(SQLiteEmitter.emit(setNumber(at: SourceLocation(line: 1, column: 1)))) }
        for key in keys {
            fragments.append(SQLiteEmitter.emit(masked(sortKey(key.expression), sets: key.sets)))
        }
        return fragments
    }

    private func setNumber(at location: SourceLocation) -> TypedExpression {
        TypedExpression(
            node: .relationColumn(ColumnReference(qualifier: Self.relation, sqlName: Self.column, name: Self.column)), type: .int64,
            location: location)
    }

    /// `set IN (members)`, or nil when every set has it.
    private func membership(_ sets: [Int], at location: SourceLocation) -> TypedExpression? {
        guard repeatsRows, sets.count < setCount else { return nil }
        let numbers = sets.map { TypedExpression.constant(.int64(Int64($0)), .int64, at: location) }
        return TypedExpression(node: .inList(setNumber(at: location), numbers, negated: false), type: .bool, location: location)
    }

    private func masked(_ value: TypedExpression, sets: [Int]) -> TypedExpression {
        guard let condition = membership(sets, at: value.location) else { return value }
        return TypedExpression(node: .caseWhen([(condition, value)], otherwise: nil), type: value.type, location: value.location)
    }

    /// BigQuery's own message for `GROUPING(x)` of a non-key, ahead of the "neither grouped nor
    /// aggregated" one the argument would otherwise raise.
    func checkGroupingArguments(_ expression: TypedExpression) throws(GoogleSQLError) {
        if case .call(Self.groupingCall, let arguments) = expression.node, !keys.contains(where: { $0.expression.key == arguments[0].key }) {
            throw GoogleSQLError.invalidQuery(
                "GROUPING must have an argument that exists within the group-by expression list at \(expression.location)")
        }
        for child in expression.children { try checkGroupingArguments(child) }
    }

    /// The expression as computed after grouping: keys masked, `GROUPING(x)` replaced. Aggregate
    /// arguments read the rows before grouping, so they are left alone.
    func rewrite(_ expression: TypedExpression) throws(GoogleSQLError) -> TypedExpression {
        if case .call(Self.groupingCall, let arguments) = expression.node {
            guard let key = keys.first(where: { $0.expression.key == arguments[0].key }) else {
                throw GoogleSQLError.invalidQuery(
                    "GROUPING must have an argument that exists within the group-by expression list at \(expression.location)")
            }
            let location = expression.location
            let zero = TypedExpression.constant(.int64(0), .int64, at: location)
            guard let condition = membership(key.sets, at: location) else { return zero }
            let one = TypedExpression.constant(.int64(1), .int64, at: location)
            return TypedExpression(node: .caseWhen([(condition, zero)], otherwise: one), type: .int64, location: location)
        }
        if let key = keys.first(where: { $0.expression.key == expression.key }) {
            return masked(expression, sets: key.sets)
        }
        if case .aggregate = expression.node { return expression }
        return try expression.mappingChildren { (child) throws(GoogleSQLError) in try rewrite(child) }
    }
}

extension Expression {
    /// Whether the syntax calls GROUPING() outside subqueries.
    var callsGrouping: Bool {
        if case .call("GROUPING", _, _, _) = kind { return true }
        return children.contains { $0.callsGrouping }
    }
}

extension TypedExpression {
    var containsGroupingCall: Bool {
        if case .call(GroupingSetsPlan.groupingCall, _) = node { return true }
        return children.contains { $0.containsGroupingCall }
    }

    /// The same node over transformed children. Subqueries keep theirs: they are planned already.
    func mappingChildren(_ transform: (TypedExpression) throws(GoogleSQLError) -> TypedExpression) throws(GoogleSQLError) -> TypedExpression {
        var copy = self
        switch node {
        case .column, .constant, .relationColumn, .subquery: return self
        case .field(let base, let name): copy.node = .field(try transform(base), name)
        case .negate(let value): copy.node = .negate(try transform(value))
        case .not(let value): copy.node = .not(try transform(value))
        case .decimalAsReal(let value): copy.node = .decimalAsReal(try transform(value))
        case .decimalCollated(let value): copy.node = .decimalCollated(try transform(value))
        case .isNull(let value, let negated): copy.node = .isNull(try transform(value), negated: negated)
        case .binary(let op, let left, let right): copy.node = .binary(op, try transform(left), try transform(right))
        case .inList(let value, let list, let negated):
            var elements: [TypedExpression] = []
            for element in list { elements.append(try transform(element)) }
            copy.node = .inList(try transform(value), elements, negated: negated)
        case .inArray(let value, let array, let negated): copy.node = .inArray(try transform(value), try transform(array), negated: negated)
        case .between(let value, let low, let high, let negated):
            copy.node = .between(try transform(value), try transform(low), try transform(high), negated: negated)
        case .call(let name, let arguments):
            var mapped: [TypedExpression] = []
            for argument in arguments { mapped.append(try transform(argument)) }
            copy.node = .call(name, mapped)
        case .aggregate(let kind, let argument, let distinct):
            copy.node = .aggregate(kind, try argument.map { (value) throws(GoogleSQLError) in try transform(value) }, distinct: distinct)
        case .caseWhen(let branches, let otherwise):
            var mapped: [(TypedExpression, TypedExpression)] = []
            for (condition, result) in branches { mapped.append((try transform(condition), try transform(result))) }
            copy.node = .caseWhen(mapped, otherwise: try otherwise.map { (value) throws(GoogleSQLError) in try transform(value) })
        case .window(let function, var window):
            // The window function itself is computed after grouping: its arguments and window read
            // grouped values (an aggregate inside it stops the rewrite on its own).
            let mappedFunction = try function.mappingChildren(transform)
            var partition: [TypedExpression] = []
            for key in window.partition { partition.append(try transform(key)) }
            window.partition = partition
            for index in window.order.indices { window.order[index].expression = try transform(window.order[index].expression) }
            copy.node = .window(mappedFunction, window)
        }
        return copy
    }
}

extension Resolver {
    /// `GROUPING(x)`: 1 when the row's grouping set leaves `x` out, else 0; resolved to a marker the
    /// SELECT's grouping plan replaces, since only the plan knows the sets.
    mutating func resolveGrouping(_ syntax: [Expression], at location: SourceLocation) throws(GoogleSQLError) -> TypedExpression {
        try expectCount("GROUPING", syntax, 1...1, at: location)
        if case .forbidden(let clause) = aggregateRule {
            throw fail("GROUPING function is not allowed in \(clause)", location)
        }
        let argument = try resolve(syntax[0])
        return TypedExpression(node: .call(GroupingSetsPlan.groupingCall, [argument]), type: .int64, location: location)
    }
}

extension GroupingSetsPlan {
    /// `GROUP BY ALL`'s keys: each select item without an aggregate or a window function that reads a
    /// column (constants and parameters group nothing); an item of a type that cannot be grouped
    /// (an ARRAY) contributes the columns it reads instead.
    static func allKeys(of items: [TypedExpression]) -> [TypedExpression] {
        var keys: [TypedExpression] = []
        for item in items where !item.containsAggregate && !item.containsWindow && !item.readColumns.isEmpty {
            if item.type.isOrderable || { if case .record = item.type { return true } else { return false } }() {
                keys.append(item)
            } else {
                keys += item.readColumns
            }
        }
        return keys
    }
}

extension TypedExpression {
    /// The column references in this expression, outside subqueries.
    fileprivate var readColumns: [TypedExpression] {
        switch node {
        case .column, .relationColumn: return [self]
        default: return children.flatMap(\.readColumns)
        }
    }
}

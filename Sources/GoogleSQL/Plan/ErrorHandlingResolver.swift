import WarehouseSchema

/// IFERROR, ISERROR and NULLIFERROR (debugging functions): the tried expression is emitted as a
/// statement of its own, `SELECT expression`, which `TryEvaluation` runs at execution time and
/// whose evaluation errors it catches. That statement cannot see the query's rows, so the tried
/// expression may not read a column, aggregate or use a window.
extension Resolver {
    mutating func resolveErrorHandling(_ name: String, _ syntax: [Expression], at location: SourceLocation) throws(GoogleSQLError) -> TypedExpression?
    {
        guard ["IFERROR", "ISERROR", "NULLIFERROR"].contains(name) else { return nil }
        try expectCount(name, syntax, name == "IFERROR" ? 2...2 : 1...1, at: location)
        let arguments = try resolveArguments(syntax)
        let tried = arguments[0]
        guard Self.standsAlone(tried) else {
            throw fail(
                "Unsupported: \(name) of an expression that reads the query's columns is not supported by the local emulator", syntax[0].location)
        }
        var statement = SQLFragment("SELECT ")
        SQLiteEmitter.emit(tried, into: &statement)
        // A statement of its own: the views its subqueries read are defined in it again.
        let sql = ViewExpansion.statement(statement.sql, reading: context.views)
        let payload = TriedStatement(sql: sql, arguments: statement.arguments).encoded
        let operand = TypedExpression.constant(.bytes([UInt8](payload)), .bytes, at: location)
        switch name {
        case "ISERROR": return call(TryEvaluation.isErrorName, [operand], .bool, at: location)
        case "NULLIFERROR": return call(TryEvaluation.valueName, [operand], tried.type, at: location)
        default:
            // The fallback is evaluated only when the value just tried failed: COALESCE stops at a
            // value that is not NULL, and a NULL that was not an error gets no fallback.
            let type = try supertype(of: arguments, function: "function IFERROR", at: location)
            let value = call(TryEvaluation.valueName, [operand], tried.type, at: location)
            let converted = convertedNumbers([value, arguments[1]], to: type)
            let failed = call(TryEvaluation.failedName, [], .bool, at: location)
            let fallback = TypedExpression(node: .caseWhen([(failed, converted[1])], otherwise: nil), type: type, location: location)
            return call("COALESCE", [converted[0], fallback], type, at: location)
        }
    }

    /// True when the expression reads nothing of the query's rows (subqueries may still read tables).
    private static func standsAlone(_ expression: TypedExpression) -> Bool {
        switch expression.node {
        case .column, .relationColumn, .aggregate, .window: return false
        case .subquery(let subquery):
            if case .in(let value, _) = subquery.form { return standsAlone(value) }
            return true
        default: return expression.children.allSatisfy(standsAlone)
        }
    }
}

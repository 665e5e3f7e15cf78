import WarehouseSchema

/// Reads of a table function (`CREATE TABLE FUNCTION dataset.f(...) AS (query)`) in a FROM clause:
/// its query planned where it is read, with each parameter bound to that read's argument. A name the
/// query's tables have as a column means the column, not the parameter, as in BigQuery.
extension Resolver {
    /// Table functions reading table functions, at most: as deep as views may nest.
    static let maximumTableFunctionNesting = 16

    func expandTable(
        _ function: SQLFunction, arguments: [TypedExpression], calledAt call: SourceLocation?
    ) throws(GoogleSQLError)
        -> PlannedQuery
    {
        let location = call ?? function.bodyLocation
        if context.expandingFunctions.contains(where: { $0.key == function.key }) {
            throw fail("Recursive calls of table function \(function.name) are not supported", location)
        }
        guard context.expandingFunctions.count < Self.maximumTableFunctionNesting else {
            throw fail(
                "Unsupported: table functions nested more than \(Self.maximumTableFunctionNesting) levels deep are not supported by the local emulator",
                location)
        }
        context.expandedCalls += 1
        guard context.expandedCalls <= Self.maximumExpandedCalls else {
            throw fail(
                "Unsupported: statements that expand more than \(Self.maximumExpandedCalls) SQL function calls are not supported by the local emulator",
                location)
        }
        let root = Scope(parent: nil)
        for (parameter, argument) in zip(function.parameters, arguments) {
            root.functionArguments[parameter.name.lowercased()] = FunctionArgument(direct: argument, nested: argument)
        }
        context.expandingFunctions.append((function.key, 1, function.routine != nil))
        defer { context.expandingFunctions.removeLast() }
        do throws(GoogleSQLError) {
            let query = try Self.parseTableBody(function)
            let plannedBody = try context.withFunctionText(function) { () throws(GoogleSQLError) in
                try QueryExpressionPlanner(context: context).plan(query, parent: root)
            }
            var planned = ValueTables.asTable(plannedBody, query: query, context: context)
            try Self.checkDeclaredColumns(function, &planned)
            return planned
        } catch {
            if error.message.contains("in the body of") { throw error }
            let place = call.map { ", called at \($0)" } ?? ""
            throw GoogleSQLError(error.kind, "\(error.message) (in the body of table function \(function.name)\(place))")
        }
    }

    /// `RETURNS TABLE<...>`: the query's columns must be the declared ones, by position, name and type.
    private static func checkDeclaredColumns(_ function: SQLFunction, _ planned: inout PlannedQuery) throws(GoogleSQLError) {
        guard let declared = function.tableColumns, !declared.isEmpty else { return }
        guard declared.count == planned.columns.count else {
            throw GoogleSQLError.invalidQuery(
                "Table function \(function.name) declares \(declared.count) column(s) but its query returns \(planned.columns.count)")
        }
        for (index, field) in declared.enumerated() {
            let type = SQLType(field: field)
            guard planned.columns[index].type == type else {
                throw GoogleSQLError.invalidQuery(
                    "Table function \(function.name) declares column \(field.name) as \(type.name) but its query returns \(planned.columns[index].type.name)"
                )
            }
            planned.columns[index].name = field.name
            planned.columns[index].isAnonymous = false
        }
    }

    static func parseTableBody(_ function: SQLFunction) throws(GoogleSQLError) -> Query {
        var parser = Parser(tokens: try placedTokens(function))
        return try parser.parseStatement()
    }
}

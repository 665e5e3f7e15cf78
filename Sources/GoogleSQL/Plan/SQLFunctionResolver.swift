import WarehouseSchema

/// Calls of a script's temporary SQL functions (`CREATE TEMP FUNCTION`), expanded where they stand.
extension Resolver {
    /// The deepest chain of SQL functions calling one another, counted in their bodies' syntax levels:
    /// four bodies of the parser's deepest expression, so the expanded expression stays as far from
    /// SQLite's depth limit and the stack's end as the parser's limit keeps a query.
    static let maximumExpansionHeight = 4 * Parser.maximumDepth
    /// Calls one statement may expand in all: bodies that call others twice per level would otherwise
    /// grow as 2^levels.
    static let maximumExpandedCalls = 1_000
    private static let bodyErrorMarker = "in the body of SQL function"

    mutating func resolveSQLFunction(
        _ function: SQLFunction, _ syntax: [Expression], distinct: Bool, star: Bool, at location: SourceLocation
    ) throws(GoogleSQLError) -> TypedExpression {
        if star { throw fail("Syntax error: Unexpected \"*\"", location) }
        if distinct { throw fail("Non-aggregate function \(function.name) cannot be called with DISTINCT", location) }
        if function.tableColumns != nil {
            throw fail("Table-valued function \(function.name) cannot be called in an expression; read it in a FROM clause", location)
        }
        var arguments: [TypedExpression] = []
        for argument in syntax { arguments.append(try resolve(argument)) }
        return try expand(function, arguments: try coerceArguments(function, arguments, at: location), calledAt: location)
    }

    /// The arguments of a call, one per parameter, each converted to its parameter's type.
    func coerceArguments(
        _ function: SQLFunction, _ given: [TypedExpression], at location: SourceLocation
    ) throws(GoogleSQLError)
        -> [TypedExpression]
    {
        var arguments = given
        guard arguments.count == function.parameters.count else {
            throw fail(
                "No matching signature for function \(function.name): it takes \(function.parameters.count) argument(s), got \(arguments.count)",
                location)
        }
        for (index, parameter) in function.parameters.enumerated() {
            guard let field = parameter.type else { continue }
            let type = SQLType(field: field)
            do {
                arguments[index] = try coerce(arguments[index], to: type, at: arguments[index].location)
            } catch {
                throw fail(
                    "No matching signature for function \(function.name): argument \(parameter.name) must be \(type.name), got \(arguments[index].type.name)",
                    arguments[index].location)
            }
        }
        return arguments
    }

    /// `dataset.f(args)`: a dataset's function, expanded as a temporary one is.
    mutating func resolveRoutineCall(
        _ path: [String], _ syntax: [Expression], at location: SourceLocation
    ) throws(GoogleSQLError)
        -> TypedExpression
    {
        guard let function = try context.routine(path, at: location) else {
            throw fail("Function not found: \(path.joined(separator: "."))", location)
        }
        return try resolveSQLFunction(function, syntax, distinct: false, star: false, at: location)
    }

    /// The body resolved with each parameter bound to its argument, converted to `RETURNS`'s type.
    /// `call`: where the call stands; nil when `CREATE TEMP FUNCTION` checks the body.
    func expand(_ function: SQLFunction, arguments: [TypedExpression], calledAt call: SourceLocation?) throws(GoogleSQLError) -> TypedExpression {
        let location = call ?? function.bodyLocation
        if context.expandingFunctions.contains(where: { $0.key == function.key }) {
            throw fail("Recursive calls of SQL function \(function.name) are not supported", location)
        }
        context.expandedCalls += 1
        guard context.expandedCalls <= Self.maximumExpandedCalls else {
            throw fail(
                "Unsupported: statements that expand more than \(Self.maximumExpandedCalls) SQL function calls are not supported by the local emulator",
                location)
        }
        let body: Expression
        if let parsed = context.functionBodies[function.key] {
            body = parsed
        } else {
            body = try Self.parseBody(function)
            context.functionBodies[function.key] = body
        }
        let height = context.expandingFunctions.reduce(body.height) { $0 + $1.height }
        guard height <= Self.maximumExpansionHeight else {
            throw fail(
                "Unsupported: SQL functions nested more than \(Self.maximumExpansionHeight) expression levels deep are not supported by the local emulator",
                location)
        }
        let bodyScope = Scope(parent: nil)
        let bare = scope.relations.first(where: \.isBare) ?? scope.callingBareRelation
        bodyScope.callingBareRelation = bare
        for (parameter, argument) in zip(function.parameters, arguments) {
            let nested = bare.map { Self.qualifyingBareColumns(argument, of: $0) } ?? argument
            bodyScope.functionArguments[parameter.name.lowercased()] = FunctionArgument(direct: argument, nested: nested)
        }
        var resolver = Resolver(scope: bodyScope, context: context)
        resolver.aggregateRule = .forbidden("a SQL function's body")
        context.expandingFunctions.append((function.key, body.height, function.routine != nil))
        defer { context.expandingFunctions.removeLast() }
        var value: TypedExpression
        do throws(GoogleSQLError) {
            value = try context.withFunctionText(function) { () throws(GoogleSQLError) in try resolver.resolve(body) }
            if let returns = function.returns {
                let type = SQLType(field: returns)
                do {
                    value = try resolver.coerce(value, to: type, at: value.location)
                } catch {
                    throw GoogleSQLError.invalidQuery(
                        "Function \(function.name)'s body has type \(value.type.name), which cannot be returned as \(type.name) at \(function.bodyLocation)"
                    )
                }
            }
        } catch {
            // An error from a function this body calls already names that function's body.
            if error.message.contains(Self.bodyErrorMarker) { throw error }
            let place = call.map { ", called at \($0)" } ?? ""
            throw GoogleSQLError(error.kind, "\(error.message) (\(Self.bodyErrorMarker) \(function.name)\(place))")
        }
        value.location = location
        return value
    }

    /// A body's tokens placed where the body stands in the script, so that its errors point into it.
    static func placedTokens(_ function: SQLFunction) throws(GoogleSQLError) -> [Token] {
        let start = function.bodyLocation
        return try Lexer.tokenize(function.body).map { token in
            var placed = token
            if token.location.line == 1 { placed.location.column += start.column - 1 }
            placed.location.line += start.line - 1
            return placed
        }
    }

    static func parseBody(_ function: SQLFunction) throws(GoogleSQLError) -> Expression {
        var parser = Parser(tokens: try placedTokens(function))
        let body = try parser.parseExpression()
        guard parser.current.kind == .endOfInput else {
            throw GoogleSQLError.invalidQuery(
                "Syntax error: Expected \")\" but got \(parser.describe(parser.current)) in the body of SQL function \(function.name)")
        }
        return body
    }

    /// The argument with the calling query's bare columns (`"event_id"`) named through their table's
    /// alias, as a subquery of the body must name them.
    private static func qualifyingBareColumns(_ value: TypedExpression, of relation: Relation) -> TypedExpression {
        if case .column(let sqlName) = value.node {
            let name = relation.columns.first(where: { $0.sqlName == sqlName })?.name ?? sqlName
            let reference = ColumnReference(qualifier: relation.sqlAlias, sqlName: sqlName, name: name)
            return TypedExpression(node: .relationColumn(reference), type: value.type, location: value.location)
        }
        return (try? value.mappingChildren { child in qualifyingBareColumns(child, of: relation) }) ?? value
    }
}

import GoogleSQL
import WarehouseSchema

/// BEGIN (with or without an exception handler), IF/CASE, WHILE/LOOP/REPEAT, FOR ... IN, LEAVE/ITERATE,
/// EXECUTE IMMEDIATE, RAISE, RETURN and the transaction statements. A script's result is the last
/// statement it ran, also inside a block or a loop.
extension ScriptExecution {
    /// LEAVE and ITERATE unwind to the innermost loop.
    enum LoopControl: Error {
        case leave
        case iterate
    }

    /// No loop in the emulator runs more often than this: a script that would is refused rather than
    /// left to run for minutes.
    static let maximumIterations = 10_000

    func runAll(_ statements: [ScriptStatement]) throws -> QueryResult {
        var last = Self.emptyResult("SCRIPT")
        for statement in statements { last = try run(statement) }
        return last
    }

    static func emptyResult(_ type: String) -> QueryResult {
        QueryResult(schema: TableSchema(fields: []), rows: [], totalBytesProcessed: 0, statementType: type, referencedTables: [])
    }

    func runControlFlow(_ statement: ScriptStatement) throws -> QueryResult? {
        switch statement {
        case .block(let body): return try runAll(body)
        case .exceptionBlock(let body, let handler): return try runExceptionBlock(body, handler: handler)
        case .sourced(let statement, let text, let location): return try runSourced(statement, text: text, location: location)
        case .transaction(let control):
            try transaction(control)
            return Self.emptyResult(control.statementType)
        case .raise(let message): try raise(message)
        case .returnFromScript: throw Return()
        case .callProcedure(let name, let arguments): return try callProcedure(name, arguments: arguments)
        case .repeatLoop(let body, let condition):
            var last = Self.emptyResult("SCRIPT")
            var iterations = 0
            repeat {
                iterations += 1
                try checkIterations(iterations)
                guard try runIteration(body, last: &last) else { break }
            } while try !holds(condition)
            return last
        case .conditional(let branches, let otherwise):
            for branch in branches where try holds(branch.condition) { return try runAll(branch.body) }
            return try runAll(otherwise ?? [])
        case .loop(let condition, let body):
            var last = Self.emptyResult("SCRIPT")
            var iterations = 0
            while try condition.map(holds) ?? true {
                iterations += 1
                try checkIterations(iterations)
                guard try runIteration(body, last: &last) else { break }
            }
            return last
        case .forIn(let name, let sql, let body):
            let (schema, rows) = try query(sql)
            let field = TableFieldSchema(name: name, type: .record, fields: schema.fields)
            let shadowed = variables[name.lowercased()]
            defer { variables[name.lowercased()] = shadowed }
            var last = Self.emptyResult("SCRIPT")
            for (index, row) in rows.enumerated() {
                try checkIterations(index + 1)
                variables[name.lowercased()] = (field, .record(row))
                guard try runIteration(body, last: &last) else { break }
            }
            return last
        case .leave: throw LoopControl.leave
        case .iterate: throw LoopControl.iterate
        case .executeImmediate(let sqlExpression, let into, let arguments):
            let (_, textRows) = try query("SELECT (\(sqlExpression))")
            guard case .string(let text) = textRows.first?.first ?? .null else {
                throw GoogleSQLError.invalidQuery("EXECUTE IMMEDIATE needs a STRING statement")
            }
            let statements = try ScriptParser.parse(text)
            let outer = parameters
            if !arguments.isEmpty {
                // USING's values replace the job's parameters, not who runs the statement.
                parameters = try immediateParameters(arguments) + outer.filter { $0.name == GoogleSQLCompiler.sessionUserParameter }
            }
            defer { parameters = outer }
            let result = try runAll(statements)
            guard !into.isEmpty else { return result }
            guard result.schema.fields.count == into.count else {
                throw GoogleSQLError.invalidQuery(
                    "EXECUTE IMMEDIATE ... INTO has \(into.count) variables for \(result.schema.fields.count) columns")
            }
            let row = result.rows.first ?? Array(repeating: .null, count: into.count)
            for (index, name) in into.enumerated() {
                guard let variable = variables[name.lowercased()] else {
                    throw GoogleSQLError.invalidQuery("Unrecognized name: \(name)")
                }
                try ScriptValues.checkAssignable(result.schema.fields[index], to: variable.field, index: index, values: [row[index]])
                variables[name.lowercased()] = (variable.field, try ScriptValues.convert(row[index], to: variable.field))
            }
            return Self.emptyResult("SCRIPT")
        default: return nil
        }
    }

    /// USING's values as the query parameters of the statement EXECUTE IMMEDIATE runs: all by position
    /// or all named, as BigQuery requires. The job's own parameters are out of its reach then.
    private func immediateParameters(_ arguments: [ImmediateArgument]) throws -> [QueryParameter] {
        let named = arguments.filter { $0.name != nil }.count
        guard named == 0 || named == arguments.count else {
            throw GoogleSQLError.invalidQuery("EXECUTE IMMEDIATE ... USING cannot mix named (AS name) and positional values")
        }
        var seen = Set<String>()
        var values: [QueryParameter] = []
        for argument in arguments {
            if let name = argument.name, !seen.insert(name.lowercased()).inserted {
                throw GoogleSQLError.invalidQuery("EXECUTE IMMEDIATE ... USING names the parameter \(name) twice")
            }
            let (schema, rows) = try query("SELECT (\(argument.expression))")
            let field = schema.fields[0]
            values.append(
                QueryParameter(name: argument.name, type: ScriptValues.parameterType(of: field), value: rows.first?.first ?? .null))
        }
        return values
    }

    /// Whether a condition is TRUE (NULL and FALSE are not).
    func holds(_ condition: String) throws -> Bool {
        let (_, rows) = try query("SELECT (\(condition))")
        return rows.first?.first == .bool(true)
    }

    func checkIterations(_ count: Int) throws {
        guard count <= Self.maximumIterations else {
            throw GoogleSQLError.invalidQuery(
                "Unsupported: loops of more than \(Self.maximumIterations) iterations are not supported by the local emulator")
        }
    }

    /// One pass of a loop's body, into `last`: false when LEAVE ends the loop; ITERATE ends only the pass.
    private func runIteration(_ body: [ScriptStatement], last: inout QueryResult) throws -> Bool {
        do {
            last = try runAll(body)
        } catch LoopControl.leave {
            return false
        } catch LoopControl.iterate {
            return true
        }
        return true
    }
}

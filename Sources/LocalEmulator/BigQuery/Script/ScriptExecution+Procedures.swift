import GRDB
import GoogleSQL
import WarehouseSchema

/// CREATE PROCEDURE, DROP PROCEDURE and CALL. A procedure is a routine whose body is statements; a
/// CALL runs them with the procedure's arguments as its only variables (the caller's variables and
/// temporary functions are out of its reach), then copies OUT and INOUT arguments back to the
/// caller's variables. RETURN ends the procedure, not the script.
extension ScriptExecution {
    /// Block levels all running procedures may nest in all, over the script's own: each level of a
    /// script's blocks or calls is a few frames of recursion in the runner (see
    /// `ScriptParser.maximumBlockDepth`), so a recursive procedure is refused before the stack ends.
    static let maximumProcedureNesting = 50

    func createProcedure(_ create: CreateProcedureStatement) throws {
        let name = try routineName(create.name, kind: "Procedure")
        try store.requireDataset(name, db: db)
        if try store.routineResource(name, db: db) != nil {
            if create.ifNotExists { return }
            guard create.orReplace else { throw BigQueryStore.routineExists(name) }
        }
        _ = try store.storeRoutine(RoutineResource.resource(for: create, name: name), name: name, replacing: nil, db: db)
    }

    func dropProcedure(_ name: TableName, ifExists: Bool) throws {
        let routine = try routineName(name, kind: "Procedure")
        guard let resource = try store.routineResource(routine, db: db) else {
            if ifExists { return }
            throw GoogleAPIError.notFound("Not found: Procedure \(routine.project):\(routine.dataset).\(routine.routine)")
        }
        guard RoutineResource.isProcedure(resource) else {
            throw GoogleSQLError.invalidQuery("\(routine) is a function, not a procedure; use DROP FUNCTION")
        }
        _ = try store.dropRoutine(routine, db: db)
    }

    func callProcedure(_ name: TableName, arguments: [String]) throws -> QueryResult {
        let routine = try routineName(name, kind: "Procedure")
        guard let resource = try store.routineResource(routine, db: db) else {
            throw GoogleAPIError.notFound("Not found: Procedure \(routine.project):\(routine.dataset).\(routine.routine)")
        }
        guard RoutineResource.isProcedure(resource) else {
            throw GoogleSQLError.invalidQuery("\(routine) is a function, not a procedure; call it in a query")
        }
        let parameters = try RoutineResource.procedureParameters(of: resource)
        guard arguments.count == parameters.count else {
            throw GoogleSQLError.invalidQuery(
                "Procedure \(routine) takes \(parameters.count) argument(s), but \(arguments.count) were given")
        }
        var own: [String: (field: TableFieldSchema, value: BigQueryValue)] = [:]
        var outputs: [(parameter: ProcedureParameter, variable: String)] = []
        for (parameter, argument) in zip(parameters, arguments) {
            var field = parameter.type
            field.name = parameter.name
            var value = BigQueryValue.null
            if parameter.mode == .input {
                let (schema, rows) = try query("SELECT (\(argument))")
                value = rows.first?[0] ?? .null
                try ScriptValues.checkAssignable(schema.fields[0], to: field, index: 0, values: [value])
                value = try ScriptValues.convert(value, to: field)
            } else {
                let variable = argument.trimmingCharacters(in: .whitespacesAndNewlines)
                guard let caller = variables[variable.lowercased()] else {
                    throw GoogleSQLError.invalidQuery(
                        "The \(parameter.mode.rawValue) argument \(parameter.name) of procedure \(routine) must be a declared variable, not \(argument)"
                    )
                }
                if parameter.mode == .inputOutput {
                    try ScriptValues.checkAssignable(caller.field, to: field, index: 0, values: [caller.value])
                    value = try ScriptValues.convert(caller.value, to: field)
                }
                outputs.append((parameter, variable))
            }
            if field.mode == .repeated, value == .null { value = .array([]) }
            own[parameter.name.lowercased()] = (field, value)
        }
        let (statements, depth) = try ScriptParser.parseMeasuringDepth(resource["definitionBody"]?.stringValue ?? "")
        guard procedureNesting + depth + 1 <= Self.maximumProcedureNesting else {
            throw GoogleSQLError.invalidQuery(
                "Unsupported: procedure calls nested more than \(Self.maximumProcedureNesting) levels deep (counting their blocks) are not supported by the local emulator"
            )
        }
        let callerVariables = variables
        let callerFunctions = functions
        variables = own
        functions = [:]
        procedureNesting += depth + 1
        let outcome: Result<QueryResult, any Error>
        do {
            outcome = .success(try runAll(statements))
        } catch is Return {
            outcome = .success(lastResult ?? Self.emptyResult("CALL"))
        } catch {
            outcome = .failure(error)
        }
        let produced = variables
        variables = callerVariables
        functions = callerFunctions
        procedureNesting -= depth + 1
        let result = try outcome.get()
        for (index, output) in outputs.enumerated() {
            guard let value = produced[output.parameter.name.lowercased()], let target = variables[output.variable.lowercased()] else {
                continue
            }
            try ScriptValues.checkAssignable(value.field, to: target.field, index: index, values: [value.value])
            variables[output.variable.lowercased()] = (target.field, try ScriptValues.convert(value.value, to: target.field))
        }
        return result
    }
}

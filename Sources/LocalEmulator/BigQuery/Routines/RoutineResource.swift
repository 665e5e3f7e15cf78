import Foundation
import GoogleSQL
import WarehouseSchema
import WireJSON

/// A routine as the REST API writes it (`routines.insert`, `CREATE FUNCTION dataset.f`) and as the
/// compiler calls it: a SQL scalar function, or a procedure that `CALL` runs. Table functions,
/// aggregate functions and other languages are refused with a 400 that says so, never stored half
/// understood.
enum RoutineResource {
    /// The members a stored routine keeps; the rest of a request body is not stored.
    private static let kept: Set<String> = ["routineType", "language", "definitionBody", "description", "determinismLevel"]

    /// The body of a routines.insert or routines.update, checked and reduced to what is kept, with the
    /// reference the path names. The server's members (etag, times) are the caller's to add.
    static func validated(_ body: JSONObject, name: RoutineName) throws -> JSONObject {
        if let reference = body["routineReference"] {
            guard case .object = reference else { throw GoogleAPIError.badRequest("routineReference must be an object") }
            for (member, expected) in [("projectId", name.project), ("datasetId", name.dataset), ("routineId", name.routine)] {
                if let given = reference[member], given.stringValue != expected {
                    throw GoogleAPIError.badRequest("routineReference.\(member) does not match the request's path (\(expected))")
                }
            }
        }
        for member in kept where body[member].map({ !$0.isNull && $0.stringValue == nil }) == true {
            throw GoogleAPIError.badRequest("Invalid value for \(member): a string is required")
        }
        guard let type = body["routineType"]?.stringValue else {
            throw GoogleAPIError.badRequest("Required parameter is missing: routineType", reason: "required")
        }
        switch type {
        case "SCALAR_FUNCTION", "PROCEDURE", "TABLE_VALUED_FUNCTION": break
        case "AGGREGATE_FUNCTION":
            throw StandardSQLDataType.unsupported("routines of type \(type)")
        default: throw GoogleAPIError.badRequest("Invalid value for routineType: \(type) is not a valid value")
        }
        let language = body["language"]?.stringValue ?? "SQL"
        guard language == "SQL" else {
            let known = ["JAVASCRIPT", "PYTHON", "JAVA", "SCALA"].contains(language)
            if known { throw StandardSQLDataType.unsupported("\(language) functions") }
            throw GoogleAPIError.badRequest("Invalid value for language: \(language) is not a valid value")
        }
        guard let definition = body["definitionBody"]?.stringValue, !definition.isEmpty else {
            throw GoogleAPIError.badRequest("Required parameter is missing: definitionBody", reason: "required")
        }
        if let libraries = body["importedLibraries"]?.arrayValue, !libraries.isEmpty {
            throw GoogleAPIError.badRequest("importedLibraries is only for JavaScript functions")
        }
        var resource: JSONObject = [
            "routineReference": reference(name),
            "language": "SQL",
        ]
        for member in kept { if let value = body[member], !value.isNull { resource[member] = value } }
        resource["definitionBody"] = .string(definition)
        if type == "PROCEDURE" {
            resource["arguments"] = .array(try procedureParameters(body["arguments"]).map(argumentJSON))
            if let returns = body["returnType"], !returns.isNull { throw GoogleAPIError.badRequest("A procedure has no returnType") }
        } else {
            resource["arguments"] = .array(try arguments(body["arguments"]).map(argumentJSON))
            if type == "TABLE_VALUED_FUNCTION" {
                if let returns = body["returnType"], !returns.isNull {
                    throw GoogleAPIError.badRequest("A table function has a returnTableType, not a returnType")
                }
                if let columns = try tableColumns(body["returnTableType"]), !columns.isEmpty {
                    resource["returnTableType"] = tableTypeJSON(columns)
                }
            } else if let returns = body["returnType"], !returns.isNull {
                resource["returnType"] = StandardSQLDataType.json(
                    of: try StandardSQLDataType.field(named: "", from: returns, path: "returnType"))
            }
        }
        if resource["arguments"]?.arrayValue?.isEmpty == true { resource["arguments"] = nil }
        return resource
    }

    /// A routine for `CREATE FUNCTION dataset.f(...)`: what routines.insert would store for it.
    static func resource(for function: SQLFunction, name: RoutineName, description: String?) -> JSONObject {
        var resource: JSONObject = [
            "routineReference": reference(name),
            "routineType": function.tableColumns == nil ? "SCALAR_FUNCTION" : "TABLE_VALUED_FUNCTION", "language": "SQL",
            "definitionBody": .string(function.body),
        ]
        if !function.parameters.isEmpty { resource["arguments"] = .array(function.parameters.map(argumentJSON)) }
        if let returns = function.returns { resource["returnType"] = StandardSQLDataType.json(of: returns) }
        if let columns = function.tableColumns, !columns.isEmpty { resource["returnTableType"] = tableTypeJSON(columns) }
        if let description { resource["description"] = .string(description) }
        return resource
    }

    private static func reference(_ name: RoutineName) -> JSONValue {
        ["projectId": .string(name.project), "datasetId": .string(name.dataset), "routineId": .string(name.routine)]
    }

    /// A routine for `CREATE PROCEDURE dataset.p(...)`.
    static func resource(for procedure: CreateProcedureStatement, name: RoutineName) -> JSONObject {
        var resource: JSONObject = [
            "routineReference": reference(name),
            "routineType": "PROCEDURE", "language": "SQL", "definitionBody": .string(procedure.body),
        ]
        if !procedure.parameters.isEmpty { resource["arguments"] = .array(procedure.parameters.map(argumentJSON)) }
        if let description = procedure.description { resource["description"] = .string(description) }
        return resource
    }

    static func isProcedure(_ resource: JSONObject) -> Bool { resource["routineType"]?.stringValue == "PROCEDURE" }

    /// A stored procedure's arguments.
    static func procedureParameters(of resource: JSONObject) throws -> [ProcedureParameter] {
        try procedureParameters(resource["arguments"])
    }

    /// The function a stored routine defines, named by its path.
    static func function(from resource: JSONObject, name: RoutineName) throws -> SQLFunction {
        var returns: TableFieldSchema?
        if let json = resource["returnType"] { returns = try StandardSQLDataType.field(named: "", from: json, path: "returnType") }
        var function = SQLFunction(
            name: name.description, parameters: try arguments(resource["arguments"]), returns: returns,
            body: resource["definitionBody"]?.stringValue ?? "")
        function.routine = name
        if resource["routineType"]?.stringValue == "TABLE_VALUED_FUNCTION" {
            function.tableColumns = try tableColumns(resource["returnTableType"]) ?? []
        }
        return function
    }

    /// `returnTableType`: `{"columns": [{"name": ..., "type": StandardSqlDataType}]}`.
    private static func tableColumns(_ json: JSONValue?) throws -> [TableFieldSchema]? {
        guard let json, !json.isNull else { return nil }
        guard let columns = json["columns"]?.arrayValue else { throw GoogleAPIError.badRequest("returnTableType.columns must be an array") }
        var fields: [TableFieldSchema] = []
        for (index, column) in columns.enumerated() {
            let path = "returnTableType.columns[\(index)]"
            guard let name = column["name"]?.stringValue, TableFieldSchema.isValidName(name) else {
                throw GoogleAPIError.badRequest("\(path).name is required: letters, digits and underscores, not starting with a digit")
            }
            guard !fields.contains(where: { $0.name.lowercased() == name.lowercased() }) else {
                throw GoogleAPIError.badRequest("Duplicate column name \(name) in returnTableType")
            }
            guard let type = column["type"] else { throw GoogleAPIError.badRequest("\(path).type is required", reason: "required") }
            fields.append(try StandardSQLDataType.field(named: name, from: type, path: "\(path).type"))
        }
        return fields
    }

    private static func tableTypeJSON(_ columns: [TableFieldSchema]) -> JSONValue {
        ["columns": .array(columns.map { ["name": .string($0.name), "type": StandardSQLDataType.json(of: $0)] })]
    }

    /// One argument as written: its name, mode (nil when absent) and type (nil for ANY_TYPE).
    private struct Argument {
        var name: String
        var mode: String?
        var type: TableFieldSchema?
    }

    private static func parsedArguments(_ json: JSONValue?) throws -> [Argument] {
        guard let json, !json.isNull else { return [] }
        guard let list = json.arrayValue else { throw GoogleAPIError.badRequest("arguments must be an array") }
        var parsed: [Argument] = []
        for (index, argument) in list.enumerated() {
            let path = "arguments[\(index)]"
            guard case .object(let object) = argument else { throw GoogleAPIError.badRequest("\(path) must be an object") }
            guard let name = object["name"]?.stringValue, TableFieldSchema.isValidName(name) else {
                throw GoogleAPIError.badRequest("\(path).name is required: letters, digits and underscores, not starting with a digit")
            }
            guard !parsed.contains(where: { $0.name.lowercased() == name.lowercased() }) else {
                throw GoogleAPIError.badRequest("Duplicate argument name \(name)")
            }
            var type: TableFieldSchema?
            switch object["argumentKind"]?.stringValue ?? "FIXED_TYPE" {
            case "ANY_TYPE": break
            case "FIXED_TYPE", "ARGUMENT_KIND_UNSPECIFIED":
                guard let json = object["dataType"] else {
                    throw GoogleAPIError.badRequest("\(path).dataType is required for an argument of kind FIXED_TYPE", reason: "required")
                }
                type = try StandardSQLDataType.field(named: name, from: json, path: "\(path).dataType")
            case let kind:
                throw GoogleAPIError.badRequest("Invalid value for \(path).argumentKind: \(kind) is not a valid value")
            }
            parsed.append(Argument(name: name, mode: object["mode"]?.stringValue, type: type))
        }
        return parsed
    }

    private static func arguments(_ json: JSONValue?) throws -> [SQLFunction.Parameter] {
        try parsedArguments(json).enumerated().map { index, argument in
            if let mode = argument.mode, mode != "IN" {
                throw GoogleAPIError.badRequest("arguments[\(index)].mode \(mode) is only for procedures")
            }
            return SQLFunction.Parameter(name: argument.name, type: argument.type)
        }
    }

    private static func procedureParameters(_ json: JSONValue?) throws -> [ProcedureParameter] {
        try parsedArguments(json).enumerated().map { index, argument in
            guard let type = argument.type else {
                throw StandardSQLDataType.unsupported("procedure arguments of ANY_TYPE (arguments[\(index)])")
            }
            guard let mode = ProcedureParameter.Mode(rawValue: argument.mode ?? "IN") else {
                throw GoogleAPIError.badRequest("Invalid value for arguments[\(index)].mode: \(argument.mode ?? "") is not a valid value")
            }
            return ProcedureParameter(name: argument.name, mode: mode, type: type)
        }
    }

    private static func argumentJSON(_ parameter: SQLFunction.Parameter) -> JSONValue {
        guard let type = parameter.type else { return ["name": .string(parameter.name), "argumentKind": "ANY_TYPE"] }
        return ["name": .string(parameter.name), "dataType": StandardSQLDataType.json(of: type)]
    }

    private static func argumentJSON(_ parameter: ProcedureParameter) -> JSONValue {
        ["name": .string(parameter.name), "mode": .string(parameter.mode.rawValue), "dataType": StandardSQLDataType.json(of: parameter.type)]
    }
}

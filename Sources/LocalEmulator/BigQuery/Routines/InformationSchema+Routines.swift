import GRDB
import GoogleSQL
import WarehouseSchema
import WireJSON

/// `INFORMATION_SCHEMA.ROUTINES`, `ROUTINE_OPTIONS` and `PARAMETERS`: a dataset's functions and
/// procedures, their options and their arguments (a function's declared return type is position 0).
extension InformationSchema {
    static func routineSchema(of view: View) -> TableSchema {
        func strings(_ names: String...) -> [TableFieldSchema] { names.map { TableFieldSchema(name: $0, type: .string) } }
        let specific = strings("specific_catalog", "specific_schema", "specific_name")
        switch view {
        case .routineOptions:
            return TableSchema(fields: specific + strings("option_name", "option_type", "option_value"))
        case .parameters:
            return TableSchema(
                fields: specific + [TableFieldSchema(name: "ordinal_position", type: .integer)]
                    + strings("parameter_mode", "is_result", "parameter_name", "data_type", "parameter_default", "is_aggregate"))
        default:
            return TableSchema(
                fields: specific
                    + strings(
                        "routine_catalog", "routine_schema", "routine_name", "routine_type", "data_type", "routine_body", "routine_definition",
                        "external_language", "is_deterministic", "security_type")
                    + [TableFieldSchema(name: "created", type: .timestamp), TableFieldSchema(name: "last_altered", type: .timestamp)]
                    + strings("ddl", "connection"))
        }
    }

    static func routineRows(of view: View, _ routines: [(name: RoutineName, resource: JSONObject)]) -> [[BigQueryValue]] {
        var rows: [[BigQueryValue]] = []
        for (name, resource) in routines {
            if RoutineResource.isProcedure(resource) {
                rows += procedureRows(of: view, name: name, resource: resource)
                continue
            }
            guard let function = try? RoutineResource.function(from: resource, name: name) else { continue }
            let specific: [BigQueryValue] = [.string(name.project), .string(name.dataset), .string(name.routine)]
            var returns = function.returns.map { BigQueryValue.string(ScriptValues.typeName($0)) } ?? .null
            if let columns = function.tableColumns, !columns.isEmpty { returns = .string(tableTypeName(columns)) }
            switch view {
            case .routineOptions:
                if let description = resource["description"]?.stringValue {
                    rows.append(specific + [.string("description"), .string("STRING"), .string(quoted(description))])
                }
            case .parameters:
                if function.returns != nil {
                    rows.append(specific + [.int64(0), .null, .string("YES"), .null, returns, .string("NULL"), .string("NO")])
                }
                for (position, parameter) in function.parameters.enumerated() {
                    let type = parameter.type.map { BigQueryValue.string(ScriptValues.typeName($0)) } ?? .string("ANY TYPE")
                    rows.append(
                        specific + [
                            .int64(Int64(position + 1)), .string("IN"), .string("NO"), .string(parameter.name), type, .string("NULL"), .string("NO"),
                        ])
                }
            default:
                rows.append(
                    specific + specific + [
                        .string(function.tableColumns == nil ? "FUNCTION" : "TABLE FUNCTION"), returns, .string("SQL"), .string(function.body), .null,
                        .null, .null,
                        micros(fromMillis: resource["creationTime"]), micros(fromMillis: resource["lastModifiedTime"]),
                        .string(ddl(of: function, name: name, description: resource["description"]?.stringValue)), .null,
                    ])
            }
        }
        return rows
    }

    private static func procedureRows(of view: View, name: RoutineName, resource: JSONObject) -> [[BigQueryValue]] {
        guard let parameters = try? RoutineResource.procedureParameters(of: resource) else { return [] }
        let specific: [BigQueryValue] = [.string(name.project), .string(name.dataset), .string(name.routine)]
        let body = resource["definitionBody"]?.stringValue ?? ""
        let description = resource["description"]?.stringValue
        switch view {
        case .routineOptions:
            return description.map { [specific + [.string("description"), .string("STRING"), .string(quoted($0))]] } ?? []
        case .parameters:
            return parameters.enumerated().map { position, parameter in
                specific + [
                    .int64(Int64(position + 1)), .string(parameter.mode.rawValue), .string("NO"), .string(parameter.name),
                    .string(ScriptValues.typeName(parameter.type)), .string("NULL"), .string("NO"),
                ]
            }
        default:
            let signature = parameters.map { "\($0.mode.rawValue) \($0.name) \(ScriptValues.typeName($0.type))" }
            var ddl = "CREATE PROCEDURE `\(name)`(\(signature.joined(separator: ", ")))"
            if let description { ddl += "\nOPTIONS(description=\(quoted(description)))" }
            ddl += body.uppercased().hasPrefix("BEGIN") ? "\n\(body);" : "\nBEGIN\n\(body)\nEND;"
            return [
                specific + specific + [
                    .string("PROCEDURE"), .null, .string("SQL"), .string(body), .null, .null, .null,
                    micros(fromMillis: resource["creationTime"]), micros(fromMillis: resource["lastModifiedTime"]), .string(ddl), .null,
                ]
            ]
        }
    }

    static func tableTypeName(_ columns: [TableFieldSchema]) -> String {
        "TABLE<" + columns.map { "\($0.name) \(ScriptValues.typeName($0))" }.joined(separator: ", ") + ">"
    }

    /// The CREATE FUNCTION statement that makes the routine again.
    static func ddl(of function: SQLFunction, name: RoutineName, description: String?) -> String {
        let parameters = function.parameters.map { "\($0.name) \($0.type.map(ScriptValues.typeName) ?? "ANY TYPE")" }
        var ddl = "CREATE \(function.tableColumns == nil ? "" : "TABLE ")FUNCTION `\(name)`(\(parameters.joined(separator: ", ")))"
        if let returns = function.returns { ddl += " RETURNS \(ScriptValues.typeName(returns))" }
        if let columns = function.tableColumns, !columns.isEmpty { ddl += " RETURNS \(tableTypeName(columns))" }
        ddl += " AS (\n\(function.body)\n)"
        if let description { ddl += "\nOPTIONS(description=\(quoted(description)))" }
        return ddl + ";"
    }
}

extension BigQueryStore {
    /// The routines of a dataset, or of the project when `dataset` is nil, in name order.
    func routineResources(
        project: String, dataset: String?, region: String? = nil, db: Database
    ) throws -> [(name: RoutineName, resource: JSONObject)] {
        var sql = "SELECT dataset, routine_id, resource FROM bq_routines WHERE project = ?"
        var arguments: StatementArguments = [project]
        if let dataset {
            sql += " AND dataset = ?"
            arguments += [dataset]
        }
        if let region {
            sql += " AND dataset IN \(BigQueryStore.datasetsInRegionSQL)"
            arguments += [project, region]
        }
        return try Row.fetchAll(db, sql: sql + " ORDER BY dataset, routine_id", arguments: arguments).compactMap { row in
            guard case .object(let resource) = try JSONValue(parsing: row["resource"] as String) else { return nil }
            return (RoutineName(project: project, dataset: row["dataset"], routine: row["routine_id"]), resource)
        }
    }
}

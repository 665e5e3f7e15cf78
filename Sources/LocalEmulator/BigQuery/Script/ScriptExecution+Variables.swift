import Foundation
import GoogleSQL
import WarehouseSchema

/// DECLARE and SET: variables live for the script and reach its queries as hidden parameters
/// (see `ScriptVariables`).
extension ScriptExecution {
    func declare(_ names: [String], type: TableFieldSchema?, defaultExpression: String?) throws {
        for name in names where variables[name.lowercased()] != nil {
            throw GoogleSQLError.invalidQuery("Variable '\(name)' has already been declared")
        }
        var field = type
        var value = BigQueryValue.null
        if let defaultExpression {
            let (schema, rows) = try query("SELECT (\(defaultExpression))")
            let source = schema.fields[0]
            value = rows.first?[0] ?? .null
            if let declared = field {
                try ScriptValues.checkAssignable(source, to: declared, index: 0, values: [value])
                value = try ScriptValues.convert(value, to: declared)
            } else {
                field = source
            }
        }
        guard var field else { throw GoogleSQLError.invalidQuery("DECLARE needs a type or a DEFAULT") }
        if field.mode == .repeated, value == .null { value = .array([]) }
        for name in names {
            field.name = name
            variables[name.lowercased()] = (field, value)
        }
    }

    /// `ASSERT`: FALSE and NULL fail the statement, with the description when there is one.
    func assert(_ expression: String, description: String?) throws {
        let (schema, rows) = try query("SELECT (\(expression))")
        // An untyped NULL is any type's NULL: a failed assertion, as a BOOL NULL is.
        guard schema.fields.first?.type == .boolean || rows.first?.first == .null else {
            throw GoogleSQLError.invalidQuery("ASSERT expression must be of type BOOL, but was \(schema.fields.first?.type.standardSQLName ?? "")")
        }
        guard rows.first?.first == .bool(true) else {
            throw GoogleSQLError.invalidQuery(description ?? "Assertion failed: \(expression.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
    }

    /// `SET @@dataset_id = 'ds'`: the statements after it read and write that dataset's tables by
    /// their bare names, as the job's default dataset would; `SET @@time_zone` gives them their
    /// default time zone.
    func setSystemVariable(_ name: String, expression: String) throws {
        let (_, rows) = try query("SELECT (\(expression))")
        switch try SystemVariables.assignment(name, rows.first?[0] ?? .null) {
        case .datasetId(let dataset):
            defaultDataset = (project: defaultDataset?.project ?? defaultProject, dataset: dataset)
        case .datasetProjectId(let project):
            guard let dataset = defaultDataset?.dataset else {
                throw GoogleSQLError.invalidQuery("Set @@dataset_id before @@dataset_project_id: the script has no default dataset")
            }
            defaultDataset = (project: project, dataset: dataset)
        case .timeZone(let zone):
            timeZone = zone
        }
    }

    func set(_ names: [String], expression: String) throws {
        let targets = try names.map { name -> TableFieldSchema in
            guard let variable = variables[name.lowercased()] else {
                throw GoogleSQLError.invalidQuery("Unrecognized name: \(name)")
            }
            return variable.field
        }
        let values: [BigQueryValue]
        let fields: [TableFieldSchema]
        if names.count == 1 {
            let (schema, rows) = try query("SELECT (\(expression))")
            values = [rows.first?[0] ?? .null]
            fields = schema.fields
        } else {
            // `SET (a, b) = (1, 'one')`: the tuple's parts are its columns.
            let inner = expression.trimmingCharacters(in: .whitespacesAndNewlines)
            guard inner.hasPrefix("("), inner.hasSuffix(")") else {
                throw GoogleSQLError.invalidQuery("SET with several variables needs a parenthesised list of values")
            }
            let (schema, rows) = try query("SELECT " + inner.dropFirst().dropLast())
            guard schema.fields.count == names.count else {
                throw GoogleSQLError.invalidQuery("SET assigns \(schema.fields.count) values to \(names.count) variables")
            }
            values = rows.first ?? Array(repeating: .null, count: names.count)
            fields = schema.fields
        }
        for (index, target) in targets.enumerated() {
            try ScriptValues.checkAssignable(fields[index], to: target, index: index, values: [values[index]])
            let converted = try ScriptValues.convert(values[index], to: target)
            variables[names[index].lowercased()] = (target, converted)
        }
    }
}

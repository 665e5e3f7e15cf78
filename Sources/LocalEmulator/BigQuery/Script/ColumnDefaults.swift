import GoogleSQL
import WarehouseSchema

/// Column default values (`DEFAULT expression`, REST `defaultValueExpression`): checked when a table
/// gets them, written by INSERT and MERGE for the columns a new row leaves out and for `DEFAULT`, and
/// by `UPDATE ... SET c = DEFAULT`. tabledata.insertAll leaves an omitted field NULL.
enum ColumnDefaults {
    /// A default must be a value of the column's type that reads no table: it is computed for each new
    /// row, where no table is in reach.
    static func check(_ schema: TableSchema) throws {
        for field in schema.fields {
            guard let expression = field.defaultValueExpression else { continue }
            let compiled: CompiledQuery
            do {
                compiled = try GoogleSQLCompiler.compile(
                    "SELECT (\(ScriptValues.coercingLiteral(expression, to: field)))", parameters: [], defaultProject: "default-value",
                    defaultDataset: nil, catalog: { name in throw GoogleSQLError.invalidQuery("it cannot read a table (\(name.table))") })
            } catch let error as GoogleSQLError {
                throw GoogleAPIError.badRequest("Invalid default value for column \(field.name): \(error.message)")
            }
            guard let source = compiled.schema.fields.first else { continue }
            let isNull = expression.trimmingCharacters(in: .whitespacesAndNewlines).uppercased() == "NULL"
            if isNull, field.mode == .required {
                throw GoogleAPIError.badRequest("Invalid default value for column \(field.name): a REQUIRED column cannot default to NULL")
            }
            guard isNull || ScriptValues.assignable(source, to: field) else {
                throw GoogleAPIError.badRequest(
                    "Invalid default value for column \(field.name): \(ScriptValues.typeName(source)) cannot be assigned to \(ScriptValues.typeName(field))"
                )
            }
        }
    }

    /// The text DML writes for `field` when a row gives it no value, or `DEFAULT`.
    static func text(for field: TableFieldSchema) -> String {
        field.defaultValueExpression.map { ScriptValues.coercingLiteral($0, to: field) } ?? "NULL"
    }
}

extension ScriptExecution {
    /// For `count` new rows, the values of the columns with a default that `given` leaves out, by column
    /// name; each row's defaults computed apart, so GENERATE_UUID() differs from row to row.
    func defaultValues(for info: TableInfo, given: [TableFieldSchema], count: Int) throws -> [String: [BigQueryValue]] {
        let omitted = info.schema.fields.filter { field in
            field.defaultValueExpression != nil && !given.contains { $0.name.lowercased() == field.name.lowercased() }
        }
        guard !omitted.isEmpty, count > 0 else { return [:] }
        var values: [String: [BigQueryValue]] = [:]
        for start in stride(from: 0, to: count, by: 10_000) {
            let rows = min(10_000, count - start)
            let list = omitted.enumerated().map { "(\(ColumnDefaults.text(for: $1))) AS _default_\($0)" }.joined(separator: ", ")
            let (schema, result) = try query("SELECT \(list) FROM UNNEST(GENERATE_ARRAY(1, \(rows)))")
            for (index, field) in omitted.enumerated() {
                try ScriptValues.checkAssignable(schema.fields[index], to: field, index: index, values: result.lazy.map { $0[index] })
                values[field.name, default: []] += result.map { $0[index] }
            }
        }
        return values
    }
}

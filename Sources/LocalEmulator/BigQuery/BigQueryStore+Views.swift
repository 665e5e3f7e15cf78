import Foundation
import GRDB
import GoogleSQL
import WarehouseSchema
import WireJSON

/// Logical views (`CREATE VIEW`): a SQLite view over the view query's translation, with the view's
/// column names and its schema in the table resource, so queries read it as they read a table and see
/// the tables' rows as they are when the query runs.
extension BigQueryStore {
    func createView(_ key: TableKey, query: String, compiled: CompiledQuery, db: Database) throws {
        let fields = try ScriptValues.tableFields(of: compiled.schema)
        let body: JSONObject = ["schema": TableSchema(fields: fields).json]
        var info = try BigQueryStore.newTable(project: key.project, dataset: key.dataset, tableId: key.table, body: body)
        let sqliteName = "bqv_" + info.sqliteTable.dropFirst(4)
        info.resource["type"] = "VIEW"
        info.resource["view"] = ["query": .string(query), "useLegacySql": false]
        info.catalog.sqliteTable = sqliteName
        guard try datasetExists(project: key.project, dataset: key.dataset, db: db) else {
            throw GoogleAPIError.notFound("Not found: Dataset \(key.project):\(key.dataset)")
        }
        let columns = fields.map { SQLiteStorage.quote($0.name) }.joined(separator: ", ")
        let viewSQL = try ViewSQL.inline(compiled.sql, arguments: compiled.argumentValues)
        try db.execute(sql: "CREATE VIEW \(SQLiteStorage.quote(sqliteName)) (\(columns)) AS \(viewSQL)")
        try db.execute(
            sql: "INSERT INTO bq_tables (project, dataset, table_id, sqlite_name, resource) VALUES (?, ?, ?, ?, ?)",
            arguments: [key.project, key.dataset, key.table, sqliteName, JSONValue.object(info.resource).encodedString()])
    }
}

/// A SQLite view cannot hold bound parameters, so the translation's arguments are written into its
/// text as SQLite literals: integers and reals as numbers, text quoted with quotes doubled, blobs in hex.
enum ViewSQL {
    static func inline(_ sql: String, arguments: [DatabaseValue]) throws -> String {
        var out = ""
        var next = 0
        var quote: Character?
        for character in sql {
            if let open = quote {
                out.append(character)
                if character == open { quote = nil }
                continue
            }
            switch character {
            case "'", "\"":
                quote = character
                out.append(character)
            case "?":
                guard next < arguments.count else {
                    throw GoogleSQLError.invalidQuery("Unsupported: this view query is not supported by the local emulator")
                }
                out += literal(arguments[next])
                next += 1
            default: out.append(character)
            }
        }
        return out
    }

    static func literal(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: return "NULL"
        case .int64(let number): return String(number)
        case .double(let number):
            if number.isNaN { return "(0.0/0.0)" }
            if number.isInfinite { return number > 0 ? "9e999" : "-9e999" }
            return "\(number)"
        case .string(let text):
            // NUL cannot appear in SQL text; such a value is built from hex at run time.
            if text.utf8.contains(0) {
                return "CAST(X'" + text.utf8.map { String(format: "%02X", $0) }.joined() + "' AS TEXT)"
            }
            return "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
        case .blob(let data): return "X'" + data.map { String(format: "%02X", $0) }.joined() + "'"
        }
    }
}

import Foundation
import GRDB
import GoogleSQL
import WarehouseSchema
import WireJSON

/// Logical views (`CREATE VIEW`): the view's query and schema in the table resource (and a SQLite view
/// of its translation at creation). A query that reads a view compiles the view's query again, against
/// the tables and views as they are then, and reads that translation in place: BigQuery resolves a
/// view's names each time it is read, so a view over a replaced table reads the new one, with its types.
extension BigQueryStore {
    /// Views reading views deeper than this are taken for a circle.
    static let maximumViewDepth = 16

    /// What a query reads for `info`: a table's catalog entry as stored; a view's with its query
    /// compiled now (names in it resolve in the view's own project and dataset). `visiting` holds the
    /// views being expanded around this one: meeting one of them again is a circle.
    func catalogEntry(
        _ info: TableInfo, mayRead: (String) throws -> Void, db: Database, visiting: Set<TableKey> = []
    ) throws -> CatalogTable {
        guard info.resource["type"]?.stringValue == "VIEW", let query = info.resource["view"]?["query"]?.stringValue else {
            return info.catalog
        }
        let key = TableKey(project: info.catalog.projectId, dataset: info.catalog.datasetId, table: info.catalog.tableId)
        guard !visiting.contains(key), visiting.count < Self.maximumViewDepth else {
            throw GoogleSQLError.invalidQuery(
                "View \(key.project):\(key.dataset).\(key.table) reads itself through other views, or views read views more than \(Self.maximumViewDepth) deep"
            )
        }
        let (project, dataset) = (info.catalog.projectId, info.catalog.datasetId)
        let compiled = try GoogleSQLCompiler.compile(
            query, parameters: [], defaultProject: project, defaultDataset: dataset,
            catalog: { name in
                let (innerProject, innerDataset) = (name.project ?? project, name.dataset ?? dataset)
                try mayRead(innerProject)
                guard try self.datasetExists(project: innerProject, dataset: innerDataset, db: db) else {
                    throw GoogleSQLError.notFound("Not found: Dataset \(innerProject):\(innerDataset) was not found in location US")
                }
                guard let inner = try self.table(project: innerProject, dataset: innerDataset, table: name.table, db: db) else { return nil }
                return try self.catalogEntry(inner, mayRead: mayRead, db: db, visiting: visiting.union([key]))
            })
        var catalog = info.catalog
        catalog.schema = TableSchema(fields: try ScriptValues.tableFields(of: compiled.schema))
        // The translation's result columns are `_c0`, `_c1`, ...: renamed to the view's column names.
        let renamed = catalog.schema.fields.enumerated().map { index, field in
            "\"_c\(index)\" AS \(SQLiteStorage.quote(field.name))"
        }
        let inner = try ViewSQL.inline(compiled.sql, arguments: compiled.argumentValues)
        catalog.viewSQL = "SELECT \(renamed.joined(separator: ", ")) FROM (\(inner))"
        return catalog
    }

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

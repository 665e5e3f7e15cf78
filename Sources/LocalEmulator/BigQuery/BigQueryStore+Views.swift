import Foundation
import GRDB
import GoogleSQL
import WarehouseSchema
import WireJSON

/// Logical views (`CREATE VIEW`): the view's query and schema in the table resource. A query that
/// reads a view translates the view's query again, against the tables and views as they are then,
/// and reads that translation as a WITH query (see `ViewExpansion`): BigQuery resolves a view's names
/// each time it is read, so a view over a replaced table reads the new one, with its columns and types.
extension BigQueryStore {
    /// BigQuery's limit on views reading views.
    static let maximumViewNesting = 16

    /// The views one query reads, each translated once however often it is read, and the chain of
    /// views being translated, to tell a circle.
    final class ViewTranslations {
        var translated: [TableKey: CatalogTable] = [:]
        var chain: [TableKey]

        /// Who runs the statement (SESSION_USER()), for the views that list the caller's own things.
        let sessionUser: String?

        /// `creating`: the view a CREATE VIEW is checking, which its query must not read.
        init(creating: TableKey? = nil, parameters: [QueryParameter] = []) {
            chain = creating.map { [$0] } ?? []
            let user = parameters.first { $0.name == GoogleSQLCompiler.sessionUserParameter }?.value
            if case .string(let email)? = user { sessionUser = email } else { sessionUser = nil }
        }
    }

    /// What a query reads for `info`: a table's catalog entry as stored; a view's with its query
    /// translated now.
    func catalogEntry(
        _ info: TableInfo, mayRead: (String) throws -> Void, db: Database, views: ViewTranslations
    ) throws -> CatalogTable {
        guard info.isView, let query = info.viewQuery else { return info.catalog }
        let key = TableKey(project: info.catalog.projectId, dataset: info.catalog.datasetId, table: info.catalog.tableId)
        if let done = views.translated[key] { return done }
        guard !views.chain.contains(key) else {
            let how = views.chain.last == key ? "" : " through other views"
            throw GoogleSQLError.invalidQuery("View \(key.project):\(key.dataset).\(key.table) reads itself\(how)")
        }
        guard views.chain.count < Self.maximumViewNesting else {
            throw GoogleSQLError.invalidQuery("Views can be nested at most \(Self.maximumViewNesting) levels deep")
        }
        views.chain.append(key)
        defer { views.chain.removeLast() }
        let compiled = try compileView(query, in: key, mayRead: mayRead, db: db, views: views)
        var catalog = info.catalog
        catalog.schema = TableSchema(fields: try ScriptValues.tableFields(of: compiled.schema))
        let own = ViewExpansion.Definition(
            sqlName: catalog.sqliteTable, columns: catalog.schema.fields.map(\.name),
            sql: try ViewSQL.inline(compiled.ownSQL, arguments: compiled.argumentValues))
        catalog.view = ViewExpansion(definitions: compiled.views + [own], scans: compiled.scans)
        views.translated[key] = catalog
        return catalog
    }

    /// A view's query translated as a read of the view translates it: its names resolve in the view's
    /// own project and dataset, and it has no parameters.
    func compileView(
        _ query: String, in view: TableKey, mayRead: (String) throws -> Void, db: Database, views: ViewTranslations
    ) throws -> CompiledQuery {
        try GoogleSQLCompiler.compile(
            query, parameters: [], defaultProject: view.project, defaultDataset: view.dataset,
            catalog: { name in
                try self.catalogTable(name, defaultProject: view.project, defaultDataset: view.dataset, mayRead: mayRead, db: db, views: views)
            },
            routines: { name in try self.routineFunction(name, mayRead: mayRead, db: db) })
    }

    /// Records a view whose query `compiled` checked (see `compileView`). Its storage name (`bqv_…`)
    /// names its translation in the queries that read it; no SQLite object holds it.
    /// `materialized`: a materialized view. `metadata`: the request's description, labels and name.
    @discardableResult
    func createView(
        _ key: TableKey, query: String, compiled: CompiledQuery, materialized: Bool = false, metadata: JSONObject = [:], db: Database
    ) throws -> TableInfo {
        let fields = try ScriptValues.tableFields(of: compiled.schema)
        var body: JSONObject = ["schema": TableSchema(fields: fields).json]
        for member in ["description", "friendlyName", "labels"] { if let value = metadata[member] { body[member] = value } }
        var info = try BigQueryStore.newTable(project: key.project, dataset: key.dataset, tableId: key.table, body: body)
        let sqliteName = "bqv_" + info.sqliteTable.dropFirst(4)
        if materialized {
            info.resource["type"] = "MATERIALIZED_VIEW"
            info.resource["materializedView"] = [
                "query": .string(query), "enableRefresh": true, "refreshIntervalMs": "1800000",
                "lastRefreshTime": info.resource["creationTime"] ?? .null,
            ]
        } else {
            info.resource["type"] = "VIEW"
            info.resource["view"] = ["query": .string(query), "useLegacySql": false]
        }
        guard try datasetExists(project: key.project, dataset: key.dataset, db: db) else {
            throw GoogleAPIError.notFound("Not found: Dataset \(key.project):\(key.dataset)")
        }
        try db.execute(
            sql: "INSERT INTO bq_tables (project, dataset, table_id, sqlite_name, resource) VALUES (?, ?, ?, ?, ?)",
            arguments: [key.project, key.dataset, key.table, sqliteName, JSONValue.object(info.resource).encodedString()])
        info.catalog.sqliteTable = sqliteName
        return info
    }

    /// tables.insert of a view (`view`) or a materialized view (`materializedView`), in GoogleSQL.
    func insertView(_ key: TableKey, body: JSONObject) async throws -> TableInfo {
        let materialized = body["view"] == nil
        guard case .object(let definition) = body["view"] ?? body["materializedView"] ?? .null,
            let query = definition["query"]?.stringValue, !query.isEmpty
        else {
            throw GoogleAPIError.badRequest("Required parameter is missing: \(materialized ? "materializedView" : "view").query", reason: "required")
        }
        if !materialized, definition["useLegacySql"]?.boolValue != false {
            throw GoogleAPIError.badRequest(
                "Unsupported: legacy SQL views are not supported by the local emulator; set view.useLegacySql to false (its default is true)")
        }
        if body["externalDataConfiguration"] != nil || (body["view"] != nil && body["materializedView"] != nil) {
            throw GoogleAPIError.badRequest("A table is one of a view, a materialized view or an external table")
        }
        return try await writer.write { db in
            guard try self.datasetExists(project: key.project, dataset: key.dataset, db: db) else {
                throw GoogleAPIError.notFound("Not found: Dataset \(key.project):\(key.dataset)")
            }
            if try self.table(project: key.project, dataset: key.dataset, table: key.table, db: db) != nil {
                throw GoogleAPIError.conflict("Already Exists: Table \(key.project):\(key.dataset).\(key.table)")
            }
            let compiled: CompiledQuery
            do {
                compiled = try self.compileView(query, in: key, mayRead: { _ in }, db: db, views: ViewTranslations(creating: key))
            } catch let error as GoogleSQLError {
                throw error.apiError
            }
            return try self.createView(key, query: query, compiled: compiled, materialized: materialized, metadata: body, db: db)
        }
    }
}

/// A view's translation goes into the WITH clause of statements with bound arguments of their own, so
/// its arguments are written into its text as SQLite literals: integers and reals as numbers, text
/// quoted with quotes doubled, blobs in hex.
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

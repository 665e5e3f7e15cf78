import Foundation
import GRDB
import GoogleSQL
import WarehouseSchema
import WireJSON

/// CREATE TABLE / VIEW / SCHEMA, DROP and TRUNCATE, through the same table and dataset creation and
/// storage as tables.insert and datasets.insert (ALTER is in ScriptExecution+Alter).
extension ScriptExecution {
    func createTable(_ statement: CreateTableStatement) throws {
        var create = statement
        if let source = create.source { try takeDefinition(from: source.name, copyingRows: source.copiesRows, into: &create) }
        defer { copySource = nil }
        var rows: [[BigQueryValue]] = []
        var fields = create.columns
        var sourceSchema: TableSchema?
        if let query = create.query {
            let (schema, result) = try self.query(query)
            sourceSchema = schema
            rows = result
            if fields == nil { fields = try ScriptValues.tableFields(of: schema) }
        }
        guard let fields else { return }
        var body: JSONObject = ["schema": TableSchema(fields: fields).json]
        if let description = create.description { body["description"] = .string(description) }
        if let partitioning = create.partitioning {
            var spec: JSONObject = ["type": .string(partitioning.granularity)]
            if let column = partitioning.column {
                guard let field = fields.first(where: { $0.name.lowercased() == column.lowercased() }) else {
                    throw GoogleSQLError.invalidQuery("Unrecognized name: \(column)")
                }
                spec["field"] = .string(field.name)
            }
            if create.requirePartitionFilter { spec["requirePartitionFilter"] = true }
            body["timePartitioning"] = .object(spec)
        }
        if let range = create.rangePartitioning {
            guard let field = fields.first(where: { $0.name.lowercased() == range.column.lowercased() }) else {
                throw GoogleSQLError.invalidQuery("Unrecognized name: \(range.column)")
            }
            body["rangePartitioning"] = [
                "field": .string(field.name),
                "range": ["start": .string(String(range.start)), "end": .string(String(range.end)), "interval": .string(String(range.interval))],
            ]
        }
        if create.requirePartitionFilter { body["requirePartitionFilter"] = true }
        if !create.clustering.isEmpty { body["clustering"] = ["fields": .array(create.clustering.map { .string($0) })] }

        let info: TableInfo
        if create.temporary {
            guard create.name.dataset == nil else {
                throw GoogleSQLError.invalidQuery("Temporary table \(create.name) must not be qualified with a dataset")
            }
            let lowered = create.name.table.lowercased()
            if temporaryTables[lowered] != nil {
                if create.ifNotExists { return }
                guard create.orReplace else {
                    throw GoogleAPIError.conflict("Already Exists: Table \(create.name.table)")
                }
                try store.dropStorage(sqliteName: temporaryTables[lowered]!.sqliteTable, db: db)
            }
            info = try BigQueryStore.newTable(
                project: defaultProject, dataset: "_script", tableId: create.name.table, body: body,
                storageName: BigQueryStore.temporaryStorageName())
            try store.createStorage(for: info, db: db)
            temporaryTables[lowered] = info
        } else {
            let key = try self.key(create.name)
            guard try makeRoom(for: key, view: false, ifNotExists: create.ifNotExists, orReplace: create.orReplace) else { return }
            info = try BigQueryStore.newTable(project: key.project, dataset: key.dataset, tableId: key.table, body: body)
            try store.createTable(info, db: db)
            forget(key)
        }
        if let sourceSchema, !rows.isEmpty {
            try append(rows, schema: sourceSchema, columns: info.schema.fields, into: info)
        }
    }

    /// `CREATE TABLE t LIKE s`: s's schema, partitioning and clustering, where the statement names
    /// none of its own; `COPY s` / `CLONE s` also reads s's rows.
    private func takeDefinition(from source: TableName, copyingRows: Bool, into create: inout CreateTableStatement) throws {
        let info = try requireTable(source)
        if create.columns == nil { create.columns = info.schema.fields }
        if create.partitioning == nil, create.rangePartitioning == nil, let spec = info.partitioning {
            create.partitioning = (spec.column, spec.granularity.rawValue)
        }
        if create.partitioning == nil, create.rangePartitioning == nil, let range = info.resource["rangePartitioning"],
            let column = range["field"]?.stringValue, let start = range["range"]?["start"]?.stringValue.flatMap({ Int64($0) }),
            let end = range["range"]?["end"]?.stringValue.flatMap({ Int64($0) }),
            let interval = range["range"]?["interval"]?.stringValue.flatMap({ Int64($0) })
        {
            create.rangePartitioning = (column, start, end, interval)
        }
        if create.clustering.isEmpty { create.clustering = info.resource["clustering"]?["fields"]?.arrayValue?.compactMap(\.stringValue) ?? [] }
        if create.description == nil { create.description = info.resource["description"]?.stringValue }
        if info.catalog.requirePartitionFilter { create.requirePartitionFilter = true }
        if copyingRows {
            let reference = [info.catalog.projectId, info.catalog.datasetId, info.catalog.tableId].joined(separator: ".")
            create.query = info.catalog.datasetId == "_script" ? "SELECT * FROM \(source.table)" : "SELECT * FROM `\(reference)`"
            // A copy reads every partition, whatever the table's partition filter requirement.
            copySource = key(of: info.catalog)
        }
    }

    func createView(_ create: CreateViewStatement) throws {
        let key = try self.key(create.name)
        try mayRead(key.project)
        // Checked as every read of it will compile it, before a view it replaces is dropped, so a view
        // that would read itself is refused.
        let compiled = try store.compileView(
            create.query, in: key, mayRead: mayRead, db: db, views: BigQueryStore.ViewTranslations(creating: key))
        guard try makeRoom(for: key, view: true, ifNotExists: create.ifNotExists, orReplace: create.orReplace) else { return }
        var metadata: JSONObject = [:]
        if let description = create.description { metadata["description"] = .string(description) }
        try store.createView(key, query: create.query, compiled: compiled, materialized: create.materialized, metadata: metadata, db: db)
        forget(key)
    }

    /// Checks a CREATE's target and clears the way for it: false when the table or view exists and
    /// `IF NOT EXISTS` says to leave it; with `OR REPLACE` the existing one is dropped when it is of
    /// the kind being created (`view` or table), a 400 when not; else a 409.
    private func makeRoom(for key: BigQueryStore.TableKey, view: Bool, ifNotExists: Bool, orReplace: Bool) throws -> Bool {
        try mayRead(key.project)
        guard BigQueryIds.isValidTable(key.table) else { throw BigQueryIds.invalidTable(key.table) }
        guard let existing = try store.table(project: key.project, dataset: key.dataset, table: key.table, db: db) else { return true }
        if ifNotExists { return false }
        guard orReplace else { throw GoogleAPIError.conflict("Already Exists: Table \(key.project):\(key.dataset).\(key.table)") }
        if existing.isView != view {
            let (found, wanted) = view ? ("table", "VIEW") : ("view", "TABLE")
            throw GoogleSQLError.invalidQuery(
                "\(existing.reference) is a \(found); CREATE OR REPLACE \(wanted) replaces only a \(wanted.lowercased()) (use DROP \(found.uppercased()) first)"
            )
        }
        try store.dropTable(existing, db: db)
        forget(key)
        return true
    }

    func drop(_ name: TableName, isView: Bool, ifExists: Bool) throws {
        if !isView, name.dataset == nil, let temporary = temporaryTables[name.table.lowercased()] {
            try store.dropStorage(sqliteName: temporary.sqliteTable, db: db)
            temporaryTables[name.table.lowercased()] = nil
            return
        }
        let key = try self.key(name)
        try mayRead(key.project)
        guard let info = try store.table(project: key.project, dataset: key.dataset, table: key.table, db: db) else {
            if ifExists { return }
            _ = try store.requireTable(project: key.project, dataset: key.dataset, table: key.table, db: db)
            return
        }
        let viewFound = info.isView
        if viewFound != isView {
            throw GoogleSQLError.invalidQuery(
                "\(key.project):\(key.dataset).\(key.table) is a \(viewFound ? "view" : "table"); use DROP \(viewFound ? "VIEW" : "TABLE")")
        }
        try store.dropTable(info, db: db)
        forget(key)
    }

    /// CREATE SCHEMA: a dataset, as datasets.insert makes one.
    func createSchema(_ name: SchemaName, ifNotExists: Bool, options: SchemaOptions) throws {
        let project = name.project ?? defaultProject
        try mayRead(project)
        if ifNotExists, try store.datasetExists(project: project, dataset: name.dataset, db: db) { return }
        var body: JSONObject = [:]
        if let description = options.description { body["description"] = .string(description) }
        if let friendlyName = options.friendlyName { body["friendlyName"] = .string(friendlyName) }
        if let location = options.location { body["location"] = .string(location) }
        _ = try store.createDataset(project: project, datasetId: name.dataset, body: body, db: db)
    }

    /// DROP SCHEMA: refused while the dataset holds tables or views, unless CASCADE.
    func dropSchema(_ name: SchemaName, ifExists: Bool, cascade: Bool) throws {
        let project = name.project ?? defaultProject
        try mayRead(project)
        if ifExists, try !store.datasetExists(project: project, dataset: name.dataset, db: db) { return }
        for key in try store.dropDataset(project: project, dataset: name.dataset, deleteContents: cascade, db: db) { forget(key) }
    }

    func truncate(_ info: TableInfo) throws {
        try db.execute(sql: "DELETE FROM \(SQLiteStorage.quote(info.sqliteTable))")
        try db.execute(sql: "DELETE FROM bq_partition_bytes WHERE sqlite_name = ?", arguments: [info.sqliteTable])
    }

    func forget(_ key: BigQueryStore.TableKey) {
        touched.insert(key)
        store.forgetTable(key)
    }
}

extension ScriptExecution {
    /// `CREATE TEMP FUNCTION`: checked now (a body that cannot resolve fails here, not at its first
    /// call), then callable by every later statement of the script. `CREATE FUNCTION dataset.f`: a
    /// routine, stored as routines.insert stores one.
    func createFunction(_ create: CreateFunctionStatement) throws {
        if let target = create.target { return try createRoutine(create, target) }
        let key = create.function.name.uppercased()
        if functions[key] != nil {
            if create.ifNotExists { return }
            guard create.orReplace else {
                throw GoogleSQLError.invalidQuery("Temporary function \(create.function.name) already exists")
            }
        }
        let views = BigQueryStore.ViewTranslations()
        try GoogleSQLCompiler.check(
            create.function, functions: Array(functions.values), parameters: compilerParameters,
            defaultProject: defaultDataset?.project ?? defaultProject, defaultDataset: queryDefaultDataset,
            catalog: { name in try self.catalogTable(name, views: views) }, routines: routineLookup)
        functions[key] = create.function
    }

    private func createRoutine(_ create: CreateFunctionStatement, _ target: TableName) throws {
        let name = try routineName(target)
        try store.requireDataset(name, db: db)
        let existing = try store.routineResource(name, db: db)
        if existing != nil {
            if create.ifNotExists { return }
            guard create.orReplace else { throw BigQueryStore.routineExists(name) }
        }
        let resource = RoutineResource.resource(for: create.function, name: name, description: create.description)
        _ = try store.storeRoutine(resource, name: name, replacing: nil, db: db)
    }

    /// `DROP FUNCTION`: later statements no longer see the temporary function; with a qualified name,
    /// the dataset's function is deleted.
    func dropFunction(_ name: TableName, ifExists: Bool) throws {
        guard name.dataset == nil else {
            let routine = try routineName(name)
            guard try store.dropRoutine(routine, db: db) || ifExists else { throw BigQueryStore.routineNotFound(routine) }
            return
        }
        guard functions.removeValue(forKey: name.table.uppercased()) != nil || ifExists else {
            throw GoogleSQLError.invalidQuery("Temporary function \(name.table) does not exist")
        }
    }

    /// The routine a DDL statement names, in the job's default project.
    func routineName(_ name: TableName, kind: String = "Function") throws -> RoutineName {
        guard let dataset = name.dataset ?? defaultDataset?.dataset else {
            let temporary = kind == "Function" ? ", or be a CREATE TEMP FUNCTION" : ""
            throw GoogleSQLError.invalidQuery(
                "\(kind) \(name.table) must be qualified with a dataset (e.g. dataset.\(name.table))\(temporary)")
        }
        let project = name.project ?? defaultDataset?.project ?? defaultProject
        try mayRead(project)
        return try BigQueryStore.routineName(project: project, dataset: dataset, routine: name.table)
    }

    /// The datasets' functions, as the compiler looks them up.
    var routineLookup: GoogleSQLCompiler.Routines {
        { name in try self.store.routineFunction(name, mayRead: self.mayRead, db: self.db) }
    }
}

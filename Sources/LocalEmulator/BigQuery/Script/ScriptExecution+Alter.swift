import Foundation
import GRDB
import GoogleSQL
import WarehouseSchema
import WireJSON

/// ALTER TABLE and ALTER SCHEMA. Every action of a statement is checked against the schema first;
/// the storage changes then run in order, and the table resource is written once.
extension ScriptExecution {
    func alterSchema(_ name: SchemaName, ifExists: Bool, options: SchemaOptions) throws {
        let project = name.project ?? defaultProject
        try mayRead(project)
        if ifExists, try !store.datasetExists(project: project, dataset: name.dataset, db: db) { return }
        var body: JSONObject = [:]
        if let description = options.description { body["description"] = .string(description) }
        if let friendlyName = options.friendlyName { body["friendlyName"] = .string(friendlyName) }
        _ = try store.patchDataset(project: project, dataset: name.dataset, body: body, db: db)
    }

    func alterTable(_ alter: AlterTableStatement) throws {
        if alter.ifExists, try !tableExists(alter.name) { return }
        let info = try requireTable(alter.name)
        let isTemporary = alter.name.dataset == nil && temporaryTables[alter.name.table.lowercased()] != nil
        var plan = AlterPlan(info: info)
        for action in alter.actions { try plan.apply(action) }
        try BigQueryStore.checkColumnCount(info.storageColumnCount(with: plan.schema))
        for sql in plan.storage { try db.execute(sql: sql) }

        var resource = info.resource
        try ColumnDefaults.check(plan.schema)
        resource["schema"] = plan.schema.json
        for (key, value) in plan.resourceChanges { resource[key] = value }
        resource["lastModifiedTime"] = epochMillisString()
        resource["etag"] = .string(UUID().uuidString)
        let tableId = plan.newTableId ?? info.catalog.tableId
        if let newTableId = plan.newTableId {
            guard !isTemporary else {
                throw GoogleSQLError.invalidQuery("ALTER TABLE RENAME TO of a temporary table is not supported by the local emulator")
            }
            guard BigQueryIds.isValidTable(newTableId) else { throw BigQueryIds.invalidTable(newTableId) }
            if try store.table(project: info.catalog.projectId, dataset: info.catalog.datasetId, table: newTableId, db: db) != nil {
                throw GoogleAPIError.conflict("Already Exists: Table \(info.catalog.projectId):\(info.catalog.datasetId).\(newTableId)")
            }
            resource["id"] = .string("\(info.catalog.projectId):\(info.catalog.datasetId).\(newTableId)")
            resource["tableReference"] = [
                "projectId": .string(info.catalog.projectId), "datasetId": .string(info.catalog.datasetId), "tableId": .string(newTableId),
            ]
        }
        let updated = try BigQueryStore.tableInfo(
            project: info.catalog.projectId, dataset: info.catalog.datasetId, table: tableId,
            sqliteName: info.sqliteTable, resourceText: JSONValue.object(resource).encodedString())
        if plan.recount { try recountBytes(of: updated) }
        if isTemporary {
            temporaryTables[alter.name.table.lowercased()] = updated
            return
        }
        try db.execute(
            sql: "UPDATE bq_tables SET resource = ?, table_id = ? WHERE project = ? AND dataset = ? AND table_id = ?",
            arguments: [
                JSONValue.object(updated.resource).encodedString(), tableId, info.catalog.projectId, info.catalog.datasetId,
                info.catalog.tableId,
            ])
        forget(key(of: info.catalog))
        if plan.newTableId != nil { forget(key(of: updated.catalog)) }
    }

    private func tableExists(_ name: TableName) throws -> Bool {
        if name.dataset == nil, temporaryTables[name.table.lowercased()] != nil { return true }
        let key = try self.key(name)
        try mayRead(key.project)
        return try store.table(project: key.project, dataset: key.dataset, table: key.table, db: db) != nil
    }
}

/// What one ALTER TABLE statement does to a table: its new schema and resource members, and the
/// SQLite statements that bring the stored rows along.
private struct AlterPlan {
    let info: TableInfo
    var schema: TableSchema
    var storage: [String] = []
    var resourceChanges: [(String, JSONValue?)] = []
    var newTableId: String?
    /// Whether the per-column byte counts must be counted again (a column gone, renamed or retyped).
    var recount = false
    let table: String
    /// Partitioning and clustering columns, lowercased: their storage is indexed, and BigQuery keeps them fixed.
    let structural: Set<String>

    init(info: TableInfo) {
        self.info = info
        schema = info.schema
        table = SQLiteStorage.quote(info.sqliteTable)
        var structural = Set((info.resource["clustering"]?["fields"]?.arrayValue ?? []).compactMap { $0.stringValue?.lowercased() })
        if let column = info.partitioning?.column { structural.insert(column.lowercased()) }
        self.structural = structural
    }

    /// The position of a top-level column; nil (the action skipped) when absent under IF EXISTS.
    func index(of name: String, ifExists: Bool) throws -> Int? {
        if let index = schema.fields.firstIndex(where: { $0.name.lowercased() == name.lowercased() }) { return index }
        if ifExists { return nil }
        throw GoogleSQLError.invalidQuery("Column not found: \(name) in table \(info.reference)")
    }

    func refuseStructural(_ name: String, _ action: String) throws {
        guard structural.contains(name.lowercased()) else { return }
        throw GoogleSQLError.invalidQuery("ALTER TABLE \(action) cannot change \(name), a partitioning or clustering column of \(info.reference)")
    }

    mutating func apply(_ action: AlterTableAction) throws {
        switch action {
        case .addColumn(let column, let ifNotExists):
            if schema.field(named: column.name) != nil {
                if ifNotExists { return }
                throw GoogleSQLError.invalidQuery("Column already exists: \(column.name)")
            }
            if column.mode == .required {
                throw GoogleSQLError.invalidQuery("ALTER TABLE ADD COLUMN cannot add a NOT NULL column \(column.name)")
            }
            schema.fields.append(column)
            storage.append("ALTER TABLE \(table) ADD COLUMN \(SQLiteStorage.quote(column.name)) \(SQLiteStorage.columnType(of: column))")
        case .dropColumn(let name, let ifExists):
            guard let index = try index(of: name, ifExists: ifExists) else { return }
            try refuseStructural(name, "DROP COLUMN")
            guard schema.fields.count > 1 else {
                throw GoogleSQLError.invalidQuery("ALTER TABLE DROP COLUMN cannot drop the only column of \(info.reference)")
            }
            storage.append("ALTER TABLE \(table) DROP COLUMN \(SQLiteStorage.quote(schema.fields[index].name))")
            schema.fields.remove(at: index)
            recount = true
        case .renameColumn(let name, let newName, let ifExists):
            guard let index = try index(of: name, ifExists: ifExists) else { return }
            try refuseStructural(name, "RENAME COLUMN")
            guard TableFieldSchema.isValidName(newName) else { throw GoogleSQLError.invalidQuery("Invalid column name: \(newName)") }
            if schema.field(named: newName) != nil, newName.lowercased() != name.lowercased() {
                throw GoogleSQLError.invalidQuery("Column already exists: \(newName)")
            }
            storage.append(
                "ALTER TABLE \(table) RENAME COLUMN \(SQLiteStorage.quote(schema.fields[index].name)) TO \(SQLiteStorage.quote(newName))")
            schema.fields[index].name = newName
            recount = true
        case .setDataType(let type, let ifExists):
            guard let index = try index(of: type.name, ifExists: ifExists) else { return }
            try retype(at: index, to: type)
        case .dropNotNull(let name, let ifExists):
            guard let index = try index(of: name, ifExists: ifExists) else { return }
            if schema.fields[index].mode == .required { schema.fields[index].mode = .nullable }
        case .setDefault(let name, let expression, let ifExists):
            guard let index = try index(of: name, ifExists: ifExists) else { return }
            schema.fields[index].defaultValueExpression = expression
        case .setColumnDescription(let name, let description, let ifExists):
            guard let index = try index(of: name, ifExists: ifExists) else { return }
            schema.fields[index].description = description
        case .setOptions(let options):
            if let description = options.description { resourceChanges.append(("description", .string(description))) }
            if let friendlyName = options.friendlyName { resourceChanges.append(("friendlyName", .string(friendlyName))) }
            if let require = options.requirePartitionFilter {
                guard info.partitioning != nil else {
                    throw GoogleSQLError.invalidQuery("require_partition_filter applies only to a partitioned table; \(info.reference) is not")
                }
                resourceChanges.append(("requirePartitionFilter", .bool(require)))
                if case .object(var spec)? = info.resource["timePartitioning"] {
                    spec["requirePartitionFilter"] = .bool(require)
                    resourceChanges.append(("timePartitioning", .object(spec)))
                }
            }
        case .renameTable(let name):
            newTableId = name
        }
    }

    /// `ALTER COLUMN c SET DATA TYPE t`: the widenings BigQuery allows (INT64 to NUMERIC, BIGNUMERIC or
    /// FLOAT64; NUMERIC to BIGNUMERIC or FLOAT64; a parameterized type to a wider one). Stored values
    /// of another SQLite affinity are converted into a new column that takes the old one's place.
    private mutating func retype(at index: Int, to type: TableFieldSchema) throws {
        let current = schema.fields[index]
        var updated = current
        updated.type = type.type
        updated.parameters = type.parameters
        let widens: Bool =
            switch (current.type, type.type) {
            case let (a, b) where a == b: current.parameters.widens(to: type.parameters) && a != .record
            case (.integer, .numeric), (.integer, .bignumeric), (.integer, .float), (.numeric, .bignumeric), (.numeric, .float):
                type.parameters.isEmpty
            default: false
            }
        guard widens, (current.mode == .repeated) == (type.mode == .repeated) else {
            throw GoogleSQLError.invalidQuery(
                "ALTER TABLE ALTER COLUMN SET DATA TYPE requires that the existing column type (\(ScriptValues.typeName(current))) is assignable to the new type (\(ScriptValues.typeName(type)))"
            )
        }
        schema.fields[index] = updated
        let oldAffinity = SQLiteStorage.columnType(of: current)
        let newAffinity = SQLiteStorage.columnType(of: updated)
        guard oldAffinity != newAffinity || current.mode == .repeated && current.type != updated.type else { return }
        try refuseStructural(current.name, "ALTER COLUMN SET DATA TYPE")
        guard current.mode != .repeated else {
            throw GoogleSQLError.invalidQuery(
                "ALTER COLUMN SET DATA TYPE of an ARRAY column's elements is not supported by the local emulator: \(current.name)")
        }
        let column = SQLiteStorage.quote(current.name)
        // `$` is in no BigQuery column name, so the temporary name cannot meet a column of the table.
        let replacement = SQLiteStorage.quote("$retyped$" + current.name)
        storage += [
            "ALTER TABLE \(table) ADD COLUMN \(replacement) \(newAffinity)",
            "UPDATE \(table) SET \(replacement) = CAST(\(column) AS \(newAffinity == "REAL" ? "REAL" : "TEXT"))",
            "ALTER TABLE \(table) DROP COLUMN \(column)",
            "ALTER TABLE \(table) RENAME COLUMN \(replacement) TO \(column)",
        ]
        recount = true
    }
}

import Foundation
import GRDB
import GoogleSQL
import WarehouseSchema
import WireJSON

/// `dataset.INFORMATION_SCHEMA.TABLES`, `COLUMNS`, `COLUMN_FIELD_PATHS`, `TABLE_OPTIONS`, `VIEWS`,
/// `PARTITIONS`, `ROUTINES`, `ROUTINE_OPTIONS` and `PARAMETERS` (of one dataset, or of every dataset of
/// the project with a `region-…` qualifier), `INFORMATION_SCHEMA.SCHEMATA`, and `region-….INFORMATION_SCHEMA.JOBS`
/// (see `InformationSchema+Jobs.swift`): read-only views whose rows are built from the datasets and tables
/// when a query reads them, and read through the same WITH mechanism as a logical view.
enum InformationSchema {
    enum View: String, CaseIterable {
        case tables = "TABLES"
        case columns = "COLUMNS"
        case columnFieldPaths = "COLUMN_FIELD_PATHS"
        case tableOptions = "TABLE_OPTIONS"
        case views = "VIEWS"
        case partitions = "PARTITIONS"
        case schemata = "SCHEMATA"
        case routines = "ROUTINES"
        case routineOptions = "ROUTINE_OPTIONS"
        case parameters = "PARAMETERS"
        case jobs = "JOBS"
        case jobsByProject = "JOBS_BY_PROJECT"
        case jobsByUser = "JOBS_BY_USER"

        /// Whether the view's rows come from the routines rather than the tables.
        var isOfRoutines: Bool { [.routines, .routineOptions, .parameters].contains(self) }

        /// Whether the view lists the project's jobs, and so is qualified by a region only.
        var isOfJobs: Bool { [.jobs, .jobsByProject, .jobsByUser].contains(self) }
    }

    static let prefix = "INFORMATION_SCHEMA."

    static func schema(of view: View) -> TableSchema {
        func strings(_ names: String...) -> [TableFieldSchema] { names.map { TableFieldSchema(name: $0, type: .string) } }
        func timestamp(_ name: String) -> TableFieldSchema { TableFieldSchema(name: name, type: .timestamp) }
        func integer(_ name: String) -> TableFieldSchema { TableFieldSchema(name: name, type: .integer) }
        let table = strings("table_catalog", "table_schema", "table_name")
        switch view {
        case .tables:
            return TableSchema(
                fields: table + strings("table_type", "is_insertable_into", "is_typed", "is_change_history_enabled") + [timestamp("creation_time")]
                    + strings("base_table_catalog", "base_table_schema", "base_table_name") + [timestamp("snapshot_time_ms")]
                    + strings("ddl", "default_collation_name") + [timestamp("upsert_stream_apply_watermark")])
        case .columns:
            return TableSchema(
                fields: table + strings("column_name") + [integer("ordinal_position")]
                    + strings(
                        "is_nullable", "data_type", "is_generated", "generation_expression", "is_stored", "is_hidden", "is_updatable",
                        "is_system_defined", "is_partitioning_column")
                    + [integer("clustering_ordinal_position")] + strings("collation_name", "column_default", "rounding_mode"))
        case .columnFieldPaths:
            return TableSchema(
                fields: table + strings("column_name", "field_path", "data_type", "description", "collation_name", "rounding_mode"))
        case .tableOptions:
            return TableSchema(fields: table + strings("option_name", "option_type", "option_value"))
        case .views:
            return TableSchema(fields: table + strings("view_definition", "check_option", "use_standard_sql"))
        case .partitions:
            return TableSchema(
                fields: table + strings("partition_id") + [integer("total_rows"), integer("total_logical_bytes"), timestamp("last_modified_time")]
                    + strings("storage_tier"))
        case .schemata:
            return TableSchema(
                fields: strings("catalog_name", "schema_name", "schema_owner") + [timestamp("creation_time"), timestamp("last_modified_time")]
                    + strings("location", "ddl", "default_collation_name"))
        case .routines, .routineOptions, .parameters:
            return routineSchema(of: view)
        case .jobs, .jobsByProject, .jobsByUser:
            return jobsSchema
        }
    }

    static func micros(fromMillis value: JSONValue?) -> BigQueryValue {
        guard let millis = value?.int64Value else { return .null }
        return .timestamp(millis.multipliedReportingOverflow(by: 1000).overflow ? 0 : millis * 1000)
    }

    /// A quoted string as DDL and option values write it.
    static func quoted(_ text: String) -> String {
        "\""
            + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(
                of: "\n", with: "\\n")
            + "\""
    }

    /// One partition's stored rows and bytes, from the table's per-partition counts.
    struct PartitionCount {
        var start: Int64
        var rows: Int64
        var bytes: Int64
    }

    /// A partition's id as BigQuery writes it: `20240101` (DAY), `2024010112` (HOUR), `202401`
    /// (MONTH), `2024` (YEAR), the start value of an integer range (`__UNPARTITIONED__` outside it),
    /// `__NULL__` for rows whose partitioning column is NULL, and NULL for a table that is not partitioned.
    static func partitionId(start: Int64, of info: TableInfo) -> BigQueryValue {
        if start == PartitionSpec.nullPartition.start, info.partitioning != nil || info.catalog.rangePartitioning != nil {
            return .string("__NULL__")
        }
        if info.catalog.rangePartitioning != nil {
            return .string(start == RangePartitionSpec.unpartitioned.start ? "__UNPARTITIONED__" : String(start))
        }
        guard let spec = info.partitioning else { return .null }
        let day = CivilTime.floorDiv(start, CivilTime.microsPerDay)
        let date = CivilTime.civil(fromDays: day)
        let hour = Int(CivilTime.floorDiv(start - day * CivilTime.microsPerDay, 3_600_000_000))
        let year = CivilTime.pad(date.year, 4)
        switch spec.granularity {
        case .year: return .string(year)
        case .month: return .string(year + CivilTime.pad(date.month, 2))
        case .day: return .string(year + CivilTime.pad(date.month, 2) + CivilTime.pad(date.day, 2))
        case .hour: return .string(year + CivilTime.pad(date.month, 2) + CivilTime.pad(date.day, 2) + CivilTime.pad(hour, 2))
        }
    }

    /// The rows of `view` for `tables` (each with its dataset, and for PARTITIONS its partitions) or,
    /// for SCHEMATA, `datasets`.
    static func rows(
        of view: View, project: String, tables: [TableInfo], datasets: [(id: String, resource: JSONObject)],
        partitions: [String: [PartitionCount]] = [:]
    ) -> [[BigQueryValue]] {
        var rows: [[BigQueryValue]] = []
        if view == .schemata {
            for (id, resource) in datasets {
                var ddl = "CREATE SCHEMA `\(project).\(id)`"
                var options: [String] = []
                if let description = resource["description"]?.stringValue { options.append("description=\(quoted(description))") }
                if let friendlyName = resource["friendlyName"]?.stringValue { options.append("friendly_name=\(quoted(friendlyName))") }
                let location = resource["location"]?.stringValue ?? "US"
                options.append("location=\(quoted(location))")
                ddl += "\nOPTIONS(\n  " + options.joined(separator: ",\n  ") + "\n);"
                rows.append([
                    .string(project), .string(id), .null, micros(fromMillis: resource["creationTime"]),
                    micros(fromMillis: resource["lastModifiedTime"]), .string(location), .string(ddl), .string("NULL"),
                ])
            }
            return rows
        }
        for info in tables {
            let names: [BigQueryValue] = [.string(info.catalog.projectId), .string(info.catalog.datasetId), .string(info.catalog.tableId)]
            let clustering = info.resource["clustering"]?["fields"]?.arrayValue?.compactMap(\.stringValue) ?? []
            switch view {
            case .tables:
                rows.append(
                    names + [
                        .string(info.isMaterializedView ? "MATERIALIZED VIEW" : info.isView ? "VIEW" : "BASE TABLE"),
                        .string(info.isView ? "NO" : "YES"), .string("NO"), .string("NO"),
                        micros(fromMillis: info.resource["creationTime"]), .null, .null, .null, .null, .string(ddl(of: info)), .string("NULL"), .null,
                    ])
            case .columns:
                for (position, field) in info.schema.fields.enumerated() {
                    let partitioning = info.partitioning?.column?.lowercased() == field.name.lowercased()
                    let cluster = clustering.firstIndex { $0.lowercased() == field.name.lowercased() }
                    rows.append(
                        names + [
                            .string(field.name), .int64(Int64(position + 1)), .string(field.mode == .nullable ? "YES" : "NO"),
                            .string(ScriptValues.typeName(field)), .string("NEVER"), .null, .null, .string("NO"), .null, .string("NO"),
                            .string(partitioning ? "YES" : "NO"), cluster.map { .int64(Int64($0 + 1)) } ?? .null, .string("NULL"),
                            .string(field.defaultValueExpression ?? "NULL"), field.parameters.roundingMode.map { .string($0.rawValue) } ?? .null,
                        ])
                }
            case .columnFieldPaths:
                func add(_ field: TableFieldSchema, column: String, path: String) {
                    rows.append(
                        names + [
                            .string(column), .string(path), .string(ScriptValues.typeName(field)), field.description.map { .string($0) } ?? .null,
                            .string(field.defaultValueExpression ?? "NULL"), field.parameters.roundingMode.map { .string($0.rawValue) } ?? .null,
                        ])
                    for child in field.fields { add(child, column: column, path: path + "." + child.name) }
                }
                for field in info.schema.fields { add(field, column: field.name, path: field.name) }
            case .tableOptions:
                if let description = info.resource["description"]?.stringValue {
                    rows.append(names + [.string("description"), .string("STRING"), .string(quoted(description))])
                }
                if let friendlyName = info.resource["friendlyName"]?.stringValue {
                    rows.append(names + [.string("friendly_name"), .string("STRING"), .string(quoted(friendlyName))])
                }
                if info.resource["requirePartitionFilter"]?.boolValue == true {
                    rows.append(names + [.string("require_partition_filter"), .string("BOOL"), .string("true")])
                }
            case .views:
                guard info.isView else { continue }
                rows.append(names + [.string(info.viewQuery ?? ""), .string("NONE"), .string("TRUE")])
            case .partitions:
                guard !info.isView else { continue }
                let modified = micros(fromMillis: info.resource["lastModifiedTime"])
                for partition in partitions[info.sqliteTable] ?? [] {
                    rows.append(
                        names + [
                            partitionId(start: partition.start, of: info), .int64(partition.rows), .int64(partition.bytes), modified,
                            .string("ACTIVE"),
                        ])
                }
            case .schemata, .routines, .routineOptions, .parameters, .jobs, .jobsByProject, .jobsByUser:
                break
            }
        }
        return rows
    }

    /// A CREATE statement that makes the table or view again, as BigQuery's `ddl` column gives it.
    static func ddl(of info: TableInfo) -> String {
        let name = "`\(info.catalog.projectId).\(info.catalog.datasetId).\(info.catalog.tableId)`"
        if info.isView {
            return "CREATE \(info.isMaterializedView ? "MATERIALIZED VIEW" : "VIEW") \(name)\nAS \(info.viewQuery ?? "");"
        }
        func column(_ field: TableFieldSchema) -> String {
            var text = "\(field.name) \(ScriptValues.typeName(field))"
            if field.mode == .required { text += " NOT NULL" }
            if let description = field.description { text += " OPTIONS(description=\(quoted(description)))" }
            return text
        }
        var ddl = "CREATE TABLE \(name)\n(\n  " + info.schema.fields.map(column).joined(separator: ",\n  ") + "\n)"
        if let partitioning = info.partitioning {
            let granularity = partitioning.granularity.rawValue
            if let field = info.partitionField {
                let truncation = field.type == .date ? "DATE" : field.type == .datetime ? "DATETIME" : "TIMESTAMP"
                switch (field.type, partitioning.granularity) {
                case (.date, .day): ddl += "\nPARTITION BY \(field.name)"
                case (_, .day): ddl += "\nPARTITION BY DATE(\(field.name))"
                default: ddl += "\nPARTITION BY \(truncation)_TRUNC(\(field.name), \(granularity))"
                }
            } else {
                ddl +=
                    partitioning.granularity == .day
                    ? "\nPARTITION BY _PARTITIONDATE" : "\nPARTITION BY TIMESTAMP_TRUNC(_PARTITIONTIME, \(granularity))"
            }
        }
        if let range = info.resource["rangePartitioning"].flatMap(RangePartitioning.ddl) { ddl += "\n" + range }
        let clustering = info.resource["clustering"]?["fields"]?.arrayValue?.compactMap(\.stringValue) ?? []
        if !clustering.isEmpty { ddl += "\nCLUSTER BY " + clustering.joined(separator: ", ") }
        var options: [String] = []
        if let description = info.resource["description"]?.stringValue { options.append("description=\(quoted(description))") }
        if info.resource["requirePartitionFilter"]?.boolValue == true { options.append("require_partition_filter=true") }
        if !options.isEmpty { ddl += "\nOPTIONS(\n  " + options.joined(separator: ",\n  ") + "\n)" }
        return ddl + ";"
    }

    /// `rows` as a SELECT with its values written in, whose columns are `schema`'s, in storage form.
    static func selectSQL(_ rows: [[BigQueryValue]], schema: TableSchema) -> String {
        let names = schema.fields.map(\.name)
        guard !rows.isEmpty else {
            return "SELECT " + names.map { "NULL AS " + SQLiteStorage.quote($0) }.joined(separator: ", ") + " WHERE 0"
        }
        let tuples = rows.map { row in
            "(" + zip(row, schema.fields).map { ViewSQL.literal(SQLiteStorage.encode($0, field: $1)) }.joined(separator: ", ") + ")"
        }
        let columns = names.enumerated().map { "column\($0.offset + 1) AS " + SQLiteStorage.quote($0.element) }
        return "SELECT " + columns.joined(separator: ", ") + " FROM (VALUES " + tuples.joined(separator: ", ") + ")"
    }
}

extension BigQueryStore {
    /// The catalog entry of an INFORMATION_SCHEMA view, its rows read now.
    func informationSchemaTable(
        _ name: TableName, defaultProject: String, defaultDataset: String?, mayRead: (String) throws -> Void, db: Database,
        views: ViewTranslations
    ) throws -> CatalogTable {
        let viewName = String(name.table.dropFirst(InformationSchema.prefix.count))
        guard let view = InformationSchema.View(rawValue: viewName) else {
            throw GoogleSQLError.notFound("Not found: Table INFORMATION_SCHEMA.\(viewName) is not an INFORMATION_SCHEMA view the emulator has")
        }
        let project = name.project ?? defaultProject
        try mayRead(project)
        let regionWide = name.dataset?.lowercased().hasPrefix("region-") == true
        // `region-eu` lists the datasets whose location is EU (compared as BigQuery does, ignoring case).
        let region = regionWide ? name.dataset.map { String($0.dropFirst("region-".count)).lowercased() } : nil
        var dataset = regionWide ? nil : name.dataset
        if view.isOfJobs {
            guard regionWide else {
                throw GoogleSQLError.invalidQuery(
                    "INFORMATION_SCHEMA.\(viewName) must be qualified with a region, as in `region-us`.INFORMATION_SCHEMA.\(viewName): \(name)")
            }
        } else if view == .schemata {
            guard dataset == nil else {
                throw GoogleSQLError.invalidQuery("INFORMATION_SCHEMA.SCHEMATA is qualified by a project or a region, not a dataset: \(name)")
            }
        } else if dataset == nil, !regionWide {
            guard let defaultDataset else {
                throw GoogleSQLError.invalidQuery(
                    "INFORMATION_SCHEMA.\(viewName) must be qualified with a dataset or a region (e.g. dataset.INFORMATION_SCHEMA.\(viewName))")
            }
            dataset = defaultDataset
        }
        let key = TableKey(project: project, dataset: dataset ?? region.map { "region-\($0)" } ?? "", table: name.table)
        if let done = views.translated[key] { return done }
        if let dataset, try !datasetExists(project: project, dataset: dataset, db: db) {
            throw GoogleSQLError.notFound("Not found: Dataset \(project):\(dataset) was not found in location US")
        }
        var tables: [TableInfo] = []
        var datasets: [(id: String, resource: JSONObject)] = []
        var rows: [[BigQueryValue]]?
        if view.isOfJobs {
            // Every job the emulator runs is in the US (its job references say so).
            let inRegion = region == nil || region == BigQueryStore.jobLocation.lowercased()
            // JOBS_BY_USER: the jobs of whoever runs the query (its SESSION_USER()).
            let user = view == .jobsByUser ? views.sessionUser ?? GoogleSQLCompiler.defaultSessionUser : nil
            rows =
                inRegion
                ? InformationSchema.jobRows(
                    finished: jobs.list(project: project), unfinished: jobs.runs(project: project),
                    tableJobs: jobs.tableJobs(project: project), user: user) : []
        } else if view.isOfRoutines {
            rows = InformationSchema.routineRows(of: view, try routineResources(project: project, dataset: dataset, region: region, db: db))
        } else if view == .schemata {
            for row in try Row.fetchAll(db, sql: "SELECT dataset, resource FROM bq_datasets WHERE project = ? ORDER BY dataset", arguments: [project])
            {
                guard case .object(let resource) = try JSONValue(parsing: row["resource"] as String) else { continue }
                if let region, resource["location"]?.stringValue?.lowercased() != region { continue }
                datasets.append((row["dataset"], resource))
            }
        } else {
            var sql = "SELECT dataset, table_id, sqlite_name, resource FROM bq_tables WHERE project = ?"
            var arguments: StatementArguments = [project]
            if let dataset {
                sql += " AND dataset = ?"
                arguments += [dataset]
            }
            if let region {
                sql += " AND dataset IN \(BigQueryStore.datasetsInRegionSQL)"
                arguments += [project, region]
            }
            for row in try Row.fetchAll(db, sql: sql + " ORDER BY dataset, table_id", arguments: arguments) {
                tables.append(
                    try BigQueryStore.tableInfo(
                        project: project, dataset: row["dataset"], table: row["table_id"], sqliteName: row["sqlite_name"],
                        resourceText: row["resource"]))
            }
        }
        var partitions: [String: [InformationSchema.PartitionCount]] = [:]
        if view == .partitions {
            for info in tables where !info.isView {
                let counts = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT partition_start, SUM(CASE WHEN column_name = '' THEN rows ELSE 0 END) AS rows, SUM(bytes) AS bytes
                        FROM bq_partition_bytes WHERE sqlite_name = ? GROUP BY partition_start ORDER BY partition_start
                        """, arguments: [info.sqliteTable])
                partitions[info.sqliteTable] = counts.map {
                    InformationSchema.PartitionCount(start: $0["partition_start"], rows: $0["rows"], bytes: $0["bytes"])
                }
            }
        }
        let schema = InformationSchema.schema(of: view)
        let viewRows = rows ?? InformationSchema.rows(of: view, project: project, tables: tables, datasets: datasets, partitions: partitions)
        let sqlName = "information_schema:\(project).\(key.dataset.isEmpty ? "*" : key.dataset).\(viewName)"
        var catalog = CatalogTable(
            projectId: project, datasetId: dataset ?? "INFORMATION_SCHEMA", tableId: name.table, sqliteTable: sqlName, schema: schema)
        catalog.view = ViewExpansion(
            definitions: [
                ViewExpansion.Definition(
                    sqlName: sqlName, columns: schema.fields.map(\.name), sql: InformationSchema.selectSQL(viewRows, schema: schema))
            ], scans: [])
        views.translated[key] = catalog
        return catalog
    }
}

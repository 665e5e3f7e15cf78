import Foundation
import GRDB
import GoogleSQL
import Synchronization
import WarehouseSchema
import WireJSON

extension BigQueryStore {
    /// Runs a job's text that the query compiler alone cannot: DDL, DML, DECLARE/SET, several statements.
    ///
    /// The script runs in one write transaction, each statement inside a savepoint: a failing statement
    /// leaves nothing of itself, and what the statements before it did is kept, as in BigQuery (where
    /// each is its own job), unless a BEGIN TRANSACTION is open, which the failure rolls back. The job's
    /// result is the last statement's.
    ///
    /// SQLite stops the script once `configuration.clock` passes `timeLimit` from its start (the error is
    /// then a `DatabaseError` with code SQLITE_INTERRUPT, which no exception handler catches). An
    /// interrupted write ends SQLite's transaction, so a script stopped that way keeps nothing.
    func runScript(
        _ sql: String, parameters: [QueryParameter], defaultProject: String,
        defaultDataset: (project: String, dataset: String)?, dryRun: Bool, timeLimit: Duration,
        unfilteredTables: Set<TableKey> = [], requiredEmptyTable: TableKey? = nil,
        mayRead: @escaping @Sendable (_ project: String) throws -> Void
    ) async throws -> QueryResult {
        let statements = try ScriptParser.parse(sql, sourced: true)
        let type = statements.count == 1 ? statements[0].statementType : "SCRIPT"
        if dryRun {
            return QueryResult(schema: TableSchema(fields: []), rows: [], totalBytesProcessed: 0, statementType: type, referencedTables: [])
        }
        let touched = TouchedTables()
        defer { for key in touched.keys { forgetTable(key) } }
        let clock = configuration.clock
        let limitMicros = Int64(min(Double(Int64.max / 4), timeLimit / .microseconds(1)))
        let outcome = try await writer.write { db in
            if let requiredEmptyTable { try self.requireNoRows(in: requiredEmptyTable, db: db) }
            let deadline = clock.microsecondsSinceEpoch + limitMicros
            let execution = ScriptExecution(
                store: self, db: db, parameters: parameters, defaultProject: defaultProject,
                defaultDataset: defaultDataset, mayRead: mayRead, touched: touched)
            execution.unfilteredTables = unfilteredTables
            defer { execution.dropTemporaryTables() }
            var outcome = ScriptOutcome(
                result: QueryResult(schema: TableSchema(fields: []), rows: [], totalBytesProcessed: 0, statementType: type, referencedTables: []))
            do {
                try QueryInterruption.run(on: db, clock: clock, deadlineMicros: deadline) {
                    for statement in statements {
                        outcome.result = try execution.run(statement)
                    }
                }
            } catch is ScriptExecution.Return {
                // The script's result is what the last statement before RETURN gave.
                if let last = execution.lastResult { outcome.result = last }
            } catch is ScriptExecution.LoopControl {
                outcome.failure = GoogleSQLError.invalidQuery("LEAVE and ITERATE must be inside a loop")
            } catch {
                outcome.failure = ScriptExecution.underlying(error)
            }
            // SQLite rolled back everything (an interrupted write): nothing is left to keep.
            if let failure = outcome.failure, !db.isInsideTransaction { throw failure }
            try execution.rollBackOpenTransaction()
            return outcome
        }
        if let failure = outcome.failure { throw failure }
        var result = outcome.result
        result.statementType = type
        return result
    }
}

/// How a script ended: its last result, or the error that ended it (the statements before it stay).
private struct ScriptOutcome: @unchecked Sendable {
    var result: QueryResult
    var failure: (any Error)?
}

/// Tables a script created, changed or dropped: forgotten from the table cache once it ends (also when
/// it failed and its transaction rolled back).
final class TouchedTables: Sendable {
    private let stored = Mutex<Set<BigQueryStore.TableKey>>([])

    func insert(_ key: BigQueryStore.TableKey) { stored.withLock { _ = $0.insert(key) } }
    var keys: Set<BigQueryStore.TableKey> { stored.withLock { $0 } }
}

/// The state of one running script: its variables, temporary tables and database connection.
final class ScriptExecution {
    let store: BigQueryStore
    let db: Database
    /// The job's query parameters; while EXECUTE IMMEDIATE ... USING runs its statement, USING's.
    var parameters: [QueryParameter]
    let defaultProject: String
    /// The job's default dataset, until `SET @@dataset_id` changes it for the statements after.
    var defaultDataset: (project: String, dataset: String)?
    /// `@@time_zone`: UTC until `SET @@time_zone` changes it for the statements after.
    var timeZone = SystemVariables.defaultTimeZone
    let mayRead: (String) throws -> Void
    let touched: TouchedTables
    /// Lowercased name → the variable's declared type and current value.
    var variables: [String: (field: TableFieldSchema, value: BigQueryValue)] = [:]
    /// Lowercased name → a `CREATE TEMP TABLE` table, stored without metadata and dropped at the end.
    var temporaryTables: [String: TableInfo] = [:]
    /// Uppercased name → a `CREATE TEMP FUNCTION` function, which every later statement may call.
    var functions: [String: SQLFunction] = [:]
    /// While a DML statement reads its target: the table, seen with a `_ROWID_` column, and whether
    /// its partition filter is still required.
    var dmlTarget: (key: BigQueryStore.TableKey, requirePartitionFilter: Bool)?
    /// While `CREATE TABLE ... COPY` reads its source: that table, read without its partition filter.
    var copySource: BigQueryStore.TableKey?
    /// Tables every statement reads without their partition filter: a copy job's sources.
    var unfilteredTables: Set<BigQueryStore.TableKey> = []
    /// Whether a BEGIN TRANSACTION is open.
    var transactionOpen = false
    /// The failures the exception handlers running now caught, innermost last (`@@error`, bare RAISE).
    var handledFailures: [StatementFailure] = []
    /// The rows the last statement changed when it was DML (`@@row_count`), else nil.
    var rowCount: Int64?
    /// The result of the statement that ran last, for a script RETURN ends.
    var lastResult: QueryResult?
    /// The block levels of the procedures running now (see `maximumProcedureNesting`).
    var procedureNesting = 0

    static let rowidColumn = "_ROWID_"
    /// The default dataset queries get when the job has none but the script has temporary tables, so
    /// that the compiler lets their unqualified names through to `catalogTable`.
    static let temporaryDataset = "_script_temporary_tables"

    var queryDefaultDataset: String? {
        defaultDataset?.dataset ?? (temporaryTables.isEmpty ? nil : Self.temporaryDataset)
    }

    init(
        store: BigQueryStore, db: Database, parameters: [QueryParameter], defaultProject: String,
        defaultDataset: (project: String, dataset: String)?, mayRead: @escaping (String) throws -> Void,
        touched: TouchedTables
    ) {
        self.store = store
        self.db = db
        // A job's `time_zone` connection property starts the script's @@time_zone, which SET changes.
        self.parameters = parameters.filter { $0.name != GoogleSQLCompiler.timeZoneParameter }
        if case .string(let zone)? = parameters.first(where: { $0.name == GoogleSQLCompiler.timeZoneParameter })?.value {
            timeZone = zone
        }
        self.defaultProject = defaultProject
        self.defaultDataset = defaultDataset
        self.mayRead = mayRead
        self.touched = touched
    }

    func run(_ statement: ScriptStatement) throws -> QueryResult {
        if let result = try runControlFlow(statement) { return result }
        try checkAllowedInTransaction(statement)
        let result = try atomically { try runAtomic(statement) }
        rowCount = result.dml?.affected
        lastResult = result
        return result
    }

    private func runAtomic(_ statement: ScriptStatement) throws -> QueryResult {
        switch statement {
        case .query(let sql):
            let (schema, rows) = try query(sql)
            if let arrayNulls = ResultArrayNulls(schema) {
                for row in rows { try arrayNulls.check(row) }
            }
            return QueryResult(schema: schema, rows: rows, totalBytesProcessed: 0, statementType: "SELECT", referencedTables: [])
        case .createTable(let create): try createTable(create)
        case .createView(let create): try createView(create)
        case .createFunction(let create): try createFunction(create)
        case .dropFunction(let name, let ifExists): try dropFunction(name, ifExists: ifExists)
        case .createProcedure(let create): try createProcedure(create)
        case .dropProcedure(let name, let ifExists): try dropProcedure(name, ifExists: ifExists)
        case .drop(let name, let isView, let ifExists): try drop(name, isView: isView, ifExists: ifExists)
        case .createSchema(let name, let ifNotExists, let options): try createSchema(name, ifNotExists: ifNotExists, options: options)
        case .dropSchema(let name, let ifExists, let cascade): try dropSchema(name, ifExists: ifExists, cascade: cascade)
        case .truncate(let name):
            let info = try requireTable(name)
            try truncate(info)
        case .alterTable(let alter): try alterTable(alter)
        case .alterSchema(let name, let ifExists, let options): try alterSchema(name, ifExists: ifExists, options: options)
        case .insert(let insert): return dmlResult(try self.insert(insert), type: "INSERT")
        case .update(let update): return dmlResult(try self.update(update), type: "UPDATE")
        case .delete(let delete): return dmlResult(try self.delete(delete), type: "DELETE")
        case .merge(let merge): return dmlResult(try self.merge(merge), type: "MERGE")
        case .declare(let names, let type, let defaultExpression): try declare(names, type: type, defaultExpression: defaultExpression)
        case .set(let names, let expression): try set(names, expression: expression)
        case .setSystemVariable(let name, let expression): try setSystemVariable(name, expression: expression)
        case .assert(let expression, let description): try assert(expression, description: description)
        default: break
        }
        return QueryResult(
            schema: TableSchema(fields: []), rows: [], totalBytesProcessed: 0, statementType: statement.statementType, referencedTables: [])
    }

    func dmlResult(_ counts: DMLCounts, type: String) -> QueryResult {
        var result = QueryResult(schema: TableSchema(fields: []), rows: [], totalBytesProcessed: 0, statementType: type, referencedTables: [])
        result.dml = counts
        return result
    }

    // MARK: - Queries

    /// Compiles and runs one query with the script's variables and tables in reach.
    func query(_ sql: String) throws -> (TableSchema, [[BigQueryValue]]) {
        let views = BigQueryStore.ViewTranslations(parameters: parameters)
        let compiled = try GoogleSQLCompiler.compile(
            sql, parameters: compilerParameters, defaultProject: defaultDataset?.project ?? defaultProject,
            defaultDataset: queryDefaultDataset, catalog: { name in try self.catalogTable(name, views: views) },
            functions: Array(functions.values), routines: routineLookup)
        let fields = compiled.schema.fields
        let statement = try DirectStatement(db, compiled.sql)
        defer { statement.reset() }
        try statement.bind(compiled.argumentValues)
        var rows: [[BigQueryValue]] = []
        while try statement.step() {
            rows.append(fields.enumerated().map { SQLiteStorage.decode(statement.value(Int32($0.offset)), field: $0.element) })
        }
        return (compiled.schema, rows)
    }

    /// The job's parameters, the system variables and the script's variables, as the compiler takes them.
    var compilerParameters: [QueryParameter] {
        var all = parameters + systemVariables
        for (name, variable) in variables {
            all.append(ScriptVariables.parameter(name, type: ScriptValues.parameterType(of: variable.field), value: variable.value))
        }
        return all
    }

    /// Resolves a name as the store's query path does, plus temporary tables and the DML target's rowid.
    /// `views`: the views this statement has translated (see `BigQueryStore.catalogEntry`).
    func catalogTable(_ name: TableName, views: BigQueryStore.ViewTranslations) throws -> CatalogTable? {
        // The compiler qualifies every name with the default dataset before it asks; an unqualified
        // name of a temporary table arrives with that dataset.
        if name.dataset == nil || name.dataset == queryDefaultDataset, let temporary = temporaryTables[name.table.lowercased()] {
            return withTargetColumns(temporary.catalog)
        }
        if name.table.hasPrefix(InformationSchema.prefix) {
            return try store.informationSchemaTable(
                name, defaultProject: defaultDataset?.project ?? defaultProject, defaultDataset: defaultDataset?.dataset,
                mayRead: mayRead, db: db, views: views)
        }
        if defaultDataset == nil, name.dataset == Self.temporaryDataset {
            throw GoogleSQLError.invalidQuery("Table \"\(name.table)\" must be qualified with a dataset (e.g. dataset.table).")
        }
        let key = try self.key(name)
        try mayRead(key.project)
        guard try store.datasetExists(project: key.project, dataset: key.dataset, db: db) else {
            throw GoogleSQLError.notFound("Not found: Dataset \(key.project):\(key.dataset) was not found in location US")
        }
        guard let info = try store.table(project: key.project, dataset: key.dataset, table: key.table, db: db) else { return nil }
        return withTargetColumns(try store.catalogEntry(info, mayRead: mayRead, db: db, views: views))
    }

    private func withTargetColumns(_ table: CatalogTable) -> CatalogTable {
        if copySource == key(of: table) || unfilteredTables.contains(key(of: table)) {
            var table = table
            table.requirePartitionFilter = false
            return table
        }
        guard let target = dmlTarget, target.key == key(of: table) else { return table }
        var table = table
        // SQLite reads the quoted name `"_ROWID_"` as the row's id when no column has that name.
        table.schema.fields.append(TableFieldSchema(name: Self.rowidColumn, type: .integer))
        table.requirePartitionFilter = table.requirePartitionFilter && target.requirePartitionFilter
        return table
    }

    func key(of table: CatalogTable) -> BigQueryStore.TableKey {
        BigQueryStore.TableKey(project: table.projectId, dataset: table.datasetId, table: table.tableId)
    }

    /// The project, dataset and table a statement names.
    func key(_ name: TableName) throws -> BigQueryStore.TableKey {
        guard let dataset = name.dataset ?? defaultDataset?.dataset else {
            throw GoogleSQLError.invalidQuery("Table \"\(name.table)\" must be qualified with a dataset (e.g. dataset.table).")
        }
        let project = name.project ?? defaultDataset?.project ?? defaultProject
        return BigQueryStore.TableKey(project: project, dataset: dataset, table: name.table)
    }

    /// The table (not view) a DDL or DML statement names: 404 when it does not exist.
    func requireTable(_ name: TableName) throws -> TableInfo {
        if name.dataset == nil, let temporary = temporaryTables[name.table.lowercased()] { return temporary }
        let key = try self.key(name)
        try mayRead(key.project)
        let info = try store.requireTable(project: key.project, dataset: key.dataset, table: key.table, db: db)
        if info.isView {
            throw GoogleSQLError.invalidQuery("\(info.reference) is a view; this statement needs a table")
        }
        return info
    }

    func dropTemporaryTables() {
        for info in temporaryTables.values { try? store.dropStorage(sqliteName: info.sqliteTable, db: db) }
        temporaryTables = [:]
    }
}

/// What a DML statement did, as BigQuery's `numDmlAffectedRows` and `dmlStats` report it.
struct DMLCounts: Sendable {
    var inserted: Int64 = 0
    var updated: Int64 = 0
    var deleted: Int64 = 0
    var affected: Int64 { inserted + updated + deleted }

    /// `dmlStats` as the REST API spells it (int64 counts as strings).
    var json: JSONValue {
        [
            "insertedRowCount": .string(String(inserted)), "updatedRowCount": .string(String(updated)),
            "deletedRowCount": .string(String(deleted)),
        ]
    }
}

import Foundation
import GRDB
import GoogleSQL
import WarehouseSchema
import WireJSON

/// Routines: a dataset's SQL functions, stored as their REST resource (`bq_routines`), created by
/// routines.insert or `CREATE FUNCTION dataset.f`, and expanded into the queries that call them.
extension BigQueryStore {
    static let routinesMigration = """
        CREATE TABLE bq_routines (
            project TEXT NOT NULL, dataset TEXT NOT NULL, routine_id TEXT NOT NULL, resource TEXT NOT NULL,
            PRIMARY KEY (project, dataset, routine_id)) WITHOUT ROWID;
        """

    static func routineName(project: String, dataset: String, routine: String) throws -> RoutineName {
        guard BigQueryIds.isValidDataset(dataset) else { throw BigQueryIds.invalidDataset(dataset) }
        guard RoutineName.isValidId(routine) else { throw BigQueryIds.invalidRoutine(routine) }
        return RoutineName(project: project, dataset: dataset, routine: routine)
    }

    /// routines.insert: 404 without the dataset, 409 when the routine exists, 400 when its body does not
    /// resolve (as BigQuery checks a SQL function's body when it is created).
    func insertRoutine(project: String, dataset: String, body: JSONObject) async throws -> JSONValue {
        guard let routine = body["routineReference"]?["routineId"]?.stringValue else {
            throw GoogleAPIError.badRequest("Required parameter is missing: routineReference.routineId", reason: "required")
        }
        let name = try Self.routineName(project: project, dataset: dataset, routine: routine)
        let resource = try RoutineResource.validated(body, name: name)
        return .object(
            try await writer.write { db in
                try self.requireDataset(name, db: db)
                if try self.routineResource(name, db: db) != nil { throw Self.routineExists(name) }
                return try self.storeRoutine(resource, name: name, replacing: nil, db: db)
            })
    }

    /// routines.update: the routine becomes what the body says (PUT replaces the whole resource).
    func updateRoutine(_ name: RoutineName, body: JSONObject) async throws -> JSONValue {
        let resource = try RoutineResource.validated(body, name: name)
        return .object(
            try await writer.write { db in
                guard let existing = try self.routineResource(name, db: db) else { throw Self.routineNotFound(name) }
                return try self.storeRoutine(resource, name: name, replacing: existing, db: db)
            })
    }

    func routine(_ name: RoutineName) async throws -> JSONValue {
        let resource = try await writer.read { db in try self.routineResource(name, db: db) }
        guard let resource else { throw Self.routineNotFound(name) }
        return .object(resource)
    }

    /// routines.list: each routine without its definition, as BigQuery lists them.
    func listRoutines(project: String, dataset: String) async throws -> [JSONValue] {
        let texts = try await resourceTexts(of: .routines, project: project, dataset: dataset)
        return try texts.map { text in
            guard case .object(var resource) = try JSONValue(parsing: text) else { return .null }
            resource["definitionBody"] = nil
            return .object(resource)
        }
    }

    func deleteRoutine(_ name: RoutineName) async throws {
        try await writer.write { db in
            guard try self.dropRoutine(name, db: db) else { throw Self.routineNotFound(name) }
        }
    }

    // MARK: Shared with the DDL

    func routineResource(_ name: RoutineName, db: Database) throws -> JSONObject? {
        guard
            let text = try String.fetchOne(
                db, sql: "SELECT resource FROM bq_routines WHERE project = ? AND dataset = ? AND routine_id = ?",
                arguments: [name.project, name.dataset, name.routine])
        else { return nil }
        guard case .object(let resource) = try JSONValue(parsing: text) else {
            throw GoogleAPIError(.internalServerError, reason: "internalError", message: "Corrupt routine metadata")
        }
        return resource
    }

    /// Checks a routine's body and stores it, new or in place of `replacing`; returns the stored resource.
    func storeRoutine(_ resource: JSONObject, name: RoutineName, replacing existing: JSONObject?, db: Database) throws -> JSONObject {
        if RoutineResource.isProcedure(resource) {
            // A procedure's statements resolve when they run, against the tables as they are then.
            do {
                _ = try ScriptParser.parse(resource["definitionBody"]?.stringValue ?? "")
            } catch {
                throw error.apiError
            }
        } else {
            try checkRoutineBody(RoutineResource.function(from: resource, name: name), db: db)
        }
        var stored = resource
        let now = epochMillisString()
        stored["creationTime"] = existing?["creationTime"] ?? now
        stored["lastModifiedTime"] = now
        stored["etag"] = .string(UUID().uuidString)
        try db.execute(
            sql: "INSERT OR REPLACE INTO bq_routines (project, dataset, routine_id, resource) VALUES (?, ?, ?, ?)",
            arguments: [name.project, name.dataset, name.routine, JSONValue.object(stored).encodedString()])
        return stored
    }

    /// Removes a routine; false when there was none.
    func dropRoutine(_ name: RoutineName, db: Database) throws -> Bool {
        try db.execute(
            sql: "DELETE FROM bq_routines WHERE project = ? AND dataset = ? AND routine_id = ?",
            arguments: [name.project, name.dataset, name.routine])
        return db.changesCount > 0
    }

    /// The function a query's `dataset.f(...)` calls, nil when there is none. `mayRead` is asked first,
    /// as for tables.
    func routineFunction(_ name: TableName, mayRead: (String) throws -> Void, db: Database) throws -> SQLFunction? {
        guard let project = name.project, let dataset = name.dataset else { return nil }
        try mayRead(project)
        guard BigQueryIds.isValidDataset(dataset), RoutineName.isValidId(name.table) else { return nil }
        let routine = RoutineName(project: project, dataset: dataset, routine: name.table)
        guard let resource = try routineResource(routine, db: db), !RoutineResource.isProcedure(resource) else { return nil }
        return try RoutineResource.function(from: resource, name: routine)
    }

    /// A routine's body must resolve when it is stored. Its table names must name their dataset: the
    /// body is expanded into queries of any default dataset.
    private func checkRoutineBody(_ function: SQLFunction, db: Database) throws {
        guard let name = function.routine else { return }
        let views = ViewTranslations()
        do {
            try GoogleSQLCompiler.check(
                function, functions: [], parameters: [], defaultProject: name.project, defaultDataset: nil,
                catalog: { table in
                    try self.catalogTable(table, defaultProject: name.project, defaultDataset: nil, mayRead: { _ in }, db: db, views: views)
                },
                routines: { routine in
                    // A routine may call others, not itself: a stored older version is not its own body.
                    let called = RoutineName(project: routine.project ?? name.project, dataset: routine.dataset ?? "", routine: routine.table)
                    guard called != name else { return nil }
                    return try self.routineFunction(routine, mayRead: { _ in }, db: db)
                })
        } catch let error as GoogleSQLError {
            throw error.apiError
        }
    }

    func requireDataset(_ name: RoutineName, db: Database) throws {
        guard try datasetExists(project: name.project, dataset: name.dataset, db: db) else {
            throw GoogleAPIError.notFound("Not found: Dataset \(name.project):\(name.dataset)")
        }
    }

    static func routineNotFound(_ name: RoutineName) -> GoogleAPIError {
        .notFound("Not found: Routine \(name.project):\(name.dataset).\(name.routine)")
    }

    static func routineExists(_ name: RoutineName) -> GoogleAPIError {
        .conflict("Already Exists: Routine \(name.project):\(name.dataset).\(name.routine)")
    }
}

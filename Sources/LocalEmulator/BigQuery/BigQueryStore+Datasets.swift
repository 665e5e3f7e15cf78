import Foundation
import GRDB
import GoogleSQL
import WireJSON

extension BigQueryStore {
    /// Where the emulator's jobs run, whatever their datasets' locations: BigQuery's default.
    static let jobLocation = "US"

    /// A subquery of the project's datasets in a location; its arguments are the project and the
    /// location in lowercase (a dataset keeps the location as it was given: `EU`, `us-central1`).
    static let datasetsInRegionSQL =
        "(SELECT dataset FROM bq_datasets WHERE project = ? AND lower(json_extract(resource, '$.location')) = ?)"

    func insertDataset(project: String, body: JSONObject) async throws -> JSONValue {
        guard let datasetId = body["datasetReference"]?["datasetId"]?.stringValue else {
            throw GoogleAPIError.badRequest("Required parameter is missing: datasetReference.datasetId", reason: "required")
        }
        return .object(try await writer.write { db in try self.createDataset(project: project, datasetId: datasetId, body: body, db: db) })
    }

    /// Stores a new dataset (datasets.insert, CREATE SCHEMA): 409 when it exists.
    func createDataset(project: String, datasetId: String, body: JSONObject, db: Database) throws -> JSONObject {
        guard BigQueryIds.isValidDataset(datasetId) else { throw BigQueryIds.invalidDataset(datasetId) }
        var resource = body
        let now = epochMillisString()
        resource["kind"] = "bigquery#dataset"
        resource["id"] = .string("\(project):\(datasetId)")
        resource["datasetReference"] = ["projectId": .string(project), "datasetId": .string(datasetId)]
        resource["location"] = resource["location"] ?? "US"
        resource["creationTime"] = now
        resource["lastModifiedTime"] = now
        resource["etag"] = .string(UUID().uuidString)
        resource["type"] = "DEFAULT"
        if try datasetExists(project: project, dataset: datasetId, db: db) {
            throw GoogleAPIError.conflict("Already Exists: Dataset \(project):\(datasetId)")
        }
        try db.execute(
            sql: "INSERT INTO bq_datasets (project, dataset, resource) VALUES (?, ?, ?)",
            arguments: [project, datasetId, JSONValue.object(resource).encodedString()])
        return resource
    }

    func dataset(project: String, dataset: String) async throws -> JSONValue {
        let text = try await writer.read { db in
            try String.fetchOne(
                db, sql: "SELECT resource FROM bq_datasets WHERE project = ? AND dataset = ?",
                arguments: [project, dataset])
        }
        guard let text else { throw GoogleAPIError.notFound("Not found: Dataset \(project):\(dataset)") }
        return try JSONValue(parsing: text)
    }

    func listDatasets(project: String) async throws -> [JSONValue] {
        let texts = try await writer.read { db in
            try String.fetchAll(
                db, sql: "SELECT resource FROM bq_datasets WHERE project = ? ORDER BY dataset",
                arguments: [project])
        }
        return try texts.map { text in
            let resource = try JSONValue(parsing: text)
            var summary: JSONObject = [
                "kind": "bigquery#dataset", "id": resource["id"] ?? .null,
                "datasetReference": resource["datasetReference"] ?? .null,
                "location": resource["location"] ?? "US",
            ]
            if let labels = resource["labels"] { summary["labels"] = labels }
            if let name = resource["friendlyName"] { summary["friendlyName"] = name }
            return .object(summary)
        }
    }

    /// PATCH semantics: given fields replace stored ones, labels merge (a PUT replaces them too);
    /// references and ids cannot change.
    func patchDataset(project: String, dataset: String, body: JSONObject, replacingLabels: Bool = false) async throws -> JSONValue {
        .object(
            try await writer.write { db in
                try self.patchDataset(project: project, dataset: dataset, body: body, replacingLabels: replacingLabels, db: db)
            })
    }

    /// datasets.patch and ALTER SCHEMA SET OPTIONS: 404 when the dataset does not exist.
    func patchDataset(project: String, dataset: String, body: JSONObject, replacingLabels: Bool = false, db: Database) throws -> JSONObject {
        guard
            let text = try String.fetchOne(
                db, sql: "SELECT resource FROM bq_datasets WHERE project = ? AND dataset = ?",
                arguments: [project, dataset]),
            case .object(var resource) = try JSONValue(parsing: text)
        else {
            throw GoogleAPIError.notFound("Not found: Dataset \(project):\(dataset)")
        }
        for (key, value) in body where !["kind", "id", "datasetReference", "creationTime", "etag", "location", "labels"].contains(key) {
            resource[key] = value.isNull ? JSONValue?.none : value
        }
        if let labels = body["labels"] { try ResourceLabels.update(&resource, with: labels, replacing: replacingLabels) }
        resource["lastModifiedTime"] = epochMillisString()
        resource["etag"] = .string(UUID().uuidString)
        try db.execute(
            sql: "UPDATE bq_datasets SET resource = ? WHERE project = ? AND dataset = ?",
            arguments: [JSONValue.object(resource).encodedString(), project, dataset])
        return resource
    }

    func deleteDataset(project: String, dataset: String, deleteContents: Bool) async throws {
        let dropped: [TableKey] = try await writer.write { db in
            try self.dropDataset(project: project, dataset: dataset, deleteContents: deleteContents, db: db)
        }
        for key in dropped { forgetTable(key) }
    }

    /// Removes a dataset (datasets.delete, DROP SCHEMA) and, with `deleteContents`, its tables, views
    /// and routines; returns the tables and views for the caller to forget from the cache.
    func dropDataset(project: String, dataset: String, deleteContents: Bool, db: Database) throws -> [TableKey] {
        guard try datasetExists(project: project, dataset: dataset, db: db) else {
            throw GoogleAPIError.notFound("Not found: Dataset \(project):\(dataset)")
        }
        let tables = try Row.fetchAll(
            db, sql: "SELECT table_id, sqlite_name FROM bq_tables WHERE project = ? AND dataset = ?",
            arguments: [project, dataset])
        let routines =
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM bq_routines WHERE project = ? AND dataset = ?", arguments: [project, dataset]) ?? 0
        if (!tables.isEmpty || routines > 0) && !deleteContents {
            throw GoogleAPIError(
                .badRequest, reason: "resourceInUse",
                message: "Dataset \(project):\(dataset) is still in use")
        }
        for table in tables { try dropStorage(sqliteName: table["sqlite_name"], db: db) }
        try db.execute(sql: "DELETE FROM bq_tables WHERE project = ? AND dataset = ?", arguments: [project, dataset])
        try db.execute(sql: "DELETE FROM bq_routines WHERE project = ? AND dataset = ?", arguments: [project, dataset])
        try db.execute(sql: "DELETE FROM bq_datasets WHERE project = ? AND dataset = ?", arguments: [project, dataset])
        return tables.map { TableKey(project: project, dataset: dataset, table: $0["table_id"]) }
    }

    /// What a dataset holds, as the list methods read it.
    enum DatasetContents: String {
        case tables = "bq_tables"
        case routines = "bq_routines"

        var idColumn: String { self == .tables ? "table_id" : "routine_id" }
    }

    /// The stored resources of a dataset's tables or routines, in id order; 404 without the dataset.
    func resourceTexts(of contents: DatasetContents, project: String, dataset: String) async throws -> [String] {
        try await writer.read { db in
            guard try self.datasetExists(project: project, dataset: dataset, db: db) else {
                throw GoogleAPIError.notFound("Not found: Dataset \(project):\(dataset)")
            }
            return try String.fetchAll(
                db, sql: "SELECT resource FROM \(contents.rawValue) WHERE project = ? AND dataset = ? ORDER BY \(contents.idColumn)",
                arguments: [project, dataset])
        }
    }

    func dropStorage(sqliteName: String, db: Database) throws {
        // A view (`bqv_...`) has no storage, but databases written before views were translated at each
        // read hold a SQLite view of that name.
        let kind = sqliteName.hasPrefix("bqv_") ? "VIEW" : "TABLE"
        try db.execute(sql: "DROP \(kind) IF EXISTS \(SQLiteStorage.quote(sqliteName))")
        try db.execute(sql: "DELETE FROM bq_insert_id_batches WHERE sqlite_name = ?", arguments: [sqliteName])
        insertIds.forget(sqliteName)
        try db.execute(sql: "DELETE FROM bq_partition_bytes WHERE sqlite_name = ?", arguments: [sqliteName])
    }
}

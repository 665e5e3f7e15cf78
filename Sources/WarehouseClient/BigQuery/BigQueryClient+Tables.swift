import WireJSON

/// What `ensureDataset` / `ensureTable` found or did.
public enum EnsureOutcome: Sendable, Hashable {
    case created
    /// It exists and matches.
    case unchanged
    /// It exists and differs from the definition in these ways; nothing was changed.
    case drifted([TableDrift])
}

extension BigQueryClient {
    /// Creates the dataset unless it exists.
    public func ensureDataset(_ datasetId: String, location: String? = nil) async throws -> EnsureOutcome {
        // Look before creating: with least privilege (dataEditor on the dataset, as the Sink runs on
        // Cloud Run) `datasets.insert` is a 403 even for a dataset that exists, but `datasets.get` is not.
        do {
            _ = try await call(.GET, "datasets/\(Self.segment(datasetId))")
            return .unchanged
        } catch let error as BigQueryError where error.isNotFound {}
        var body: JSONObject = ["datasetReference": ["projectId": .string(projectId), "datasetId": .string(datasetId)]]
        if let location { body["location"] = .string(location) }
        do {
            _ = try await call(.POST, "datasets", body: .object(body))
            logger.info("Created dataset", metadata: ["dataset": .string(datasetId)])
            return .created
        } catch let error as BigQueryError where error.isAlreadyExists {
            return .unchanged
        }
    }

    /// The live table's definition, or a `BigQueryError` with `isNotFound`.
    public func getTable(dataset: String, table: String) async throws -> TableDefinition {
        let resource = try await call(.GET, "datasets/\(Self.segment(dataset))/tables/\(Self.segment(table))")
        do {
            return try TableDefinition(json: resource)
        } catch {
            throw BigQueryError.invalidResponse("table \(dataset).\(table): \(error.message)")
        }
    }

    /// Creates the table from `definition` unless it exists; if it exists, compares it with the
    /// definition and reports each difference instead of altering the table.
    public func ensureTable(dataset: String, table: String, definition: TableDefinition) async throws -> EnsureOutcome {
        var body = definition.resource
        body["tableReference"] = ["projectId": .string(projectId), "datasetId": .string(dataset), "tableId": .string(table)]
        do {
            _ = try await call(.POST, "datasets/\(Self.segment(dataset))/tables", body: .object(body))
            logger.info("Created table", metadata: ["table": .string("\(dataset).\(table)")])
            return .created
        } catch let error as BigQueryError where error.isAlreadyExists {
            let drift = TableDrift.between(definition, try await getTable(dataset: dataset, table: table))
            guard !drift.isEmpty else { return .unchanged }
            logger.warning(
                "Table differs from its definition",
                metadata: [
                    "table": .string("\(dataset).\(table)"), "drift": .array(drift.map { .string($0.description) }),
                ])
            return .drifted(drift)
        }
    }

    public func deleteTable(dataset: String, table: String) async throws {
        _ = try await call(.DELETE, "datasets/\(Self.segment(dataset))/tables/\(Self.segment(table))")
    }
}

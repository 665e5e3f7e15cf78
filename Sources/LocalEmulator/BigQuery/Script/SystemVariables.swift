import GoogleSQL
import WarehouseSchema

/// The `@@` system variables every query reads (a single statement and a script's alike), as the
/// compiler's `@@` parameters; a script adds `@@row_count` and, in a handler, `@@error`.
enum SystemVariables {
    static let defaultTimeZone = "UTC"

    static func common(
        defaultProject: String, defaultDataset: (project: String, dataset: String)?, timeZone: String = defaultTimeZone
    ) -> [QueryParameter] {
        [
            QueryParameter(name: "@@project_id", type: .scalar(.string), value: .string(defaultProject)),
            QueryParameter(name: "@@dataset_id", type: .scalar(.string), value: defaultDataset.map { .string($0.dataset) } ?? .null),
            QueryParameter(
                name: "@@dataset_project_id", type: .scalar(.string), value: defaultDataset.map { .string($0.project) } ?? .null),
            QueryParameter(name: GoogleSQLCompiler.timeZoneParameter, type: .scalar(.string), value: .string(timeZone)),
            QueryParameter(name: "@@location", type: .scalar(.string), value: .string("US")),
        ]
    }

    /// What `SET @@name = value` may change in a script: the default dataset (and its project) and
    /// the default time zone. The others BigQuery lets a script set change what the emulator does
    /// not model, so they are refused rather than ignored; the read-only ones are refused as
    /// BigQuery refuses them.
    enum Assignment {
        case datasetId(String)
        case datasetProjectId(String)
        case timeZone(String)
    }

    static func assignment(_ name: String, _ value: BigQueryValue) throws -> Assignment {
        let lowered = name.lowercased()
        switch lowered {
        case "@@dataset_id", "@@dataset_project_id":
            guard case .string(let text) = value, !text.isEmpty else {
                throw GoogleSQLError.invalidQuery("System variable \(name) must be set to a non-NULL, non-empty STRING")
            }
            // Checked as the REST paths check them, so a name reaches the catalog only well formed.
            if lowered == "@@dataset_id" {
                guard BigQueryIds.isValidDataset(text) else { throw GoogleSQLError.invalidQuery(BigQueryIds.invalidDataset(text).message) }
                return .datasetId(text)
            }
            guard GoogleProjectId.isValid(text) else {
                throw GoogleSQLError.invalidQuery("Invalid project ID \"\(text.prefix(100))\" in @@dataset_project_id")
            }
            return .datasetProjectId(text)
        case "@@time_zone":
            guard case .string(let zone) = value, !zone.isEmpty else {
                throw GoogleSQLError.invalidQuery("System variable \(name) must be set to a non-NULL, non-empty STRING")
            }
            try GoogleSQLCompiler.checkTimeZone(zone)
            return .timeZone(zone)
        case "@@query_label", "@@session_id":
            throw GoogleSQLError.invalidQuery("Unsupported: SET \(name) is not supported by the local emulator")
        case "@@project_id", "@@location", "@@row_count", "@@error", "@@current_job_id", "@@script":
            throw GoogleSQLError.invalidQuery("System variable \(name) is read-only")
        default:
            throw GoogleSQLError.invalidQuery("Unrecognized system variable name: \(name)")
        }
    }
}

import Foundation
import WireJSON

/// Whether a job that writes a table may create it (`configuration.*.createDisposition`).
enum CreateDisposition: String, Sendable {
    case createIfNeeded = "CREATE_IF_NEEDED"
    case createNever = "CREATE_NEVER"
}

/// What a job that writes a table does with the rows already there (`configuration.*.writeDisposition`).
enum WriteDisposition: String, Sendable {
    case writeEmpty = "WRITE_EMPTY"
    case writeTruncate = "WRITE_TRUNCATE"
    case writeAppend = "WRITE_APPEND"
}

/// Reading the parts that copy and load configurations share, with the 400s BigQuery gives.
enum JobConfiguration {
    /// A `{projectId, datasetId, tableId}` reference; the project defaults to the job's.
    static func table(_ json: JSONValue?, project: String, field: String) throws -> BigQueryStore.TableKey {
        guard let json else { throw GoogleAPIError.badRequest("Required parameter is missing: \(field)", reason: "required") }
        guard case .object(let reference) = json, let dataset = reference["datasetId"]?.stringValue,
            let table = reference["tableId"]?.stringValue
        else { throw GoogleAPIError.badRequest("Invalid value for \(field): a table reference with datasetId and tableId is required") }
        let projectId = reference["projectId"]?.stringValue ?? project
        guard GoogleProjectId.isValid(projectId) else { throw GoogleProjectId.invalid(projectId) }
        guard BigQueryIds.isValidDataset(dataset) else { throw BigQueryIds.invalidDataset(dataset) }
        guard BigQueryIds.isValidTable(table) else { throw BigQueryIds.invalidTable(table) }
        return BigQueryStore.TableKey(project: projectId, dataset: dataset, table: table)
    }

    /// A disposition, or `value` when the client sent none.
    static func disposition<Value: RawRepresentable<String>>(_ json: JSONValue?, field: String, default value: Value) throws -> Value {
        guard let json, !json.isNull else { return value }
        guard let text = json.stringValue, let parsed = Value(rawValue: text) else {
            let shown = json.stringValue ?? json.encodedString()
            throw GoogleAPIError.badRequest("Invalid value for \(field): \(shown.prefix(40)) is not a valid value")
        }
        return parsed
    }

    /// The job id a `jobs.insert` body names, or a new one. BigQuery's ids are letters, digits,
    /// underscores and dashes, up to 1,024 of them.
    static func jobId(_ body: JSONObject) throws -> String {
        guard let given = body["jobReference"]?["jobId"], !given.isNull else { return JobRegistry.newJobId() }
        guard let jobId = given.stringValue, (1...1024).contains(jobId.utf8.count),
            jobId.utf8.allSatisfy({
                $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") || (0x30...0x39).contains($0) || (0x41...0x5A).contains($0)
                    || (0x61...0x7A).contains($0)
            })
        else {
            let shown = given.stringValue ?? given.encodedString()
            throw GoogleAPIError.badRequest(
                "Invalid job ID \"\(shown.prefix(80))\". Job IDs must be alphanumeric (plus underscores and dashes) and at most 1024 characters long."
            )
        }
        return jobId
    }

    /// `project:dataset.table`, as BigQuery names a table in messages.
    static func name(_ key: BigQueryStore.TableKey) -> String { "\(key.project):\(key.dataset).\(key.table)" }

    /// The table in GoogleSQL: every part is a validated id, which holds no backtick.
    static func sql(_ key: BigQueryStore.TableKey) -> String { "`\(key.project)`.`\(key.dataset)`.`\(key.table)`" }

    /// Milliseconds since the epoch as the job resource writes times: a string.
    static func millis(_ date: Date) -> JSONValue { .string(String(Int64(date.timeIntervalSince1970 * 1000))) }
}

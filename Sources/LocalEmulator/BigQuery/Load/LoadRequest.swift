import Foundation
import WarehouseSchema
import WireJSON

/// A load job's configuration (`jobs.insert` with `configuration.load`, its data uploaded with it):
/// rows of a CSV or newline-delimited JSON file into a table.
struct LoadRequest: Sendable {
    enum SourceFormat: String, Sendable {
        case csv = "CSV"
        case newlineDelimitedJSON = "NEWLINE_DELIMITED_JSON"
        case parquet = "PARQUET"

        /// A self-describing file gives the schema of a table the load creates, without autodetect.
        var describesItsSchema: Bool { self == .parquet }
        /// The format's name in the job's error, as BigQuery words it.
        var errorName: String {
            switch self {
            case .csv: "CSV"
            case .newlineDelimitedJSON: "JSON"
            case .parquet: "Parquet"
            }
        }
    }

    var destination: BigQueryStore.TableKey
    var format: SourceFormat
    /// The schema the job gives; without one the table's, or the detected one with `autodetect`.
    var schema: TableSchema?
    var autodetect: Bool
    /// A load's default is CREATE_IF_NEEDED and WRITE_APPEND.
    var create: CreateDisposition
    var write: WriteDisposition
    var dialect = CSVDialect()
    /// CSV rows skipped at the start of the file (`skipLeadingRows`); nil when the job sets none,
    /// which with `autodetect` lets the first row be read as a header.
    var skipLeadingRows: Int?
    /// The CSV value that means NULL (`nullMarker`); nil for the default, the empty value.
    var nullMarker: String?
    /// CSV rows with fewer values than columns get NULLs for the rest (`allowJaggedRows`).
    var allowJaggedRows: Bool
    /// Values for no column are dropped rather than making the row bad (`ignoreUnknownValues`).
    var ignoreUnknownValues: Bool
    /// A Parquet LIST group is read as a REPEATED field of its elements, rather than as the records
    /// it is stored as (`parquetOptions.enableListInference`).
    var listInference = false
    /// What an appending load may change in the table's schema (`schemaUpdateOptions`).
    enum SchemaUpdateOption: String, Sendable {
        /// New NULLABLE or REPEATED fields are added.
        case allowFieldAddition = "ALLOW_FIELD_ADDITION"
        /// REQUIRED fields may become NULLABLE.
        case allowFieldRelaxation = "ALLOW_FIELD_RELAXATION"
    }

    var schemaUpdates: Set<SchemaUpdateOption> = []
    /// How many bad rows may be skipped before the job fails (`maxBadRecords`, default 0).
    var maxBadRecords: Int
    /// What a table this job creates takes: partitioning and clustering, as tables.insert reads them.
    var tableOptions: JSONObject
    /// The configuration as the client sent it, echoed back in the job resource.
    var configuration: JSONObject

    init(_ configuration: JSONObject, project: String) throws {
        self.configuration = configuration
        let fields = RequestFields(configuration, path: "job.configuration.load")
        destination = try JobConfiguration.table(configuration["destinationTable"], project: project, field: "destinationTable")
        if let uris = try fields.array("sourceUris"), !uris.isEmpty {
            throw GoogleAPIError.badRequest(
                "Unsupported: load jobs that read sourceUris (Cloud Storage) are not supported by the local emulator; upload the file with the job instead (load_table_from_file, bq load of a local file)"
            )
        }
        let formatName = try fields.string("sourceFormat") ?? "CSV"
        guard let format = SourceFormat(rawValue: formatName) else {
            let known = ["AVRO", "ORC", "DATASTORE_BACKUP", "GOOGLE_SHEETS", "ICEBERG"]
            guard known.contains(formatName) else {
                throw GoogleAPIError.badRequest("Invalid value for sourceFormat: \(formatName.prefix(40)) is not a valid value")
            }
            throw GoogleAPIError.badRequest(
                "Unsupported: load jobs of sourceFormat \(formatName) are not supported by the local emulator (CSV, NEWLINE_DELIMITED_JSON and PARQUET are)"
            )
        }
        self.format = format
        if let schemaJSON = configuration["schema"], !schemaJSON.isNull, !(schemaJSON["fields"]?.arrayValue?.isEmpty ?? true) {
            schema = try TableResourceRules.schema(from: schemaJSON)
        }
        autodetect = try fields.bool("autodetect") ?? false
        create = try JobConfiguration.disposition(configuration["createDisposition"], field: "createDisposition", default: .createIfNeeded)
        write = try JobConfiguration.disposition(configuration["writeDisposition"], field: "writeDisposition", default: .writeAppend)
        allowJaggedRows = try fields.bool("allowJaggedRows") ?? false
        ignoreUnknownValues = try fields.bool("ignoreUnknownValues") ?? false
        listInference = try fields.object("parquetOptions")?.bool("enableListInference") ?? false
        maxBadRecords = try Self.count(fields, "maxBadRecords") ?? 0
        skipLeadingRows = try Self.count(fields, "skipLeadingRows")
        nullMarker = try fields.string("nullMarker").flatMap { $0.isEmpty ? nil : $0 }
        dialect.allowQuotedNewlines = try fields.bool("allowQuotedNewlines") ?? false
        switch try fields.string("encoding")?.uppercased() ?? "UTF-8" {
        case "UTF-8", "UTF8": dialect.latin1 = false
        case "ISO-8859-1", "ISO_8859_1", "LATIN1": dialect.latin1 = true
        case let other:
            throw GoogleAPIError.badRequest(
                "Unsupported: load jobs of encoding \(other.prefix(40)) are not supported by the local emulator (UTF-8 and ISO-8859-1 are)")
        }
        if let delimiter = try fields.string("fieldDelimiter") {
            dialect.delimiter = try Self.delimiter(delimiter, latin1: dialect.latin1)
        }
        if let quote = try fields.string("quote") {
            guard quote.utf8.count <= 1 else {
                throw GoogleAPIError.badRequest("Invalid value for quote: \(quote.prefix(40)); the quote is one ASCII character, or empty for none")
            }
            dialect.quote = quote.utf8.first
        }
        for option in try fields.array("schemaUpdateOptions") ?? [] {
            guard let name = option.stringValue, let parsed = SchemaUpdateOption(rawValue: name) else {
                throw GoogleAPIError.badRequest("Invalid value for schemaUpdateOptions: \(option.encodedString().prefix(40)) is not a valid value")
            }
            schemaUpdates.insert(parsed)
        }
        if !schemaUpdates.isEmpty, write != .writeAppend {
            throw GoogleAPIError.badRequest(
                "Schema update options should only be specified with WRITE_APPEND disposition (the local emulator has no partition decorators for WRITE_TRUNCATE)"
            )
        }
        var tableOptions: JSONObject = [:]
        for member in ["timePartitioning", "rangePartitioning", "clustering", "destinationTableProperties"] {
            tableOptions[member] = configuration[member]
        }
        if let properties = configuration["destinationTableProperties"]?.objectValue {
            tableOptions["destinationTableProperties"] = .none
            tableOptions["description"] = properties["description"]
            tableOptions["friendlyName"] = properties["friendlyName"]
            tableOptions["labels"] = properties["labels"].flatMap(ResourceLabels.kept)
        }
        self.tableOptions = tableOptions
        guard format == .csv || (skipLeadingRows == nil && nullMarker == nil) else {
            throw GoogleAPIError.badRequest("skipLeadingRows and nullMarker apply to CSV loads only; this job's sourceFormat is \(format.rawValue)")
        }
    }

    /// `\t` and `tab` name the tab; otherwise one character, as bytes in the file's encoding.
    private static func delimiter(_ text: String, latin1: Bool) throws -> [UInt8] {
        let spelled = ["\\t": "\t", "tab": "\t", "\\x01": "\u{01}"][text.lowercased()] ?? text
        guard spelled.unicodeScalars.count == 1, let scalar = spelled.unicodeScalars.first, scalar != "\n", scalar != "\r" else {
            throw GoogleAPIError.badRequest("Invalid value for fieldDelimiter: \(text.prefix(40)); the delimiter is one character, or \\t")
        }
        if latin1 {
            guard scalar.value < 256 else {
                throw GoogleAPIError.badRequest("Invalid value for fieldDelimiter: \(text) is not an ISO-8859-1 character")
            }
            return [UInt8(scalar.value)]
        }
        return Array(String(scalar).utf8)
    }

    /// A non-negative count (int32 in the API), which JSON may carry as a number or a decimal string.
    private static func count(_ fields: RequestFields, _ key: String) throws -> Int? {
        guard let number = try fields.int64(key) else { return nil }
        guard number >= 0, number <= Int64(Int32.max) else {
            throw GoogleAPIError.badRequest("Invalid value for \(key): \(number) is not a non-negative integer")
        }
        return Int(number)
    }
}

import WarehouseClient
import WireJSON

@testable import LocalEmulator

/// A load job's upload read as the emulator reads one: the first byte picks the options (format,
/// quoting, encoding, delimiter, jagged rows, null marker), the rest is the file. Every record must
/// come out as a row or a bad record, against the detected schema and against a fixed one, and the
/// multipart and Content-Range readers must answer any bytes without crashing.
enum LoadFuzz {
    static let target = FuzzTarget(name: "load") { bytes in check(bytes) }

    static func check(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let options = bytes.first else { return }
        let data = Array(bytes.dropFirst())
        let request = makeRequest(options)
        guard let file = try? LoadFile(data, request: request) else { return require(false, "CSV and JSON files are read record by record") }
        var body: String { String(decoding: data.prefix(300), as: UTF8.self).debugDescription }
        let records: Int
        switch file.records {
        case .csv(let list):
            records = list.count
            var previous = -1
            for record in list {
                let offset: Int
                switch record {
                case .fields(_, let at), .malformed(_, let at): offset = at
                }
                require(offset > previous && offset < data.count, "CSV record offset \(offset) after \(previous) of \(data.count) bytes: \(body)")
                previous = offset
            }
        case .json(let list):
            records = list.count
        case .parquet(let file):
            records = file.rows.count
        }
        let skipped = request.skipLeadingRows ?? 0
        if let detected = try? file.detectedSchema(request: request) {
            if let read = try? file.rows(schema: detected.schema, request: request, headerRows: detected.headerRows) {
                let expected = max(0, records - (request.skipLeadingRows ?? detected.headerRows))
                require(
                    read.rows.count + read.bad.count == expected, "\(read.rows.count) rows + \(read.bad.count) bad of \(expected) records: \(body)")
            }
        }
        if let read = try? file.rows(schema: schema, request: request, headerRows: 0) {
            let expected = max(0, records - skipped)
            require(
                read.rows.count + read.bad.count == expected,
                "\(read.rows.count) rows + \(read.bad.count) bad of \(expected) records (fixed schema): \(body)")
            for row in read.rows { require(row.values.count == schema.fields.count, "a row of \(row.values.count) values: \(body)") }
        }
        if let parts = try? MultipartRelated.parts(of: data, boundary: "b") {
            for part in parts { require(part.body.startIndex >= 0 && part.body.endIndex <= data.count, "a part outside the body: \(body)") }
        }
        _ = ResumableUploads.ContentRange(String(decoding: data.prefix(80), as: UTF8.self))
    }

    @inline(never)
    static func makeRequest(_ options: UInt8) -> LoadRequest {
        let csv = options & 1 == 0
        var configuration: JSONObject = [
            "destinationTable": ["projectId": "fuzz-project", "datasetId": "ds", "tableId": "t"],
            "sourceFormat": csv ? "CSV" : "NEWLINE_DELIMITED_JSON",
        ]
        if options & 2 != 0 { configuration["allowQuotedNewlines"] = true }
        if options & 4 != 0 { configuration["encoding"] = "ISO-8859-1" }
        if options & 8 != 0, csv { configuration["quote"] = "" }
        if options & 16 != 0, csv { configuration["fieldDelimiter"] = options & 4 != 0 ? "\u{FE}" : "¦" }
        if options & 32 != 0 {
            configuration["allowJaggedRows"] = true
            configuration["ignoreUnknownValues"] = true
        }
        if options & 64 != 0, csv { configuration["nullMarker"] = "\\N" }
        if options & 128 != 0, csv { configuration["skipLeadingRows"] = 1 }
        // The configuration above is always valid: a refusal here is a defect of LoadRequest.
        return try! LoadRequest(configuration, project: "fuzz-project")
    }

    /// One column of each scalar type a CSV can hold.
    static let schema = TableSchema(fields: [
        TableFieldSchema(name: "s", type: .string),
        TableFieldSchema(name: "i", type: .integer, mode: .required),
        TableFieldSchema(name: "f", type: .float),
        TableFieldSchema(name: "ok", type: .boolean),
        TableFieldSchema(name: "n", type: .numeric),
        TableFieldSchema(name: "ts", type: .timestamp),
        TableFieldSchema(name: "d", type: .date),
        TableFieldSchema(name: "b", type: .bytes),
        TableFieldSchema(name: "r", type: .rangeDate),
    ])
}

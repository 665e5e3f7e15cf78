import Foundation
import WarehouseSchema
import WireJSON

/// A load job's file read into records, before any table is looked at: CSV records, or the objects
/// of newline-delimited JSON. A record that cannot be read is kept as a bad record with its reason.
struct LoadFile: Sendable {
    enum Records: Sendable {
        case csv([CSVReader.Record])
        case json([JSONRecord])
        case parquet(ParquetFile)
    }

    enum JSONRecord: Sendable {
        case object(JSONObject, offset: Int)
        case malformed(String, offset: Int)
    }

    /// One row the file could not give, with where it starts and why.
    struct BadRecord: Sendable {
        var offset: Int
        var message: String
    }

    /// What reading the file against a schema gave: the rows to store and the bad records.
    struct Rows {
        var rows: [ValidatedRow] = []
        var bad: [BadRecord] = []
    }

    let records: Records
    let byteCount: Int

    /// A Parquet file that cannot be read at all fails the job; CSV and JSON fail record by record.
    init(_ bytes: [UInt8], request: LoadRequest) throws {
        byteCount = bytes.count
        switch request.format {
        case .parquet:
            do {
                records = .parquet(try ParquetFile(bytes))
            } catch {
                throw Self.unreadable(error)
            }
        case .csv:
            records = .csv(Array(CSVReader(bytes, dialect: request.dialect)))
        case .newlineDelimitedJSON:
            let text = request.dialect.latin1 ? Array(CSVDialect.latin1Text(bytes).utf8) : bytes
            records = .json(Self.jsonRecords(text))
        }
    }

    /// One object per non-blank line.
    private static func jsonRecords(_ bytes: [UInt8]) -> [JSONRecord] {
        var records: [JSONRecord] = []
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            defer { start = end + 1 }
            let line = bytes[start..<end]
            guard line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { continue }
            do {
                let value = try line.withUnsafeBufferPointer { try JSONValue(parsing: $0) }
                guard case .object(let object) = value else {
                    records.append(.malformed("JSON parsing error in row starting at position \(start): the row is not a JSON object", offset: start))
                    continue
                }
                records.append(.object(object, offset: start))
            } catch {
                records.append(.malformed("JSON parsing error in row starting at position \(start): \(error)", offset: start))
            }
        }
        return records
    }

    private static func unreadable(_ error: ParquetError) -> GoogleAPIError {
        GoogleAPIError.badRequest("Error while reading data, error message: Parquet file: \(error.message)", reason: "invalid")
    }

    /// The schema `autodetect` reads from the file (or a Parquet file describes), and how many CSV
    /// header rows it found.
    func detectedSchema(request: LoadRequest) throws -> (schema: TableSchema, headerRows: Int) {
        let skipLeadingRows = request.skipLeadingRows
        switch records {
        case .parquet(let file):
            do {
                return (try file.schema(listInference: request.listInference), 0)
            } catch {
                throw Self.unreadable(error)
            }
        case .csv(let records): return try SchemaDetection.csvSchema(records, skipLeadingRows: skipLeadingRows)
        case .json(let records):
            let objects = records.compactMap { record -> JSONObject? in
                if case .object(let object, _) = record { return object }
                return nil
            }
            // A file of nothing but unreadable lines says why the first one could not be read.
            if objects.isEmpty, case .malformed(let message, _)? = records.first {
                throw GoogleAPIError.badRequest("Schema could not be detected: \(message)", reason: "invalid")
            }
            return (try SchemaDetection.jsonSchema(objects), 0)
        }
    }

    /// The file's rows checked against `schema` with the validator insertAll uses.
    func rows(schema: TableSchema, request: LoadRequest, headerRows: Int) throws -> Rows {
        let validator = RowValidator(schema: schema, ignoreUnknownValues: request.ignoreUnknownValues)
        var result = Rows()
        /// `place` says where the row is: a byte offset in a text file, a row number in a Parquet file.
        func add(_ outcome: RowValidator.Outcome, offset: Int, place: String? = nil) {
            switch outcome {
            case .valid(let values): result.rows.append(ValidatedRow(index: result.rows.count, insertId: nil, values: values))
            case .invalid(let errors):
                let reasons = errors.prefix(5).map(\.message).joined(separator: "; ")
                result.bad.append(
                    BadRecord(
                        offset: offset,
                        message: "Error while reading data, error message: \(place ?? "row starting at position \(offset)"): \(reasons)"))
            }
        }
        switch records {
        case .parquet(let file):
            let plan = file.plan(for: schema, listInference: request.listInference)
            // A column the table lacks makes every row bad alike, as the validator would find it in each.
            let unknown = request.ignoreUnknownValues ? nil : plan.targets.firstIndex(of: nil).map { file.fields[$0].name }
            for index in file.rows.indices {
                let place = "Error while reading data, error message: row \(index)"
                if let unknown {
                    result.bad.append(BadRecord(offset: index, message: "\(place): no such field: \(unknown)."))
                    continue
                }
                do {
                    add(validator.validate(cells: try file.cells(row: index, plan: plan)), offset: index, place: "row \(index)")
                } catch {
                    result.bad.append(BadRecord(offset: index, message: "\(place): \(error.message)"))
                }
            }
        case .json(let records):
            for record in records {
                switch record {
                case .object(let object, let offset): add(validator.validate(object), offset: offset)
                case .malformed(let message, let offset):
                    result.bad.append(BadRecord(offset: offset, message: "Error while reading data, error message: \(message)"))
                }
            }
        case .csv(let records):
            if let nested = schema.fields.first(where: { $0.type == .record || $0.mode == .repeated }) {
                throw GoogleAPIError.badRequest(
                    "CSV files cannot hold nested or repeated data: field \(nested.name) is \(nested.mode == .repeated ? "REPEATED" : "RECORD"); load such tables from NEWLINE_DELIMITED_JSON"
                )
            }
            for record in records.dropFirst(request.skipLeadingRows ?? headerRows) {
                switch record {
                case .malformed(let message, let offset):
                    result.bad.append(BadRecord(offset: offset, message: "Error while reading data, error message: \(message)"))
                case .fields(let values, let offset):
                    switch csvValues(values, schema: schema, request: request) {
                    case .success(let values): add(validator.validate(positional: values), offset: offset)
                    case .failure(let error):
                        result.bad.append(
                            BadRecord(
                                offset: offset,
                                message: "Error while reading data, error message: row starting at position \(offset): \(error.message)"))
                    }
                }
            }
        }
        return result
    }

    /// A CSV record as the values insertAll would get, in column order: NULL for the null marker (by
    /// default the empty value), booleans in BigQuery's CSV spellings.
    private func csvValues(_ values: [String], schema: TableSchema, request: LoadRequest) -> Result<[JSONValue], CSVError> {
        let fields = schema.fields
        if values.count > fields.count, !request.ignoreUnknownValues {
            return .failure(
                CSVError(
                    "Too many values: the row has \(values.count) and the table \(fields.count) columns (ignoreUnknownValues drops the extra ones)"))
        }
        if values.count < fields.count, !request.allowJaggedRows {
            return .failure(
                CSVError(
                    "Too few values: the row has \(values.count) and the table \(fields.count) columns (allowJaggedRows reads the missing ones as NULL)"
                ))
        }
        var row: [JSONValue] = []
        row.reserveCapacity(fields.count)
        for (field, text) in zip(fields, values) {
            // With a marker of its own, an empty value is the empty STRING or BYTES, and bad for any other type.
            let isNull = request.nullMarker.map { text == $0 } ?? text.isEmpty
            row.append(isNull ? .null : .string(field.type == .boolean ? Self.csvBoolean(text) : text))
        }
        return .success(row)
    }

    /// BigQuery's CSV booleans: true/false, t/f, yes/no, y/n and 1/0, in any case.
    private static func csvBoolean(_ text: String) -> String {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "true", "t", "yes", "y", "1": "true"
        case "false", "f", "no", "n", "0": "false"
        default: text
        }
    }
}

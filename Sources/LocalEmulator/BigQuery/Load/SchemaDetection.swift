import Foundation
import WarehouseSchema
import WireJSON

/// `autodetect`: a schema read from the first rows of the file, as BigQuery infers one. Every column
/// is NULLABLE (REPEATED for JSON arrays); a column whose sampled values are all empty is STRING;
/// INTEGER and FLOAT together make FLOAT, DATE and TIMESTAMP together make TIMESTAMP, and any other
/// mix is STRING.
enum SchemaDetection {
    /// BigQuery reads up to 500 rows to infer a schema.
    static let sampleRows = 500

    /// The type a text value reads as: BOOL, INT64, FLOAT64, DATE, TIME, TIMESTAMP or STRING.
    static func type(ofText text: String) -> FieldType {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch trimmed.lowercased() {
        case "true", "false": return .boolean
        default: break
        }
        if Int64(trimmed) != nil, trimmed.allSatisfy({ $0.isASCII }) { return .integer }
        if trimmed.contains(where: { $0.isNumber }), trimmed.allSatisfy({ "0123456789+-.eE".contains($0) }), Double(trimmed) != nil {
            return .float
        }
        if trimmed.count == 10, CivilTime.parseDate(trimmed) != nil { return .date }
        if trimmed.count >= 8, trimmed.count <= 15, trimmed.contains(":"), !trimmed.contains("-"), CivilTime.parseTime(trimmed) != nil {
            return .time
        }
        if trimmed.count >= 16, trimmed.first?.isNumber == true, CivilTime.parseTimestamp(trimmed) != nil { return .timestamp }
        return .string
    }

    /// The type two sampled values of one column share.
    static func merge(_ old: FieldType?, _ new: FieldType?) -> FieldType? {
        guard let old else { return new }
        guard let new, new != old else { return old }
        switch (old, new) {
        case (.integer, .float), (.float, .integer): return .float
        case (.date, .timestamp), (.timestamp, .date): return .timestamp
        default: return .string
        }
    }

    // MARK: CSV

    /// The columns of a CSV file: named from its header row when the first row is all text and some
    /// column below it is not (or, with `skipLeadingRows`, from the last skipped row), else
    /// `string_field_0`, `int64_field_1`, ... by type and position. Returns how many rows the header took.
    static func csvSchema(_ records: [CSVReader.Record], skipLeadingRows: Int?) throws -> (schema: TableSchema, headerRows: Int) {
        let rows = records.compactMap { record -> [String]? in
            if case .fields(let fields, _) = record { return fields }
            return nil
        }
        let skipped = skipLeadingRows ?? 0
        let sample = rows.dropFirst(skipped).prefix(sampleRows + 1)
        guard let width = sample.map(\.count).max() else {
            throw GoogleAPIError.badRequest("Schema could not be detected: the file has no rows to read it from", reason: "invalid")
        }
        func types<S: Sequence<[String]>>(_ rows: S) -> [FieldType?] {
            var columns = [FieldType?](repeating: nil, count: width)
            for row in rows {
                for (index, field) in row.enumerated() where !field.isEmpty {
                    columns[index] = merge(columns[index], type(ofText: field))
                }
            }
            return columns
        }
        var names: [String]?
        var headerRows = 0
        var columns = types(sample)
        if skipLeadingRows == nil, let first = sample.first, sample.count > 1 {
            let below = types(sample.dropFirst())
            let firstIsText = first.allSatisfy { $0.isEmpty || type(ofText: $0) == .string }
            if firstIsText, below.contains(where: { $0 != nil && $0 != .string }) {
                names = first
                headerRows = 1
                columns = below
            }
        } else if skipped > 0, let header = rows.dropFirst(skipped - 1).first {
            names = header
        }
        let resolved = columns.map { $0 ?? .string }
        var used = Set<String>()
        let fields = resolved.enumerated().map { index, type -> TableFieldSchema in
            let given = names.flatMap { index < $0.count ? columnName($0[index]) : nil }
            var name = given ?? "\(prefix(of: type))_field_\(index)"
            if used.contains(name.lowercased()) { name += "_\(index)" }
            used.insert(name.lowercased())
            return TableFieldSchema(name: name, type: type)
        }
        return (TableSchema(fields: fields), headerRows)
    }

    private static func prefix(of type: FieldType) -> String {
        switch type {
        case .integer: "int64"
        case .float: "double"
        case .boolean: "bool"
        default: type.rawValue.lowercased()
        }
    }

    /// A header value as a column name: characters a name cannot hold become `_`, a leading digit
    /// gets a `_` before it, and it is cut to BigQuery's 300 characters; nil for an empty header.
    static func columnName(_ header: String) -> String? {
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return nil }
        var name = String(trimmed.unicodeScalars.map { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" ? Character($0) : "_" })
        if name.first?.isNumber == true { name = "_" + name }
        return String(name.prefix(300))
    }

    // MARK: JSON

    /// The fields of newline-delimited JSON objects, in the order their keys first appear.
    static func jsonSchema(_ objects: [JSONObject]) throws -> TableSchema {
        guard !objects.isEmpty else {
            throw GoogleAPIError.badRequest("Schema could not be detected: the file has no rows to read it from", reason: "invalid")
        }
        var detected = DetectedRecord()
        for object in objects.prefix(sampleRows) { detected.add(object) }
        return TableSchema(fields: detected.fields())
    }

    fileprivate struct DetectedField {
        var type: FieldType?
        var repeated = false
        var nested: DetectedRecord?
    }

    fileprivate struct DetectedRecord {
        var names: [String] = []
        var byName: [String: DetectedField] = [:]

        mutating func add(_ object: JSONObject) {
            for (key, value) in object.members {
                let lookup = key.lowercased()
                if byName[lookup] == nil {
                    names.append(key)
                    byName[lookup] = DetectedField()
                }
                byName[lookup]!.add(value)
            }
        }

        func fields() -> [TableFieldSchema] {
            names.map { name in
                let field = byName[name.lowercased()]!
                let nested = field.nested?.fields() ?? []
                // An object whose keys never appeared is a record with nothing to hold; read it as STRING.
                let type = field.type == .record && nested.isEmpty ? .string : field.type ?? .string
                return TableFieldSchema(
                    name: name, type: type, mode: field.repeated ? .repeated : .nullable, fields: type == .record ? nested : [])
            }
        }
    }
}

extension SchemaDetection.DetectedField {
    fileprivate mutating func add(_ value: JSONValue) {
        switch value {
        case .null: return
        case .array(let elements):
            repeated = true
            for element in elements { addScalarOrRecord(element) }
        default: addScalarOrRecord(value)
        }
    }

    private mutating func addScalarOrRecord(_ value: JSONValue) {
        let seen: FieldType
        switch value {
        case .null, .array: return
        case .bool: seen = .boolean
        case .int: seen = .integer
        case .double, .numberText: seen = .float
        case .string(let text): seen = SchemaDetection.type(ofText: text) == .string ? .string : Self.stringType(text)
        case .object(let object):
            seen = .record
            var record = nested ?? SchemaDetection.DetectedRecord()
            record.add(object)
            nested = record
        }
        type = SchemaDetection.merge(type, seen)
    }

    /// A JSON string is a DATE, TIME or TIMESTAMP when it reads as one; quoted numbers and booleans stay STRING.
    private static func stringType(_ text: String) -> FieldType {
        switch SchemaDetection.type(ofText: text) {
        case .date: .date
        case .time: .time
        case .timestamp: .timestamp
        default: .string
        }
    }
}

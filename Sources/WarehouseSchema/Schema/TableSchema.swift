import WireJSON

/// A BigQuery column type, by the names the REST API returns (legacy SQL names: INTEGER, FLOAT, ...).
public enum FieldType: String, Sendable, Hashable, CaseIterable {
    case string = "STRING"
    case bytes = "BYTES"
    case integer = "INTEGER"
    case float = "FLOAT"
    case numeric = "NUMERIC"
    case bignumeric = "BIGNUMERIC"
    case boolean = "BOOLEAN"
    case timestamp = "TIMESTAMP"
    case date = "DATE"
    case datetime = "DATETIME"
    case time = "TIME"
    case json = "JSON"
    case interval = "INTERVAL"
    /// Points, lines and polygons on the sphere, held as their canonical WKT (see `Geography`).
    case geography = "GEOGRAPHY"
    case record = "RECORD"
    /// RANGE of DATE, DATETIME or TIMESTAMP: the REST API's `"type": "RANGE"` with its
    /// `rangeElementType`, one case per element so that a column's type is one value (`RangeValue`).
    case rangeDate = "RANGE<DATE>"
    case rangeDatetime = "RANGE<DATETIME>"
    case rangeTimestamp = "RANGE<TIMESTAMP>"

    /// Accepts both the legacy and the GoogleSQL spelling, in any case, as BigQuery does.
    public init?(apiName: String) {
        switch apiName.uppercased() {
        case "STRING": self = .string
        case "BYTES": self = .bytes
        case "INTEGER", "INT64": self = .integer
        case "FLOAT", "FLOAT64": self = .float
        case "NUMERIC", "DECIMAL": self = .numeric
        case "BIGNUMERIC", "BIGDECIMAL": self = .bignumeric
        case "BOOLEAN", "BOOL": self = .boolean
        case "TIMESTAMP": self = .timestamp
        case "DATE": self = .date
        case "DATETIME": self = .datetime
        case "TIME": self = .time
        case "JSON": self = .json
        case "INTERVAL": self = .interval
        case "GEOGRAPHY": self = .geography
        case "RECORD", "STRUCT": self = .record
        case "RANGE<DATE>": self = .rangeDate
        case "RANGE<DATETIME>": self = .rangeDatetime
        case "RANGE<TIMESTAMP>": self = .rangeTimestamp
        default: return nil
        }
    }

    /// The element type of a RANGE type, nil for any other.
    public var rangeElement: RangeValue.Element? {
        switch self {
        case .rangeDate: .date
        case .rangeDatetime: .datetime
        case .rangeTimestamp: .timestamp
        default: nil
        }
    }

    /// The REST `type` of a schema field: `RANGE` for every RANGE type (its element travels apart).
    public var restName: String { rangeElement == nil ? rawValue : "RANGE" }

    /// The GoogleSQL spelling, as used in query parameter types and error messages.
    public var standardSQLName: String {
        switch self {
        case .integer: "INT64"
        case .float: "FLOAT64"
        case .boolean: "BOOL"
        case .record: "STRUCT"
        default: rawValue
        }
    }
}

public enum FieldMode: String, Sendable, Hashable {
    case nullable = "NULLABLE"
    case required = "REQUIRED"
    case repeated = "REPEATED"
}

public struct TableFieldSchema: Sendable, Hashable {
    public var name: String
    public var type: FieldType
    public var mode: FieldMode
    public var fields: [TableFieldSchema]
    public var description: String?
    /// STRING(L), BYTES(L), NUMERIC(P, S), BIGNUMERIC(P, S); `.none` for the plain type.
    public var parameters: TypeParameters
    /// `DEFAULT expression` (REST `defaultValueExpression`): what DML writes to the column when a new
    /// row gives it no value. Top-level columns only.
    public var defaultValueExpression: String?

    public init(
        name: String, type: FieldType, mode: FieldMode = .nullable,
        fields: [TableFieldSchema] = [], description: String? = nil, parameters: TypeParameters = .none
    ) {
        self.name = name
        self.type = type
        self.mode = mode
        self.fields = fields
        self.description = description
        self.parameters = parameters
    }

    public func field(named name: String) -> TableFieldSchema? {
        fields.first { $0.name.caseInsensitiveCompare(name) }
    }
}

public struct TableSchema: Sendable, Hashable {
    public var fields: [TableFieldSchema]

    public init(fields: [TableFieldSchema]) { self.fields = fields }

    /// BigQuery column names are case-insensitive.
    public func field(named name: String) -> TableFieldSchema? {
        fields.first { $0.name.caseInsensitiveCompare(name) }
    }
}

/// Why a schema document is not a valid BigQuery schema.
public struct SchemaError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension String {
    func caseInsensitiveCompare(_ other: String) -> Bool {
        count == other.count && lowercased() == other.lowercased()
    }
}

extension TableFieldSchema {
    /// Parses one field of the REST `TableFieldSchema` (also the `bq mk --schema` file format).
    public init(json: JSONValue, path: String = "") throws(SchemaError) {
        guard case .object(let object) = json else { throw SchemaError("Schema field must be an object") }
        guard let name = object["name"]?.stringValue, !name.isEmpty else {
            throw SchemaError("Schema field\(path.isEmpty ? "" : " in \(path)") has no name")
        }
        guard TableFieldSchema.isValidName(name) else {
            throw SchemaError(
                "Invalid field name \"\(name)\". Fields must contain only letters, numbers, and underscores, start with a letter or underscore, and be at most 300 characters long."
            )
        }
        let fullName = path.isEmpty ? name : "\(path).\(name)"
        guard let typeName = object["type"]?.stringValue else { throw SchemaError("Field \(fullName) has no type") }
        let type = try Self.fieldType(typeName, rangeElementType: object["rangeElementType"], field: fullName)
        var mode = FieldMode.nullable
        if let modeName = object["mode"]?.stringValue {
            guard let parsed = FieldMode(rawValue: modeName.uppercased()) else {
                throw SchemaError("Invalid value for mode: \(modeName) is not a valid value")
            }
            mode = parsed
        }
        var fields: [TableFieldSchema] = []
        if let nested = object["fields"]?.arrayValue {
            guard type == .record else { throw SchemaError("Field \(fullName) is type \(type.rawValue) but has subfields") }
            fields = try TableSchema.parseFields(nested, path: fullName)
        }
        if type == .record, fields.isEmpty {
            throw SchemaError("Field \(fullName) is type RECORD but has no schema")
        }
        let parameters = try TypeParameters(json: object, type: type, field: fullName)
        self.init(
            name: name, type: type, mode: mode, fields: fields, description: object["description"]?.stringValue,
            parameters: parameters)
        if let expression = object["defaultValueExpression"], !expression.isNull {
            guard let text = expression.stringValue, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw SchemaError("Invalid value for defaultValueExpression of field \(fullName): a non-empty string is required")
            }
            guard path.isEmpty else { throw SchemaError("Field \(fullName) cannot have a default value: only top-level fields can") }
            defaultValueExpression = text
        }
    }

    public static func isValidName(_ name: String) -> Bool {
        guard let first = name.utf8.first, name.utf8.count <= 300 else { return false }
        let isLetter = { (byte: UInt8) in (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) }
        guard isLetter(first) || first == UInt8(ascii: "_") else { return false }
        return name.utf8.allSatisfy { isLetter($0) || ($0 >= 48 && $0 <= 57) || $0 == UInt8(ascii: "_") }
    }

    /// The type of a REST field: a RANGE takes its element from `rangeElementType: {"type": ...}`.
    static func fieldType(_ typeName: String, rangeElementType: JSONValue?, field: String) throws(SchemaError) -> FieldType {
        let element = rangeElementType.flatMap { $0.isNull ? nil : $0 }
        guard typeName.uppercased() == "RANGE" else {
            guard let type = FieldType(apiName: typeName) else {
                throw SchemaError("Invalid value for type: \(typeName) is not a valid value")
            }
            guard element == nil else { throw SchemaError("Field \(field) is type \(type.rawValue) but has a rangeElementType") }
            return type
        }
        guard let elementName = element?["type"]?.stringValue else {
            throw SchemaError("Field \(field) is type RANGE but has no rangeElementType")
        }
        guard let elementType = FieldType(apiName: elementName), let rangeElement = RangeValue.Element(elementType) else {
            throw SchemaError("Field \(field) has RANGE element type \(elementName); it must be DATE, DATETIME or TIMESTAMP")
        }
        return rangeElement.rangeType
    }

    public var json: JSONValue {
        var object: JSONObject = ["name": .string(name), "type": .string(type.restName), "mode": .string(mode.rawValue)]
        if let element = type.rangeElement { object["rangeElementType"] = ["type": .string(element.fieldType.rawValue)] }
        if !fields.isEmpty { object["fields"] = .array(fields.map(\.json)) }
        if let description { object["description"] = .string(description) }
        for (key, value) in parameters.jsonMembers { object[key] = value }
        if let defaultValueExpression { object["defaultValueExpression"] = .string(defaultValueExpression) }
        return .object(object)
    }
}

extension TableSchema {
    /// Parses `{"fields": [...]}` (the REST form) or a bare array (the `bq mk --schema` file form).
    public init(json: JSONValue) throws(SchemaError) {
        switch json {
        case .array(let fields): self.init(fields: try TableSchema.parseFields(fields, path: ""))
        case .object(let object):
            guard let fields = object["fields"]?.arrayValue else { throw SchemaError("Schema has no fields") }
            self.init(fields: try TableSchema.parseFields(fields, path: ""))
        default: throw SchemaError("Schema must be an object with fields or an array of fields")
        }
    }

    static func parseFields(_ fields: [JSONValue], path: String) throws(SchemaError) -> [TableFieldSchema] {
        var parsed: [TableFieldSchema] = []
        var seen = Set<String>()
        for field in fields {
            let schemaField = try TableFieldSchema(json: field, path: path)
            guard seen.insert(schemaField.name.lowercased()).inserted else {
                throw SchemaError("Duplicate column names: '\(schemaField.name)'")
            }
            parsed.append(schemaField)
        }
        return parsed
    }

    public var json: JSONValue { .object(["fields": .array(fields.map(\.json))]) }
}

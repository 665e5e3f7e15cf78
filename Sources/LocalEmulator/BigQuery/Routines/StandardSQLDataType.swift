import WarehouseSchema
import WireJSON

/// The REST `StandardSqlDataType` (`{"typeKind": "ARRAY", "arrayElementType": {...}}`) a routine's
/// arguments and return type are written in, to and from the schema field the compiler takes.
enum StandardSQLDataType {
    /// The types a routine's signature may use here: those the emulator stores and computes.
    private static let scalarKinds: [String: FieldType] = [
        "INT64": .integer, "BOOL": .boolean, "FLOAT64": .float, "STRING": .string, "BYTES": .bytes,
        "TIMESTAMP": .timestamp, "DATE": .date, "TIME": .time, "DATETIME": .datetime, "INTERVAL": .interval,
        "NUMERIC": .numeric, "BIGNUMERIC": .bignumeric, "JSON": .json, "GEOGRAPHY": .geography,
    ]

    /// Nesting deeper than this is refused before it is walked: a request body is not trusted.
    private static let maximumDepth = 15

    /// The field `json` describes, named `name`; `path` names it in errors (`arguments[0].dataType`).
    static func field(named name: String, from json: JSONValue, path: String, depth: Int = 0) throws -> TableFieldSchema {
        guard depth <= maximumDepth else { throw invalid("\(path) is nested more than \(maximumDepth) levels deep") }
        guard case .object(let object) = json else { throw invalid("\(path) must be an object") }
        guard let kind = object["typeKind"]?.stringValue else { throw invalid("\(path).typeKind is required") }
        switch kind {
        case "ARRAY":
            guard let element = object["arrayElementType"] else { throw invalid("\(path).arrayElementType is required for an ARRAY") }
            var field = try self.field(named: name, from: element, path: "\(path).arrayElementType", depth: depth + 1)
            guard field.mode != .repeated else { throw invalid("\(path): arrays of arrays are not supported") }
            field.mode = .repeated
            return field
        case "STRUCT":
            guard let members = object["structType"]?["fields"]?.arrayValue ?? (object["structType"] != nil ? [] : nil) else {
                throw invalid("\(path).structType is required for a STRUCT")
            }
            var fields: [TableFieldSchema] = []
            for (index, member) in members.enumerated() {
                let memberPath = "\(path).structType.fields[\(index)]"
                guard let memberName = member["name"]?.stringValue, !memberName.isEmpty else {
                    throw unsupported("STRUCT fields without a name (\(memberPath))")
                }
                guard TableFieldSchema.isValidName(memberName) else {
                    throw invalid("\(memberPath).name \"\(memberName)\" is not a valid field name")
                }
                guard !fields.contains(where: { $0.name.lowercased() == memberName.lowercased() }) else {
                    throw invalid("\(path): duplicate field name \(memberName)")
                }
                guard let type = member["type"] else { throw invalid("\(memberPath).type is required") }
                fields.append(try self.field(named: memberName, from: type, path: "\(memberPath).type", depth: depth + 1))
            }
            guard !fields.isEmpty else { throw unsupported("STRUCTs without fields (\(path))") }
            return TableFieldSchema(name: name, type: .record, fields: fields)
        case "RANGE":
            // `{"typeKind": "RANGE", "rangeElementType": {"typeKind": "DATE"}}`
            guard let elementKind = object["rangeElementType"]?["typeKind"]?.stringValue,
                let element = scalarKinds[elementKind].flatMap(RangeValue.Element.init)
            else { throw invalid("\(path).rangeElementType must be a DATE, DATETIME or TIMESTAMP type for a RANGE") }
            return TableFieldSchema(name: name, type: element.rangeType)
        default:
            guard let type = scalarKinds[kind] else {
                throw invalid("Invalid value for \(path).typeKind: \(kind) is not a valid value")
            }
            return TableFieldSchema(name: name, type: type)
        }
    }

    /// The REST form of a field's type.
    static func json(of field: TableFieldSchema) -> JSONValue {
        if field.mode == .repeated {
            var element = field
            element.mode = .nullable
            return ["typeKind": "ARRAY", "arrayElementType": json(of: element)]
        }
        if field.type == .record {
            let members: [JSONValue] = field.fields.map { ["name": .string($0.name), "type": json(of: $0)] }
            return ["typeKind": "STRUCT", "structType": ["fields": .array(members)]]
        }
        if let element = field.type.rangeElement {
            return ["typeKind": "RANGE", "rangeElementType": ["typeKind": .string(element.fieldType.standardSQLName)]]
        }
        return ["typeKind": .string(field.type.standardSQLName)]
    }

    static func invalid(_ message: String) -> GoogleAPIError { .badRequest(message) }

    static func unsupported(_ what: String) -> GoogleAPIError {
        .badRequest("Unsupported: \(what) are not supported by the local emulator")
    }
}

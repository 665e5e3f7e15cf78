import WarehouseSchema
import WireJSON

/// Decodes the REST `queryParameters` array: `{name?, parameterType, parameterValue}`.
enum ParameterDecoding {
    static func decode(_ json: [JSONValue]) throws(GoogleSQLError) -> [QueryParameter] {
        var parameters: [QueryParameter] = []
        var seen = Set<String>()
        for (index, entry) in json.enumerated() {
            guard let object = entry.objectValue else {
                throw GoogleSQLError.invalidQuery("Query parameter \(index + 1) must be an object")
            }
            var name = object["name"]?.stringValue
            if name?.isEmpty == true { name = nil }
            let label = name.map { "'\($0)'" } ?? "at position \(index + 1)"
            if let name {
                guard isIdentifier(name) else { throw GoogleSQLError.invalidQuery("Invalid query parameter name: \(name)") }
                guard seen.insert(name.lowercased()).inserted else {
                    throw GoogleSQLError.invalidQuery("Duplicate query parameter name: \(name)")
                }
            }
            let type = try parameterType(object["parameterType"], label: label)
            let value = try parameterValue(object["parameterValue"], type: type, label: label)
            parameters.append(QueryParameter(name: name, type: type, value: value))
        }
        let named = parameters.filter { $0.name != nil }.count
        if named != 0 && named != parameters.count {
            throw GoogleSQLError.invalidQuery("Query parameters must be either all named or all positional")
        }
        return parameters
    }

    private static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || first.properties.isAlphabetic else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }
    }

    static func parameterType(_ json: JSONValue?, label: String) throws(GoogleSQLError) -> ParameterType {
        guard let object = json?.objectValue, let typeName = object["type"]?.stringValue else {
            throw GoogleSQLError.invalidQuery("Missing parameterType.type for query parameter \(label)")
        }
        switch typeName.uppercased() {
        case "ARRAY":
            let element = try parameterType(object["arrayType"], label: label)
            if case .array = element { throw GoogleSQLError.invalidQuery("Query parameter \(label): arrays of arrays are not supported") }
            return .array(element)
        case "STRUCT", "RECORD":
            guard let fields = object["structTypes"]?.arrayValue, !fields.isEmpty else {
                throw GoogleSQLError.invalidQuery("Query parameter \(label) of type STRUCT needs structTypes")
            }
            var members: [(name: String?, type: ParameterType)] = []
            for field in fields {
                let fieldName = field["name"]?.stringValue
                members.append((name: fieldName?.isEmpty == true ? nil : fieldName, type: try parameterType(field["type"], label: label)))
            }
            return .structure(members)
        case "RANGE":
            guard let elementName = object["rangeElementType"]?["type"]?.stringValue,
                let element = FieldType(apiName: elementName).flatMap(RangeValue.Element.init)
            else {
                throw GoogleSQLError.invalidQuery(
                    "Query parameter \(label) of type RANGE needs a rangeElementType of DATE, DATETIME or TIMESTAMP")
            }
            return .scalar(element.rangeType)
        default:
            guard let type = FieldType(apiName: typeName), type != .record else {
                throw GoogleSQLError.invalidQuery("Unsupported query parameter type \(typeName) for query parameter \(label)")
            }
            return .scalar(type)
        }
    }

    /// A missing `value` (or `parameterValue`) is NULL, as in BigQuery.
    static func parameterValue(_ json: JSONValue?, type: ParameterType, label: String) throws(GoogleSQLError) -> BigQueryValue {
        switch type {
        case .scalar(let fieldType) where fieldType.rangeElement != nil:
            return try rangeParameterValue(json?["rangeValue"], type: fieldType, label: label)
        case .scalar(let fieldType):
            guard let raw = json?["value"], !raw.isNull else { return .null }
            guard let value = ValueConversion.convert(raw, to: fieldType) else {
                throw GoogleSQLError.invalidQuery(
                    "Invalid value for query parameter \(label) of type \(fieldType.standardSQLName): \(ValueConversion.failureMessage(raw, type: fieldType))"
                )
            }
            return value
        case .array(let element):
            guard let items = json?["arrayValues"]?.arrayValue else { return .array([]) }
            var values: [BigQueryValue] = []
            for item in items { values.append(try parameterValue(item, type: element, label: label)) }
            return .array(values)
        case .structure(let fields):
            guard let members = json?["structValues"]?.objectValue else { return .null }
            var values: [BigQueryValue] = []
            for (index, field) in fields.enumerated() {
                values.append(try parameterValue(members[field.name ?? "_field_\(index + 1)"], type: field.type, label: label))
            }
            return .record(values)
        }
    }

    /// `{"rangeValue": {"start": {"value": ...}, "end": {"value": ...}}}`: a missing or null bound is
    /// UNBOUNDED, a missing rangeValue is NULL.
    private static func rangeParameterValue(_ json: JSONValue?, type: FieldType, label: String) throws(GoogleSQLError) -> BigQueryValue {
        guard let json, !json.isNull else { return .null }
        let bounds: JSONObject = ["start": json["start"]?["value"] ?? .null, "end": json["end"]?["value"] ?? .null]
        guard let value = ValueConversion.convert(.object(bounds), to: type) else {
            throw GoogleSQLError.invalidQuery(
                "Invalid value for query parameter \(label) of type \(type.standardSQLName): \(ValueConversion.failureMessage(.object(bounds), type: type))"
            )
        }
        return value
    }
}

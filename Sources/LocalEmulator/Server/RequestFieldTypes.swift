import WireJSON

/// Optional request-body fields read by the type the API gives them.
///
/// Google's JSON front end refuses a value of the wrong type (`"useLegacySql": "str"`,
/// `"maxResults": {}`) with a 400 naming the field in its protobuf spelling, instead of ignoring
/// it: `Invalid value at 'query_request.use_legacy_sql' (TYPE_BOOL), "str"`. A JSON null leaves
/// the field unset. As in Google's mapping, 64-bit and 32-bit integers may also come as decimal
/// strings (`"maxResults": "10"`), but booleans only as `true` and `false`.
enum RequestFieldTypes {
    /// `path` is the field's path in Google's spelling, e.g. `query_request.use_legacy_sql`.
    static func bool(_ value: JSONValue?, at path: String) throws -> Bool? {
        switch value {
        case nil, .null?: return nil
        case .bool(let flag)?: return flag
        case let other?: throw invalid(other, at: path, type: "TYPE_BOOL")
        }
    }

    static func string(_ value: JSONValue?, at path: String) throws -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let text)?: return text
        case let other?: throw invalid(other, at: path, type: "TYPE_STRING")
        }
    }

    static func int64(_ value: JSONValue?, at path: String) throws -> Int64? {
        try integer(value, at: path, type: "TYPE_INT64", in: Int64.min...Int64.max)
    }

    static func uint32(_ value: JSONValue?, at path: String) throws -> Int64? {
        try integer(value, at: path, type: "TYPE_UINT32", in: 0...Int64(UInt32.max))
    }

    /// A nested message: an object, or nothing.
    static func object(_ value: JSONValue?, at path: String) throws -> JSONObject? {
        switch value {
        case nil, .null?: return nil
        case .object(let object)?: return object
        case let other?: throw invalid(other, at: path, type: "TYPE_MESSAGE")
        }
    }

    /// A repeated field: an array, or nothing.
    static func array(_ value: JSONValue?, at path: String) throws -> [JSONValue]? {
        switch value {
        case nil, .null?: return nil
        case .array(let elements)?: return elements
        case let other?: throw invalid(other, at: path, type: "TYPE_MESSAGE")
        }
    }

    private static func integer(_ value: JSONValue?, at path: String, type: String, in range: ClosedRange<Int64>) throws -> Int64? {
        let number: Int64?
        switch value {
        case nil, .null?: return nil
        case .int(let exact)?: number = exact
        case .double(let double)?: number = double.rounded() == double ? Int64(exactly: double) : nil
        case .string(let text)?: number = Int64(text)
        default: number = nil
        }
        guard let number, range.contains(number) else { throw invalid(value ?? .null, at: path, type: type) }
        return number
    }

    private static func invalid(_ value: JSONValue, at path: String, type: String) -> GoogleAPIError {
        GoogleAPIError.badRequest("Invalid value at '\(path)' (\(type)), \(value.encodedString())")
    }

    /// `useInt64Timestamp` → `use_int64_timestamp`: the protobuf spelling of a JSON field name.
    static func protoName(_ jsonName: String) -> String {
        var name = ""
        for character in jsonName {
            if character.isUppercase {
                name += "_" + character.lowercased()
            } else {
                name.append(character)
            }
        }
        return name
    }
}

/// The fields of one request-body object, checked as `RequestFieldTypes` reads them, with the
/// object's own path in Google's spelling as the prefix of each field's.
struct RequestFields {
    let object: JSONObject
    let path: String

    init(_ object: JSONObject, path: String) {
        self.object = object
        self.path = path
    }

    func at(_ key: String) -> String {
        let name = RequestFieldTypes.protoName(key)
        return path.isEmpty ? name : "\(path).\(name)"
    }

    func bool(_ key: String) throws -> Bool? { try RequestFieldTypes.bool(object[key], at: at(key)) }
    func string(_ key: String) throws -> String? { try RequestFieldTypes.string(object[key], at: at(key)) }
    func int64(_ key: String) throws -> Int64? { try RequestFieldTypes.int64(object[key], at: at(key)) }
    func uint32(_ key: String) throws -> Int64? { try RequestFieldTypes.uint32(object[key], at: at(key)) }
    func array(_ key: String) throws -> [JSONValue]? { try RequestFieldTypes.array(object[key], at: at(key)) }

    func object(_ key: String) throws -> RequestFields? {
        try RequestFieldTypes.object(object[key], at: at(key)).map { RequestFields($0, path: at(key)) }
    }
}

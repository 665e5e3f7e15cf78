import Foundation
import WireJSON

/// KEYS.KEYSET_TO_JSON and KEYS.KEYSET_FROM_JSON: the keyset in protocol buffer JSON, with
/// BigQuery's layout (members by name, no spaces, defaults left out, enums by name, bytes in
/// base64).
extension TinkKeyset {
    var json: String {
        var members: [String] = []
        if !keys.isEmpty { members.append("\"key\":[" + keys.map(Self.json).joined(separator: ",") + "]") }
        if primaryKeyId != 0 { members.append("\"primaryKeyId\":\(primaryKeyId)") }
        return "{" + members.joined(separator: ",") + "}"
    }

    private static func json(_ key: Key) -> String {
        var members: [String] = []
        if let data = key.data {
            var fields: [String] = []
            if data.materialType != 0 { fields.append("\"keyMaterialType\":" + enumJSON(data.materialType, materialTypeNames)) }
            if !data.typeURL.isEmpty { fields.append("\"typeUrl\":" + JSONValue.string(data.typeURL).encodedString()) }
            if !data.value.isEmpty { fields.append("\"value\":\"" + Data(data.value).base64EncodedString() + "\"") }
            members.append("\"keyData\":{" + fields.joined(separator: ",") + "}")
        }
        if key.keyId != 0 { members.append("\"keyId\":\(key.keyId)") }
        if key.outputPrefix != 0 { members.append("\"outputPrefixType\":" + enumJSON(key.outputPrefix, outputPrefixNames)) }
        if key.status != 0 { members.append("\"status\":" + enumJSON(key.status, statusNames)) }
        return "{" + members.joined(separator: ",") + "}"
    }

    private static func enumJSON(_ value: UInt64, _ names: [String]) -> String {
        value < names.count ? "\"\(names[Int(value)])\"" : String(value)
    }

    /// Reads JSON as protocol buffer JSON parsers do: field names in lowerCamelCase or as in the
    /// .proto file, numbers as numbers or decimal strings, enums by name or number, null as the
    /// default; an unknown field or a value of the wrong kind is an error.
    init(json text: String) throws(GoogleSQLError) {
        guard let document = try? JSONValue(parsing: text) else { throw Self.jsonError("it is not valid JSON") }
        self.init()
        for (name, value) in try Self.members(document, of: "Keyset") where value != .null {
            switch name {
            case "primaryKeyId", "primary_key_id": primaryKeyId = try Self.uint32(value, name)
            case "key":
                guard case .array(let items) = value else { throw Self.jsonError("key must be an array") }
                keys = try items.map { item throws(GoogleSQLError) in try Self.key(item) }
            default: throw Self.jsonError("unknown field \(name.prefix(100)) in Keyset")
            }
        }
    }

    private static func key(_ value: JSONValue) throws(GoogleSQLError) -> Key {
        var key = Key()
        for (name, member) in try members(value, of: "Keyset.Key") where member != .null {
            switch name {
            case "keyData", "key_data": key.data = try keyData(member)
            case "status": key.status = try enumValue(member, statusNames, name)
            case "keyId", "key_id": key.keyId = try uint32(member, name)
            case "outputPrefixType", "output_prefix_type": key.outputPrefix = try enumValue(member, outputPrefixNames, name)
            default: throw jsonError("unknown field \(name.prefix(100)) in Keyset.Key")
            }
        }
        return key
    }

    private static func keyData(_ value: JSONValue) throws(GoogleSQLError) -> KeyData {
        var data = KeyData()
        for (name, member) in try members(value, of: "KeyData") where member != .null {
            switch name {
            case "typeUrl", "type_url":
                guard case .string(let url) = member else { throw jsonError("\(name) must be a string") }
                data.typeURL = url
            case "value":
                guard case .string(let text) = member, let bytes = Data(base64Encoded: text) else { throw jsonError("value must be base64 text") }
                data.value = Array(bytes)
            case "keyMaterialType", "key_material_type": data.materialType = try enumValue(member, materialTypeNames, name)
            default: throw jsonError("unknown field \(name.prefix(100)) in KeyData")
            }
        }
        return data
    }

    private static func members(_ value: JSONValue, of message: String) throws(GoogleSQLError) -> [(key: String, value: JSONValue)] {
        guard case .object(let object) = value else { throw jsonError("a \(message) must be a JSON object") }
        return object.members
    }

    private static func uint32(_ value: JSONValue, _ name: String) throws(GoogleSQLError) -> UInt32 {
        let number: UInt32? =
            switch value {
            case .int(let integer): UInt32(exactly: integer)
            case .string(let text): UInt32(text)
            default: nil
            }
        guard let number else { throw jsonError("\(name) must be an integer from 0 to 4294967295") }
        return number
    }

    private static func enumValue(_ value: JSONValue, _ names: [String], _ name: String) throws(GoogleSQLError) -> UInt64 {
        switch value {
        case .string(let text):
            guard let index = names.firstIndex(of: text) else { throw jsonError("\(text.prefix(100)) is not a value of \(name)") }
            return UInt64(index)
        case .int(let number) where number >= 0 && number <= Int32.max: return UInt64(number)
        default: throw jsonError("\(name) must be an enum name or number")
        }
    }

    private static func jsonError(_ reason: String) -> GoogleSQLError {
        Library.error("KEYS.KEYSET_FROM_JSON failed: \(reason)")
    }
}

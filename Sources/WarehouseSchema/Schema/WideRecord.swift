import WireJSON

/// A record of many fields, or a row of many members, with its members and field names in hash tables.
///
/// Matching each field against each key by scanning costs fields × keys per row: for a table of
/// 1,500 columns, over two million comparisons a row (and a row of a million unknown keys costs as
/// much against a narrow table). Narrow records and rows (nearly all) keep the scan, which builds
/// nothing; past `minimumWidth` the tables pay for themselves.
struct WideRecord {
    static let minimumWidth = 32

    private let object: JSONObject
    private let fields: [TableFieldSchema]
    /// Each member by its exact key and by its lowercased key; the first of repeated keys wins, as
    /// `JSONObject`'s subscript finds it.
    private let members: [String: JSONValue]
    private let membersByLowercasedKey: [String: JSONValue]

    init(_ object: JSONObject, fields: [TableFieldSchema]) {
        self.object = object
        self.fields = fields
        var members: [String: JSONValue] = [:]
        var lowercased: [String: JSONValue] = [:]
        members.reserveCapacity(object.members.count)
        for member in object.members {
            if members[member.key] == nil { members[member.key] = member.value }
            let folded = member.key.lowercased()
            if lowercased[folded] == nil { lowercased[folded] = member.value }
        }
        self.members = members
        membersByLowercasedKey = lowercased
    }

    /// The same outcome as the scanning `convertRecord`: unknown keys first, then each field in order.
    func convert(
        path: String, ignoreUnknownValues: Bool, errors: inout [RowError],
        convertField: (JSONValue, TableFieldSchema, String, inout [RowError]) -> BigQueryValue
    ) -> [BigQueryValue] {
        if !ignoreUnknownValues {
            let names = Set(fields.map(\.name))
            let foldedNames = Set(fields.map { $0.name.lowercased() })
            for key in object.keys where !names.contains(key) && !foldedNames.contains(key.lowercased()) {
                let location = path.isEmpty ? key : "\(path).\(key)"
                errors.append(RowError(location: location, message: "no such field: \(location)."))
            }
        }
        var values: [BigQueryValue] = []
        values.reserveCapacity(fields.count)
        for field in fields {
            let location = path.isEmpty ? field.name : "\(path).\(field.name)"
            let raw = members[field.name] ?? membersByLowercasedKey[field.name.lowercased()]
            values.append(convertField(raw ?? .null, field, location, &errors))
        }
        return values
    }
}

import WireJSON

extension RowValidator {
    /// Reads the JSON object at the cursor and validates it: the same outcome as `validate(_:)` on
    /// the parsed object, without building the object first.
    ///
    /// A row whose keys each name a different field exactly, and whose values all convert, is read
    /// in one pass. Anything else (an unknown or differently cased key, a repeated key, a value that
    /// does not fit) is read again as a `JSONObject` and given to `validate(_:)`, so every error
    /// and its order come from that one implementation.
    public func validate(reading cursor: inout JSONCursor) throws(JSONParseError) -> Outcome {
        let start = cursor.mark
        if let values = try validRowInOnePass(&cursor) { return .valid(values) }
        cursor.rewind(to: start)
        guard case .object(let object) = try cursor.readValue() else {
            return .invalid([RowError(location: "", message: "The row is not a JSON object.")])
        }
        return validate(object)
    }

    private func validRowInOnePass(_ cursor: inout JSONCursor) throws(JSONParseError) -> [BigQueryValue]? {
        let lookups = topLevelFields
        guard lookups.count <= 64, try cursor.peekKind() == .object else { return nil }
        try cursor.enterObject()
        var values = [BigQueryValue](repeating: .null, count: lookups.count)
        var seen: UInt64 = 0
        var errors: [RowError] = []
        while let key = try cursor.nextKey() {
            guard let position = lookups.firstIndex(where: { key.matches(utf8: $0.name) }),
                seen & (1 << position) == 0
            else { return nil }
            seen |= 1 << position
            let raw = try cursor.readValue()
            let lookup = lookups[position]
            if lookup.isScalar, !raw.isContainer {
                // What `convertField` does for a scalar field and a scalar value, without its arguments.
                if raw.isNull {
                    guard lookup.mode == .nullable else { return nil }
                    continue
                }
                guard let value = ValueConversion.convert(raw, to: lookup.type) else { return nil }
                values[position] = value
            } else {
                values[position] = convertField(raw, field: schema.fields[position], location: schema.fields[position].name, errors: &errors)
                guard errors.isEmpty else { return nil }
            }
        }
        for (position, field) in schema.fields.enumerated() where seen & (1 << position) == 0 {
            values[position] = convertField(.null, field: field, location: field.name, errors: &errors)
            guard errors.isEmpty else { return nil }
        }
        return values
    }
}

/// A field's name as UTF-8 bytes, and whether a scalar JSON value converts by its type alone.
struct FieldLookup: Sendable {
    let name: [UInt8]
    let type: FieldType
    let mode: FieldMode
    let isScalar: Bool

    init(_ field: TableFieldSchema) {
        name = Array(field.name.utf8)
        type = field.type
        mode = field.mode
        // A parameterized column (STRING(10), NUMERIC(5, 2)) checks and rounds in `convertField`.
        isScalar = field.mode != .repeated && field.type != .record && !field.parameters.constrainsValues
    }
}

extension JSONValue {
    fileprivate var isContainer: Bool {
        switch self {
        case .array, .object: return true
        default: return false
        }
    }
}

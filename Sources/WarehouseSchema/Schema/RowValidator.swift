import Foundation
import WireJSON

/// One problem with one row, in the shape of BigQuery's `insertErrors[].errors[]`.
public struct RowError: Sendable, Hashable {
    public var reason: String
    public var location: String
    public var message: String

    public init(reason: String = "invalid", location: String, message: String) {
        self.reason = reason
        self.location = location
        self.message = message
    }

    public var json: JSONValue {
        ["reason": .string(reason), "location": .string(location), "debugInfo": "", "message": .string(message)]
    }
}

/// Decides whether a JSON object fits a table schema, and converts it to typed values.
///
/// The one implementation of "does this row fit": the emulator's insertAll, the API's
/// validation and the Sink's mapping all use it, so they cannot disagree.
public struct RowValidator: Sendable {
    public let schema: TableSchema
    public var ignoreUnknownValues: Bool
    /// The top-level fields as the one-pass reading (`validate(reading:)`) looks them up.
    let topLevelFields: [FieldLookup]

    public init(schema: TableSchema, ignoreUnknownValues: Bool = false) {
        self.schema = schema
        self.ignoreUnknownValues = ignoreUnknownValues
        topLevelFields = schema.fields.map(FieldLookup.init)
    }

    /// The outcome for one row.
    public enum Outcome: Sendable, Hashable {
        /// The row's values, in schema order.
        case valid([BigQueryValue])
        /// Every problem found in the row.
        case invalid([RowError])
    }

    public func validate(_ row: JSONObject) -> Outcome {
        var errors: [RowError] = []
        let values = convertRecord(row, fields: schema.fields, path: "", errors: &errors)
        return errors.isEmpty ? .valid(values) : .invalid(errors)
    }

    /// A row given as one value per top-level field in schema order, as a CSV record is: there are no
    /// names to match, so no object is built. Fields past the end of `values` are NULL; values past the
    /// last field are the caller's to refuse or drop.
    public func validate(positional values: [JSONValue]) -> Outcome {
        var errors: [RowError] = []
        var converted: [BigQueryValue] = []
        converted.reserveCapacity(schema.fields.count)
        for index in schema.fields.indices {
            let raw = index < values.count ? values[index] : .null
            converted.append(convertField(raw, field: schema.fields[index], location: schema.fields[index].name, errors: &errors))
        }
        return errors.isEmpty ? .valid(converted) : .invalid(errors)
    }

    /// One cell of a positional row: a value as a client sends it, converted and checked here, or
    /// one a reader has already made of the field's type (a Parquet column read straight into it),
    /// which is only held to the field's type parameters.
    public enum Cell: Sendable {
        case json(JSONValue)
        /// Never NULL, and of the field's type: NULL goes as `.json(.null)`, so a REQUIRED field's check stays here.
        case value(BigQueryValue)
    }

    /// `validate(positional:)` for a row of cells.
    public func validate(cells: [Cell]) -> Outcome {
        var errors: [RowError] = []
        var converted: [BigQueryValue] = []
        converted.reserveCapacity(schema.fields.count)
        for (index, field) in schema.fields.enumerated() {
            switch index < cells.count ? cells[index] : .json(.null) {
            case .json(let raw): converted.append(convertField(raw, field: field, location: field.name, errors: &errors))
            case .value(let value): converted.append(constrained(value, field: field, location: field.name, errors: &errors))
            }
        }
        return errors.isEmpty ? .valid(converted) : .invalid(errors)
    }

    /// `value` held to `field`'s type parameters (a STRING's length, a NUMERIC's precision), if any.
    private func constrained(_ value: BigQueryValue, field: TableFieldSchema, location: String, errors: inout [RowError]) -> BigQueryValue {
        guard field.parameters.constrainsValues else { return value }
        do throws(TypeParameterViolation) {
            return try field.parameters.apply(to: value, type: field.type)
        } catch {
            errors.append(RowError(location: location, message: "Field \(location): \(error.message)"))
            return .null
        }
    }

    private func convertRecord(
        _ object: JSONObject, fields: [TableFieldSchema], path: String,
        errors: inout [RowError]
    ) -> [BigQueryValue] {
        if fields.count > WideRecord.minimumWidth || object.count > WideRecord.minimumWidth {
            return WideRecord(object, fields: fields).convert(
                path: path, ignoreUnknownValues: ignoreUnknownValues,
                errors: &errors, convertField: convertField)
        }
        if !ignoreUnknownValues {
            // Exact spelling first: the case-insensitive comparison allocates, and rows nearly always match exactly.
            for key in object.keys
            where !fields.contains(where: { $0.name == key })
                && !fields.contains(where: { $0.name.caseInsensitiveCompare(key) })
            {
                let location = path.isEmpty ? key : "\(path).\(key)"
                errors.append(RowError(location: location, message: "no such field: \(location)."))
            }
        }
        var values: [BigQueryValue] = []
        values.reserveCapacity(fields.count)
        for field in fields {
            // Top-level locations are the field names themselves: no string is built per cell.
            let location = path.isEmpty ? field.name : "\(path).\(field.name)"
            let raw = object[field.name] ?? object.members.first(where: { $0.key.caseInsensitiveCompare(field.name) })?.value
            values.append(convertField(raw ?? .null, field: field, location: location, errors: &errors))
        }
        return values
    }

    func convertField(
        _ raw: JSONValue, field: TableFieldSchema, location: String,
        errors: inout [RowError]
    ) -> BigQueryValue {
        switch field.mode {
        case .repeated:
            if raw.isNull { return .array([]) }
            guard case .array(let elements) = raw else {
                errors.append(RowError(location: location, message: "Value for repeated field \(location) must be an array."))
                return .null
            }
            var converted: [BigQueryValue] = []
            converted.reserveCapacity(elements.count)
            for (position, element) in elements.enumerated() {
                if element.isNull {
                    errors.append(RowError(location: "\(location)[\(position)]", message: "Array \(location) cannot contain a NULL element."))
                    continue
                }
                // The element's location is only spelled out when it has an error.
                let errorCount = errors.count
                converted.append(convertScalar(element, field: field, location: location, errors: &errors))
                for index in errorCount..<errors.count where errors[index].location.hasPrefix(location) {
                    errors[index].location = "\(location)[\(position)]" + errors[index].location.dropFirst(location.count)
                }
            }
            return .array(converted)
        case .required:
            if raw.isNull {
                errors.append(RowError(location: location, message: "Missing required field: \(location)."))
                return .null
            }
            return convertScalar(raw, field: field, location: location, errors: &errors)
        case .nullable:
            if raw.isNull { return .null }
            return convertScalar(raw, field: field, location: location, errors: &errors)
        }
    }

    private func convertScalar(
        _ raw: JSONValue, field: TableFieldSchema, location: String,
        errors: inout [RowError]
    ) -> BigQueryValue {
        if case .array = raw {
            errors.append(RowError(location: location, message: "Array specified for non-repeated field: \(location)."))
            return .null
        }
        if case .object(let object) = raw {
            // A RANGE arrives as `{"start": ..., "end": ...}`, as Google's clients send it.
            guard field.type == .record || field.type == .json || field.type.rangeElement != nil else {
                errors.append(RowError(location: location, message: "JSON object specified for non-record field: \(location)."))
                return .null
            }
            if field.type == .record {
                return .record(convertRecord(object, fields: field.fields, path: location, errors: &errors))
            }
        }
        if let value = ValueConversion.convert(raw, to: field.type) {
            return constrained(value, field: field, location: location, errors: &errors)
        }
        errors.append(RowError(location: location, message: ValueConversion.failureMessage(raw, type: field.type)))
        return .null
    }
}

/// The JSON forms BigQuery accepts for each scalar type in streaming inserts and query parameters.
public enum ValueConversion {
    public static func convert(_ raw: JSONValue, to type: FieldType) -> BigQueryValue? {
        switch type {
        case .string:
            switch raw {
            case .string(let text): return .string(text)
            case .int(let number): return .string(String(number))
            case .double(let number): return .string(JSONValue.double(number).encodedString())
            // A number a Double cannot give back (`1e400`) is kept as it was written.
            case .numberText(let text): return .string(text)
            case .bool(let flag): return .string(flag ? "true" : "false")
            default: return nil
            }
        case .integer:
            switch raw {
            case .int(let number): return .int64(number)
            case .double, .numberText:
                // By the number's decimal value, not the Double's binary one: `-9.223372036854776e18`
                // is below INT64's range although its Double is exactly -2^63.
                guard let text = decimalText(of: raw), let whole = DecimalText.canonical(text, integerDigits: 19, scale: 0),
                    let exact = Int64(whole)
                else { return nil }
                return .int64(exact)
            case .string(let text): return Int64(text.trimmingSpaces()).map { .int64($0) }
            default: return nil
            }
        case .float:
            switch raw {
            case .int(let number): return .float64(Double(number))
            case .double(let number): return .float64(number)
            // Beyond a Double's range (`1e400`): refused rather than stored as Infinity.
            case .numberText: return raw.doubleValue.map { .float64($0) }
            case .string(let text):
                switch text.trimmingSpaces().lowercased() {
                case "nan": return .float64(.nan)
                case "inf", "+inf", "infinity", "+infinity": return .float64(.infinity)
                case "-inf", "-infinity": return .float64(-.infinity)
                default: return Double(text.trimmingSpaces()).map { .float64($0) }
                }
            default: return nil
            }
        case .numeric:
            guard let text = raw.stringValue ?? decimalText(of: raw),
                let canonical = DecimalText.canonical(
                    text, integerDigits: DecimalText.numericLimits.integerDigits,
                    scale: DecimalText.numericLimits.scale)
            else { return nil }
            return .numeric(canonical)
        case .bignumeric:
            guard let text = raw.stringValue ?? decimalText(of: raw), let canonical = DecimalText.canonicalBignumeric(text)
            else { return nil }
            return .bignumeric(canonical)
        case .boolean:
            switch raw {
            case .bool(let flag): return .bool(flag)
            case .int(let number) where number == 0 || number == 1: return .bool(number == 1)
            case .string(let text):
                switch text.trimmingSpaces().lowercased() {
                case "true", "1": return .bool(true)
                case "false", "0": return .bool(false)
                default: return nil
                }
            default: return nil
            }
        case .timestamp:
            switch raw {
            case .string(let text):
                if let micros = CivilTime.parseTimestamp(text) { return .timestamp(micros) }
                if let seconds = Double(text.trimmingSpaces()) { return timestamp(fromSeconds: seconds) }
                return nil
            case .int(let seconds): return timestamp(fromSeconds: Double(seconds))
            case .double(let seconds): return timestamp(fromSeconds: seconds)
            case .numberText: return raw.doubleValue.flatMap(timestamp(fromSeconds:))
            default: return nil
            }
        case .date:
            guard case .string(let text) = raw, let days = CivilTime.parseDate(text) else { return nil }
            return .date(days)
        case .datetime:
            guard case .string(let text) = raw, let parsed = CivilTime.parseDateTime(text) else { return nil }
            return .datetime(days: parsed.days, timeMicros: parsed.timeMicros)
        case .time:
            guard case .string(let text) = raw, let micros = CivilTime.parseTime(text) else { return nil }
            return .time(micros)
        case .bytes:
            guard case .string(let text) = raw, let data = Data(base64Encoded: text) else { return nil }
            return .bytes(Array(data))
        case .json:
            if case .string(let text) = raw {
                guard let compact = try? JSONValue.compactText(of: text) else { return nil }
                return .json(compact)
            }
            return .json(raw.encodedString())
        case .interval:
            // Kept as the text the client sent; query results print the canonical form.
            guard case .string(let text) = raw else { return nil }
            return .string(text)
        case .geography:
            // WKT or GeoJSON, kept as the canonical WKT that queries and results read.
            guard case .string(let text) = raw, let geography = try? Geography(text: text) else { return nil }
            return .string(geography.wkt)
        case .rangeDate, .rangeDatetime, .rangeTimestamp:
            return range(raw, element: type.rangeElement!)
        case .record:
            return nil
        }
    }

    /// A RANGE as its literal text (`"[2024-01-01, UNBOUNDED)"`) or as `{"start": ..., "end": ...}`,
    /// each bound null (UNBOUNDED) or in a form the element type accepts.
    static func range(_ raw: JSONValue, element: RangeValue.Element) -> BigQueryValue? {
        switch raw {
        case .string(let text):
            return (try? RangeValue.parse(text, element: element)).map { .range($0) }
        case .object(let object):
            guard object.keys.allSatisfy({ $0 == "start" || $0 == "end" }) else { return nil }
            func bound(_ key: String) -> Int64?? {
                guard let value = object[key], !value.isNull else { return .some(nil) }
                if case .string(let text) = value, text.uppercased() == "UNBOUNDED" { return .some(nil) }
                switch convert(value, to: element.fieldType) {
                case .date(let days): return .some(days)
                case .datetime(let days, let time): return .some(days * CivilTime.microsPerDay + time)
                case .timestamp(let micros): return .some(micros)
                default: return nil
                }
            }
            guard let start = bound("start"), let end = bound("end"),
                let value = RangeValue(element: element, start: start, end: end)
            else { return nil }
            return .range(value)
        default:
            return nil
        }
    }

    /// A JSON number's decimal value as text: a Double's shortest form has the value of the
    /// number as written (see `JSONValue`), and other numbers keep their text.
    static func decimalText(of raw: JSONValue) -> String? {
        switch raw {
        case .int(let number): return String(number)
        case .double(let number): return number.isFinite ? number.description : nil
        case .numberText(let text): return text
        default: return nil
        }
    }

    static func timestamp(fromSeconds seconds: Double) -> BigQueryValue? {
        guard seconds.isFinite else { return nil }
        let micros = (seconds * 1_000_000).rounded()
        guard micros >= Double(CivilTime.minTimestamp), micros <= Double(CivilTime.maxTimestamp) else { return nil }
        return .timestamp(Int64(micros))
    }

    /// BigQuery's wording for each type's conversion failure.
    public static func failureMessage(_ raw: JSONValue, type: FieldType) -> String {
        let shown: String = {
            if case .string(let text) = raw { return text }
            return raw.encodedString()
        }()
        switch type {
        case .integer: return "Cannot convert value to integer (bad value): \(shown)"
        case .float: return "Cannot convert value to floating point (bad value): \(shown)"
        case .boolean: return "Cannot convert value to boolean: \(shown)"
        case .numeric, .bignumeric: return "Invalid \(type.rawValue) value: \(shown)"
        case .timestamp:
            return "Could not parse '\(shown)' as a timestamp. Required format is YYYY-MM-DD HH:MM[:SS[.SSSSSS]] or YYYY/MM/DD HH:MM[:SS[.SSSSSS]]"
        case .date: return "Could not parse '\(shown)' as a date. Required format is YYYY-MM-DD"
        case .datetime: return "Could not parse '\(shown)' as a datetime. Required format is YYYY-MM-DD[ HH:MM[:SS[.SSSSSS]]]"
        case .time: return "Could not parse '\(shown)' as a time. Required format is HH:MM[:SS[.SSSSSS]]"
        case .bytes: return "Could not decode base64 string to bytes: \(shown)"
        case .json: return "Could not parse '\(shown)' as JSON."
        case .interval: return "Invalid INTERVAL value: \(shown)"
        case .geography: return "Invalid GEOGRAPHY value: \(shown)"
        case .rangeDate, .rangeDatetime, .rangeTimestamp:
            return
                "Invalid \(type.rawValue) value: \(shown). Expected \"[start, end)\" or {\"start\": ..., \"end\": ...} with start before end, each bound a \(type.rangeElement!.fieldType.standardSQLName) or UNBOUNDED"
        case .string: return "Cannot convert value to string: \(shown)"
        case .record: return "Cannot convert value to record: \(shown)"
        }
    }
}

import Foundation
import GoogleSQL
import WarehouseSchema
import WireJSON

/// How a query's values become a column's or a variable's: BigQuery's assignment coercions (INT64 into
/// FLOAT64 or NUMERIC, a STRING literal into a DATE, ...), checked once per column, applied per value.
enum ScriptValues {
    /// Whether a value of `source`'s type may be stored in `target` (BigQuery's implicit coercions).
    static func assignable(_ source: TableFieldSchema, to target: TableFieldSchema) -> Bool {
        guard (source.mode == .repeated) == (target.mode == .repeated) else { return false }
        switch (source.type, target.type) {
        case (.record, .record):
            return source.fields.count == target.fields.count
                && zip(source.fields, target.fields).allSatisfy { assignable($0, to: $1) }
        case let (a, b) where a == b: return true
        case (.integer, .float), (.integer, .numeric), (.integer, .bignumeric), (.numeric, .bignumeric), (.numeric, .float),
            (.bignumeric, .float):
            return true
        case (.string, .date), (.string, .datetime), (.string, .time), (.string, .timestamp):
            // Literal coercion; a text that is no such value fails when converted.
            return true
        default: return false
        }
    }

    /// The text of a value written to `target` by VALUES or SET, with GoogleSQL's literal coercion: a
    /// FLOAT64 literal (`9.99`, `-1.5e3`) given to a NUMERIC or BIGNUMERIC column is read as that type
    /// from its digits, where a FLOAT64 value could not be stored there.
    static func coercingLiteral(_ expression: String, to target: TableFieldSchema) -> String {
        guard target.mode != .repeated, target.type == .numeric || target.type == .bignumeric else { return expression }
        var digits = Substring(expression.trimmingCharacters(in: .whitespacesAndNewlines))
        if digits.hasPrefix("+") { digits = digits.dropFirst() }
        guard isFloatLiteral(digits.hasPrefix("-") ? digits.dropFirst().utf8 : digits.utf8) else { return expression }
        return "CAST(\(digits) AS \(target.type.standardSQLName))"
    }

    /// `digits[.digits][e[+-]digits]` or `.digits[...]`, with a point or an exponent: GoogleSQL's
    /// floating point literal.
    private static func isFloatLiteral(_ text: Substring.UTF8View) -> Bool {
        var rest = text[...]
        func digits() -> Int {
            let count = rest.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.count
            rest = rest.dropFirst(count)
            return count
        }
        var mantissa = digits()
        let point = rest.first == UInt8(ascii: ".")
        if point {
            rest = rest.dropFirst()
            mantissa += digits()
        }
        guard mantissa > 0 else { return false }
        var exponent = false
        if rest.first == UInt8(ascii: "e") || rest.first == UInt8(ascii: "E") {
            rest = rest.dropFirst()
            if rest.first == UInt8(ascii: "+") || rest.first == UInt8(ascii: "-") { rest = rest.dropFirst() }
            guard digits() > 0 else { return false }
            exponent = true
        }
        return rest.isEmpty && (point || exponent)
    }

    /// Checks that column `index` of a query (`source`) fits `target`; a column holding only NULLs (or
    /// empty arrays) fits any, since its type is only the one GoogleSQL gives an untyped NULL.
    static func checkAssignable(
        _ source: TableFieldSchema, to target: TableFieldSchema, index: Int, values: some Sequence<BigQueryValue>
    ) throws {
        if assignable(source, to: target) { return }
        if values.allSatisfy({ $0 == .null || $0 == .array([]) }) { return }
        throw GoogleSQLError.invalidQuery(
            "Query column \(index + 1) has type \(typeName(source)) which cannot be inserted into column \(target.name), which has type \(typeName(target))"
        )
    }

    /// A column's type as GoogleSQL writes it (`STRING(10)`, `ARRAY<INT64>`, `STRUCT<a INT64, b STRING>`):
    /// in error messages and in INFORMATION_SCHEMA's `data_type`.
    static func typeName(_ field: TableFieldSchema) -> String {
        var name = field.parameters.typeName(field.type)
        if field.type == .record {
            name = "STRUCT<" + field.fields.map { "\($0.name) \(typeName($0))" }.joined(separator: ", ") + ">"
        }
        return field.mode == .repeated ? "ARRAY<\(name)>" : name
    }

    /// `value` converted to `target`'s type; REQUIRED refuses NULL. A parameterized type (STRING(10),
    /// NUMERIC(5, 2)) refuses what does not fit it and rounds a decimal to its scale.
    static func convert(_ value: BigQueryValue, to target: TableFieldSchema) throws -> BigQueryValue {
        let converted = try coerce(value, to: target)
        guard target.constrainsValues else { return converted }
        do throws(TypeParameterViolation) {
            return try target.applyingParameters(to: converted)
        } catch {
            throw GoogleSQLError.invalidQuery(error.message)
        }
    }

    private static func coerce(_ value: BigQueryValue, to target: TableFieldSchema) throws -> BigQueryValue {
        if target.mode == .repeated {
            guard case .array(let items) = value else { return value == .null ? .array([]) : value }
            var element = target
            element.mode = .nullable
            return .array(try items.map { try coerce($0, to: element) })
        }
        switch (value, target.type) {
        case (.null, _):
            if target.mode == .required {
                throw GoogleSQLError.invalidQuery("Required field \(target.name) cannot be null")
            }
            return .null
        case (.int64(let number), .float): return .float64(Double(number))
        case (.int64(let number), .numeric): return .numeric(String(number))
        case (.int64(let number), .bignumeric): return .bignumeric(String(number))
        case (.numeric(let text), .bignumeric): return .bignumeric(text)
        case (.numeric(let text), .float), (.bignumeric(let text), .float): return .float64(Double(text) ?? .nan)
        case (.string(let text), .date), (.string(let text), .datetime), (.string(let text), .time), (.string(let text), .timestamp):
            guard let converted = ValueConversion.convert(.string(text), to: target.type) else {
                throw GoogleSQLError.invalidQuery("Could not cast literal \"\(text)\" to type \(target.type.standardSQLName)")
            }
            return converted
        case (.record(let items), .record):
            return .record(try zip(items, target.fields).map { try coerce($0, to: $1) })
        default: return value
        }
    }

    /// A variable's or column's type as a query parameter type.
    static func parameterType(of field: TableFieldSchema) -> ParameterType {
        let scalar: ParameterType =
            field.type == .record
            ? .structure(field.fields.map { (name: $0.name, type: parameterType(of: $0)) })
            : .scalar(field.type)
        return field.mode == .repeated ? .array(scalar) : scalar
    }

    /// The schema of a query's result as a new table's columns: names required, every column NULLABLE
    /// (or REPEATED).
    static func tableFields(of schema: TableSchema) throws -> [TableFieldSchema] {
        var seen: Set<String> = []
        return try schema.fields.map { field in
            guard !field.name.isEmpty, !(field.name.hasPrefix("f") && field.name.hasSuffix("_") && Int(field.name.dropFirst().dropLast()) != nil)
            else {
                throw GoogleSQLError.invalidQuery("CREATE TABLE columns must be named, but column \(field.name) has no name")
            }
            guard seen.insert(field.name.lowercased()).inserted else {
                throw GoogleSQLError.invalidQuery("CREATE TABLE has columns with duplicate name \(field.name)")
            }
            var field = field
            if field.mode == .required { field.mode = .nullable }
            return field
        }
    }
}

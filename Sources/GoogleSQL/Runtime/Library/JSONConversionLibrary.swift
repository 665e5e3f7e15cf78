import Foundation
import GRDB
import WarehouseSchema
import WireJSON

/// JSON → SQL converters: the strict BOOL, INT64, FLOAT64, STRING ... (an error when the JSON is
/// not of the type), the LAX_ forms (NULL when no conversion applies), and their `_ARRAY` forms.
///
/// BigQuery's results have no INT32, UINT32, UINT64 or FLOAT (FLOAT32) type: those functions give
/// an INT64 or a FLOAT64 holding the narrower type's value.
enum JSONConversionLibrary {
    /// A converter's name taken apart: `LAX_INT32_ARRAY` is lax, INT32, an array.
    struct Converter {
        enum Target: String {
            case bool = "BOOL"
            case int64 = "INT64"
            case int32 = "INT32"
            case uint32 = "UINT32"
            case uint64 = "UINT64"
            case float64 = "FLOAT64"
            case double = "DOUBLE"
            case float = "FLOAT"
            case float32 = "FLOAT32"
            case string = "STRING"
        }

        var target: Target
        var lax: Bool
        var array: Bool

        init?(_ name: String) {
            var rest = Substring(name)
            lax = rest.hasPrefix("LAX_")
            if lax { rest = rest.dropFirst("LAX_".count) }
            array = rest.hasSuffix("_ARRAY")
            if array { rest = rest.dropLast("_ARRAY".count) }
            guard let target = Target(rawValue: String(rest)) else { return nil }
            self.target = target
        }

        /// The SQL type of the result (of each element, for an `_ARRAY` form).
        var fieldType: FieldType {
            switch target {
            case .bool: .boolean
            case .int64, .int32, .uint32, .uint64: .integer
            case .float64, .double, .float, .float32: .float
            case .string: .string
            }
        }

        var integerRange: ClosedRange<Decimal>? {
            switch target {
            case .int64: Decimal(Int64.min)...Decimal(Int64.max)
            case .int32: Decimal(Int32.min)...Decimal(Int32.max)
            case .uint32: 0...Decimal(UInt32.max)
            case .uint64: 0...Decimal(UInt64.max)
            default: nil
            }
        }

        var isSinglePrecision: Bool { target == .float || target == .float32 }
    }

    // MARK: - Numbers

    /// Whether the text is a number as JSON writes them, also with a `+`, a bare `.5` or `5.` as
    /// LAX_ strings may have them; not hexadecimal, `inf` or `nan`, which Double(_:) would take.
    private static func isNumberText(_ text: String) -> Bool {
        var bytes = Substring(text).utf8[...]
        func digits() -> Int {
            let count = bytes.prefix(while: { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }).count
            bytes = bytes.dropFirst(count)
            return count
        }
        if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        var mantissa = digits()
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            mantissa += digits()
        }
        guard mantissa > 0 else { return false }
        if let e = bytes.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return bytes.isEmpty
    }

    /// The exact decimal value of a JSON number (or of number text); nil beyond Decimal's range.
    private static func decimal(_ json: JSONValue) -> Decimal? {
        switch json {
        case .int(let value): return Decimal(value)
        case .double(let value): return decimal(JSONValue.double(value).encodedString())
        case .numberText(let text): return decimal(text)
        default: return nil
        }
    }

    private static func decimal(_ text: String) -> Decimal? {
        guard isNumberText(text) else { return nil }
        let unsigned = text.hasPrefix("+") ? String(text.dropFirst()) : text
        // Decimal's exponent stops near ±128: a larger number is beyond every integer type, and a
        // smaller one stands in for any tiny nonzero value (it rounds to 0 but is no integer).
        if let exponent = unsigned.split(whereSeparator: { $0 == "e" || $0 == "E" }).dropFirst().first, let value = Int(exponent),
            abs(value) > 100
        {
            guard value < 0, let tiny = Decimal(string: "1e-100", locale: Locale(identifier: "en_US_POSIX")) else { return nil }
            return unsigned.hasPrefix("-") ? -tiny : tiny
        }
        return Decimal(string: unsigned, locale: Locale(identifier: "en_US_POSIX"))
    }

    /// An integer of the target's range, rounded half away from zero (the LAX_ rule), or nil.
    private static func roundedInteger(_ value: Decimal, _ converter: Converter) -> Decimal? {
        var input = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &input, 0, .plain)
        guard let range = converter.integerRange, range.contains(rounded) else { return nil }
        return rounded
    }

    /// An integer converter's value, as INT64; a UINT64 above INT64's range has no SQL type here.
    private static func integerValue(_ value: Decimal) throws(GoogleSQLError) -> BigQueryValue {
        guard let number = Int64(value.description) else {
            throw GoogleSQLError.invalidQuery("Unsupported: UINT64 values above INT64's range are not supported by the local emulator")
        }
        return .int64(number)
    }

    /// A FLOAT64 (or FLOAT32) of the target, nil beyond its range. A FLOAT32 value is given as the
    /// FLOAT64 of its shortest text, which is how BigQuery prints a FLOAT32 (9.8, not 9.80000019).
    private static func floatValue(_ value: Double, _ converter: Converter) -> BigQueryValue? {
        guard converter.isSinglePrecision, value.isFinite else { return .float64(value) }
        let single = Float(value)
        guard single.isFinite else { return nil }
        return .float64(Double(single.description) ?? Double(single))
    }

    private static func double(_ json: JSONValue) -> Double? {
        switch json {
        case .int(let value): return Double(value)
        case .double(let value): return value
        case .numberText(let text): return Double(text).flatMap { $0.isFinite ? $0 : nil }
        default: return nil
        }
    }

    /// A number's text as LAX_STRING gives it: `10.0` is "10", `1e100` is "1e+100".
    private static func numberString(_ json: JSONValue) -> String {
        switch json {
        case .int(let value): String(value)
        case .double(let value): JSONValue.double(value).encodedString()
        case .numberText(let text): text
        default: json.encodedString()
        }
    }

    // MARK: - LAX_

    /// LAX_<type>: one JSON value converted by BigQuery's lax rules; NULL where none applies.
    static func lax(_ json: JSONValue, _ converter: Converter) throws(GoogleSQLError) -> BigQueryValue {
        switch converter.target {
        case .bool:
            switch json {
            case .bool(let flag): return .bool(flag)
            case .string(let text):
                switch text.lowercased() {
                case "true": return .bool(true)
                case "false": return .bool(false)
                default: return .null
                }
            case .int, .double, .numberText: return decimal(json).map { .bool($0 != 0) } ?? .bool(true)
            default: return .null
            }
        case .int64, .int32, .uint32, .uint64:
            let value: Decimal?
            switch json {
            case .bool(let flag): value = flag ? 1 : 0
            case .string(let text): value = decimal(text)
            case .int, .double, .numberText: value = decimal(json)
            default: value = nil
            }
            guard let value, let integer = roundedInteger(value, converter) else { return .null }
            return try integerValue(integer)
        case .float64, .double, .float, .float32:
            switch json {
            case .int, .double, .numberText:
                return double(json).flatMap { floatValue($0, converter) } ?? .null
            case .string(let text):
                switch text.lowercased() {
                case "nan", "+nan", "-nan": return .float64(.nan)
                case "inf", "+inf", "infinity", "+infinity": return .float64(.infinity)
                case "-inf", "-infinity": return .float64(-.infinity)
                default:
                    guard isNumberText(text), let value = Double(text), value.isFinite else { return .null }
                    return floatValue(value, converter) ?? .null
                }
            default: return .null
            }
        case .string:
            switch json {
            case .string(let text): return .string(text)
            case .bool(let flag): return .string(flag ? "true" : "false")
            case .int, .double, .numberText: return .string(numberString(json))
            default: return .null
            }
        }
    }

    // MARK: - Strict

    private static func notA(_ what: String) -> GoogleSQLError { .invalidQuery("The provided JSON input is not \(what)") }

    /// BOOL, INT64, FLOAT64, STRING ...: the JSON value must be of the type and fit it.
    /// `roundWideNumbers`: FLOAT64's wide_number_mode=>'round'; otherwise a number a FLOAT64 would
    /// change is an error.
    static func strict(_ json: JSONValue, _ converter: Converter, roundWideNumbers: Bool) throws(GoogleSQLError) -> BigQueryValue {
        switch converter.target {
        case .bool:
            guard case .bool(let flag) = json else { throw notA("a boolean") }
            return .bool(flag)
        case .string:
            guard case .string(let text) = json else { throw notA("a string") }
            return .string(text)
        case .int64, .int32, .uint32, .uint64:
            guard json.isNumber else { throw notA("an integer") }
            guard let value = decimal(json), let integer = roundedInteger(value, converter), integer == value else {
                throw GoogleSQLError.invalidQuery(
                    "The provided JSON number: \(numberString(json)) cannot be converted to an integer of type \(converter.target.rawValue)")
            }
            return try integerValue(integer)
        case .float64, .double, .float, .float32:
            guard json.isNumber else { throw notA("a number") }
            guard let value = double(json) else {
                throw GoogleSQLError.invalidQuery(
                    "The provided JSON number: \(numberString(json)) is outside the range of \(converter.target.rawValue)")
            }
            if !roundWideNumbers, losesPrecision(json) {
                throw GoogleSQLError.invalidQuery(
                    "The provided JSON number: \(numberString(json)) cannot be converted to \(converter.target.rawValue) without loss of precision")
            }
            guard let result = floatValue(value, converter) else {
                throw GoogleSQLError.invalidQuery(
                    "The provided JSON number: \(numberString(json)) is outside the range of \(converter.target.rawValue)")
            }
            return result
        }
    }

    /// Whether a FLOAT64 changes the number. A `.double` is one a Double gives back and a
    /// `.numberText` one it would not (see JSONValue); an `.int` beyond 2^53 may be either.
    private static func losesPrecision(_ json: JSONValue) -> Bool {
        switch json {
        case .int(let value): Int64(exactly: Double(value)) != value
        case .numberText: true
        default: false
        }
    }

    // MARK: - Entry

    /// (converter name, JSON text, wide_number_mode): a scalar or, for an `_ARRAY` form, an array.
    static func convert(_ name: String, _ text: String, wideNumberMode: String) throws(GoogleSQLError) -> DatabaseValue {
        guard let converter = Converter(name) else { throw Library.error("Unknown JSON converter \(name)") }
        guard let json = try? JSONValue(parsing: text) else { throw Library.error("Invalid JSON value") }
        let roundWide: Bool
        switch wideNumberMode.lowercased() {
        case "round": roundWide = true
        case "exact": roundWide = false
        default: throw Library.error("Invalid `wide_number_mode` specified: \(wideNumberMode)")
        }
        let element = TableFieldSchema(name: "value", type: converter.fieldType, mode: .nullable)
        func one(_ value: JSONValue) throws(GoogleSQLError) -> BigQueryValue {
            converter.lax ? try lax(value, converter) : try strict(value, converter, roundWideNumbers: roundWide)
        }
        guard converter.array else { return SQLiteStorage.encode(try one(json), field: element) }
        guard case .array(let elements) = json else {
            if converter.lax { return .null }
            throw notA("an array")
        }
        var values: [BigQueryValue] = []
        for value in elements { values.append(try one(value)) }
        var repeated = element
        repeated.mode = .repeated
        return SQLiteStorage.encode(.array(values), field: repeated)
    }

    static let implementations: [String: Library.Implementation] = [
        // (converter name, JSON, wide_number_mode)
        "gsql_json_convert": Library.strict(3) { a in
            try convert(Library.text(a[0]), Library.text(a[1]), wideNumberMode: Library.text(a[2]))
        }
    ]
}

import Foundation
import GRDB
import WarehouseSchema
import WireJSON

/// FORMAT(format, values...): printf-like specifiers `%[flags][width][.precision]specifier`.
///
/// The translator calls `gsql_format(format, type1, value1, type2, value2, ...)` with each value's
/// GoogleSQL type name, since storage alone cannot tell a BOOL from an INT64 or a DATE from a TIME.
enum StringFormat {
    private struct Specifier {
        var flags = Set<Character>()
        var width: Int?
        var precision: Int?
        var conversion: Character = "s"
    }

    static func format(_ arguments: [DatabaseValue]) throws(GoogleSQLError) -> DatabaseValue {
        guard let pattern = arguments.first, !pattern.isNull else { return .null }
        var values: [(type: String, value: DatabaseValue)] = []
        var index = 1
        while index + 1 < arguments.count {
            values.append((Library.text(arguments[index]), arguments[index + 1]))
            index += 2
        }
        var next = 0
        func take() throws(GoogleSQLError) -> (type: String, value: DatabaseValue) {
            guard next < values.count else { throw Library.error("Too few arguments to FORMAT for pattern \"\(Library.text(pattern))\"") }
            next += 1
            return values[next - 1]
        }
        var out = ""
        var chars = Array(Library.text(pattern))[...]
        var sawNull = false
        while let c = chars.popFirst() {
            guard c == "%" else {
                out.append(c)
                continue
            }
            var spec = Specifier()
            while let flag = chars.first, "-+ #0'".contains(flag) {
                spec.flags.insert(flag)
                chars.removeFirst()
            }
            func number() throws(GoogleSQLError) -> Int? {
                if chars.first == "*" {
                    chars.removeFirst()
                    let argument = try take()
                    guard argument.type == "INT64" else { throw Library.error("FORMAT '*' requires an INT64 argument") }
                    if argument.value.isNull { return nil }
                    return Int(clamping: try Library.int(argument.value))
                }
                var digits = ""
                while let digit = chars.first, digit.isASCII, digit.isNumber {
                    digits.append(digit)
                    chars.removeFirst()
                }
                return digits.isEmpty ? nil : Int(digits)
            }
            spec.width = try number()
            if chars.first == "." {
                chars.removeFirst()
                spec.precision = try number() ?? 0
            }
            // A negative precision (from `*`) means none, as in C.
            if let precision = spec.precision, precision < 0 { spec.precision = nil }
            // Widths and precisions past any real use would only build huge strings.
            guard (spec.width ?? 0) <= 10_000, (spec.precision ?? 0) <= 10_000 else {
                throw Library.error("FORMAT width or precision is too large")
            }
            guard let conversion = chars.popFirst() else { throw Library.error("Invalid format string: \"\(Library.text(pattern))\"") }
            spec.conversion = conversion
            if conversion == "%" {
                out.append("%")
                continue
            }
            let argument = try take()
            if argument.value.isNull {
                guard conversion == "t" || conversion == "T" else {
                    sawNull = true
                    continue
                }
                out += padded("NULL", spec)
                continue
            }
            out += try render(argument.value, type: argument.type, spec)
        }
        guard next == values.count else { throw Library.error("Too many arguments to FORMAT for pattern \"\(Library.text(pattern))\"") }
        return sawNull ? .null : out.databaseValue
    }

    private static func padded(_ text: String, _ spec: Specifier, zeroPadding: Bool = false) -> String {
        var text = text
        if let precision = spec.precision, "stT".contains(spec.conversion) { text = String(text.prefix(precision)) }
        guard let width = spec.width, text.count < width else { return text }
        let fill = width - text.count
        if spec.flags.contains("-") { return text + String(repeating: " ", count: fill) }
        if zeroPadding, spec.flags.contains("0") {
            // Zeros go after the sign.
            if let sign = text.first, sign == "-" || sign == "+" || sign == " " {
                return String(sign) + String(repeating: "0", count: fill) + text.dropFirst()
            }
            return String(repeating: "0", count: fill) + text
        }
        return String(repeating: " ", count: fill) + text
    }

    private static func mismatch(_ spec: Specifier, _ type: String) -> GoogleSQLError {
        Library.error("Invalid type for argument to FORMAT specifier %\(spec.conversion): \(type)")
    }

    private static func render(_ value: DatabaseValue, type: String, _ spec: Specifier) throws(GoogleSQLError) -> String {
        switch spec.conversion {
        case "d", "i":
            guard type == "INT64" else { throw mismatch(spec, type) }
            let number = try Library.int(value)
            var digits = String(number.magnitude)
            if spec.flags.contains("'") { digits = grouped(digits) }
            let sign = number < 0 ? "-" : spec.flags.contains("+") ? "+" : spec.flags.contains(" ") ? " " : ""
            return padded(sign + digits, spec, zeroPadding: true)
        case "o", "x", "X":
            guard type == "INT64" else { throw mismatch(spec, type) }
            let number = try Library.int(value)
            guard number >= 0 else { throw Library.error("FORMAT %\(spec.conversion) requires a non-negative value: \(number)") }
            var digits = String(number, radix: spec.conversion == "o" ? 8 : 16, uppercase: spec.conversion == "X")
            if spec.flags.contains("#"), number != 0 { digits = (spec.conversion == "o" ? "0" : spec.conversion == "x" ? "0x" : "0X") + digits }
            return padded(digits, spec, zeroPadding: true)
        case "f", "F", "e", "E", "g", "G":
            guard type == "FLOAT64" || type == "INT64" else {
                if type == "NUMERIC" || type == "BIGNUMERIC" {
                    throw Library.error("Unsupported: FORMAT %\(spec.conversion) of \(type) is not supported by the local emulator")
                }
                throw mismatch(spec, type)
            }
            return floating(try Library.double(value), spec)
        case "s":
            guard type == "STRING" else { throw mismatch(spec, type) }
            return padded(Library.text(value), spec)
        case "t":
            return padded(try readable(value, type: type), spec)
        case "T":
            return padded(try literal(value, type: type), spec)
        default:
            throw Library.error("Unsupported: FORMAT specifier %\(spec.conversion) is not supported by the local emulator")
        }
    }

    private static func grouped(_ digits: String) -> String {
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }

    private static func floating(_ number: Double, _ spec: Specifier) -> String {
        let upper = spec.conversion.isUppercase
        if !number.isFinite {
            let text = number.isNaN ? "nan" : number < 0 ? "-inf" : (spec.flags.contains("+") ? "+inf" : "inf")
            return padded(upper ? text.uppercased() : text, spec)
        }
        var format = "%"
        for flag in ["-", "+", " ", "#", "0"] where spec.flags.contains(Character(flag)) { format += flag }
        if let width = spec.width { format += String(width) }
        format += "." + String(spec.precision ?? 6)
        format.append(spec.conversion)
        return String(format: format, number)
    }

    /// `%t`: the value as CAST to STRING mostly gives it; FLOAT64 always shows a fraction.
    private static func readable(_ value: DatabaseValue, type: String) throws(GoogleSQLError) -> String {
        if let composite = try composite(value, type: type, asLiteral: false) { return composite }
        switch type {
        case "STRING", "JSON": return Library.text(value)
        case "BYTES": return escapedBytes(Library.bytes(value))
        case "FLOAT64":
            let number = try Library.double(value)
            if number.isNaN { return "nan" }
            if number.isInfinite { return number < 0 ? "-inf" : "inf" }
            let text = try Casts.text(of: value, type: .float)
            return text.contains(".") || text.contains("e") ? text : text + ".0"
        default:
            guard let fieldType = FieldType(apiName: type), fieldType != .record else {
                throw Library.error("Unsupported: FORMAT of \(type) is not supported by the local emulator")
            }
            return try Casts.text(of: value, type: fieldType)
        }
    }

    /// `%T`: a literal of the value; only types whose literal BigQuery's documentation pins down.
    private static func literal(_ value: DatabaseValue, type: String) throws(GoogleSQLError) -> String {
        if let composite = try composite(value, type: type, asLiteral: true) { return composite }
        switch type {
        case "INT64", "BOOL": return try readable(value, type: type)
        case "DATE", "DATETIME", "TIME", "TIMESTAMP", "NUMERIC", "BIGNUMERIC": return type + " \"" + (try readable(value, type: type)) + "\""
        case "FLOAT64":
            let number = try Library.double(value)
            if !number.isFinite { return "CAST(\"\(number.isNaN ? "nan" : number < 0 ? "-inf" : "inf")\" AS FLOAT64)" }
            return try readable(value, type: type)
        case "STRING":
            let text = Library.text(value)
            var out = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\t": out += "\\t"
                case "\r": out += "\\r"
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out + "\""
        case "BYTES": return "b\"" + escapedBytes(Library.bytes(value)).replacingOccurrences(of: "\"", with: "\\\"") + "\""
        default:
            throw Library.error("Unsupported: FORMAT %T of \(type) is not supported by the local emulator")
        }
    }

    /// An ARRAY or STRUCT, whose `type` is its field descriptor (`SQLToJSON.descriptor`, a JSON
    /// object) and whose value is its stored JSON: `[a, b]` and `(a, b)` of the elements or fields,
    /// each rendered as `%t` or `%T` renders it; a one-field STRUCT literal is `STRUCT(a)` and an
    /// empty one `STRUCT()`, as BigQuery writes them. Nil for a scalar type.
    private static func composite(_ value: DatabaseValue, type: String, asLiteral: Bool) throws(GoogleSQLError) -> String? {
        guard type.hasPrefix("{") else { return nil }
        let field = try SQLToJSON.field(fromDescriptor: type)
        guard let json = try? JSONValue(parsing: Library.text(value)) else { throw Library.error("FORMAT got a malformed \(field.type) value") }
        return try rendered(SQLiteStorage.fromStorageJSON(json, field: field), field: field, asLiteral: asLiteral)
    }

    private static func rendered(_ value: BigQueryValue, field: TableFieldSchema, asLiteral: Bool) throws(GoogleSQLError) -> String {
        switch value {
        case .null: return "NULL"
        case .array(let elements):
            var element = field
            element.mode = .nullable
            var parts: [String] = []
            for item in elements { parts.append(try rendered(item, field: element, asLiteral: asLiteral)) }
            return "[" + parts.joined(separator: ", ") + "]"
        case .record(let values):
            var parts: [String] = []
            for (member, item) in zip(field.fields, values) { parts.append(try rendered(item, field: member, asLiteral: asLiteral)) }
            if asLiteral && parts.count < 2 { return "STRUCT(" + parts.joined() + ")" }
            return "(" + parts.joined(separator: ", ") + ")"
        default:
            let stored = SQLiteStorage.encode(value, field: field)
            let name = SQLType.scalar(field.type).name
            return asLiteral ? try literal(stored, type: name) : try readable(stored, type: name)
        }
    }

    private static func escapedBytes(_ bytes: [UInt8]) -> String {
        var out = ""
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\\"): out += "\\\\"
            case 0x20..<0x7f: out.unicodeScalars.append(Unicode.Scalar(byte))
            default: out += "\\x" + StringLibrary.hex([byte])
            }
        }
        return out
    }
}

import Foundation
import GRDB
import WarehouseSchema
import WireJSON

/// CAST between scalar types on their SQLite storage forms, with BigQuery's conversion rules.
enum Casts {
    static func isSupported(from: FieldType, to: FieldType) -> Bool {
        if from == to { return true }
        switch (from, to) {
        case (.record, _), (_, .record): return false
        case (.string, .json), (.json, .string): return from == .json
        case (.json, _), (_, .json): return false
        // GEOGRAPHY converts through ST_GEOGFROMTEXT and ST_ASTEXT only.
        case (.geography, _), (_, .geography): return false
        case (_, .string): return true
        case (.string, _): return true
        case (.integer, .float), (.integer, .numeric), (.integer, .bignumeric), (.integer, .boolean): return true
        case (.float, .integer), (.float, .numeric), (.float, .bignumeric): return true
        case (.numeric, _), (.bignumeric, _): return [.integer, .float, .numeric, .bignumeric].contains(to)
        case (.boolean, .integer): return true
        case (.timestamp, .date), (.timestamp, .datetime), (.timestamp, .time): return true
        case (.date, .timestamp), (.date, .datetime): return true
        case (.datetime, .date), (.datetime, .timestamp), (.datetime, .time): return true
        case (.bytes, .string): return true
        default: return false
        }
    }

    /// `0x1F`, `-0x10`, `+0X7fff...`: a signed hexadecimal INT64 as CAST reads it; nil otherwise.
    static func hexInt64(_ text: String) -> Int64? {
        var body = Substring(text)
        let negative = body.first == "-"
        if body.first == "-" || body.first == "+" { body = body.dropFirst() }
        guard body.lowercased().hasPrefix("0x") else { return nil }
        let digits = body.dropFirst(2)
        guard !digits.isEmpty, digits.allSatisfy(\.isHexDigit), let magnitude = UInt64(digits, radix: 16) else { return nil }
        if negative { return magnitude <= UInt64(Int64.max) + 1 ? Int64(truncatingIfNeeded: 0 &- magnitude) : nil }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    static func cast(_ value: DatabaseValue, from: FieldType, to: FieldType) throws(GoogleSQLError) -> DatabaseValue {
        if value.isNull || from == to { return value }
        func fail(_ message: String) -> GoogleSQLError { .invalidQuery(message) }
        switch to {
        case .string: return try text(of: value, type: from).databaseValue
        case .integer:
            switch from {
            case .boolean: return value
            case .numeric, .bignumeric:
                return try DecimalFunctions.decimal(value, DecimalKind(from)!).int64().databaseValue
            case .float:
                guard let number = double(value), number.isFinite,
                    let rounded = Int64(exactly: number.rounded(.toNearestOrAwayFromZero))
                else {
                    throw fail("Bad int64 value: \(describeValue(value))")
                }
                return rounded.databaseValue
            case .string:
                let text = (String.fromDatabaseValue(value) ?? "").trimmingCharacters(in: .whitespaces)
                if let number = Int64(text) { return number.databaseValue }
                if let number = hexInt64(text) { return number.databaseValue }
                throw fail("Bad int64 value: \(text)")
            default: break
            }
        case .float:
            if from == .string {
                guard case .float64(let number)? = ValueConversion.convert(.string(String.fromDatabaseValue(value) ?? ""), to: .float)
                else { throw fail("Bad double value: \(describeValue(value))") }
                return number.databaseValue
            }
            if let number = double(value) { return number.databaseValue }
        case .numeric, .bignumeric:
            // Exact: INT64 and decimals convert digit for digit, FLOAT64 from its exact binary value, and
            // STRING as written; each rounds half away from zero to the target's scale.
            let kind = DecimalKind(to)!
            switch from {
            case .integer, .numeric, .bignumeric:
                let source = try DecimalFunctions.decimal(value, DecimalKind(from) ?? kind)
                return try source.converted(to: kind).description.databaseValue
            case .float:
                guard let number = double(value) else { break }
                return try ExactDecimal(number, kind: kind).description.databaseValue
            case .string:
                let text = try self.text(of: value, type: from)
                guard let parsed = ExactDecimal(parsing: text, kind: kind) else { throw fail("Invalid \(kind.typeName) value: \(text)") }
                return parsed.description.databaseValue
            default:
                break
            }
        case .boolean:
            if from == .integer, let number = Int64.fromDatabaseValue(value) { return (number != 0 ? 1 : 0).databaseValue }
            if from == .string {
                switch (String.fromDatabaseValue(value) ?? "").lowercased() {
                case "true": return 1.databaseValue
                case "false": return 0.databaseValue
                default: throw fail("Bad bool value: \(describeValue(value))")
                }
            }
        case .timestamp, .datetime:
            if from == .date, let days = Int64.fromDatabaseValue(value) { return (days &* CivilTime.microsPerDay).databaseValue }
            if from == .timestamp || from == .datetime { return value }
            if from == .string, let text = String.fromDatabaseValue(value) {
                if to == .timestamp, let micros = TimestampText.parse(text) { return micros.databaseValue }
                if to == .datetime, let parsed = CivilTime.parseDateTime(text) {
                    return (parsed.days * CivilTime.microsPerDay + parsed.timeMicros).databaseValue
                }
                throw fail("Invalid \(to.standardSQLName.lowercased()) string \"\(text)\"")
            }
        case .date:
            if from == .timestamp || from == .datetime, let micros = Int64.fromDatabaseValue(value) {
                return CivilTime.floorDiv(micros, CivilTime.microsPerDay).databaseValue
            }
            if from == .string, let text = String.fromDatabaseValue(value) {
                guard let days = CivilTime.parseDate(text) else { throw fail("Invalid date: '\(text)'") }
                return days.databaseValue
            }
        case .time:
            if from == .timestamp || from == .datetime, let micros = Int64.fromDatabaseValue(value) {
                return (micros - CivilTime.floorDiv(micros, CivilTime.microsPerDay) * CivilTime.microsPerDay).databaseValue
            }
            if from == .string, let text = String.fromDatabaseValue(value) {
                guard let micros = CivilTime.parseTime(text) else { throw fail("Invalid time string \"\(text)\"") }
                return micros.databaseValue
            }
        case .bytes:
            if from == .string, let text = String.fromDatabaseValue(value) { return Data(text.utf8).databaseValue }
        case .interval:
            if from == .string || from == .interval, let text = String.fromDatabaseValue(value) {
                return try Interval.parseCanonical(text).text.databaseValue
            }
        case .rangeDate, .rangeDatetime, .rangeTimestamp:
            if from == .string, let text = String.fromDatabaseValue(value) {
                return try RangeLibrary.parse(text, element: to.rangeElement!).storageText.databaseValue
            }
        case .json, .record, .geography:
            break
        }
        throw fail("Invalid cast from \(from.standardSQLName) to \(to.standardSQLName)")
    }

    static func double(_ value: DatabaseValue) -> Double? {
        switch value.storage {
        case .int64(let number): Double(number)
        case .double(let number): number
        case .string(let text): Double(text)
        default: nil
        }
    }

    static func describeValue(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .int64(let number): String(number)
        case .double(let number): String(number)
        case .string(let text): text
        case .blob(let data): "b\"\(data.count) bytes\""
        case .null: "NULL"
        }
    }

    /// CAST(x AS STRING) in BigQuery's canonical text forms.
    static func text(of value: DatabaseValue, type: FieldType) throws(GoogleSQLError) -> String {
        switch type {
        case .timestamp:
            guard let micros = Int64.fromDatabaseValue(value) else { break }
            let formatted = CivilTime.formatTimestamp(micros: micros)
            return String(formatted.dropLast(4)) + "+00"
        case .date:
            guard let days = Int64.fromDatabaseValue(value) else { break }
            return CivilTime.formatDate(days: days)
        case .datetime:
            guard let micros = Int64.fromDatabaseValue(value) else { break }
            let days = CivilTime.floorDiv(micros, CivilTime.microsPerDay)
            return CivilTime.formatDate(days: days) + " " + CivilTime.formatTimeOfDay(micros: micros - days * CivilTime.microsPerDay)
        case .time:
            guard let micros = Int64.fromDatabaseValue(value) else { break }
            return CivilTime.formatTimeOfDay(micros: micros)
        case .boolean:
            return (Int64.fromDatabaseValue(value) ?? 0) != 0 ? "true" : "false"
        case .float:
            guard let number = double(value) else { break }
            if number.isNaN { return "nan" }
            if number.isInfinite { return number < 0 ? "-inf" : "inf" }
            return JSONValue.double(number).encodedString()
        case .bytes:
            guard case .blob(let data) = value.storage else { break }
            guard let text = String(bytes: data, encoding: .utf8) else {
                throw GoogleSQLError.invalidQuery("Invalid UTF-8 in BYTES to STRING cast")
            }
            return text
        case .rangeDate, .rangeDatetime, .rangeTimestamp:
            let range = try RangeLibrary.range(value, element: type.rangeElement!)
            return try range.text { bound throws(GoogleSQLError) in try text(of: bound.databaseValue, type: range.element.fieldType) }
        default:
            break
        }
        return describeValue(value)
    }
}

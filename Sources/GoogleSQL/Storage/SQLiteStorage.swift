import Foundation
import GRDB
import WarehouseSchema
import WireJSON

/// How BigQuery values live in SQLite: one SQLite column per top-level field, named as the field.
///
/// | BigQuery | SQLite |
/// |---|---|
/// | STRING, JSON | TEXT |
/// | BYTES | BLOB |
/// | INTEGER, BOOLEAN (0/1) | INTEGER |
/// | FLOAT | REAL; NaN as the TEXT 'NaN' |
/// | NUMERIC, BIGNUMERIC | TEXT, canonical decimal |
/// | TIMESTAMP | INTEGER, microseconds since the epoch |
/// | DATE | INTEGER, days since 1970-01-01 |
/// | DATETIME | INTEGER, civil microseconds since 1970-01-01T00:00:00 |
/// | TIME | INTEGER, microseconds since midnight |
/// | RANGE | TEXT, `RangeValue.storageText`: its byte order is the ranges' order |
/// | RECORD, any REPEATED | TEXT, JSON of the storage values (records as objects keyed by field name) |
///
/// Ingestion-time partitioned tables carry a hidden `_PARTITIONTIME` INTEGER column (microseconds).
public enum SQLiteStorage {
    public static let partitionTimeColumn = "_PARTITIONTIME"

    /// A SQLite identifier, always double-quoted with embedded quotes doubled: names never reach SQL raw.
    public static func quote(_ identifier: String) -> String {
        // Names nearly never hold a quote; Foundation's replacement is slow enough to show per request.
        guard identifier.utf8.contains(UInt8(ascii: "\"")) else { return "\"" + identifier + "\"" }
        return "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    public static func columnType(of field: TableFieldSchema) -> String {
        if field.mode == .repeated { return "TEXT" }
        switch field.type {
        case .string, .json, .numeric, .bignumeric, .record, .interval, .geography: return "TEXT"
        case .rangeDate, .rangeDatetime, .rangeTimestamp: return "TEXT"
        case .bytes: return "BLOB"
        case .float: return "REAL"
        case .integer, .boolean, .timestamp, .date, .datetime, .time: return "INTEGER"
        }
    }

    /// The SQLite value for one top-level cell.
    public static func encode(_ value: BigQueryValue, field: TableFieldSchema) -> DatabaseValue {
        switch value {
        case .null: return .null
        case .string(let text), .numeric(let text), .bignumeric(let text), .json(let text): return text.databaseValue
        case .bytes(let bytes): return Data(bytes).databaseValue
        case .int64(let number): return number.databaseValue
        // SQLite turns a NaN REAL into NULL, so NaN is kept as the text 'NaN' (a REAL column
        // keeps text that does not look numeric); the infinities are REALs SQLite keeps.
        case .float64(let number): return number.isNaN ? "NaN".databaseValue : number.databaseValue
        case .bool(let flag): return (flag ? 1 : 0).databaseValue
        case .timestamp(let micros), .time(let micros): return micros.databaseValue
        case .date(let days): return days.databaseValue
        case .datetime(let days, let time): return (days * CivilTime.microsPerDay + time).databaseValue
        case .range(let range): return range.storageText.databaseValue
        case .record, .array: return storageJSON(value, field: field).encodedString().databaseValue
        }
    }

    /// The typed value of one top-level cell, read back by its schema field.
    public static func decode(_ value: DatabaseValue, field: TableFieldSchema) -> BigQueryValue {
        if value.isNull { return field.mode == .repeated ? .array([]) : .null }
        if field.mode == .repeated || field.type == .record {
            guard let text = String.fromDatabaseValue(value), let json = try? JSONValue(parsing: text) else { return .null }
            return fromStorageJSON(json, field: field)
        }
        switch value.storage {
        case .int64(let number): return scalar(fromInteger: number, type: field.type)
        case .double(let number): return scalar(fromDouble: number, type: field.type)
        case .string(let text): return scalar(fromText: text, type: field.type)
        case .blob(let data): return field.type == .bytes ? .bytes(Array(data)) : .string(String(decoding: data, as: UTF8.self))
        case .null: return .null
        }
    }

    static func scalar(fromInteger number: Int64, type: FieldType) -> BigQueryValue {
        switch type {
        case .integer: return .int64(number)
        case .float: return .float64(Double(number))
        case .boolean: return .bool(number != 0)
        case .timestamp: return .timestamp(number)
        case .date: return .date(number)
        case .datetime:
            let days = CivilTime.floorDiv(number, CivilTime.microsPerDay)
            return .datetime(days: days, timeMicros: number - days * CivilTime.microsPerDay)
        case .time: return .time(number)
        case .numeric: return .numeric(String(number))
        case .bignumeric: return .bignumeric(String(number))
        case .string: return .string(String(number))
        case .json: return .json(String(number))
        case .interval, .geography: return .string(String(number))
        case .bytes: return .bytes(Array(String(number).utf8))
        case .record, .rangeDate, .rangeDatetime, .rangeTimestamp: return .null
        }
    }

    static func scalar(fromDouble number: Double, type: FieldType) -> BigQueryValue {
        switch type {
        case .float: return .float64(number)
        case .integer: return Int64(exactly: number.rounded()).map { .int64($0) } ?? .float64(number)
        case .numeric:
            return .numeric(DecimalText.canonical(number.description, integerDigits: 38, scale: 38) ?? number.description)
        case .bignumeric:
            return .bignumeric(DecimalText.canonical(number.description, integerDigits: 38, scale: 38) ?? number.description)
        case .string: return .string(JSONValue.double(number).encodedString())
        case .boolean: return .bool(number != 0)
        default: return scalar(fromInteger: Int64(number), type: type)
        }
    }

    static func scalar(fromText text: String, type: FieldType) -> BigQueryValue {
        switch type {
        case .string: return .string(text)
        case .json: return .json(text)
        case .interval, .geography: return .string(text)
        case .numeric: return .numeric(text)
        case .bignumeric: return .bignumeric(text)
        case .bytes: return .bytes(Array(text.utf8))
        case .rangeDate, .rangeDatetime, .rangeTimestamp:
            return RangeValue(storageText: text, element: type.rangeElement!).map { .range($0) } ?? .null
        default:
            return ValueConversion.convert(.string(text), to: type) ?? .string(text)
        }
    }

    /// Records and arrays as JSON whose leaves are the SQLite storage values of their fields.
    public static func storageJSON(_ value: BigQueryValue, field: TableFieldSchema) -> JSONValue {
        switch value {
        case .array(let elements):
            var element = field
            element.mode = .nullable
            return .array(elements.map { storageJSON($0, field: element) })
        case .record(let values):
            return .object(JSONObject(zip(field.fields, values).map { (key: $0.name, value: storageJSON($1, field: $0)) }))
        case .null: return .null
        case .string(let text), .numeric(let text), .bignumeric(let text): return .string(text)
        case .json(let text): return (try? JSONValue(parsing: text)) ?? .string(text)
        case .bytes(let bytes): return .string(Data(bytes).base64EncodedString())
        case .int64(let number): return .int(number)
        case .float64(let number): return number.isFinite ? .double(number) : .string(number.description)
        case .bool(let flag): return .bool(flag)
        case .timestamp(let micros), .time(let micros): return .int(micros)
        case .date(let days): return .int(days)
        case .datetime(let days, let time): return .int(days * CivilTime.microsPerDay + time)
        case .range(let range): return .string(range.storageText)
        }
    }

    public static func fromStorageJSON(_ json: JSONValue, field: TableFieldSchema) -> BigQueryValue {
        if field.mode == .repeated {
            guard case .array(let elements) = json else { return .array([]) }
            var element = field
            element.mode = .nullable
            return .array(elements.map { fromStorageJSON($0, field: element) })
        }
        switch json {
        case .null: return .null
        case .object(let object) where field.type == .record:
            return .record(field.fields.map { fromStorageJSON(object[$0.name] ?? .null, field: $0) })
        case .int(let number): return scalar(fromInteger: number, type: field.type)
        case .double(let number): return scalar(fromDouble: number, type: field.type)
        case .numberText(let text): return scalar(fromText: text, type: field.type)
        case .bool(let flag): return field.type == .boolean ? .bool(flag) : .string(flag ? "true" : "false")
        case .string(let text):
            if field.type == .bytes { return .bytes(Array(Data(base64Encoded: text) ?? Data())) }
            if field.type == .float, let number = Double(text) { return .float64(number) }
            return scalar(fromText: text, type: field.type)
        case .array, .object:
            return field.type == .json ? .json(json.encodedString()) : .null
        }
    }
}

import Foundation
import GoogleSQL
import WarehouseSchema
import WireJSON

/// Parquet values as the JSON insertAll takes, so that a Parquet row is checked and stored by the one
/// validator every load and insertAll use: dates, times and timestamps as their canonical text,
/// decimals as exact decimal text, binary as base64 (or text for a STRING column).
enum ParquetJSON {
    static func json(
        _ value: ParquetValue, node: ParquetSchemaNode, field: TableFieldSchema?, listInference: Bool
    ) throws(ParquetError)
        -> JSONValue
    {
        switch value {
        case .null: return .null
        case .list(let items):
            var elements: [JSONValue] = []
            for item in items { elements.append(try element(item, node: node, field: field, listInference: listInference)) }
            return .array(elements)
        case .group, .primitive:
            return try element(value, node: node, field: field, listInference: listInference)
        }
    }

    /// One instance of `node` (for a repeated node, one of its elements).
    private static func element(
        _ value: ParquetValue, node: ParquetSchemaNode, field: TableFieldSchema?, listInference: Bool
    ) throws(ParquetError) -> JSONValue {
        switch value {
        case .null: return .null
        case .list: return try json(value, node: node, field: field, listInference: listInference)
        case .primitive(let primitive): return try json(primitive, node: node, type: field?.type)
        case .group(let slots):
            if listInference, let (listElement, wrapped) = node.listElement {
                // group (LIST) { repeated list { element } }: the repeated child's instances, each unwrapped to its element.
                guard case .list(let items)? = slots.first ?? nil else { return .null }
                var elements: [JSONValue] = []
                for item in items {
                    var inner = item
                    if wrapped, case .group(let wrapper) = item { inner = (wrapper.first ?? nil) ?? .null }
                    elements.append(try json(inner, node: listElement, field: field, listInference: listInference))
                }
                return .array(elements)
            }
            var object = JSONObject()
            for (child, slot) in zip(node.children, slots) {
                let target = field?.field(named: child.name)
                object[target?.name ?? child.name] = try json(slot ?? .null, node: child, field: target, listInference: listInference)
            }
            return .object(object)
        }
    }

    /// A stored value by its logical type, shaped for the column it goes to when that is known.
    static func json(_ primitive: ParquetPrimitive, node: ParquetSchemaNode, type: FieldType?) throws(ParquetError) -> JSONValue {
        let logical = node.element.logicalType
        switch primitive {
        case .boolean(let flag): return .bool(flag)
        case .float(let number): return double(Double(number))
        case .double(let number): return double(number)
        case .int96(let nanos, let julianDay):
            guard let micros = int96Micros(nanos: nanos, julianDay: julianDay) else {
                throw ParquetError("column \(node.name) holds a timestamp out of range")
            }
            return try instant(micros: micros, civil: type == .datetime, column: node.name)
        case .int32(let number):
            switch logical {
            case .date?: return .string(CivilTime.formatDate(days: Int64(number)))
            case .decimal(let scale, _)?: return try decimal(bigEndianBytes(Int64(number)), scale: scale, column: node.name, type: type)
            case .time(_, let unit)?: return try time(Int64(number), unit: unit, column: node.name)
            case .integer(_, false)?: return .int(Int64(UInt32(bitPattern: number)))
            default: return .int(Int64(number))
            }
        case .int64(let number):
            switch logical {
            case .timestamp(let utc, let unit)?:
                guard let micros = micros(number, unit: unit) else { throw ParquetError("column \(node.name) holds a timestamp out of range") }
                return try instant(micros: micros, civil: type == .datetime || (!utc && type != .timestamp), column: node.name)
            case .time(_, let unit)?: return try time(number, unit: unit, column: node.name)
            case .decimal(let scale, _)?: return try decimal(bigEndianBytes(number), scale: scale, column: node.name, type: type)
            case .integer(_, false)? where number < 0: return .string(String(UInt64(bitPattern: number)))
            default: return .int(number)
            }
        case .bytes(let bytes):
            if case .decimal(let scale, _)? = logical { return try decimal(bytes, scale: scale, column: node.name, type: type) }
            let isText = [.string, .enumeration, .json].contains(logical) || [.string, .json, .geography].contains(type)
            guard isText, type != .bytes else { return .string(Data(bytes).base64EncodedString()) }
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw ParquetError("column \(node.name) holds a value that is not UTF-8 text")
            }
            return .string(text)
        }
    }

    private static func double(_ number: Double) -> JSONValue {
        if number.isNaN { return .string("NaN") }
        if number.isInfinite { return .string(number < 0 ? "-Infinity" : "Infinity") }
        return .double(number)
    }

    /// A legacy INT96 timestamp in microseconds since the epoch. Julian day 2,440,588 is 1970-01-01.
    /// Any day and nanoseconds are 96 bits a file may hold: the sum is checked, as far days overflow
    /// 64 bits of microseconds.
    static func int96Micros(nanos: Int64, julianDay: Int32) -> Int64? {
        let (dayMicros, overflow) = (Int64(julianDay) - 2_440_588).multipliedReportingOverflow(by: CivilTime.microsPerDay)
        let (micros, carry) = dayMicros.addingReportingOverflow(nanos / 1000)
        return overflow || carry ? nil : micros
    }

    static func micros(_ value: Int64, unit: ParquetTimeUnit) -> Int64? {
        switch unit {
        case .millis:
            let (product, overflow) = value.multipliedReportingOverflow(by: 1000)
            return overflow ? nil : product
        case .micros: return value
        case .nanos: return CivilTime.floorDiv(value, 1000)
        }
    }

    /// A TIMESTAMP's text, or a DATETIME's when the value is a civil time; both are refused outside
    /// 0001-01-01 to 9999-12-31, as BigQuery refuses them (and far from it the text's day overflows).
    private static func instant(micros: Int64, civil: Bool, column: String) throws(ParquetError) -> JSONValue {
        guard (CivilTime.minTimestamp...CivilTime.maxTimestamp).contains(micros) else {
            throw ParquetError("column \(column) holds a timestamp out of range")
        }
        guard civil else { return .string(CivilTime.formatTimestamp(micros: micros)) }
        let days = CivilTime.floorDiv(micros, 86_400_000_000)
        return .string(CivilTime.formatDateTime(days: days, timeMicros: micros - days * 86_400_000_000))
    }

    private static func time(_ value: Int64, unit: ParquetTimeUnit, column: String) throws(ParquetError) -> JSONValue {
        guard let micros = micros(value, unit: unit), micros >= 0, micros < 86_400_000_000 else {
            throw ParquetError("column \(column) holds a time of day out of range")
        }
        return .string(CivilTime.formatTimeOfDay(micros: micros))
    }

    /// A DECIMAL's text, for the widths and scales BigQuery's NUMERIC and BIGNUMERIC can hold:
    /// canonical for a NUMERIC or BIGNUMERIC column, every digit of the scale for any other.
    private static func decimal(_ bytes: [UInt8], scale: Int, column: String, type: FieldType?) throws(ParquetError) -> JSONValue {
        guard bytes.count <= 32, (0...76).contains(scale) else {
            throw ParquetError("column \(column) is a DECIMAL wider than 32 bytes or of scale \(scale), more than BIGNUMERIC holds")
        }
        return .string(decimalText(bigEndian: bytes, scale: scale, canonical: type == .numeric || type == .bignumeric))
    }

    private static func bigEndianBytes(_ value: Int64) -> [UInt8] {
        (0..<8).reversed().map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) }
    }

    /// A decimal's unscaled value (big-endian two's complement, any width) as exact text with `scale`
    /// digits after the point; `canonical` drops the fraction's trailing zeros (and a point left bare),
    /// as a NUMERIC is written, so the validator takes the text as it is.
    static func decimalText(bigEndian bytes: [UInt8], scale: Int, canonical: Bool = false) -> String {
        guard let first = bytes.first else { return "0" }
        let negative = first & 0x80 != 0
        let magnitude = negative ? twosComplementNegated(bytes) : bytes
        // Little-endian 64-bit limbs, as UnsignedMagnitude holds them.
        var limbs = [UInt64](repeating: 0, count: (magnitude.count + 7) / 8)
        for (offset, byte) in magnitude.reversed().enumerated() { limbs[offset / 8] |= UInt64(byte) << (8 * (offset % 8)) }
        let number = UnsignedMagnitude(limbs: limbs)
        var digits = number.decimalDigits
        if scale > 0 {
            if digits.count <= scale { digits.insert(contentsOf: repeatElement(UInt8(ascii: "0"), count: scale - digits.count + 1), at: 0) }
            digits.insert(UInt8(ascii: "."), at: digits.count - scale)
            if canonical {
                while digits.last == UInt8(ascii: "0") { digits.removeLast() }
                if digits.last == UInt8(ascii: ".") { digits.removeLast() }
            }
        }
        if negative && !(canonical && number.isZero) { digits.insert(UInt8(ascii: "-"), at: 0) }
        return String(decoding: digits, as: UTF8.self)
    }

    private static func twosComplementNegated(_ bytes: [UInt8]) -> [UInt8] {
        var result = bytes.map { ~$0 }
        var index = result.count - 1
        while index >= 0 {
            let (sum, overflow) = result[index].addingReportingOverflow(1)
            result[index] = sum
            if !overflow { break }
            index -= 1
        }
        return result
    }
}

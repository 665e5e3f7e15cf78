import Foundation
import GRDB
import WarehouseSchema
import WireJSON

/// Array functions of the library. Arrays are stored as JSON text of their elements' storage values
/// (see `SQLiteStorage`); an element leaves an array through `element(_:field:)`.
enum ArrayLibrary {
    /// Arrays a function builds stay below this many elements, as BigQuery bounds GENERATE_ARRAY.
    static let maximumElements = 1_000_000

    private static func elements(_ value: DatabaseValue) throws(GoogleSQLError) -> [JSONValue] {
        guard case .array(let elements) = try? JSONValue(parsing: Library.text(value)) else { throw Library.error("Expected an array value") }
        return elements
    }

    private static func array(_ elements: [JSONValue]) -> DatabaseValue { JSONValue.array(elements).encodedString().databaseValue }

    /// An element's SQLite storage value, as a column of its type would hold it.
    static func element(_ json: JSONValue, field: TableFieldSchema) -> DatabaseValue {
        var scalar = field
        scalar.mode = .nullable
        return SQLiteStorage.encode(SQLiteStorage.fromStorageJSON(json, field: scalar), field: scalar)
    }

    private static func tooMany(_ function: String) -> GoogleSQLError {
        Library.error("\(function) would produce more than \(maximumElements) elements")
    }

    /// (array, index, mode, element descriptor): mode OFFSET, SAFE_OFFSET, ORDINAL or SAFE_ORDINAL.
    private static func subscriptElement(_ a: [DatabaseValue]) throws(GoogleSQLError) -> DatabaseValue {
        let items = try elements(a[0])
        let mode = Library.text(a[2])
        let index = Subscript.zeroBased(try Library.int(a[1]), mode: mode)
        guard index >= 0, index < items.count else {
            if mode.hasPrefix("SAFE") { return .null }
            throw Library.error("Array index \(try Library.int(a[1])) is out of bounds (array length \(items.count))")
        }
        return element(items[Int(index)], field: try SQLToJSON.field(fromDescriptor: Library.text(a[3])))
    }

    /// (start, end, step, is FLOAT64): GENERATE_ARRAY.
    private static func generateNumbers(_ a: [DatabaseValue]) throws(GoogleSQLError) -> DatabaseValue {
        if try Library.int(a[3]) == 0 {
            let (start, end, step) = (try Library.int(a[0]), try Library.int(a[1]), try Library.int(a[2]))
            guard step != 0 else { throw Library.error("Sequence step cannot be 0.") }
            var values: [JSONValue] = []
            var current = start
            while step > 0 ? current <= end : current >= end {
                guard values.count < maximumElements else { throw tooMany("GENERATE_ARRAY") }
                values.append(.int(current))
                let (next, overflow) = current.addingReportingOverflow(step)
                if overflow { break }
                current = next
            }
            return array(values)
        }
        let (start, end, step) = (try Library.double(a[0]), try Library.double(a[1]), try Library.double(a[2]))
        guard step != 0, step.isFinite, start.isFinite, end.isFinite else {
            throw Library.error(step == 0 ? "Sequence step cannot be 0." : "GENERATE_ARRAY requires finite bounds and step")
        }
        guard (end - start) / step < Double(maximumElements) else { throw tooMany("GENERATE_ARRAY") }
        var values: [JSONValue] = []
        var index = 0.0
        while true {
            let current = start + index * step
            if step > 0 ? current > end : current < end { break }
            values.append(.double(current))
            index += 1
        }
        return array(values)
    }

    /// (start days, end days, amount, unit): GENERATE_DATE_ARRAY.
    private static func generateDates(_ a: [DatabaseValue]) throws(GoogleSQLError) -> DatabaseValue {
        let (start, end, amount) = (try Library.int(a[0]), try Library.int(a[1]), try Library.int(a[2]))
        let unit = Library.text(a[3])
        guard amount != 0 else { throw Library.error("Sequence step cannot be 0.") }
        var values: [JSONValue] = []
        var step: Int64 = 0
        while true {
            let (scaled, overflow) = amount.multipliedReportingOverflow(by: step)
            guard !overflow, let current = try? TimeMath.addToDate(days: start, amount: scaled, unit: unit),
                current >= SQLiteFunctions.minDate, current <= SQLiteFunctions.maxDate
            else { break }
            if amount > 0 ? current > end : current < end { break }
            guard values.count < maximumElements else { throw tooMany("GENERATE_DATE_ARRAY") }
            values.append(.int(current))
            step += 1
        }
        return array(values)
    }

    /// (start, end, amount, unit size in microseconds): GENERATE_TIMESTAMP_ARRAY.
    private static func generateTimestamps(_ a: [DatabaseValue]) throws(GoogleSQLError) -> DatabaseValue {
        let (start, end, amount, size) = (try Library.int(a[0]), try Library.int(a[1]), try Library.int(a[2]), try Library.int(a[3]))
        let (step, overflow) = amount.multipliedReportingOverflow(by: size)
        guard !overflow, step != 0 else { throw Library.error(step == 0 ? "Sequence step cannot be 0." : "TIMESTAMP overflow") }
        var values: [JSONValue] = []
        var current = start
        while step > 0 ? current <= end : current >= end {
            guard values.count < maximumElements else { throw tooMany("GENERATE_TIMESTAMP_ARRAY") }
            values.append(.int(current))
            let (next, overflow) = current.addingReportingOverflow(step)
            if overflow { break }
            current = next
        }
        return array(values)
    }

    /// (array, delimiter [, null text], element is BYTES): ARRAY_TO_STRING.
    private static func join(_ a: [DatabaseValue]) throws(GoogleSQLError) -> DatabaseValue {
        let isBytes = try Library.int(a[a.count - 1]) == 1
        let delimiter = Library.bytes(a[1])
        let nullText: [UInt8]? = a.count > 3 ? Library.bytes(a[2]) : nil
        var out: [UInt8] = []
        var first = true
        for item in try elements(a[0]) {
            var part: [UInt8]
            switch item {
            case .null:
                guard let nullText else { continue }
                part = nullText
            case .string(let text):
                part = isBytes ? Array(Data(base64Encoded: text) ?? Data()) : Array(text.utf8)
            default:
                part = Array(item.encodedString().utf8)
            }
            if !first { out += delimiter }
            first = false
            out += part
            guard out.count <= StringLibrary.maximumResultBytes else { throw Library.error("ARRAY_TO_STRING result is too large") }
        }
        return isBytes ? Library.blob(out) : String(decoding: out, as: UTF8.self).databaseValue
    }

    /// A JSON element's member as an element of an ARRAY<JSON> holds it (its JSON text); NULL when the
    /// element is not an object or has no such member, as JSON field access gives.
    private static func jsonMember(_ element: JSONValue, _ name: String) -> JSONValue {
        var parsed = element
        if case .string(let text) = element, let value = try? JSONValue(parsing: text) { parsed = value }
        guard case .object(let object) = parsed, let member = object[name] else { return .null }
        return .string(member.encodedString())
    }

    /// (array, steps, indexes...): the array elements field access operator (`ArrayElementsAccess`).
    private static func elementsPath(_ a: [DatabaseValue]) throws(GoogleSQLError) -> DatabaseValue {
        guard case .array(let steps) = try? JSONValue(parsing: Library.text(a[1])) else { throw Library.error("Invalid array path") }
        var values = try elements(a[0])
        var indexes = a.dropFirst(2).makeIterator()
        for case .object(let step) in steps {
            guard case .string(let name) = step["f"] else { throw Library.error("Invalid array path") }
            let isArray = step["a"] == .bool(true)
            let isJSON = step["j"] == .bool(true)
            var picked: (mode: String, index: Int64?)?
            if case .string(let mode) = step["s"] {
                guard let index = indexes.next() else { throw Library.error("Invalid array path") }
                picked = (mode, index.isNull ? nil : try Library.int(index))
            }
            var next: [JSONValue] = []
            for value in values {
                if isJSON {
                    next.append(jsonMember(value, name))
                    continue
                }
                guard case .object(let object) = value, let field = object[name] else {
                    // A NULL element (or a JSON value without the member) reads as NULL, which an
                    // array field turns into no elements.
                    if !isArray { next.append(.null) }
                    continue
                }
                guard isArray else {
                    next.append(field)
                    continue
                }
                guard case .array(let items) = field, !items.isEmpty else { continue }
                guard let (mode, index) = picked else {
                    next += items
                    guard next.count <= maximumElements else { throw tooMany("The array elements field access") }
                    continue
                }
                guard let index else {
                    next.append(.null)
                    continue
                }
                let position = Subscript.zeroBased(index, mode: mode)
                if position >= 0, position < items.count {
                    next.append(items[Int(position)])
                } else if mode.hasPrefix("SAFE") {
                    next.append(.null)
                } else {
                    throw Library.error("Array index \(index) is out of bounds (array length \(items.count))")
                }
            }
            values = next
        }
        return array(values)
    }

    static let implementations: [String: Library.Implementation] = [
        "gsql_array_subscript": (
            4,
            { a in
                if a[0].isNull || a[1].isNull { return .null }
                return try subscriptElement(a)
            }
        ),
        "gsql_generate_array": Library.strict(4) { a in try generateNumbers(a) },
        "gsql_array_elements": (nil, { a in a[0].isNull ? .null : try elementsPath(a) }),
        "gsql_generate_date_array": Library.strict(4) { a in try generateDates(a) },
        "gsql_generate_timestamp_array": Library.strict(4) { a in try generateTimestamps(a) },
        "gsql_array_concat": Library.strict(nil) { a in
            var all: [JSONValue] = []
            for value in a { all += try elements(value) }
            guard all.count <= maximumElements else { throw tooMany("ARRAY_CONCAT") }
            return array(all)
        },
        // (objects...): one JSON object of all their members in order, for STRUCTs of more fields
        // than one json_object call takes (`SQLiteEmitter.emitInChunks`).
        "gsql_object_concat": Library.strict(nil) { a in
            var members: [(key: String, value: JSONValue)] = []
            for value in a {
                guard case .object(let object) = try? JSONValue(parsing: Library.text(value)) else { throw Library.error("Expected a STRUCT value") }
                members += object.members
            }
            return JSONValue.object(JSONObject(members)).encodedString().databaseValue
        },
        "gsql_array_reverse": Library.strict(1) { a in array(try elements(a[0]).reversed()) },
        // (array of JSON text): an array whose STRUCT elements an aggregate collected as their text.
        "gsql_array_parse_elements": Library.strict(1) { a in
            array(
                try elements(a[0]).map { item in
                    guard case .string(let text) = item, let parsed = try? JSONValue(parsing: text) else { return item }
                    return parsed
                })
        },
        // (array, start, end): ARRAY_SLICE, offsets inclusive, negative ones counted from the end.
        "gsql_array_slice": Library.strict(3) { a in
            let items = try elements(a[0])
            let count = Int64(items.count)
            func offset(_ value: DatabaseValue) throws(GoogleSQLError) -> Int64 {
                let raw = try Library.int(value)
                return raw < 0 ? raw + count : raw
            }
            let start = max(0, try offset(a[1]))
            let end = min(count - 1, try offset(a[2]))
            guard start <= end else { return array([]) }
            return array(Array(items[Int(start)...Int(end)]))
        },
        "gsql_array_to_string": Library.strict(nil) { a in try join(a) },
        // (array, element descriptor, first?): ARRAY_FIRST / ARRAY_LAST.
        "gsql_array_end": Library.strict(3) { a in
            let items = try elements(a[0])
            guard let item = try Library.int(a[2]) == 1 ? items.first : items.last else {
                throw Library.error("\(try Library.int(a[2]) == 1 ? "ARRAY_FIRST" : "ARRAY_LAST") cannot get the value of an empty array")
            }
            return element(item, field: try SQLToJSON.field(fromDescriptor: Library.text(a[1])))
        },
        // (json, key or index): JSON subscript `json[...]`.
        "gsql_json_subscript": Library.strict(2) { a in
            guard let json = try? JSONValue(parsing: Library.text(a[0])) else { return .null }
            switch (json, a[1].storage) {
            case (.object(let object), .string(let key)): return object[key].map { $0.encodedString().databaseValue } ?? .null
            case (.array(let items), .int64(let index)):
                return index >= 0 && index < items.count ? items[Int(index)].encodedString().databaseValue : .null
            default: return .null
            }
        },
    ]
}

/// Array and STRUCT subscripts (`[OFFSET(i)]`, `[ORDINAL(i)]`, their SAFE_ forms).
enum Subscript {
    /// An OFFSET or ORDINAL as a zero-based position; INT64's least ORDINAL has none (-1, out of bounds)
    /// rather than overflowing, which would end the process.
    static func zeroBased(_ index: Int64, mode: String) -> Int64 {
        guard mode.hasSuffix("ORDINAL") else { return index }
        return index == .min ? -1 : index - 1
    }
}

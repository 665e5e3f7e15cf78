import Foundation
import GRDB
import WarehouseSchema
import WireJSON

/// Scalar functions the translated SQL calls (TIMESTAMP_TRUNC, EXTRACT, ...), registered on every connection.
/// All are deterministic so SQLite evaluates them once when their arguments are constant.
public enum SQLiteFunctions {
    typealias Body = @Sendable ([DatabaseValue]) throws -> DatabaseValue

    public static func register(in db: Database) throws {
        // Translated statements can hold ~100,000 bound constants; see ConstantFactoring.
        ConstantFactoring.disable(on: db)
        for (name, function) in implementations {
            try ExactTextFunction.register(name, arity: function.arity, in: db, function.body)
        }
        try DecimalFunctions.register(in: db)
        try LibraryAggregates.register(in: db)
        try SubqueryFunctions.register(in: db)
        try TryEvaluation.register(in: db)
    }

    /// Runs a registered function at compile time; nil when it fails (the query then evaluates it per row).
    static func evaluate(_ name: String, _ arguments: [DatabaseValue]) -> DatabaseValue? {
        guard let function = implementations[name] else { return nil }
        return try? function.body(arguments)
    }

    /// Null in, null out: the rule for almost every GoogleSQL function.
    private static func strict(_ arity: Int, _ body: @escaping @Sendable ([DatabaseValue]) throws -> DatabaseValue) -> (arity: Int?, body: Body) {
        (
            arity,
            { arguments in
                if arguments.contains(where: \.isNull) { return .null }
                return try body(arguments)
            }
        )
    }

    private static func int(_ value: DatabaseValue) throws -> Int64 {
        switch value.storage {
        case .int64(let number): return number
        case .double(let number):
            if let exact = Int64(exactly: number.rounded(.towardZero)) { return exact }
        case .string(let text):
            if let number = Int64(text) { return number }
        default: break
        }
        throw GoogleSQLError.invalidQuery("Expected an integer, got \(Casts.describeValue(value))")
    }

    private static func text(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .string(let text): text
        case .blob(let data): String(decoding: data, as: UTF8.self)
        default: Casts.describeValue(value)
        }
    }

    private static func utf8(_ value: DatabaseValue) -> [UInt8] {
        if case .blob(let data) = value.storage { return Array(data) }
        return Array(text(value).utf8)
    }

    /// The pattern for `value`: Latin-1 when the value is BYTES.
    private static func regex(_ pattern: DatabaseValue, on value: DatabaseValue) throws(GoogleSQLError) -> RegularExpression {
        try RegularExpressionCache.shared.expression(utf8(pattern), onBytes: Library.isBytes(value))
    }

    /// A REGEXP_ result of the value's type: BYTES for a blob, else STRING.
    private static func matched(_ bytes: [UInt8], like value: DatabaseValue) -> DatabaseValue {
        Library.isBytes(value) ? Library.blob(bytes) : String(decoding: bytes, as: UTF8.self).databaseValue
    }

    static let minDate = CivilTime.days(year: 1, month: 1, day: 1)
    static let maxDate = CivilTime.days(year: 9999, month: 12, day: 31)

    /// Calendar math traps on absurd inputs, so every date/time argument is range-checked first.
    private static func date(_ value: DatabaseValue) throws -> Int64 {
        let days = try int(value)
        guard days >= minDate, days <= maxDate else { throw GoogleSQLError.invalidQuery("DATE value out of range: \(days)") }
        return days
    }

    private static func micros(_ value: DatabaseValue) throws -> Int64 {
        let micros = try int(value)
        guard micros >= CivilTime.minTimestamp, micros <= CivilTime.maxTimestamp else {
            throw GoogleSQLError.invalidQuery("TIMESTAMP value out of range: \(micros)")
        }
        return micros
    }

    private static func overflow(_ what: String) -> GoogleSQLError { .invalidQuery("\(what) overflow") }

    static let implementations = scalarImplementations.merging(FloatSemantics.implementations) { first, _ in first }
        .merging(Library.implementations) { first, _ in first }

    private static let scalarImplementations: [String: (arity: Int?, body: Body)] = [
        // (micros, amount, unit size): TIMESTAMP_ADD / TIMESTAMP_SUB with the sign folded into amount.
        "gsql_add_micros": strict(3) { a in
            let (product, overflow1) = try int(a[1]).multipliedReportingOverflow(by: try int(a[2]))
            let (sum, overflow2) = try int(a[0]).addingReportingOverflow(product)
            guard !overflow1, !overflow2, sum >= CivilTime.minTimestamp, sum <= CivilTime.maxTimestamp else {
                throw overflow("TIMESTAMP")
            }
            return sum.databaseValue
        },
        "gsql_timestamp_trunc": strict(2) { a in try TimeMath.truncate(micros: micros(a[0]), unit: text(a[1])).databaseValue },
        "gsql_date_trunc": strict(2) { a in try TimeMath.truncate(days: date(a[0]), unit: text(a[1])).databaseValue },
        "gsql_date_add": strict(3) { a in
            let result = try TimeMath.addToDate(days: date(a[0]), amount: int(a[1]), unit: text(a[2]))
            return try date(result.databaseValue).databaseValue
        },
        "gsql_date_diff": strict(3) { a in try TimeMath.dateDifference(date(a[0]), date(a[1]), unit: text(a[2])).databaseValue },
        "gsql_checked_date": strict(1) { a in try date(a[0]).databaseValue },
        // (a, b, unit size): whole units between two instants, truncated toward zero.
        "gsql_micros_diff": strict(3) { a in
            let (difference, overflowed) = try int(a[0]).subtractingReportingOverflow(try int(a[1]))
            guard !overflowed else { throw overflow("INT64") }
            return (difference / max(1, try int(a[2]))).databaseValue
        },
        "gsql_date_from_micros": strict(1) { a in CivilTime.floorDiv(try micros(a[0]), CivilTime.microsPerDay).databaseValue },
        "gsql_date_from_parts": strict(3) { a in
            let (year, month, day) = (try int(a[0]), try int(a[1]), try int(a[2]))
            guard let y = Int(exactly: year), let m = Int(exactly: month), let d = Int(exactly: day),
                CivilTime.isValidDate(year: y, month: m, day: d)
            else {
                throw GoogleSQLError.invalidQuery("Input calculates to invalid date: \(year)-\(month)-\(day)")
            }
            return CivilTime.days(year: y, month: m, day: d).databaseValue
        },
        // (part, value, kind) where kind names how the value is stored: TIMESTAMP, DATETIME, DATE or TIME.
        "gsql_extract": strict(3) { a in
            let part = text(a[0])
            let kind = text(a[2])
            if kind == "TIME" {
                let time = try int(a[1])
                guard time >= 0, time < CivilTime.microsPerDay else { throw GoogleSQLError.invalidQuery("TIME value out of range") }
                return try TimeMath.extract(part, days: 0, timeOfDay: time).databaseValue
            }
            if kind == "DATE" { return try TimeMath.extract(part, days: date(a[1]), timeOfDay: 0).databaseValue }
            let value = try micros(a[1])
            let days = CivilTime.floorDiv(value, CivilTime.microsPerDay)
            let timeOfDay = value - days * CivilTime.microsPerDay
            switch part {
            case "DATE": return days.databaseValue
            case "TIME": return timeOfDay.databaseValue
            default: return try TimeMath.extract(part, days: days, timeOfDay: timeOfDay).databaseValue
            }
        },
        // (value, from type, to type, safe)
        "gsql_cast": (
            4,
            { a in
                guard let from = FieldType(apiName: text(a[1])), let to = FieldType(apiName: text(a[2])) else { return .null }
                do {
                    return try Casts.cast(a[0], from: from, to: to)
                } catch {
                    if (try? int(a[3])) == 1 { return .null }
                    throw error
                }
            }
        ),
        // (format, value, kind) with kind TIMESTAMP, DATETIME, DATE or TIME, as for gsql_extract.
        "gsql_format_time": strict(3) { a in
            let kind = text(a[2])
            switch kind {
            case "DATE": return try TimeFormat.format(text(a[0]), days: date(a[1]), timeOfDay: 0, isTimestamp: false).databaseValue
            case "TIME":
                let time = try int(a[1])
                guard time >= 0, time < CivilTime.microsPerDay else { throw GoogleSQLError.invalidQuery("TIME value out of range") }
                return try TimeFormat.format(text(a[0]), days: nil, timeOfDay: time, isTimestamp: false).databaseValue
            default:
                let value = try micros(a[1])
                let days = CivilTime.floorDiv(value, CivilTime.microsPerDay)
                return try TimeFormat.format(
                    text(a[0]), days: days, timeOfDay: value - days * CivilTime.microsPerDay,
                    isTimestamp: kind == "TIMESTAMP"
                ).databaseValue
            }
        },
        "gsql_like": strict(2) { a in
            if case .blob(let value) = a[0].storage, case .blob(let pattern) = a[1].storage {
                return (LikeMatcher.matches(Array(value), pattern: Array(pattern)) ? 1 : 0).databaseValue
            }
            return
                (LikeMatcher.matches(
                    Array(text(a[0]).unicodeScalars).map(\.value),
                    pattern: Array(text(a[1]).unicodeScalars).map(\.value)) ? 1 : 0).databaseValue
        },
        // (value, patterns as a JSON array, flags): LIKE ANY / ALL, see `Resolver.resolveQuantifiedLike`.
        "gsql_like_quantified": (3, { a in try quantifiedLike(a) }),
        // SQLite's own length() stops at a NUL; LENGTH counts characters of STRING, bytes of BYTES.
        "gsql_length": strict(1) { a in
            if case .blob(let data) = a[0].storage { return data.count.databaseValue }
            return text(a[0]).unicodeScalars.count.databaseValue
        },
        // SQLite's own substr() stops at a NUL. GoogleSQL: a negative position counts from the end, one
        // off the left end starts at the first character, a negative length is an error.
        "gsql_substr": (
            nil,
            { a in
                if a.contains(where: \.isNull) { return .null }
                let characters = Array(text(a[0]).unicodeScalars)
                let count = Int64(characters.count)
                let position = try int(a[1])
                let start = position > 0 ? position - 1 : position == 0 ? 0 : max(0, count + max(position, -count))
                var end = count
                if a.count > 2 {
                    let length = try int(a[2])
                    guard length >= 0 else { throw GoogleSQLError.invalidQuery("Third argument in SUBSTR() cannot be negative") }
                    end = start >= count ? start : start + min(length, count - start)
                }
                guard start < count else { return "".databaseValue }
                var result = String.UnicodeScalarView()
                result.append(contentsOf: characters[Int(start)..<Int(end)])
                return String(result).databaseValue
            }
        ),
        "gsql_lower": strict(1) { a in text(a[0]).lowercased().databaseValue },
        "gsql_upper": strict(1) { a in text(a[0]).uppercased().databaseValue },
        "gsql_starts_with": strict(2) { a in (text(a[0]).hasPrefix(text(a[1])) ? 1 : 0).databaseValue },
        "gsql_ends_with": strict(2) { a in (text(a[0]).hasSuffix(text(a[1])) ? 1 : 0).databaseValue },
        "gsql_json_value": strict(2) { a in try JSONPath.value(text(a[0]), path: text(a[1])) },
        "gsql_json_query": strict(2) { a in try JSONPath.query(text(a[0]), path: text(a[1])) },
        "gsql_divide": strict(2) { a in
            guard let x = Casts.double(a[0]), let y = Casts.double(a[1]) else { return .null }
            guard y != 0 else { throw GoogleSQLError.invalidQuery("division by zero: \(Casts.describeValue(a[0])) / \(Casts.describeValue(a[1]))") }
            return FloatSemantics.stored(x / y)
        },
        "gsql_safe_divide": strict(2) { a in
            guard let x = Casts.double(a[0]), let y = Casts.double(a[1]), y != 0 else { return .null }
            return (x / y).databaseValue
        },
        "gsql_ieee_divide": strict(2) { a in
            guard let x = Casts.double(a[0]), let y = Casts.double(a[1]) else { return .null }
            return FloatSemantics.stored(x / y)
        },
        "gsql_div": strict(2) { a in
            let (x, y) = (try int(a[0]), try int(a[1]))
            guard y != 0 else { throw GoogleSQLError.invalidQuery("division by zero: DIV(\(x), \(y))") }
            guard !(x == .min && y == -1) else { throw GoogleSQLError.invalidQuery("int64 overflow: DIV(\(x), \(y))") }
            return (x / y).databaseValue
        },
        // REGEXP_*: RE2 over UTF-8 bytes (see RegularExpression); the pattern is always the second argument.
        // On BYTES (a blob value) the pattern matches byte by byte and what is extracted stays BYTES.
        "gsql_regexp_contains": strict(2) { a in
            (try regex(a[1], on: a[0]).matches(utf8(a[0])) ? 1 : 0).databaseValue
        },
        "gsql_regexp_extract": strict(2) { a in
            guard let match = try regex(a[1], on: a[0]).extract(from: utf8(a[0])) else { return .null }
            return matched(match, like: a[0])
        },
        // (value, pattern, position, occurrence)
        "gsql_regexp_extract_at": strict(4) { a in
            guard
                let match = try RegularExpressionSearch.extract(
                    regex(a[1], on: a[0]), from: utf8(a[0]), bytes: Library.isBytes(a[0]), position: int(a[2]), occurrence: int(a[3]))
            else { return .null }
            return matched(match, like: a[0])
        },
        // (value, pattern, position, occurrence, occurrence_position)
        "gsql_regexp_instr": strict(5) { a in
            try RegularExpressionSearch.instr(
                regex(a[1], on: a[0]), in: utf8(a[0]), bytes: Library.isBytes(a[0]), position: int(a[2]), occurrence: int(a[3]),
                after: int(a[4])
            ).databaseValue
        },
        "gsql_regexp_extract_all": strict(2) { a in
            let matches = try regex(a[1], on: a[0]).extractAll(from: utf8(a[0]))
            let onBytes = Library.isBytes(a[0])
            return JSONValue.array(
                matches.map { match in
                    guard let match else { return .null }
                    return .string(onBytes ? Data(match).base64EncodedString() : String(decoding: match, as: UTF8.self))
                }
            ).encodedString().databaseValue
        },
        "gsql_regexp_replace": strict(3) { a in
            matched(try regex(a[1], on: a[0]).replace(in: utf8(a[0]), with: utf8(a[2])), like: a[0])
        },
        "gsql_mod": strict(2) { a in
            let (x, y) = (try int(a[0]), try int(a[1]))
            guard y != 0 else { throw GoogleSQLError.invalidQuery("division by zero: MOD(\(x), \(y))") }
            return (y == -1 ? 0 : x % y).databaseValue
        },
        "gsql_floor_div": strict(2) { a in
            let divisor = try int(a[1])
            guard divisor != 0 else { throw GoogleSQLError.invalidQuery("division by zero") }
            return CivilTime.floorDiv(try int(a[0]), divisor).databaseValue
        },
        // SQLite turns INT64 overflow into a REAL; BigQuery fails the query instead.
        "gsql_int64": strict(1) { a in
            if case .double = a[0].storage { throw GoogleSQLError.invalidQuery("int64 overflow") }
            return a[0]
        },
        "gsql_floor": strict(1) { a in (Casts.double(a[0]).map { $0.rounded(.down) } ?? 0).databaseValue },
        "gsql_ceil": strict(1) { a in (Casts.double(a[0]).map { $0.rounded(.up) } ?? 0).databaseValue },
    ]
}

/// The reference's semantics rules of the quantified LIKE, in their order: an empty set of patterns
/// first (its answer depends on the form), then a NULL value, then a match (or, for ALL, a miss),
/// then a NULL pattern, else the other answer.
private func quantifiedLike(_ a: [DatabaseValue]) throws -> DatabaseValue {
    let flags = try Library.int(a[2])
    let (all, negated, fromArray, isBytes) = (flags & 1 != 0, flags & 2 != 0, flags & 4 != 0, flags & 8 != 0)
    var patterns: [JSONValue] = []
    if !a[1].isNull {
        guard case .array(let items) = try? JSONValue(parsing: Library.text(a[1])) else { throw Library.error("Expected an array value") }
        patterns = items
    }
    if patterns.isEmpty {
        switch (all, negated) {
        case (false, false): return false.databaseValue
        case (true, false): return (!fromArray).databaseValue
        case (false, true): return true.databaseValue
        case (true, true): return fromArray.databaseValue
        }
    }
    if a[0].isNull { return .null }
    func units(_ value: DatabaseValue) -> [UInt32] {
        if case .blob(let data) = value.storage { return data.map(UInt32.init) }
        return Array(Library.text(value).unicodeScalars).map(\.value)
    }
    let value = units(a[0])
    var sawNull = false
    for pattern in patterns {
        guard case .string(let text) = pattern else {
            sawNull = true
            continue
        }
        let units: [UInt32] = isBytes ? (Data(base64Encoded: text).map { $0.map(UInt32.init) } ?? []) : text.unicodeScalars.map(\.value)
        // Each test is `value [NOT] LIKE pattern`; ANY looks for a TRUE one, ALL for a FALSE one.
        let test = LikeMatcher.matches(value, pattern: units) != negated
        if test != all { return test.databaseValue }
    }
    return sawNull ? .null : all.databaseValue
}

/// LIKE with `%`, `_` and backslash escapes, case-sensitive like BigQuery (SQLite's LIKE is not).
enum LikeMatcher {
    static func matches<Unit: BinaryInteger>(_ value: [Unit], pattern: [Unit]) -> Bool {
        let percent = Unit(UInt8(ascii: "%"))
        let underscore = Unit(UInt8(ascii: "_"))
        let backslash = Unit(UInt8(ascii: "\\"))
        // Iterative matcher with backtracking to the last `%`: linear in practice, no recursion depth risk.
        var v = 0
        var p = 0
        var starPattern = -1
        var starValue = 0
        while v < value.count {
            if p < pattern.count {
                let token = pattern[p]
                if token == percent {
                    starPattern = p
                    starValue = v
                    p += 1
                    continue
                }
                if token == underscore {
                    v += 1
                    p += 1
                    continue
                }
                let literal = token == backslash && p + 1 < pattern.count ? pattern[p + 1] : token
                let width = token == backslash && p + 1 < pattern.count ? 2 : 1
                if literal == value[v] {
                    v += 1
                    p += width
                    continue
                }
            }
            guard starPattern >= 0 else { return false }
            starValue += 1
            v = starValue
            p = starPattern + 1
        }
        while p < pattern.count, pattern[p] == percent { p += 1 }
        return p == pattern.count
    }
}

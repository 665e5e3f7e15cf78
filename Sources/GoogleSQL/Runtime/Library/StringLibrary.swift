import Foundation
import GRDB
import WireJSON

/// STRING/BYTES functions of the library. STRING functions count Unicode characters (scalars),
/// BYTES functions count bytes; a BYTES argument arrives as a blob.
enum StringLibrary {
    /// Results are kept below BigQuery's row size so REPEAT or LPAD cannot exhaust memory.
    static let maximumResultBytes = 16 << 20

    private static func characters(_ value: DatabaseValue) -> [Unicode.Scalar] { Array(Library.text(value).unicodeScalars) }

    private static func string(_ scalars: some Sequence<Unicode.Scalar>) -> DatabaseValue {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view).databaseValue
    }

    /// Characters of a STRING or bytes of a BYTES value, as code units, and back.
    private static func units(_ value: DatabaseValue) -> [UInt32] {
        Library.isBytes(value) ? Library.bytes(value).map(UInt32.init) : characters(value).map(\.value)
    }

    private static func value(_ units: some Sequence<UInt32>, bytes: Bool) -> DatabaseValue {
        if bytes { return Library.blob(units.map { UInt8(truncatingIfNeeded: $0) }) }
        return string(units.compactMap(Unicode.Scalar.init))
    }

    private static func checkSize(_ count: Int, _ function: String) throws(GoogleSQLError) {
        guard count <= maximumResultBytes else { throw Library.error("\(function) result exceeds \(maximumResultBytes) bytes") }
    }

    /// LPAD / RPAD: (value, length [, pattern]).
    private static func pad(_ a: [DatabaseValue], left: Bool) throws(GoogleSQLError) -> DatabaseValue {
        let isBytes = Library.isBytes(a[0])
        let original = units(a[0])
        let length = try Library.int(a[1])
        let pattern = a.count > 2 ? units(a[2]) : [UInt32(UInt8(ascii: " "))]
        let name = left ? "LPAD" : "RPAD"
        guard length >= 0 else { throw Library.error("\(name) requires a non-negative return length: \(length)") }
        guard !pattern.isEmpty else { throw Library.error("\(name) requires a non-empty pattern") }
        try checkSize(Int(clamping: length), name)
        let target = Int(length)
        if target <= original.count { return value(original.prefix(target), bytes: isBytes) }
        var padding: [UInt32] = []
        padding.reserveCapacity(target - original.count)
        while padding.count < target - original.count { padding.append(pattern[padding.count % pattern.count]) }
        return value(left ? padding + original : original + padding, bytes: isBytes)
    }

    /// INSTR: (value, subvalue [, position [, occurrence]]); overlapping occurrences count.
    private static func instr(_ a: [DatabaseValue]) throws(GoogleSQLError) -> DatabaseValue {
        let haystack = units(a[0])
        let needle = units(a[1])
        let position = a.count > 2 ? try Library.int(a[2]) : 1
        let occurrence = a.count > 3 ? try Library.int(a[3]) : 1
        guard position != 0 else { throw Library.error("The position argument of INSTR cannot be 0") }
        guard occurrence > 0 else { throw Library.error("The occurrence argument of INSTR must be positive: \(occurrence)") }
        let count = haystack.count
        func matches(at start: Int) -> Bool {
            start + needle.count <= count && haystack[start..<(start + needle.count)].elementsEqual(needle)
        }
        var found: Int64 = 0
        if position > 0 {
            guard position <= count || (needle.isEmpty && position == count + 1) else { return 0.databaseValue }
            for start in Int(position - 1)...max(Int(position - 1), count - needle.count) where matches(at: start) {
                found += 1
                if found == occurrence { return (start + 1).databaseValue }
            }
        } else {
            let last = count + Int(max(position, -Int64(count) - 1))
            guard last >= 0 else { return 0.databaseValue }
            for start in stride(from: last, through: 0, by: -1) where matches(at: start) {
                found += 1
                if found == occurrence { return (start + 1).databaseValue }
            }
        }
        return 0.databaseValue
    }

    /// INITCAP: (value [, delimiters]).
    private static let defaultDelimiters = Set(" []()\\{}/|<>!?@\"^#$&~_,.:;*%+-".unicodeScalars)

    private static func initcap(_ a: [DatabaseValue]) -> DatabaseValue {
        let delimiters = a.count > 1 ? Set(characters(a[1])) : defaultDelimiters
        var result = ""
        var startOfWord = true
        for scalar in characters(a[0]) {
            let isDelimiter = delimiters.contains(scalar) || (a.count == 1 && scalar.properties.isWhitespace)
            if isDelimiter {
                result.unicodeScalars.append(scalar)
                startOfWord = true
            } else {
                result += startOfWord ? String(scalar).uppercased() : String(scalar).lowercased()
                startOfWord = false
            }
        }
        return result.databaseValue
    }

    private static func translate(_ a: [DatabaseValue]) throws(GoogleSQLError) -> DatabaseValue {
        let isBytes = Library.isBytes(a[0])
        let source = units(a[1])
        let target = units(a[2])
        var mapping: [UInt32: UInt32?] = [:]
        for (index, unit) in source.enumerated() {
            guard mapping[unit] == nil else { throw Library.error("Duplicate character in TRANSLATE source characters") }
            mapping[unit] = index < target.count ? target[index] : nil
        }
        let translated = units(a[0]).compactMap { unit -> UInt32? in
            guard let mapped = mapping[unit] else { return unit }
            return mapped
        }
        return value(translated, bytes: isBytes)
    }

    private static func split(_ a: [DatabaseValue]) throws(GoogleSQLError) -> DatabaseValue {
        let isBytes = Library.isBytes(a[0])
        let whole = units(a[0])
        let delimiter = a.count > 1 ? units(a[1]) : [UInt32(UInt8(ascii: ","))]
        var pieces: [[UInt32]] = []
        if delimiter.isEmpty {
            pieces = whole.isEmpty ? [[]] : whole.map { [$0] }
        } else {
            var current: [UInt32] = []
            var index = 0
            while index < whole.count {
                if index + delimiter.count <= whole.count, whole[index..<(index + delimiter.count)].elementsEqual(delimiter) {
                    pieces.append(current)
                    current = []
                    index += delimiter.count
                } else {
                    current.append(whole[index])
                    index += 1
                }
            }
            pieces.append(current)
        }
        let elements: [JSONValue] = pieces.map { piece in
            if isBytes { return .string(Data(piece.map { UInt8(truncatingIfNeeded: $0) }).base64EncodedString()) }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: piece.compactMap(Unicode.Scalar.init))
            return .string(String(view))
        }
        return JSONValue.array(elements).encodedString().databaseValue
    }

    private static func fromHex(_ text: String) throws(GoogleSQLError) -> DatabaseValue {
        var digits = Array(text.utf8)
        if digits.count % 2 == 1 { digits.insert(UInt8(ascii: "0"), at: 0) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        func nibble(_ c: UInt8) throws(GoogleSQLError) -> UInt8 {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
            default: throw Library.error("Failed to decode invalid hexadecimal string: \(text)")
            }
        }
        var index = 0
        while index < digits.count {
            bytes.append(try nibble(digits[index]) << 4 | nibble(digits[index + 1]))
            index += 2
        }
        return Library.blob(bytes)
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func codePoint(_ value: Int64) throws(GoogleSQLError) -> Unicode.Scalar? {
        if value == 0 { return nil }
        guard let scalar = UInt32(exactly: value).flatMap(Unicode.Scalar.init) else {
            throw Library.error("Invalid code point \(value)")
        }
        return scalar
    }

    /// A JSON array of INT64 storage values, as CODE_POINTS_TO_* read it; nil when an element is NULL.
    private static func integers(_ value: DatabaseValue) throws(GoogleSQLError) -> [Int64]? {
        guard case .array(let elements) = try? JSONValue(parsing: Library.text(value)) else { throw Library.error("Expected an array") }
        var result: [Int64] = []
        for element in elements {
            switch element {
            case .int(let number): result.append(number)
            case .null: return nil
            default: throw Library.error("Expected an array of INT64")
            }
        }
        return result
    }

    static let implementations: [String: Library.Implementation] = [
        "gsql_to_base32": Library.strict(1) { a in Base32.encode(Library.bytes(a[0])).databaseValue },
        "gsql_from_base32": Library.strict(1) { a in
            guard let bytes = Base32.decode(Library.text(a[0])) else { throw Library.error("Failed to decode invalid base32 string") }
            return Library.blob(bytes)
        },
        "gsql_soundex": Library.strict(1) { a in Soundex.code(Library.text(a[0])).databaseValue },
        "gsql_edit_distance": (nil, { a in try EditDistance.evaluate(a) }),
        "gsql_format": (nil, { a in try StringFormat.format(a) }),
        "gsql_split": Library.strict(nil) { a in try split(a) },
        "gsql_repeat": Library.strict(2) { a in
            let count = try Library.int(a[1])
            guard count >= 0 else { throw Library.error("REPEAT count cannot be negative: \(count)") }
            let part = units(a[0])
            if part.isEmpty || count == 0 { return value([], bytes: Library.isBytes(a[0])) }
            let (total, overflow) = Int64(part.count).multipliedReportingOverflow(by: count)
            guard !overflow else { throw Library.error("REPEAT result is too large") }
            try checkSize(Int(total), "REPEAT")
            return value(Array([[UInt32]](repeating: part, count: Int(count)).joined()), bytes: Library.isBytes(a[0]))
        },
        "gsql_reverse": Library.strict(1) { a in value(units(a[0]).reversed(), bytes: Library.isBytes(a[0])) },
        "gsql_lpad": Library.strict(nil) { a in try pad(a, left: true) },
        "gsql_rpad": Library.strict(nil) { a in try pad(a, left: false) },
        "gsql_left": Library.strict(2) { a in
            let length = try Library.int(a[1])
            guard length >= 0 else { throw Library.error("LEFT requires a non-negative length: \(length)") }
            return value(units(a[0]).prefix(Int(clamping: length)), bytes: Library.isBytes(a[0]))
        },
        "gsql_right": Library.strict(2) { a in
            let length = try Library.int(a[1])
            guard length >= 0 else { throw Library.error("RIGHT requires a non-negative length: \(length)") }
            return value(units(a[0]).suffix(Int(clamping: length)), bytes: Library.isBytes(a[0]))
        },
        "gsql_instr": Library.strict(nil) { a in try instr(a) },
        "gsql_strpos": Library.strict(2) { a in try instr(a) },
        "gsql_translate": Library.strict(3) { a in try translate(a) },
        "gsql_initcap": Library.strict(nil) { a in initcap(a) },
        // (value, mode) with mode NFC, NFD, NFKC or NFKD.
        "gsql_normalize": Library.strict(2) { a in
            let text = Library.text(a[0])
            switch Library.text(a[1]) {
            case "NFD": return text.decomposedStringWithCanonicalMapping.databaseValue
            case "NFKC": return text.precomposedStringWithCompatibilityMapping.databaseValue
            case "NFKD": return text.decomposedStringWithCompatibilityMapping.databaseValue
            default: return text.precomposedStringWithCanonicalMapping.databaseValue
            }
        },
        "gsql_normalize_casefold": Library.strict(2) { a in
            let folded = Library.text(a[0]).folding(options: [.caseInsensitive], locale: nil)
            switch Library.text(a[1]) {
            case "NFD": return folded.decomposedStringWithCanonicalMapping.databaseValue
            case "NFKC": return folded.precomposedStringWithCompatibilityMapping.databaseValue
            case "NFKD": return folded.decomposedStringWithCompatibilityMapping.databaseValue
            default: return folded.precomposedStringWithCanonicalMapping.databaseValue
            }
        },
        "gsql_to_hex": Library.strict(1) { a in hex(Library.bytes(a[0])).databaseValue },
        // (16 random bytes) → a version 4 UUID in lower-case hex, as GENERATE_UUID() returns.
        "gsql_uuid": Library.strict(1) { a in
            var bytes = Library.bytes(a[0])
            guard bytes.count == 16 else { throw Library.error("GENERATE_UUID needs 16 random bytes") }
            bytes[6] = bytes[6] & 0x0F | 0x40
            bytes[8] = bytes[8] & 0x3F | 0x80
            let text = hex(bytes)
            let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range in
                String(text.utf8.dropFirst(range.lowerBound).prefix(range.count)).map { String($0) } ?? ""
            }
            return parts.joined(separator: "-").databaseValue
        },
        "gsql_from_hex": Library.strict(1) { a in try fromHex(Library.text(a[0])) },
        "gsql_to_base64": Library.strict(1) { a in Data(Library.bytes(a[0])).base64EncodedString().databaseValue },
        "gsql_from_base64": Library.strict(1) { a in
            let text = Library.text(a[0]).filter { !$0.isWhitespace }
            // Padding is optional in BigQuery's reading.
            let padded = text + String(repeating: "=", count: (4 - text.count % 4) % 4)
            guard let data = Data(base64Encoded: padded) else { throw Library.error("Failed to decode invalid base64 string") }
            return data.databaseValue
        },
        "gsql_code_points_to_string": Library.strict(1) { a in
            guard let points = try integers(a[0]) else { return .null }
            var view = String.UnicodeScalarView()
            for point in points { if let scalar = try codePoint(point) { view.append(scalar) } }
            return String(view).databaseValue
        },
        "gsql_code_points_to_bytes": Library.strict(1) { a in
            guard let points = try integers(a[0]) else { return .null }
            var bytes: [UInt8] = []
            for point in points {
                guard let byte = UInt8(exactly: point) else { throw Library.error("Invalid extended ASCII code point \(point)") }
                bytes.append(byte)
            }
            return Library.blob(bytes)
        },
        "gsql_to_code_points": Library.strict(1) { a in
            JSONValue.array(units(a[0]).map { .int(Int64($0)) }).encodedString().databaseValue
        },
        "gsql_ascii": Library.strict(1) { a in
            guard let first = units(a[0]).first else { return 0.databaseValue }
            guard first < 128 || Library.isBytes(a[0]) else { throw Library.error("ASCII requires an ASCII first character") }
            return Int64(first).databaseValue
        },
        "gsql_unicode": Library.strict(1) { a in Int64(characters(a[0]).first?.value ?? 0).databaseValue },
        "gsql_chr": Library.strict(1) { a in
            guard let scalar = try codePoint(Library.int(a[0])) else { return "".databaseValue }
            return String(scalar).databaseValue
        },
        "gsql_byte_length": Library.strict(1) { a in Library.bytes(a[0]).count.databaseValue },
        "gsql_safe_convert_bytes_to_string": Library.strict(1) { a in
            String(decoding: Library.bytes(a[0]), as: UTF8.self).databaseValue
        },
        "gsql_contains_substr": Library.strict(2) { a in
            func fold(_ value: DatabaseValue) -> String {
                Library.text(value).precomposedStringWithCompatibilityMapping.folding(options: [.caseInsensitive], locale: nil)
            }
            let needle = fold(a[1])
            return Library.bool(needle.isEmpty || fold(a[0]).contains(needle))
        },
    ]
}

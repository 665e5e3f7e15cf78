import WarehouseSchema

/// STRING/BYTES functions of the library (Runtime/Library/StringLibrary.swift, StringFormat.swift).
extension Resolver {
    /// Functions on one STRING or BYTES value plus INT64 arguments: name → (runtime function, argument counts).
    private static let textFunctions: [String: (function: String, counts: ClosedRange<Int>)] = [
        "REPEAT": ("gsql_repeat", 2...2), "REVERSE": ("gsql_reverse", 1...1), "LPAD": ("gsql_lpad", 2...3),
        "RPAD": ("gsql_rpad", 2...3), "LEFT": ("gsql_left", 2...2), "RIGHT": ("gsql_right", 2...2),
        "INSTR": ("gsql_instr", 2...4), "STRPOS": ("gsql_strpos", 2...2), "TRANSLATE": ("gsql_translate", 3...3),
        "SPLIT": ("gsql_split", 1...2),
    ]

    mutating func resolveStringFunction(
        _ name: String, _ syntax: [Expression], at location: SourceLocation
    ) throws(GoogleSQLError) -> TypedExpression? {
        if let entry = Self.textFunctions[name] {
            try expectCount(name, syntax, entry.counts, at: location)
            let arguments = try resolveArguments(syntax)
            // The text arguments (all but LPAD/RPAD's length, LEFT/RIGHT's length, INSTR's position
            // and occurrence, REPEAT's count) share STRING or BYTES.
            let textPositions: Set<Int> =
                switch name {
                case "REPEAT", "REVERSE", "LEFT", "RIGHT": [0]
                case "LPAD", "RPAD": [0, 2]
                case "INSTR", "STRPOS", "SPLIT": [0, 1]
                default: [0, 1, 2]
                }
            let textTypes = arguments.enumerated().filter { textPositions.contains($0.offset) }.map(\.element.type).filter { !$0.isNull }
            let textType = textTypes.first ?? .string
            guard textType == .string || textType == .bytes, textTypes.allSatisfy({ $0 == textType }),
                arguments.enumerated().allSatisfy({ textPositions.contains($0.offset) || $0.element.type == .int64 || $0.element.type.isNull })
            else { throw functionSignatureError(name, arguments, at: location) }
            let type: SQLType =
                switch name {
                case "INSTR", "STRPOS": .int64
                case "SPLIT": .array(textType)
                default: textType
                }
            return call(entry.function, arguments, type, at: location)
        }
        switch name {
        case "EDIT_DISTANCE":
            let (positional, named) = try namedArguments(name, syntax, allowed: ["max_distance"], at: location)
            try expectCount(name, positional, 2...2, at: location)
            var arguments = try resolveArguments(positional)
            let texts = arguments.map(\.type).filter { !$0.isNull }
            guard texts.allSatisfy({ $0 == texts.first }), texts.allSatisfy({ $0 == .string || $0 == .bytes }) else {
                throw functionSignatureError(name, arguments, at: location)
            }
            if let limit = named["max_distance"] {
                let cap = try resolve(limit)
                guard cap.type == .int64 || cap.type.isNull else { throw functionSignatureError(name, arguments + [cap], at: location) }
                arguments.append(cap)
            }
            return call("gsql_edit_distance", arguments, .int64, at: location)
        case "FORMAT":
            try expectCount(name, syntax, 1...Int.max, at: location)
            let arguments = try resolveArguments(syntax)
            guard arguments[0].type == .string || arguments[0].type.isNull else { throw functionSignatureError(name, arguments, at: location) }
            var operands = [arguments[0]]
            for value in arguments.dropFirst() {
                // ARRAYs and STRUCTs go with their field descriptor, which the runtime decodes them by.
                switch value.type {
                case .record, .array: operands.append(text(SQLToJSON.descriptor(of: value.type.field(named: "v")), at: value.location))
                default: operands.append(text(value.type.name, at: value.location))
                }
                operands.append(value)
            }
            return call("gsql_format", operands, .string, at: location)
        case "INITCAP":
            try expectCount(name, syntax, 1...2, at: location)
            let arguments = try resolveArguments(syntax)
            guard arguments.allSatisfy({ $0.type == .string || $0.type.isNull }) else { throw functionSignatureError(name, arguments, at: location) }
            return call("gsql_initcap", arguments, .string, at: location)
        case "NORMALIZE", "NORMALIZE_AND_CASEFOLD":
            try expectCount(name, syntax, 1...2, at: location)
            let value = try resolve(syntax[0])
            var mode = "NFC"
            if syntax.count == 2 {
                guard case .path(let parts) = syntax[1].kind, parts.count == 1, ["NFC", "NFD", "NFKC", "NFKD"].contains(parts[0].uppercased()) else {
                    throw fail("The normalization mode of \(name) must be one of NFC, NFD, NFKC, NFKD", syntax[1].location)
                }
                mode = parts[0].uppercased()
            }
            guard value.type == .string || value.type.isNull else { throw functionSignatureError(name, [value], at: location) }
            let function = name == "NORMALIZE" ? "gsql_normalize" : "gsql_normalize_casefold"
            return call(function, [value, text(mode, at: location)], .string, at: location)
        case "TO_HEX", "TO_BASE64", "TO_BASE32":
            try expectCount(name, syntax, 1...1, at: location)
            let arguments = try resolveArguments(syntax)
            guard fits(arguments, [.bytes]) else { throw functionSignatureError(name, arguments, at: location) }
            return call("gsql_" + name.lowercased(), arguments, .string, at: location)
        case "FROM_HEX", "FROM_BASE64", "FROM_BASE32":
            try expectCount(name, syntax, 1...1, at: location)
            let arguments = try resolveArguments(syntax)
            guard fits(arguments, [.string]) || fits(arguments, [.bytes]) else { throw functionSignatureError(name, arguments, at: location) }
            return call("gsql_" + name.lowercased(), arguments, .bytes, at: location)
        case "SOUNDEX":
            try expectCount(name, syntax, 1...1, at: location)
            let arguments = try resolveArguments(syntax)
            guard fits(arguments, [.string]) else { throw functionSignatureError(name, arguments, at: location) }
            return call("gsql_soundex", arguments, .string, at: location)
        case "CODE_POINTS_TO_STRING", "CODE_POINTS_TO_BYTES":
            try expectCount(name, syntax, 1...1, at: location)
            let arguments = try resolveArguments(syntax)
            guard fits(arguments, [.array(.int64)]) else { throw functionSignatureError(name, arguments, at: location) }
            let bytes = name == "CODE_POINTS_TO_BYTES"
            return call(bytes ? "gsql_code_points_to_bytes" : "gsql_code_points_to_string", arguments, bytes ? .bytes : .string, at: location)
        case "TO_CODE_POINTS":
            try expectCount(name, syntax, 1...1, at: location)
            let arguments = try resolveArguments(syntax)
            guard fits(arguments, [.string]) || fits(arguments, [.bytes]) else { throw functionSignatureError(name, arguments, at: location) }
            return call("gsql_to_code_points", arguments, .array(.int64), at: location)
        case "ASCII", "UNICODE", "BYTE_LENGTH", "OCTET_LENGTH":
            try expectCount(name, syntax, 1...1, at: location)
            let arguments = try resolveArguments(syntax)
            let bytesAllowed = name != "UNICODE"
            guard fits(arguments, [.string]) || (bytesAllowed && fits(arguments, [.bytes])) else {
                throw functionSignatureError(name, arguments, at: location)
            }
            let function = name == "ASCII" ? "gsql_ascii" : name == "UNICODE" ? "gsql_unicode" : "gsql_byte_length"
            return call(function, arguments, .int64, at: location)
        case "CHR":
            try expectCount(name, syntax, 1...1, at: location)
            let arguments = try resolveArguments(syntax)
            guard fits(arguments, [.int64]) else { throw functionSignatureError(name, arguments, at: location) }
            return call("gsql_chr", arguments, .string, at: location)
        case "SAFE_CONVERT_BYTES_TO_STRING":
            try expectCount(name, syntax, 1...1, at: location)
            let arguments = try resolveArguments(syntax)
            guard fits(arguments, [.bytes]) else { throw functionSignatureError(name, arguments, at: location) }
            return call("gsql_safe_convert_bytes_to_string", arguments, .string, at: location)
        case "CONTAINS_SUBSTR":
            try expectCount(name, syntax, 2...2, at: location)
            let arguments = try resolveArguments(syntax)
            guard fits(arguments, [.string, .string]) else {
                throw fail("Unsupported: CONTAINS_SUBSTR is supported on STRING values only by the local emulator", location)
            }
            return call("gsql_contains_substr", arguments, .bool, at: location)
        default:
            return nil
        }
    }
}

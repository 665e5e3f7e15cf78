import Foundation
import GRDB

/// `CAST(bytes AS STRING FORMAT f)` and `CAST(string AS BYTES FORMAT f)`: the formats BASE2, BASE8,
/// BASE16 (HEX), BASE32, BASE64, BASE64M (base64 in lines of 76), ASCII and UTF8 (UTF-8), in any case.
enum BytesTextFormat {
    private static let base64LineLength = 76

    static func text(of bytes: [UInt8], format: String) throws(GoogleSQLError) -> String {
        switch format.lowercased() {
        case "base2":
            return String(decoding: bytes.flatMap { byte in (0..<8).reversed().map { (byte >> UInt8($0)) & 1 == 1 ? 49 : 48 } }, as: UTF8.self)
        case "base8": return base8(bytes)
        case "base16", "hex": return StringLibrary.hex(bytes)
        case "base32": return Base32.encode(bytes)
        case "base64": return Data(bytes).base64EncodedString()
        case "base64m":
            let base64 = Array(Data(bytes).base64EncodedString().utf8)
            return stride(from: 0, to: base64.count, by: base64LineLength).map {
                String(decoding: base64[$0..<min($0 + base64LineLength, base64.count)], as: UTF8.self)
            }.joined(separator: "\n")
        case "ascii":
            guard bytes.allSatisfy({ $0 < 0x80 }) else { throw GoogleSQLError.invalidQuery("Failed to decode invalid ASCII string") }
            return String(decoding: bytes, as: UTF8.self)
        case "utf8", "utf-8":
            guard let text = String(validating: bytes, as: UTF8.self) else { throw GoogleSQLError.invalidQuery("A string is not valid UTF-8.") }
            return text
        default: throw invalidFormat(format)
        }
    }

    static func bytes(of text: String, format: String) throws(GoogleSQLError) -> [UInt8] {
        let utf8 = Array(text.utf8)
        switch format.lowercased() {
        case "base2": return try fromBase2(utf8)
        case "base8": return try fromBase8(utf8)
        case "base16", "hex", "base32", "base64", "base64m":
            let name = ["base16": "gsql_from_hex", "hex": "gsql_from_hex", "base32": "gsql_from_base32"][format.lowercased()] ?? "gsql_from_base64"
            guard let decode = Library.implementations[name] else { throw invalidFormat(format) }
            do {
                guard case .blob(let data) = try decode.body([text.databaseValue]).storage else { return [] }
                return Array(data)
            } catch let error as GoogleSQLError {
                throw error
            } catch {
                throw GoogleSQLError.invalidQuery("\(error)")
            }
        case "ascii":
            guard utf8.allSatisfy({ $0 < 0x80 }) else { throw GoogleSQLError.invalidQuery("Failed to decode invalid ASCII string") }
            return utf8
        case "utf8", "utf-8": return utf8
        default: throw invalidFormat(format)
        }
    }

    static func invalidFormat(_ format: String) -> GoogleSQLError { .invalidQuery("Invalid format '\(format)'") }

    /// Octal digits of the bytes read as one big-endian number, ceil(8n / 3) of them.
    private static func base8(_ bytes: [UInt8]) -> String {
        let bits = bytes.count * 8
        let digits = (bits + 2) / 3
        var out = [UInt8](repeating: 48, count: digits)
        for index in 0..<digits {
            // Digit `index` from the right covers bits 3*index ..< 3*index + 3 counted from the low end.
            var value = 0
            for bit in 0..<3 {
                let position = 3 * index + bit
                guard position < bits else { break }
                let byte = bytes[bytes.count - 1 - position / 8]
                value |= Int((byte >> UInt8(position % 8)) & 1) << bit
            }
            out[digits - 1 - index] = UInt8(48 + value)
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func fromBase8(_ digits: [UInt8]) throws(GoogleSQLError) -> [UInt8] {
        guard digits.allSatisfy({ $0 >= 48 && $0 <= 55 }) else { throw GoogleSQLError.invalidQuery("Failed to decode invalid base8 string") }
        let count = (digits.count / 8) * 3 + (3 * (digits.count % 8)) / 8
        var out = [UInt8](repeating: 0, count: count)
        for position in 0..<(count * 8) {
            let digit = digits[digits.count - 1 - position / 3] - 48
            if (digit >> UInt8(position % 3)) & 1 == 1 { out[count - 1 - position / 8] |= 1 << UInt8(position % 8) }
        }
        return out
    }

    /// Groups of eight digits from the right; the leftmost group may be shorter.
    private static func fromBase2(_ digits: [UInt8]) throws(GoogleSQLError) -> [UInt8] {
        var out: [UInt8] = []
        var end = digits.count
        while end > 0 {
            let start = max(0, end - 8)
            var byte: UInt8 = 0
            for (offset, digit) in digits[start..<end].enumerated() {
                guard digit == 48 || digit == 49 else {
                    throw GoogleSQLError.invalidQuery(
                        "Failed to decode invalid base2 string due to character '\(Character(Unicode.Scalar(digit)))' at offset \(offset)")
                }
                byte = byte << 1 | (digit - 48)
            }
            out.append(byte)
            end = start
        }
        return out.reversed()
    }
}

import Foundation
import GRDB

/// The statement IFERROR, ISERROR and NULLIFERROR try (`SELECT expression` and its bound values),
/// passed to `TryEvaluation` as one BLOB. Lengths prefix the parts, so nothing is escaped: a tried
/// expression that holds another one carries it once, at its own size, and nesting costs linearly.
struct TriedStatement: Equatable {
    var sql: String
    var arguments: [DatabaseValue]

    private enum Tag: UInt8 {
        case null, integer, real, text, blob
    }

    var encoded: Data {
        var data = Data()
        Self.append(Data(sql.utf8), to: &data)
        Self.append(UInt64(arguments.count), to: &data)
        for argument in arguments {
            switch argument.storage {
            case .null: data.append(Tag.null.rawValue)
            case .int64(let number):
                data.append(Tag.integer.rawValue)
                Self.append(UInt64(bitPattern: number), to: &data)
            case .double(let number):
                data.append(Tag.real.rawValue)
                Self.append(number.bitPattern, to: &data)
            case .string(let text):
                data.append(Tag.text.rawValue)
                Self.append(Data(text.utf8), to: &data)
            case .blob(let bytes):
                data.append(Tag.blob.rawValue)
                Self.append(bytes, to: &data)
            }
        }
        return data
    }

    init(sql: String, arguments: [DatabaseValue]) {
        self.sql = sql
        self.arguments = arguments
    }

    /// Nil for bytes `encoded` did not make.
    init?(decoding data: Data) {
        var reader = Reader(bytes: [UInt8](data))
        guard let sql = reader.chunk(), let count = reader.number(), count <= UInt64(data.count) else { return nil }
        var arguments: [DatabaseValue] = []
        for _ in 0..<count {
            guard let tag = reader.byte().flatMap(Tag.init(rawValue:)) else { return nil }
            switch tag {
            case .null: arguments.append(.null)
            case .integer:
                guard let number = reader.number() else { return nil }
                arguments.append(Int64(bitPattern: number).databaseValue)
            case .real:
                guard let number = reader.number() else { return nil }
                arguments.append(Double(bitPattern: number).databaseValue)
            case .text:
                guard let text = reader.chunk() else { return nil }
                arguments.append(String(decoding: text, as: UTF8.self).databaseValue)
            case .blob:
                guard let bytes = reader.chunk() else { return nil }
                arguments.append(Data(bytes).databaseValue)
            }
        }
        guard reader.isAtEnd else { return nil }
        self.init(sql: String(decoding: sql, as: UTF8.self), arguments: arguments)
    }

    private static func append(_ number: UInt64, to data: inout Data) {
        withUnsafeBytes(of: number.littleEndian) { data.append(contentsOf: $0) }
    }

    private static func append(_ bytes: Data, to data: inout Data) {
        append(UInt64(bytes.count), to: &data)
        data.append(bytes)
    }

    private struct Reader {
        let bytes: [UInt8]
        var offset = 0

        var isAtEnd: Bool { offset == bytes.count }

        mutating func byte() -> UInt8? {
            guard offset < bytes.count else { return nil }
            defer { offset += 1 }
            return bytes[offset]
        }

        mutating func number() -> UInt64? {
            guard bytes.count - offset >= 8 else { return nil }
            defer { offset += 8 }
            return bytes[offset..<offset + 8].reversed().reduce(0) { $0 << 8 | UInt64($1) }
        }

        mutating func chunk() -> ArraySlice<UInt8>? {
            guard let count = number(), count <= UInt64(bytes.count - offset) else { return nil }
            defer { offset += Int(count) }
            return bytes[offset..<offset + Int(count)]
        }
    }
}

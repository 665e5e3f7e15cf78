/// The parts of a Parquet file's footer (`FileMetaData`) and page headers that reading its rows
/// needs, by the field ids of parquet.thrift. Fields the reader does not use are skipped.
enum ParquetPhysicalType: Int32, Sendable {
    case boolean = 0
    case int32 = 1
    case int64 = 2
    case int96 = 3
    case float = 4
    case double = 5
    case byteArray = 6
    case fixedLenByteArray = 7
}

enum ParquetRepetition: Int32, Sendable {
    case required = 0
    case optional = 1
    case repeated = 2
}

enum ParquetTimeUnit: Sendable {
    case millis, micros, nanos
}

/// A column's logical type: the `LogicalType` union, or the older `ConvertedType` it replaced.
enum ParquetLogicalType: Sendable, Equatable {
    case string, map, list, enumeration, json, bson, uuid, date
    case decimal(scale: Int, precision: Int)
    case time(utc: Bool, unit: ParquetTimeUnit)
    case timestamp(utc: Bool, unit: ParquetTimeUnit)
    case integer(bits: Int, signed: Bool)
    case other
}

struct ParquetSchemaElement: Sendable {
    var name = ""
    /// Nil for a group.
    var physicalType: ParquetPhysicalType?
    var typeLength = 0
    var repetition = ParquetRepetition.required
    var childCount = 0
    var logicalType: ParquetLogicalType?
}

struct ParquetColumnChunk: Sendable {
    var type = ParquetPhysicalType.int32
    var path: [String] = []
    var codec: Int32 = 0
    var valueCount: Int64 = 0
    var compressedSize: Int64 = 0
    var dataPageOffset: Int64 = 0
    var dictionaryPageOffset: Int64?
}

struct ParquetRowGroup: Sendable {
    var columns: [ParquetColumnChunk] = []
    var rowCount: Int64 = 0
}

struct ParquetFileMetadata: Sendable {
    var schema: [ParquetSchemaElement] = []
    var rowCount: Int64 = 0
    var rowGroups: [ParquetRowGroup] = []

    /// The footer of `bytes`: `PAR1`, the pages, the metadata, its 4-byte length, `PAR1`.
    init(file bytes: [UInt8]) throws(ParquetError) {
        let magic: [UInt8] = Array("PAR1".utf8)
        guard bytes.count >= 12, bytes.starts(with: magic), Array(bytes.suffix(4)) == magic else {
            throw ParquetError("the file is not Parquet (it does not begin and end with PAR1)")
        }
        let lengthStart = bytes.count - 8
        let length =
            Int(bytes[lengthStart]) | Int(bytes[lengthStart + 1]) << 8 | Int(bytes[lengthStart + 2]) << 16 | Int(bytes[lengthStart + 3]) << 24
        guard length > 0, length <= lengthStart - 4 else { throw ParquetError("the footer length \(length) does not fit in the file") }
        var reader = ThriftCompactReader(bytes, from: lengthStart - length, to: lengthStart)
        try reader.readStruct { reader, id, type throws(ParquetError) in
            switch (id, type) {
            case (2, .list): schema = try reader.readList { reader throws(ParquetError) in try Self.schemaElement(&reader) }
            case (3, .i64): rowCount = try reader.integer()
            case (4, .list): rowGroups = try reader.readList { reader throws(ParquetError) in try Self.rowGroup(&reader) }
            default: return false
            }
            return true
        }
    }

    private static func schemaElement(_ reader: inout ThriftCompactReader) throws(ParquetError) -> ParquetSchemaElement {
        var element = ParquetSchemaElement()
        var converted: Int32?
        var scale = 0
        var precision = 0
        try reader.readStruct { reader, id, type throws(ParquetError) in
            switch (id, type) {
            case (1, .i32):
                let raw = try reader.int32()
                guard let physical = ParquetPhysicalType(rawValue: raw) else { throw ParquetError("unknown physical type \(raw)") }
                element.physicalType = physical
            case (2, .i32): element.typeLength = Int(try reader.int32())
            case (3, .i32):
                let raw = try reader.int32()
                guard let repetition = ParquetRepetition(rawValue: raw) else { throw ParquetError("unknown repetition \(raw)") }
                element.repetition = repetition
            case (4, .binary): element.name = try reader.string()
            case (5, .i32): element.childCount = Int(try reader.int32())
            case (6, .i32): converted = try reader.int32()
            case (7, .i32): scale = Int(try reader.int32())
            case (8, .i32): precision = Int(try reader.int32())
            case (10, .structure): element.logicalType = try logicalType(&reader)
            default: return false
            }
            return true
        }
        if element.logicalType == nil, let converted {
            element.logicalType = convertedType(converted, scale: scale, precision: precision)
        }
        return element
    }

    /// The `LogicalType` union: exactly one member is set.
    private static func logicalType(_ reader: inout ThriftCompactReader) throws(ParquetError) -> ParquetLogicalType {
        var logical = ParquetLogicalType.other
        try reader.readStruct { reader, id, type throws(ParquetError) in
            guard type == .structure else { return false }
            switch id {
            case 1: logical = .string
            case 2: logical = .map
            case 3: logical = .list
            case 4: logical = .enumeration
            case 5:
                var scale = 0
                var precision = 0
                try reader.readStruct { reader, id, type throws(ParquetError) in
                    switch (id, type) {
                    case (1, .i32): scale = Int(try reader.int32())
                    case (2, .i32): precision = Int(try reader.int32())
                    default: return false
                    }
                    return true
                }
                logical = .decimal(scale: scale, precision: precision)
                return true
            case 6: logical = .date
            case 7, 8:
                var utc = true
                var unit = ParquetTimeUnit.micros
                try reader.readStruct { reader, id, type throws(ParquetError) in
                    switch (id, type) {
                    case (1, .boolTrue): utc = true
                    case (1, .boolFalse): utc = false
                    case (2, .structure):
                        try reader.readStruct { reader, id, type throws(ParquetError) in
                            unit = id == 1 ? .millis : id == 3 ? .nanos : .micros
                            return false
                        }
                    default: return false
                    }
                    return true
                }
                logical = id == 7 ? .time(utc: utc, unit: unit) : .timestamp(utc: utc, unit: unit)
                return true
            case 10:
                var bits = 64
                var signed = true
                try reader.readStruct { reader, id, type throws(ParquetError) in
                    switch (id, type) {
                    case (1, .byte): bits = Int(Int8(bitPattern: try reader.byte()))
                    case (2, .boolTrue): signed = true
                    case (2, .boolFalse): signed = false
                    default: return false
                    }
                    return true
                }
                logical = .integer(bits: bits, signed: signed)
                return true
            case 12: logical = .json
            case 13: logical = .bson
            case 14: logical = .uuid
            default: logical = .other
            }
            return false
        }
        return logical
    }

    /// The `ConvertedType` enum of files written before `LogicalType`.
    private static func convertedType(_ raw: Int32, scale: Int, precision: Int) -> ParquetLogicalType {
        switch raw {
        case 0: .string
        case 1, 2: .map
        case 3: .list
        case 4: .enumeration
        case 5: .decimal(scale: scale, precision: precision)
        case 6: .date
        case 7: .time(utc: true, unit: .millis)
        case 8: .time(utc: true, unit: .micros)
        case 9: .timestamp(utc: true, unit: .millis)
        case 10: .timestamp(utc: true, unit: .micros)
        case 11, 12, 13, 14: .integer(bits: 8 << Int(raw - 11), signed: false)
        case 15, 16, 17, 18: .integer(bits: 8 << Int(raw - 15), signed: true)
        case 19: .json
        case 20: .bson
        default: .other
        }
    }

    private static func rowGroup(_ reader: inout ThriftCompactReader) throws(ParquetError) -> ParquetRowGroup {
        var group = ParquetRowGroup()
        try reader.readStruct { reader, id, type throws(ParquetError) in
            switch (id, type) {
            case (1, .list): group.columns = try reader.readList { reader throws(ParquetError) in try columnChunk(&reader) }
            case (3, .i64): group.rowCount = try reader.integer()
            default: return false
            }
            return true
        }
        return group
    }

    private static func columnChunk(_ reader: inout ThriftCompactReader) throws(ParquetError) -> ParquetColumnChunk {
        var chunk = ParquetColumnChunk()
        var hasMetadata = false
        try reader.readStruct { reader, id, type throws(ParquetError) in
            switch (id, type) {
            case (1, .binary): throw ParquetError("columns in other files (file_path) are not supported")
            case (3, .structure):
                hasMetadata = true
                try reader.readStruct { reader, id, type throws(ParquetError) in
                    switch (id, type) {
                    case (1, .i32):
                        let raw = try reader.int32()
                        guard let physical = ParquetPhysicalType(rawValue: raw) else { throw ParquetError("unknown physical type \(raw)") }
                        chunk.type = physical
                    case (3, .list): chunk.path = try reader.readList { reader throws(ParquetError) in try reader.string() }
                    case (4, .i32): chunk.codec = try reader.int32()
                    case (5, .i64): chunk.valueCount = try reader.integer()
                    case (7, .i64): chunk.compressedSize = try reader.integer()
                    case (9, .i64): chunk.dataPageOffset = try reader.integer()
                    case (11, .i64): chunk.dictionaryPageOffset = try reader.integer()
                    default: return false
                    }
                    return true
                }
            default: return false
            }
            return true
        }
        guard hasMetadata else { throw ParquetError("a column chunk has no metadata") }
        return chunk
    }
}

/// A page's header: which kind it is, its sizes, and how its values are encoded.
struct ParquetPageHeader: Sendable {
    enum Kind: Int32 {
        case data = 0
        case index = 1
        case dictionary = 2
        case dataV2 = 3
    }

    var kind: Kind?
    var uncompressedSize = 0
    var compressedSize = 0
    var valueCount = 0
    var encoding: Int32 = 0
    /// Data page v2: the level bytes, stored uncompressed before the values.
    var repetitionLevelsLength = 0
    var definitionLevelsLength = 0
    var isCompressed = true

    init(_ reader: inout ThriftCompactReader) throws(ParquetError) {
        try reader.readStruct { reader, id, type throws(ParquetError) in
            switch (id, type) {
            case (1, .i32): kind = Kind(rawValue: try reader.int32())
            case (2, .i32): uncompressedSize = Int(try reader.int32())
            case (3, .i32): compressedSize = Int(try reader.int32())
            case (5, .structure), (7, .structure), (8, .structure):
                let version2 = id == 8
                try reader.readStruct { reader, field, type throws(ParquetError) in
                    switch (field, type, version2) {
                    case (1, .i32, _): valueCount = Int(try reader.int32())
                    case (2, .i32, false): encoding = try reader.int32()
                    case (4, .i32, true): encoding = try reader.int32()
                    case (5, .i32, true): definitionLevelsLength = Int(try reader.int32())
                    case (6, .i32, true): repetitionLevelsLength = Int(try reader.int32())
                    case (7, .boolTrue, true): isCompressed = true
                    case (7, .boolFalse, true): isCompressed = false
                    default: return false
                    }
                    return true
                }
            default: return false
            }
            return true
        }
        guard uncompressedSize >= 0, compressedSize >= 0, valueCount >= 0, repetitionLevelsLength >= 0, definitionLevelsLength >= 0 else {
            throw ParquetError("a page header has a negative size")
        }
    }
}

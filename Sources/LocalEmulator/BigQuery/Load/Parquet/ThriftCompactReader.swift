/// Reads Thrift's compact protocol, the encoding of Parquet's footer and page headers. Every read is
/// bounds-checked: the bytes come from an upload, and a malformed file is a `ParquetError`, never a trap.
struct ThriftCompactReader {
    /// The compact protocol's field and element types.
    enum FieldType: UInt8 {
        case stop = 0
        case boolTrue = 1
        case boolFalse = 2
        case byte = 3
        case i16 = 4
        case i32 = 5
        case i64 = 6
        case double = 7
        case binary = 8
        case list = 9
        case set = 10
        case map = 11
        case structure = 12
    }

    private let bytes: [UInt8]
    private(set) var position: Int
    private let end: Int
    /// Nesting bound: a crafted footer of nested structs must not exhaust the stack.
    private var depth = 0

    init(_ bytes: [UInt8], from start: Int = 0, to end: Int? = nil) {
        self.bytes = bytes
        position = start
        self.end = min(end ?? bytes.count, bytes.count)
    }

    mutating func byte() throws(ParquetError) -> UInt8 {
        guard position < end else { throw ParquetError("the file ends inside its metadata") }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func varint() throws(ParquetError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte()
            guard shift < 64 else { throw ParquetError("a metadata integer is too long") }
            result |= UInt64(next & 0x7F) << shift
            if next & 0x80 == 0 { return result }
            shift += 7
        }
    }

    /// A zigzag-encoded signed integer (i16, i32 and i64 alike).
    mutating func integer() throws(ParquetError) -> Int64 {
        let raw = try varint()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    mutating func int32() throws(ParquetError) -> Int32 {
        guard let value = Int32(exactly: try integer()) else { throw ParquetError("a metadata value is out of range") }
        return value
    }

    mutating func binary() throws(ParquetError) -> ArraySlice<UInt8> {
        let length = try varint()
        guard length <= UInt64(end - position) else { throw ParquetError("the file ends inside its metadata") }
        defer { position += Int(length) }
        return bytes[position..<position + Int(length)]
    }

    mutating func string() throws(ParquetError) -> String {
        String(decoding: try binary(), as: UTF8.self)
    }

    /// The next field of a struct: its id and type, or nil at the struct's end.
    mutating func field(after previous: inout Int16) throws(ParquetError) -> (id: Int16, type: FieldType)? {
        let header = try byte()
        guard let type = FieldType(rawValue: header & 0x0F) else { throw ParquetError("unknown metadata field type \(header & 0x0F)") }
        if type == .stop { return nil }
        let delta = header >> 4
        if delta == 0 {
            guard let id = Int16(exactly: try integer()) else { throw ParquetError("a metadata field id is out of range") }
            previous = id
        } else {
            previous = previous &+ Int16(delta)
        }
        return (previous, type)
    }

    /// A list or set header: its element type and count.
    mutating func listHeader() throws(ParquetError) -> (type: FieldType, count: Int) {
        let header = try byte()
        guard let type = FieldType(rawValue: header & 0x0F) else { throw ParquetError("unknown metadata element type") }
        var count = UInt64(header >> 4)
        if count == 15 { count = try varint() }
        // Every element, a boolean included, takes at least one byte: a count past what is left is a lie.
        guard count <= UInt64(end - position) else { throw ParquetError("a metadata list is longer than the file") }
        return (type, Int(count))
    }

    /// Reads each field of a struct; `read` handles the ones it knows and returns false for the others,
    /// which are skipped.
    mutating func readStruct(_ read: (inout ThriftCompactReader, Int16, FieldType) throws(ParquetError) -> Bool) throws(ParquetError) {
        try enter()
        defer { depth -= 1 }
        var previous: Int16 = 0
        while let (id, type) = try field(after: &previous) {
            if try !read(&self, id, type) { try skip(type) }
        }
    }

    /// One level deeper into a struct, list, set or map; `depth -= 1` on the way out.
    private mutating func enter() throws(ParquetError) {
        guard depth < 63 else { throw ParquetError("the metadata is nested too deeply") }
        depth += 1
    }

    /// A list of structs, each read by `element`.
    mutating func readList<T>(_ element: (inout ThriftCompactReader) throws(ParquetError) -> T) throws(ParquetError) -> [T] {
        let (type, count) = try listHeader()
        var elements: [T] = []
        for _ in 0..<count {
            guard type == .structure || type == .i32 || type == .binary else {
                try skip(type)
                continue
            }
            elements.append(try element(&self))
        }
        return elements
    }

    /// A field's value of `type`, skipped.
    mutating func skip(_ type: FieldType) throws(ParquetError) {
        switch type {
        case .stop: return
        case .boolTrue, .boolFalse: return
        case .byte: _ = try byte()
        case .i16, .i32, .i64: _ = try varint()
        case .double:
            guard end - position >= 8 else { throw ParquetError("the file ends inside its metadata") }
            position += 8
        case .binary: _ = try binary()
        case .list, .set:
            // Containers nest like structs, one byte a level, so they count against the same bound.
            try enter()
            defer { depth -= 1 }
            let (elementType, count) = try listHeader()
            for _ in 0..<count {
                if elementType == .boolTrue || elementType == .boolFalse {
                    _ = try byte()
                } else {
                    try skip(elementType)
                }
            }
        case .map:
            try enter()
            defer { depth -= 1 }
            let count = try varint()
            guard count > 0 else { return }
            let types = try byte()
            guard let key = FieldType(rawValue: types >> 4), let value = FieldType(rawValue: types & 0x0F) else {
                throw ParquetError("unknown metadata map type")
            }
            guard count <= UInt64(end - position) else { throw ParquetError("a metadata map is longer than the file") }
            for _ in 0..<count {
                try skip(key)
                try skip(value)
            }
        case .structure:
            try readStruct { _, _, _ throws(ParquetError) in false }
        }
    }
}

/// Why a Parquet file could not be read, in words for the job's error.
struct ParquetError: Error, Sendable {
    let message: String
    init(_ message: String) { self.message = message }
}

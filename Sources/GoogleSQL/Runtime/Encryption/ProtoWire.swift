/// The protocol buffer wire format, as far as Tink's keyset messages need it: varints and
/// length-delimited fields are read and written; other wire types are skipped when read.
struct ProtoWireReader {
    enum Value {
        case varint(UInt64)
        case bytes(ArraySlice<UInt8>)
        case skipped
    }

    struct Malformed: Error {}

    private var bytes: ArraySlice<UInt8>

    init(_ bytes: ArraySlice<UInt8>) { self.bytes = bytes }

    /// The next field's number and value; nil at the end of the message.
    mutating func next() throws(Malformed) -> (number: UInt64, value: Value)? {
        guard !bytes.isEmpty else { return nil }
        let tag = try varint()
        let number = tag >> 3
        guard number > 0 else { throw Malformed() }
        switch tag & 7 {
        case 0: return (number, .varint(try varint()))
        case 1: try skip(8)
        case 2:
            let length = try varint()
            guard length <= UInt64(bytes.count) else { throw Malformed() }
            let value = bytes.prefix(Int(length))
            bytes = bytes.dropFirst(Int(length))
            return (number, .bytes(value))
        case 5: try skip(4)
        default: throw Malformed()  // groups (3, 4) and the unused wire types 6, 7
        }
        return (number, .skipped)
    }

    private mutating func skip(_ count: Int) throws(Malformed) {
        guard bytes.count >= count else { throw Malformed() }
        bytes = bytes.dropFirst(count)
    }

    private mutating func varint() throws(Malformed) -> UInt64 {
        var result: UInt64 = 0
        for shift in stride(from: UInt64(0), to: 70, by: 7) {
            guard let byte = bytes.popFirst() else { throw Malformed() }
            result |= UInt64(byte & 0x7f) << shift
            if byte & 0x80 == 0 { return result }
        }
        throw Malformed()
    }
}

/// Writes fields in proto3's way: a varint field equal to 0 is left out, as is an empty string or
/// bytes field; a message field is written when it is set, even empty.
struct ProtoWireWriter {
    private(set) var bytes: [UInt8] = []

    mutating func varint(_ number: UInt64, _ value: UInt64) {
        guard value != 0 else { return }
        append(varint: number << 3)
        append(varint: value)
    }

    mutating func bytes(_ number: UInt64, _ value: [UInt8], evenIfEmpty: Bool = false) {
        guard !value.isEmpty || evenIfEmpty else { return }
        append(varint: number << 3 | 2)
        append(varint: UInt64(value.count))
        bytes += value
    }

    private mutating func append(varint value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7f) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }
}

/// The DELTA_* and BYTE_STREAM_SPLIT encodings of Parquet values, as writers of format 2 pages use
/// them (Spark's and parquet-mr's v2 writers, pyarrow's `column_encoding`): integers as deltas in
/// bit-packed miniblocks, strings as their lengths so encoded then their bytes, or as the prefix they
/// share with the value before plus the rest, and floats as their bytes split into one stream each.
struct DeltaBinaryPacked {
    private let bytes: ArraySlice<UInt8>
    /// Where the encoded values end, once `read` has read them: the next section of the page starts here.
    private(set) var position: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        position = bytes.startIndex
    }

    /// The section's values, which must be the page's `count` (a header claiming more could spin on
    /// miniblocks of width 0 for as long as it likes), as 64-bit integers whose sums wrap, as the
    /// encoding's do.
    mutating func read(count: Int) throws(ParquetError) -> [Int64] {
        let blockSize = try varint()
        let miniblocks = try varint()
        let total = try varint()
        guard blockSize > 0, blockSize <= 1 << 20, miniblocks > 0, blockSize % miniblocks == 0, blockSize / miniblocks % 8 == 0 else {
            throw ParquetError("a DELTA_BINARY_PACKED header has blocks of \(blockSize) values in \(miniblocks) miniblocks")
        }
        guard total == count else { throw ParquetError("a DELTA_BINARY_PACKED section holds \(total) values where the page has \(count)") }
        var values: [Int64] = []
        guard count > 0 else {
            _ = try zigzag()
            return values
        }
        values.reserveCapacity(count)
        var last = try zigzag()
        values.append(last)
        let perMiniblock = blockSize / miniblocks
        var remaining = total - 1
        while remaining > 0 {
            let minimum = try zigzag()
            guard miniblocks <= bytes.endIndex - position else { throw ParquetError("a DELTA_BINARY_PACKED block is truncated") }
            let widths = bytes[position..<position + miniblocks]
            position += miniblocks
            for width in widths where remaining > 0 {
                guard width <= 64 else { throw ParquetError("a DELTA_BINARY_PACKED miniblock has a bit width of \(width)") }
                let size = perMiniblock * Int(width) / 8
                guard size <= bytes.endIndex - position else { throw ParquetError("a DELTA_BINARY_PACKED miniblock is truncated") }
                for index in 0..<min(perMiniblock, remaining) {
                    last = last &+ minimum &+ Int64(bitPattern: Self.unpack(bytes, at: position, index: index, width: Int(width)))
                    values.append(last)
                }
                remaining -= min(perMiniblock, remaining)
                // A miniblock is padded to its full size; unneeded ones after the last value take no bytes.
                position += size
            }
        }
        return values
    }

    /// Value `index` of `width` bits packed LSB first from `start`.
    private static func unpack(_ bytes: ArraySlice<UInt8>, at start: Int, index: Int, width: Int) -> UInt64 {
        var result: UInt64 = 0
        var taken = 0
        var bit = index * width
        while taken < width {
            let byte = UInt64(bytes[start + bit >> 3]) >> UInt64(bit & 7)
            let count = min(8 - bit & 7, width - taken)
            result |= (byte & (UInt64(1) << UInt64(count) - 1)) << UInt64(taken)
            taken += count
            bit += count
        }
        return result
    }

    /// A count: an unsigned LEB128 varint that fits an Int.
    private mutating func varint() throws(ParquetError) -> Int {
        let result = try uleb128()
        guard result <= UInt64(Int.max) else { throw ParquetError("a DELTA_BINARY_PACKED count is out of range") }
        return Int(result)
    }

    /// A signed value: a zigzag-encoded unsigned LEB128 varint.
    private mutating func zigzag() throws(ParquetError) -> Int64 {
        let result = try uleb128()
        return Int64(bitPattern: result >> 1) ^ -Int64(bitPattern: result & 1)
    }

    private mutating func uleb128() throws(ParquetError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < bytes.endIndex else { throw ParquetError("a DELTA_BINARY_PACKED section is truncated") }
            let next = UInt64(bytes[position])
            position += 1
            guard shift <= 63 else { throw ParquetError("a DELTA_BINARY_PACKED varint is too long") }
            result |= (next & 0x7F) << shift
            if next & 0x80 == 0 { return result }
            shift += 7
        }
    }
}

enum ParquetDeltaValues {
    /// DELTA_BINARY_PACKED INT32 or INT64 values.
    static func integers(_ bytes: ArraySlice<UInt8>, count: Int, type: ParquetPhysicalType) throws(ParquetError) -> [ParquetPrimitive] {
        var decoder = DeltaBinaryPacked(bytes)
        let values = try decoder.read(count: count)
        switch type {
        case .int32: return values.map { .int32(Int32(truncatingIfNeeded: $0)) }
        case .int64: return values.map { .int64($0) }
        default: throw ParquetError("DELTA_BINARY_PACKED holds INT32 or INT64 values, not \(type)")
        }
    }

    /// DELTA_LENGTH_BYTE_ARRAY: every value's length, then every value's bytes one after another.
    static func lengthPrefixed(_ bytes: ArraySlice<UInt8>, count: Int) throws(ParquetError) -> [ParquetPrimitive] {
        try strings(bytes, count: count).values.map { .bytes($0) }
    }

    /// DELTA_BYTE_ARRAY: how many leading bytes each value shares with the one before, then the rest
    /// of each value as DELTA_LENGTH_BYTE_ARRAY. Shared prefixes let a few bytes stand for long values,
    /// so what they build is held to what `budget` has left for values as it is built.
    static func prefixShared(_ bytes: ArraySlice<UInt8>, count: Int, budget: ParquetBudget) throws(ParquetError) -> [ParquetPrimitive] {
        var prefixes = DeltaBinaryPacked(bytes)
        let shared = try prefixes.read(count: count)
        let suffixes = try strings(bytes[prefixes.position...], count: count).values
        var values: [ParquetPrimitive] = []
        values.reserveCapacity(count)
        var previous: [UInt8] = []
        var built = 0
        for (length, suffix) in zip(shared, suffixes) {
            guard length >= 0, length <= previous.count else {
                throw ParquetError("a DELTA_BYTE_ARRAY value shares \(length) bytes with one of \(previous.count)")
            }
            built += Int(length) + suffix.count
            guard built <= budget.valueBytes else { throw ParquetError.tooManyValueBytes(budget) }
            let value = Array(previous[..<Int(length)]) + suffix
            values.append(.bytes(value))
            previous = value
        }
        return values
    }

    /// BYTE_STREAM_SPLIT: byte k of every value in stream k, the streams one after another.
    static func byteStreamSplit(_ bytes: ArraySlice<UInt8>, count: Int, type: ParquetPhysicalType) throws(ParquetError) -> [ParquetPrimitive] {
        let width: Int
        switch type {
        case .float, .int32: width = 4
        case .double, .int64: width = 8
        default: throw ParquetError("BYTE_STREAM_SPLIT holds FLOAT, DOUBLE, INT32 or INT64 values here, not \(type)")
        }
        // One stream per byte of a value, each as long as the page has values.
        guard count <= bytes.count / width else { throw ParquetError("a BYTE_STREAM_SPLIT page ends before its values") }
        let streamLength = count
        var values: [ParquetPrimitive] = []
        values.reserveCapacity(count)
        for index in 0..<count {
            var raw: UInt64 = 0
            for byte in 0..<width { raw |= UInt64(bytes[bytes.startIndex + byte * streamLength + index]) << UInt64(8 * byte) }
            switch type {
            case .float: values.append(.float(Float(bitPattern: UInt32(truncatingIfNeeded: raw))))
            case .int32: values.append(.int32(Int32(truncatingIfNeeded: raw)))
            case .double: values.append(.double(Double(bitPattern: raw)))
            default: values.append(.int64(Int64(bitPattern: raw)))
            }
        }
        return values
    }

    private static func strings(_ bytes: ArraySlice<UInt8>, count: Int) throws(ParquetError) -> (values: [[UInt8]], end: Int) {
        var lengths = DeltaBinaryPacked(bytes)
        let sizes = try lengths.read(count: count)
        var position = lengths.position
        var values: [[UInt8]] = []
        values.reserveCapacity(count)
        for size in sizes {
            guard size >= 0, size <= bytes.endIndex - position else { throw ParquetError("a DELTA_LENGTH_BYTE_ARRAY value runs past its page") }
            values.append(Array(bytes[position..<position + Int(size)]))
            position += Int(size)
        }
        return (values, position)
    }
}

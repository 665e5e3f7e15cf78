/// Parquet's RLE / bit-packing hybrid: the encoding of repetition and definition levels and of
/// dictionary indices. Runs alternate between one value repeated (`count << 1`, then the value in
/// whole bytes) and groups of eight bit-packed values (`groups << 1 | 1`, then the bits, LSB first).
struct RLEHybridDecoder {
    private let bytes: ArraySlice<UInt8>
    private var position: Int
    private let bitWidth: Int

    init(_ bytes: ArraySlice<UInt8>, bitWidth: Int) {
        self.bytes = bytes
        position = bytes.startIndex
        self.bitWidth = bitWidth
    }

    /// `count` values; a stream that ends early or holds a value wider than 32 bits is an error.
    mutating func decode(count: Int) throws(ParquetError) -> [Int] {
        guard bitWidth >= 0, bitWidth <= 32 else { throw ParquetError("a level or index bit width of \(bitWidth) is not valid") }
        var values: [Int] = []
        if bitWidth == 0 { return [Int](repeating: 0, count: count) }
        while values.count < count {
            let header = try varint()
            if header & 1 == 0 {
                let run = header >> 1
                let width = (bitWidth + 7) / 8
                guard width <= bytes.endIndex - position else { throw ParquetError("an RLE run is truncated") }
                var value = 0
                for index in 0..<width { value |= Int(bytes[position + index]) << (8 * index) }
                position += width
                guard run > 0 else { throw ParquetError("an RLE run of length 0") }
                values.append(contentsOf: repeatElement(value, count: min(run, count - values.count)))
            } else {
                let groups = header >> 1
                let byteCount = groups * bitWidth
                guard byteCount <= bytes.endIndex - position else { throw ParquetError("a bit-packed run is truncated") }
                // Value i starts at bit i * bitWidth; with at most 32 bits and a start inside its
                // first byte, five bytes (fewer at the run's end) always hold it.
                let mask = UInt64(1) << UInt64(bitWidth) - 1
                for index in 0..<min(groups * 8, count - values.count) {
                    let bit = index * bitWidth
                    let first = bit >> 3
                    var window: UInt64 = 0
                    for offset in 0..<min(5, byteCount - first) {
                        window |= UInt64(bytes[position + first + offset]) << UInt64(8 * offset)
                    }
                    values.append(Int(window >> UInt64(bit & 7) & mask))
                }
                position += byteCount
            }
        }
        return values
    }

    private mutating func varint() throws(ParquetError) -> Int {
        var result = 0
        var shift = 0
        while true {
            guard position < bytes.endIndex else { throw ParquetError("an RLE stream is truncated") }
            let next = Int(bytes[position])
            position += 1
            guard shift <= 28 else { throw ParquetError("an RLE header is too long") }
            result |= (next & 0x7F) << shift
            if next & 0x80 == 0 { return result }
            shift += 7
        }
    }

    /// The bits needed for values up to `maximum`.
    static func bitWidth(forMaximum maximum: Int) -> Int {
        maximum <= 0 ? 0 : Int.bitWidth - maximum.leadingZeroBitCount
    }
}

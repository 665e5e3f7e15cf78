/// Snappy's raw block format, the compression pandas and pyarrow write Parquet pages with by default:
/// the uncompressed length as a varint, then literals and back-references. Decoding checks every
/// length and offset against the input and the declared output, so a crafted page fails, never traps.
enum Snappy {
    static func decompress(_ input: ArraySlice<UInt8>, expectedLength: Int) throws(ParquetError) -> [UInt8] {
        var position = input.startIndex
        func byte() throws(ParquetError) -> Int {
            guard position < input.endIndex else { throw ParquetError("a Snappy-compressed page is truncated") }
            defer { position += 1 }
            return Int(input[position])
        }
        var length = 0
        var shift = 0
        while true {
            let next = try byte()
            guard shift <= 28 else { throw ParquetError("a Snappy-compressed page has a bad length") }
            length |= (next & 0x7F) << shift
            if next & 0x80 == 0 { break }
            shift += 7
        }
        guard length == expectedLength else {
            throw ParquetError("a Snappy-compressed page holds \(length) bytes where its header says \(expectedLength)")
        }
        var output: [UInt8] = []
        output.reserveCapacity(length)
        while position < input.endIndex {
            let tag = try byte()
            var count: Int
            var offset: Int
            switch tag & 0x03 {
            case 0:
                count = tag >> 2
                if count >= 60 {
                    let extra = count - 59
                    count = 0
                    for index in 0..<extra { count |= try byte() << (8 * index) }
                }
                count += 1
                guard count <= input.endIndex - position, output.count + count <= length else {
                    throw ParquetError("a Snappy literal runs past its page")
                }
                output.append(contentsOf: input[position..<position + count])
                position += count
                continue
            case 1:
                count = 4 + ((tag >> 2) & 0x07)
                offset = ((tag >> 5) << 8) | (try byte())
            case 2:
                count = (tag >> 2) + 1
                offset = try byte() | (try byte() << 8)
            default:
                count = (tag >> 2) + 1
                offset = 0
                for index in 0..<4 { offset |= try byte() << (8 * index) }
            }
            guard offset > 0, offset <= output.count, output.count + count <= length else {
                throw ParquetError("a Snappy back-reference points outside its page")
            }
            // The source may overlap what is being written (a repeated pattern), so copy byte by byte.
            let start = output.count - offset
            for index in 0..<count { output.append(output[start + index]) }
        }
        guard output.count == length else { throw ParquetError("a Snappy-compressed page is truncated") }
        return output
    }
}

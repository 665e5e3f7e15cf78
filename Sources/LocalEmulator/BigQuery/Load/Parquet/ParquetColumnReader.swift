/// One stored value of a Parquet column, by its physical type.
enum ParquetPrimitive: Sendable, Equatable {
    case boolean(Bool)
    case int32(Int32)
    case int64(Int64)
    /// Legacy timestamps: nanoseconds of the day, then the Julian day, little-endian.
    case int96(nanos: Int64, julianDay: Int32)
    case float(Float)
    case double(Double)
    /// BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY.
    case bytes([UInt8])
}

/// A column chunk's values with their levels: one repetition and one definition level per entry,
/// and a value for each entry whose definition level is the column's maximum.
struct ParquetColumnData: Sendable {
    var repetitionLevels: [Int] = []
    var definitionLevels: [Int] = []
    var values: [ParquetPrimitive] = []
}

/// Reads a column chunk's pages: an optional dictionary page, then data pages (v1 or v2), each
/// uncompressed or compressed with Snappy, GZIP or ZSTD, values PLAIN, dictionary-encoded, (booleans)
/// RLE, or in the DELTA and BYTE_STREAM_SPLIT encodings (`ParquetDeltaValues`).
struct ParquetColumnReader {
    let file: [UInt8]
    let chunk: ParquetColumnChunk
    let typeLength: Int
    let maxRepetition: Int
    let maxDefinition: Int

    /// `budget` is what the file may still cost: each page's count of entries comes off its values,
    /// so a tiny file that claims billions of values is refused before anything is allocated for them,
    /// and each page's bytes and what they decompress to come off its bytes.
    func read(budget: inout ParquetBudget) throws(ParquetError) -> ParquetColumnData {
        var data = ParquetColumnData()
        var dictionary: [ParquetPrimitive]?
        let candidates = [chunk.dictionaryPageOffset, chunk.dataPageOffset].compactMap { $0 }.filter { $0 > 0 }
        guard let start = candidates.min(), start < Int64(file.count), chunk.compressedSize >= 0 else {
            throw ParquetError("column \(name) starts outside the file")
        }
        let end = min(Int64(file.count), start + min(chunk.compressedSize, Int64(file.count)))
        var position = Int(start)
        while data.definitionLevels.count < chunk.valueCount {
            guard position < end else { throw ParquetError("column \(name) holds fewer values than its metadata says") }
            var reader = ThriftCompactReader(file, from: position, to: Int(end))
            let header = try ParquetPageHeader(&reader)
            let bodyStart = reader.position
            guard header.compressedSize <= Int(end) - bodyStart else { throw ParquetError("a page of column \(name) runs past its column chunk") }
            let body = file[bodyStart..<bodyStart + header.compressedSize]
            try budget.spend(bytes: bodyStart + header.compressedSize - position)
            position = bodyStart + header.compressedSize
            switch header.kind {
            case .dictionary?:
                guard header.valueCount <= budget.values else { throw ParquetError.tooManyValues }
                let page = try decompress(body, to: header.uncompressedSize, budget: &budget)
                var values = PlainValues(page[...], type: chunk.type, typeLength: typeLength)
                dictionary = try values.read(count: header.valueCount)
            case .data?:
                guard header.valueCount <= budget.values else { throw ParquetError.tooManyValues }
                budget.values -= header.valueCount
                let page = try decompress(body, to: header.uncompressedSize, budget: &budget)[...]
                var offset = page.startIndex
                let repetition = try levels(page, at: &offset, maximum: maxRepetition, count: header.valueCount, prefixed: true)
                let definition = try levels(page, at: &offset, maximum: maxDefinition, count: header.valueCount, prefixed: true)
                try appendPage(
                    page[offset...], header: header, repetition: repetition, definition: definition, dictionary: dictionary, to: &data,
                    budget: &budget)
            case .dataV2?:
                guard header.valueCount <= budget.values else { throw ParquetError.tooManyValues }
                budget.values -= header.valueCount
                let levelBytes = header.repetitionLevelsLength + header.definitionLevelsLength
                guard levelBytes <= body.count, levelBytes <= header.uncompressedSize else {
                    throw ParquetError("a page of column \(name) has levels longer than the page")
                }
                var offset = body.startIndex
                let repetitionEnd = offset + header.repetitionLevelsLength
                let repetition = try levels(body[..<repetitionEnd], at: &offset, maximum: maxRepetition, count: header.valueCount, prefixed: false)
                offset = repetitionEnd
                let definitionEnd = offset + header.definitionLevelsLength
                let definition = try levels(body[..<definitionEnd], at: &offset, maximum: maxDefinition, count: header.valueCount, prefixed: false)
                let valueBytes = body[definitionEnd...]
                let values =
                    header.isCompressed
                    ? try decompress(valueBytes, to: header.uncompressedSize - levelBytes, budget: &budget)[...] : valueBytes
                try appendPage(
                    values, header: header, repetition: repetition, definition: definition, dictionary: dictionary, to: &data, budget: &budget)
            case .index?, nil:
                continue
            }
        }
        return data
    }

    private var name: String { chunk.path.joined(separator: ".") }

    /// The page's bytes as written; the length comes off `budget` before anything is allocated for it.
    private func decompress(_ body: ArraySlice<UInt8>, to length: Int, budget: inout ParquetBudget) throws(ParquetError) -> [UInt8] {
        try budget.spend(bytes: length)
        switch chunk.codec {
        case 0:
            guard body.count == length else { throw ParquetError("an uncompressed page of column \(name) has the wrong size") }
            return Array(body)
        case 1: return try Snappy.decompress(body, expectedLength: length)
        case 2: return try PageCodecs.gunzip(body, expectedLength: length)
        case 6: return try PageCodecs.unzstd(body, expectedLength: length)
        default:
            let names: [Int32: String] = [3: "LZO", 4: "BROTLI", 5: "LZ4", 7: "LZ4_RAW"]
            throw ParquetError(
                "column \(name) is compressed with \(names[chunk.codec] ?? "codec \(chunk.codec)"), which the local emulator does not read; write the file with Snappy, GZIP, ZSTD or no compression"
            )
        }
    }

    /// Levels of a page: none when the maximum is 0; in a v1 page, a 4-byte length first.
    private func levels(
        _ page: ArraySlice<UInt8>, at offset: inout Int, maximum: Int, count: Int, prefixed: Bool
    ) throws(ParquetError) -> [Int] {
        guard maximum > 0 else { return [Int](repeating: 0, count: count) }
        var end = page.endIndex
        if prefixed {
            guard page.endIndex - offset >= 4 else { throw ParquetError("a page of column \(name) ends before its levels") }
            let length = (0..<4).reduce(0) { $0 | Int(page[offset + $1]) << (8 * $1) }
            offset += 4
            guard length <= page.endIndex - offset else { throw ParquetError("the levels of a page of column \(name) run past the page") }
            end = offset + length
        }
        var decoder = RLEHybridDecoder(page[offset..<end], bitWidth: RLEHybridDecoder.bitWidth(forMaximum: maximum))
        let levels = try decoder.decode(count: count)
        guard levels.allSatisfy({ $0 <= maximum }) else { throw ParquetError("a page of column \(name) has a level above its maximum") }
        offset = end
        return levels
    }

    private func appendPage(
        _ bytes: ArraySlice<UInt8>, header: ParquetPageHeader, repetition: [Int], definition: [Int], dictionary: [ParquetPrimitive]?,
        to data: inout ParquetColumnData, budget: inout ParquetBudget
    ) throws(ParquetError) {
        let present = maxDefinition == 0 ? definition.count : definition.reduce(0) { $0 + ($1 == maxDefinition ? 1 : 0) }
        let first = data.values.count
        switch header.encoding {
        case 0:
            var values = PlainValues(bytes, type: chunk.type, typeLength: typeLength)
            data.values += try values.read(count: present)
        case 2, 8:
            guard let dictionary else { throw ParquetError("column \(name) uses a dictionary it does not have") }
            guard let width = bytes.first else {
                if present == 0 { break }
                throw ParquetError("a page of column \(name) ends before its values")
            }
            var decoder = RLEHybridDecoder(bytes.dropFirst(), bitWidth: Int(width))
            for index in try decoder.decode(count: present) {
                guard index < dictionary.count else { throw ParquetError("column \(name) refers to a value its dictionary does not have") }
                data.values.append(dictionary[index])
            }
        case 3 where chunk.type == .boolean:
            var offset = bytes.startIndex
            let bits = try levels(bytes, at: &offset, maximum: 1, count: present, prefixed: true)
            data.values += bits.map { .boolean($0 == 1) }
        case 5: data.values += try ParquetDeltaValues.integers(bytes, count: present, type: chunk.type)
        case 6 where chunk.type == .byteArray: data.values += try ParquetDeltaValues.lengthPrefixed(bytes, count: present)
        case 7 where chunk.type == .byteArray || chunk.type == .fixedLenByteArray:
            data.values += try ParquetDeltaValues.prefixShared(bytes, count: present, budget: budget)
        case 9: data.values += try ParquetDeltaValues.byteStreamSplit(bytes, count: present, type: chunk.type)
        default:
            throw ParquetError(
                "column \(name) uses encoding \(header.encoding), which the local emulator does not read for \(chunk.type) values (it reads PLAIN, dictionary, boolean RLE, DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY and BYTE_STREAM_SPLIT pages)"
            )
        }
        try budget.spend(valuesOf: data.values[first...])
        data.repetitionLevels += repetition
        data.definitionLevels += definition
    }
}

/// PLAIN-encoded values of one physical type, read from the front of a page.
struct PlainValues {
    private let bytes: ArraySlice<UInt8>
    private var position: Int
    private let type: ParquetPhysicalType
    private let typeLength: Int

    init(_ bytes: ArraySlice<UInt8>, type: ParquetPhysicalType, typeLength: Int) {
        self.bytes = bytes
        position = bytes.startIndex
        self.type = type
        self.typeLength = typeLength
    }

    mutating func read(count: Int) throws(ParquetError) -> [ParquetPrimitive] {
        var values: [ParquetPrimitive] = []
        if type == .boolean {
            guard (count + 7) / 8 <= bytes.endIndex - position else { throw ParquetError("a page ends before its values") }
            for index in 0..<count { values.append(.boolean(bytes[position + index / 8] >> UInt8(index % 8) & 1 == 1)) }
            position += (count + 7) / 8
            return values
        }
        for _ in 0..<count {
            switch type {
            case .boolean: break
            case .int32: values.append(.int32(Int32(truncatingIfNeeded: try little(4))))
            case .int64: values.append(.int64(Int64(bitPattern: try little(8))))
            case .int96:
                let nanos = Int64(bitPattern: try little(8))
                values.append(.int96(nanos: nanos, julianDay: Int32(truncatingIfNeeded: try little(4))))
            case .float: values.append(.float(Float(bitPattern: UInt32(truncatingIfNeeded: try little(4)))))
            case .double: values.append(.double(Double(bitPattern: try little(8))))
            case .byteArray:
                let length = Int(try little(4))
                values.append(.bytes(try take(length)))
            case .fixedLenByteArray:
                guard typeLength > 0 else { throw ParquetError("a FIXED_LEN_BYTE_ARRAY column has no length") }
                values.append(.bytes(try take(typeLength)))
            }
        }
        return values
    }

    private mutating func take(_ length: Int) throws(ParquetError) -> [UInt8] {
        guard length >= 0, length <= bytes.endIndex - position else { throw ParquetError("a page ends before its values") }
        defer { position += length }
        return Array(bytes[position..<position + length])
    }

    private mutating func little(_ width: Int) throws(ParquetError) -> UInt64 {
        guard width <= bytes.endIndex - position else { throw ParquetError("a page ends before its values") }
        var value: UInt64 = 0
        for index in 0..<width { value |= UInt64(bytes[position + index]) << (8 * index) }
        position += width
        return value
    }
}

/// What reading one file may still cost. Entries: a file of any size may hold up to
/// `ParquetError.maxValues`, as levels in runs make millions of nulls a few bytes. Bytes: each page's
/// stored bytes, header included, and what they decompress to. Read once, as in any file whose column
/// chunks are apart, they sum to at most 23 times the file's size (Snappy packs at most 64 bytes in
/// 3); row groups listing the same chunk would read it once each, a cost that grows with the square
/// of the file's size, so past 24 times it the file is refused.
///
/// Value bytes: what the byte-array values of the file's rows come to. A dictionary or a shared
/// prefix lets a few bytes stand for a long value any number of times, and each row gets its own copy
/// when it is converted (3.5 KB once stood for 328 MB), so they may total 256 MiB, or 16 times a
/// larger file.
struct ParquetBudget {
    var values = ParquetError.maxValues
    private(set) var bytes: Int
    private(set) var valueBytes: Int
    let initialValueBytes: Int

    init(fileSize: Int) {
        bytes = fileSize * 24
        initialValueBytes = Swift.max(ParquetError.minValueBytes, fileSize * 16)
        valueBytes = initialValueBytes
    }

    /// Charges `values`' byte arrays.
    mutating func spend(valuesOf values: ArraySlice<ParquetPrimitive>) throws(ParquetError) {
        for value in values {
            guard case .bytes(let bytes) = value else { continue }
            try spend(valueBytes: bytes.count)
        }
    }

    mutating func spend(valueBytes count: Int) throws(ParquetError) {
        guard count <= valueBytes else { throw ParquetError.tooManyValueBytes(self) }
        valueBytes -= count
    }

    mutating func spend(bytes count: Int) throws(ParquetError) {
        guard count <= bytes else {
            throw ParquetError(
                "reading the file's pages takes more than 24 times its size: its row groups list a column chunk more than once, or a page claims more bytes than it holds"
            )
        }
        bytes -= count
    }
}

extension ParquetError {
    /// The bound on entries one file may decode, whatever its size on disk.
    static let maxValues = 10_000_000
    static let tooManyValues = ParquetError("the file holds more than \(maxValues) values, more than the local emulator loads from one file")
    /// The least the byte-array values of one file may come to (see `ParquetBudget`).
    static let minValueBytes = 256 * 1024 * 1024

    static func tooManyValueBytes(_ budget: ParquetBudget) -> ParquetError {
        ParquetError(
            "the file's text and binary values come to more than \(budget.initialValueBytes) bytes (a dictionary or shared prefixes repeat a value), more than the local emulator loads from one file"
        )
    }
}

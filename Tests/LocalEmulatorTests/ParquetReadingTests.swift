import Foundation
import Testing
import WarehouseSchema

@testable import LocalEmulator

/// The pieces of the Parquet reader on inputs built by hand: Snappy blocks, the RLE / bit-packing
/// hybrid, decimal text, and the Thrift reader's bounds.
@Suite("Parquet reading")
struct ParquetReadingTests {
    @Test func snappyBlocksDecodeLiteralsAndOverlappingCopies() throws {
        // Length 11, then the literal "abc", a copy of 8 bytes from 3 back (overlapping: abcabcab).
        let block: [UInt8] = [11, 2 << 2, 0x61, 0x62, 0x63, 0x01 | (4 << 2), 3]
        #expect(try Snappy.decompress(block[...], expectedLength: 11) == Array("abcabcabcab".utf8))
        // A two-byte-offset copy and a literal with its length in the next byte.
        let literal = [UInt8](repeating: 0x7A, count: 70)
        let long: [UInt8] = [74, 60 << 2, 69] + literal + [0x02 | (3 << 2), 70, 0]
        #expect(try Snappy.decompress(long[...], expectedLength: 74) == literal + literal.prefix(4))
        let broken: [([UInt8], Int)] = [
            ([11, 2 << 2, 0x61], 11),  // a literal past the input
            ([4, 0x01 | (0 << 2), 1], 4),  // a copy before any output
            ([3, 2 << 2, 0x61, 0x62, 0x63], 4),  // a declared length other than the header's
            ([2, 2 << 2, 0x61, 0x62, 0x63], 2),  // output past the declared length
            ([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], 1),  // a length varint that never ends
        ]
        for (input, length) in broken {
            #expect(throws: ParquetError.self, "\(input)") { try Snappy.decompress(input[...], expectedLength: length) }
        }
    }

    /// GZIP and ZSTD pages give exactly the bytes their header says, or an error: never more than
    /// was allocated for them, never a crash on a corrupt or truncated stream.
    @Test func gzipAndZstdPagesDecompressToTheirHeadersSizeOrFail() throws {
        let text = Array(String(repeating: "hello parquet ", count: 4).utf8)
        // gzip.compress(text, mtime=0) and pyarrow.compress(text, codec="zstd"), as Python wrote them.
        let gzip: [UInt8] = [
            31, 139, 8, 0, 0, 0, 0, 0, 2, 3, 203, 72, 205, 201, 201, 87, 40, 72, 44, 42, 44, 77, 45, 81, 200, 32, 154, 7, 0, 182, 54, 104,
            120, 56, 0, 0, 0,
        ]
        let zstd: [UInt8] = [
            40, 181, 47, 253, 32, 56, 165, 0, 0, 112, 104, 101, 108, 108, 111, 32, 112, 97, 114, 113, 117, 101, 116, 32, 1, 0, 3, 154, 74,
        ]
        #expect(try PageCodecs.gunzip(gzip[...], expectedLength: text.count) == text)
        #expect(try PageCodecs.unzstd(zstd[...], expectedLength: text.count) == text)
        // Empty pages.
        #expect(try PageCodecs.gunzip([31, 139, 8, 0, 0, 0, 0, 0, 2, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0][...], expectedLength: 0) == [])
        #expect(try PageCodecs.unzstd([40, 181, 47, 253, 32, 0, 1, 0, 0][...], expectedLength: 0) == [])
        let broken: [(String, ArraySlice<UInt8>, ArraySlice<UInt8>, Int)] = [
            ("more than the header says", gzip[...], zstd[...], text.count - 1),
            ("less than the header says", gzip[...], zstd[...], text.count + 1),
            ("truncated", gzip.prefix(20), zstd.prefix(15), text.count),
            ("not compressed", text[...], text[...], text.count),
            ("empty", [], [], text.count),
        ]
        for (name, gzipped, zstded, length) in broken {
            #expect(throws: ParquetError.self, "gzip \(name)") { try PageCodecs.gunzip(gzipped, expectedLength: length) }
            #expect(throws: ParquetError.self, "zstd \(name)") { try PageCodecs.unzstd(zstded, expectedLength: length) }
        }
    }

    /// A dictionary lets a few bytes stand for one value any number of times, and each row's copy of
    /// it is made when the row is converted: 3.5 KB held 328 MB of text, and a file of a megabyte could
    /// ask for terabytes. What a file's values come to is bounded (256 MiB, or 16 times a larger file).
    @Test func valuesRepeatedFromADictionaryAreBoundedInBytes() throws {
        let error = #expect(throws: ParquetError.self) { _ = try ParquetFile(ParquetFixtures.oneWideValueManyTimes) }
        #expect(error?.message.contains("more than 268435456 bytes") == true, "\(error?.message ?? "")")
    }

    /// Shared prefixes are the other way a few bytes stand for long values: each value sharing all of
    /// the one before plus one byte makes values of 1, 2, ... n bytes from n bytes of suffixes.
    @Test func valuesBuiltFromSharedPrefixesAreBoundedInBytes() throws {
        func varint(_ value: Int) -> [UInt8] {
            var rest = UInt64(value)
            var bytes: [UInt8] = []
            repeat {
                bytes.append(UInt8(rest & 0x7F) | (rest > 0x7F ? 0x80 : 0))
                rest >>= 7
            } while rest > 0
            return bytes
        }
        /// A DELTA_BINARY_PACKED section of `count` values: `first`, then steps of `step` (bit width 0).
        func section(count: Int, first: Int, step: Int) -> [UInt8] {
            var bytes = [0x80, 0x01, 4] + varint(count) + varint(first * 2)
            for _ in stride(from: 1, to: count, by: 128) { bytes += varint(step * 2) + [0, 0, 0, 0] }
            return bytes
        }
        func page(_ count: Int) -> [UInt8] {
            section(count: count, first: 0, step: 1) + section(count: count, first: 1, step: 0) + [UInt8](repeating: 0x61, count: count)
        }
        let small = try ParquetDeltaValues.prefixShared(page(100)[...], count: 100, budget: ParquetBudget(fileSize: 0))
        #expect(small.count == 100 && small.last == .bytes([UInt8](repeating: 0x61, count: 100)))
        // 30,000 values of up to 30,000 bytes: 450 MB from a page of 30 KB.
        let error = #expect(throws: ParquetError.self) {
            _ = try ParquetDeltaValues.prefixShared(page(30_000)[...], count: 30_000, budget: ParquetBudget(fileSize: 0))
        }
        #expect(error?.message.contains("more than 268435456 bytes") == true)
    }

    /// Pages in the DELTA and BYTE_STREAM_SPLIT encodings (pyarrow, v2 pages, Snappy) read as the
    /// same rows as their PLAIN twin: integers at their types' ends, shared prefixes, NaN and infinities.
    @Test func deltaAndByteStreamSplitPagesReadAsTheirPlainTwin() throws {
        let encoded = try ParquetFile(ParquetFixtures.deltaEncoded)
        let plain = try ParquetFile(ParquetFixtures.deltaPlain)
        #expect(encoded.rows.count == 600)
        // As text: a NaN is not equal to itself.
        #expect("\(encoded.rows)" == "\(plain.rows)")
    }

    /// A DELTA_BINARY_PACKED section must hold the page's values, in bounds: a header claiming more
    /// could spin on empty miniblocks, one claiming fewer would shift the next section.
    @Test func deltaBinaryPackedSectionsAreBounded() throws {
        // Block 128 in 4 miniblocks, 3 values, first value 1 (zigzag 2), min delta 1 (zigzag 2), widths 0: 1, 2, 3.
        let good: [UInt8] = [0x80, 0x01, 4, 3, 2, 2, 0, 0, 0, 0]
        var decoder = DeltaBinaryPacked(good[...])
        #expect(try decoder.read(count: 3) == [1, 2, 3])
        #expect(decoder.position == good.count)
        let cases: [(String, [UInt8], Int)] = [
            ("more values than the page", [0x80, 0x01, 4, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 2, 0], 3),
            ("fewer values than the page", good, 4),
            ("a bit width past 64", [0x80, 0x01, 4, 3, 2, 2, 65, 0, 0, 0], 3),
            ("a miniblock past the end", [0x80, 0x01, 4, 3, 2, 2, 8, 0, 0, 0], 3),
            ("a block of 7 values", [7, 1, 3, 2, 2, 0], 3),
            ("no miniblocks", [0x80, 0x01, 0, 3, 2], 3),
            ("a varint without end", [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80], 3),
            ("truncated", Array(good.prefix(5)), 3),
        ]
        for (name, bytes, count) in cases {
            var decoder = DeltaBinaryPacked(bytes[...])
            #expect(throws: ParquetError.self, "\(name)") { try decoder.read(count: count) }
        }
    }

    /// Bit-packed runs at every width a level or index may have: two groups of values packed LSB
    /// first, as writers pack them, read back whole and cut short inside the second group.
    @Test func bitPackedRunsDecodeAtEveryWidth() throws {
        for width in 1...32 {
            let values = (0..<16).map { index in (index * 2_654_435_761 + width) & ((1 << width) - 1) }
            var packed = [UInt8](repeating: 0, count: 2 * width)
            for (index, value) in values.enumerated() {
                for bit in 0..<width where value >> bit & 1 == 1 {
                    let absolute = index * width + bit
                    packed[absolute / 8] |= 1 << UInt8(absolute % 8)
                }
            }
            let bytes: [UInt8] = [2 << 1 | 1] + packed
            var whole = RLEHybridDecoder(bytes[...], bitWidth: width)
            #expect(try whole.decode(count: 16) == values, "width \(width)")
            var cut = RLEHybridDecoder(bytes[...], bitWidth: width)
            #expect(try cut.decode(count: 11) == Array(values.prefix(11)), "width \(width)")
        }
    }

    @Test func rleHybridRunsDecodeRepeatedAndBitPackedValues() throws {
        // An RLE run of 3 fives (width 3), then one bit-packed group of 8 values 0...7.
        let bytes: [UInt8] = [3 << 1, 5, (1 << 1) | 1, 0b1000_1000, 0b1100_0110, 0b1111_1010]
        var decoder = RLEHybridDecoder(bytes[...], bitWidth: 3)
        #expect(try decoder.decode(count: 11) == [5, 5, 5, 0, 1, 2, 3, 4, 5, 6, 7])
        var short = RLEHybridDecoder(bytes.prefix(4), bitWidth: 3)
        #expect(throws: ParquetError.self) { try short.decode(count: 11) }
        var wide = RLEHybridDecoder(bytes[...], bitWidth: 40)
        #expect(throws: ParquetError.self) { try wide.decode(count: 1) }
        #expect(RLEHybridDecoder.bitWidth(forMaximum: 0) == 0 && RLEHybridDecoder.bitWidth(forMaximum: 1) == 1)
        #expect(RLEHybridDecoder.bitWidth(forMaximum: 2) == 2 && RLEHybridDecoder.bitWidth(forMaximum: 7) == 3)
    }

    @Test func decimalsPrintExactlyAtAnyWidth() {
        #expect(ParquetJSON.decimalText(bigEndian: [0x00, 0x7B], scale: 2) == "1.23")
        #expect(ParquetJSON.decimalText(bigEndian: [0xFF, 0x85], scale: 2) == "-1.23")
        #expect(ParquetJSON.decimalText(bigEndian: [0x05], scale: 4) == "0.0005")
        #expect(ParquetJSON.decimalText(bigEndian: [0x80], scale: 0) == "-128")
        #expect(ParquetJSON.decimalText(bigEndian: [], scale: 3) == "0")
        // 2^255 - 1 and -2^255, the ends of a 32-byte value.
        let maximum = [0x7F] + [UInt8](repeating: 0xFF, count: 31)
        let minimum = [0x80] + [UInt8](repeating: 0x00, count: 31)
        let digits = "57896044618658097711785492504343953926634992332820282019728792003956564819967"
        #expect(ParquetJSON.decimalText(bigEndian: maximum, scale: 0) == digits)
        #expect(
            ParquetJSON.decimalText(bigEndian: minimum, scale: 38)
                == "-578960446186580977117854925043439539266.34992332820282019728792003956564819968")
    }

    @Test func thriftListsLongerThanTheirBytesAreRefused() {
        // A list header claiming 2^20 i32 elements in a 4-byte buffer.
        var reader = ThriftCompactReader([0xF5, 0x80, 0x80, 0x40])
        #expect(throws: ParquetError.self) { try reader.listHeader() }
        // Structs nested past the bound.
        var nested = ThriftCompactReader([UInt8](repeating: 0x1C, count: 200))
        #expect(throws: ParquetError.self) { try nested.skip(.structure) }
    }

    @Test func thriftListsAndMapsNestedPastTheBoundAreRefused() {
        // Skipping an unknown field walks its value: a list of one list of one list... (0x19: one
        // element of type list) recursed once per byte, and a footer of a million of them overflowed the stack.
        var lists = ThriftCompactReader([UInt8](repeating: 0x19, count: 1_000_000))
        #expect(throws: ParquetError.self) { try lists.skip(.list) }
        // A map of one entry whose key and value are maps (count 1, then key and value types 0xB).
        var maps = ThriftCompactReader([UInt8]((0..<500_000).flatMap { _ in [0x01, 0xBB] }))
        #expect(throws: ParquetError.self) { try maps.skip(.map) }
        // Nesting within the bound is skipped: a list of one list of one i32 (0), then the next byte.
        var shallow = ThriftCompactReader([0x19, 0x15, 0x00, 0x2A])
        #expect(throws: Never.self) { try shallow.skip(.list) }
        #expect(shallow.position == 3)
    }

    /// A file of `pages` (from offset 4) and `footer`, a FileMetaData in Thrift's compact protocol.
    private func parquet(footer: [UInt8], pages: [UInt8] = []) -> [UInt8] {
        let magic = Array("PAR1".utf8)
        return magic + pages + footer + (0..<4).map { UInt8(truncatingIfNeeded: footer.count >> (8 * $0)) } + magic
    }

    @Test func aSchemaRootWithANegativeFieldCountIsRefused() {
        // FileMetaData { 2: schema = [SchemaElement { 4: name = "r", 5: num_children = -1 }] }: the
        // count was a range's upper bound, and a negative one trapped.
        let footer: [UInt8] = [0x29, 0x1C, 0x48, 0x01, 0x72, 0x15, 0x01, 0x00, 0x00]
        #expect(throws: ParquetError.self) { try ParquetFile(parquet(footer: footer)) }
        // The file the fuzz target 'parquet' found it with: a pyarrow file whose root has num_children -23.
        let found = Array(
            Data(
                base64Encoded:
                    "UEFSMRUEFRgVHEwVAhUAEgAADCxYD+gBYA0AAOhpJQAVABUSFRYsFQIVEBUGFQYcAAAACSACAAAAAgEBAgAVBBksNQAYBnNjaGVtYRUtABUGJQIYAmF0ABYCGRUAHCYAHBUGGTUABhAZGAJhdBUCFgIWbBZ0JkAmCCksFQQVABUCABUAFRAVAgA8KQYZJgACAAAAFmwWAiYIFnQAGRwYDEFSUk9XOnNjaGVtYRi4AS8vLy8vNEFBQUFBUUFBQUFBQUFLQUF3QUJnQUZBQWdBQ2dBQUFBQUJCQUFNQUFBQUNBQUlBQUFBQkFBSUFBQUFCQUFBQUFFQUFBQVVBQUFBRUFBVUFBZ0FCZ0FIQUF3QUFBQVFBQkFBQUFBQUFBRUtFQUFBQUJ3QUFBQUVBQUFBQUFBQUFBSUFBQUJoZEFBQUNBQU1BQVlBQ0FBSUFBQUFBQUFDQQwsWA/oAWANAADoaSUAFQAVEhUWLBUCFRAVBmV0LWNwcC1hcnJvdyB2ZXJzaW9uIDI2LjAuMRkcHAAAAFIBAABQQVIx"
            )!)
        #expect(throws: ParquetError.self) { try ParquetFile(found) }
    }

    @Test func rowGroupsSharingTheirPagesAreRefusedPastABoundOnTheBytesRead() throws {
        // One REQUIRED INT64 column's chunk at offset 4, Snappy-compressed: a page of no values whose
        // 300 bytes expand to 6,400 (an 'A', then copies of 64 bytes from 1 back, 3 bytes each, as
        // densely as Snappy packs), then a page of one value.
        var expanding: [UInt8] = Compact.varint(6_400) + [0x00, 0x41]
        for _ in 0..<100 { expanding += [(63 << 2) | 2, 1, 0] }
        expanding.removeLast(3)
        expanding += [(62 << 2) | 2, 1, 0]
        let value: [UInt8] = [8, 7 << 2] + [UInt8](repeating: 0, count: 8)
        let pages = page(values: 0, expanding, uncompressed: 6_400) + page(values: 1, value, uncompressed: 8)
        let schema = [
            Compact().binary(4, "schema").int(5, 1).end,
            Compact().int(1, 2).int(3, 0).binary(4, "n").end,
        ]
        let metadata = Compact().int(1, 2).list(3, of: 8, [[1] + Array("n".utf8)]).int(4, 1).int(5, 1, type: 6)
            .int(7, pages.count, type: 6).int(9, 4, type: 6)
        let chunk = Compact().structure(3, metadata).end
        let group = Compact().list(1, of: 12, [chunk]).int(3, 1, type: 6).end
        func file(groups: Int) -> [UInt8] {
            let footer = Compact().list(2, of: 12, schema).int(3, groups, type: 6).list(4, of: 12, Array(repeating: group, count: groups)).end
            return parquet(footer: footer, pages: pages)
        }
        // Read once, a page costs its bytes and what they expand to, at most 23 times the file's size.
        #expect(try ParquetFile(file(groups: 1)).rows == [[.primitive(.int64(0))]])
        // Row groups that list the same chunk read it again each time: with as many as a footer of a
        // few bytes each can list, a file of a megabyte decoded for hours.
        let error = #expect(throws: ParquetError.self) { _ = try ParquetFile(file(groups: 50)) }
        #expect(error?.message.contains("list a column chunk more than once") == true)
    }

    /// A data page (v1) with its header: `values` values, PLAIN, `uncompressed` bytes before compression.
    private func page(values: Int, _ body: [UInt8], uncompressed: Int) -> [UInt8] {
        let header = Compact().int(1, values).int(2, 0).int(3, 3).int(4, 3)
        return Compact().int(1, 0).int(2, uncompressed).int(3, body.count).structure(5, header).end + body
    }

    /// Values read straight into stored values must be what the JSON way and the validator make of
    /// them: every row of every fixture, under the schema the file gives and a table's own.
    @Test(arguments: ["allTypesSnappy", "allTypesUncompressedV2", "allTypesPlain", "legacyTimestamps", "otherUnits", "manyRowGroups"])
    func valuesReadStraightMatchTheJSONWay(fixture: String) throws {
        let bytes: [UInt8] =
            switch fixture {
            case "allTypesSnappy": ParquetFixtures.allTypesSnappy
            case "allTypesUncompressedV2": ParquetFixtures.allTypesUncompressedV2
            case "allTypesPlain": ParquetFixtures.allTypesPlain
            case "legacyTimestamps": ParquetFixtures.legacyTimestamps
            case "otherUnits": ParquetFixtures.otherUnits
            default: ParquetFixtures.manyRowGroups
            }
        let file = try ParquetFile(bytes)
        for listInference in [true, false] {
            let schema = try file.schema(listInference: listInference)
            let validator = RowValidator(schema: schema)
            let direct = file.plan(for: schema, listInference: listInference)
            let viaJSON = file.plan(for: schema, listInference: listInference, direct: false)
            #expect(direct.direct.contains(true), "no column is read straight")
            #expect(!viaJSON.direct.contains(true))
            var straightCells = 0
            for row in file.rows.indices {
                let cells = try file.cells(row: row, plan: direct)
                straightCells += cells.filter { if case .value = $0 { true } else { false } }.count
                let straight = validator.validate(cells: cells)
                let json = validator.validate(cells: try file.cells(row: row, plan: viaJSON))
                #expect("\(straight)" == "\(json)", "row \(row)")
            }
            #expect(straightCells > 0)
        }
    }

    /// One value at a time, at the edges: each is read straight to what the JSON way makes of it, or
    /// left to the JSON way (nil), whose value or error then stands.
    @Test func valuesReadStraightAtTheEdgesMatchOrDeferToTheJSONWay() throws {
        func node(_ physical: ParquetPhysicalType, _ logical: ParquetLogicalType? = nil) -> ParquetSchemaNode {
            ParquetSchemaNode(element: ParquetSchemaElement(name: "c", physicalType: physical, repetition: .optional, logicalType: logical))
        }
        let timestamp = node(.int64, .timestamp(utc: true, unit: .nanos))
        let cases: [(ParquetPrimitive, ParquetSchemaNode, FieldType, Bool)] = [
            (.int64(-1), node(.int64, .integer(bits: 64, signed: false)), .integer, false),
            (.int64(5), node(.int64, .integer(bits: 64, signed: false)), .integer, true),
            (.int32(-1), node(.int32, .integer(bits: 32, signed: false)), .integer, true),
            (.int32(-1), node(.int32, .integer(bits: 8, signed: true)), .integer, true),
            (.int32(Int32.max), node(.int32, .date), .date, false),
            (.int32(Int32.min), node(.int32, .date), .date, false),
            (.int32(2_932_896), node(.int32, .date), .date, true),
            (.int32(-719_162), node(.int32, .date), .date, true),
            (.int64(-1), timestamp, .timestamp, true),
            (.int64(-1), timestamp, .datetime, true),
            (.int64(.min), timestamp, .timestamp, true),
            (.int64(.min), node(.int64, .timestamp(utc: false, unit: .micros)), .timestamp, false),
            (.int64(.max), node(.int64, .timestamp(utc: true, unit: .millis)), .timestamp, false),
            (.int96(nanos: .max, julianDay: 2_440_588), node(.int96), .datetime, true),
            (.int96(nanos: 0, julianDay: .max), node(.int96), .timestamp, false),
            (.int64(86_399_999_999), node(.int64, .time(utc: false, unit: .micros)), .time, true),
            (.int64(86_400_000_000), node(.int64, .time(utc: false, unit: .micros)), .time, false),
            (.int32(-1), node(.int32, .time(utc: false, unit: .millis)), .time, false),
            (.bytes([0x61, 0xFF]), node(.byteArray, .string), .string, false),
            (.bytes([0x61, 0x00, 0xC3, 0xA9]), node(.byteArray, .string), .string, true),
            (.bytes([0x00, 0xFF]), node(.byteArray), .bytes, true),
            (.bytes([0x7B]), node(.fixedLenByteArray, .decimal(scale: 2, precision: 3)), .string, false),
            (.float(.nan), node(.float), .float, true),
            // A NaN with its sign bit set (the fuzz target's first find): stored as the one NaN the JSON way gives.
            (.double(-.nan), node(.double), .float, true),
            (.float(-.nan), node(.float), .float, true),
            (.double(-.infinity), node(.double), .float, true),
            (.int64(7), node(.int64), .timestamp, false),
            (.int32(7), node(.int32), .float, false),
        ]
        for (primitive, node, type, readStraight) in cases {
            let field = TableFieldSchema(name: "c", type: type)
            #expect(ParquetDirect.applies(node: node, field: field))
            let straight = ParquetDirect.value(primitive, node: node, type: type)
            #expect((straight != nil) == readStraight, "\(primitive) as \(type)")
            guard let straight else { continue }
            let json = try ParquetJSON.json(.primitive(primitive), node: node, field: field, listInference: false)
            let validator = RowValidator(schema: TableSchema(fields: [field]))
            #expect("\(validator.validate(cells: [.value(straight)]))" == "\(validator.validate(positional: [json]))", "\(primitive) as \(type)")
        }
        // Never for a repeated column, a repeated field or one with type parameters.
        let repeated = ParquetSchemaNode(element: ParquetSchemaElement(name: "c", physicalType: .int64, repetition: .repeated))
        #expect(!ParquetDirect.applies(node: repeated, field: TableFieldSchema(name: "c", type: .integer, mode: .repeated)))
        var bounded = TableFieldSchema(name: "c", type: .string)
        bounded.parameters.maxLength = 3
        #expect(!ParquetDirect.applies(node: node(.byteArray, .string), field: bounded))
    }

    @Test func timestampsBeyondBigQuerysRangeAreErrorsOfTheirRow() throws {
        let int96 = ParquetSchemaNode(element: ParquetSchemaElement(name: "legacy", physicalType: .int96))
        // Julian day 2,440,588 is 1970-01-01; the largest day's microseconds overflowed Int64 and trapped.
        #expect(try ParquetJSON.json(.int96(nanos: 1_000, julianDay: 2_440_588), node: int96, type: .timestamp) == "1970-01-01 00:00:00.000001 UTC")
        for day in [Int32.max, Int32.min, 0] {
            #expect(throws: ParquetError.self, "day \(day)") { try ParquetJSON.json(.int96(nanos: 0, julianDay: day), node: int96, type: .timestamp) }
        }
        // The last day whose microseconds fit in Int64, plus the most nanoseconds, overflowed the sum.
        #expect(throws: ParquetError.self) { try ParquetJSON.json(.int96(nanos: .max, julianDay: 109_192_579), node: int96, type: .timestamp) }
        // Nanoseconds may run past the day: 2262-04-11 is still a day BigQuery holds.
        #expect(
            try ParquetJSON.json(.int96(nanos: .max, julianDay: 2_440_588), node: int96, type: .datetime) == "2262-04-11T23:47:16.854775")
        // INT64 microseconds below about -292,277 years trapped in formatting (their day times a day's microseconds overflowed).
        let micros = ParquetSchemaNode(
            element: ParquetSchemaElement(name: "ts", physicalType: .int64, logicalType: .timestamp(utc: true, unit: .micros)))
        let civil = ParquetSchemaNode(
            element: ParquetSchemaElement(name: "dt", physicalType: .int64, logicalType: .timestamp(utc: false, unit: .micros)))
        for node in [micros, civil] {
            for value in [Int64.min, Int64.max, -62_135_596_800_000_001, 253_402_300_800_000_000] {
                #expect(throws: ParquetError.self, "\(node.name) \(value)") { try ParquetJSON.json(.int64(value), node: node, type: nil) }
            }
            // The ends of BigQuery's range still read.
            #expect(throws: Never.self) { try ParquetJSON.json(.int64(-62_135_596_800_000_000), node: node, type: nil) }
            #expect(throws: Never.self) { try ParquetJSON.json(.int64(253_402_300_799_999_999), node: node, type: nil) }
        }
        #expect(try ParquetJSON.json(.int64(253_402_300_799_999_999), node: civil, type: nil) == "9999-12-31T23:59:59.999999")
    }
}

/// Thrift compact-protocol structs for hand-built footers and page headers: fields in ascending id
/// order, 15 or fewer apart.
private struct Compact {
    private(set) var bytes: [UInt8] = []
    private var last = 0

    static func varint(_ value: Int) -> [UInt8] {
        var rest = UInt64(value)
        var bytes: [UInt8] = []
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        return bytes + [UInt8(rest)]
    }

    private func adding(_ id: Int, type: UInt8, _ value: [UInt8]) -> Compact {
        var next = self
        next.bytes += [UInt8((id - last) << 4) | type] + value
        next.last = id
        return next
    }

    /// An i32 (type 5) or i64 (type 6), zigzag-encoded.
    func int(_ id: Int, _ value: Int, type: UInt8 = 5) -> Compact { adding(id, type: type, Self.varint((value << 1) ^ (value >> 63))) }
    func binary(_ id: Int, _ text: String) -> Compact { adding(id, type: 8, Self.varint(text.utf8.count) + Array(text.utf8)) }
    func structure(_ id: Int, _ inner: Compact) -> Compact { adding(id, type: 12, inner.end) }
    func list(_ id: Int, of type: UInt8, _ items: [[UInt8]]) -> Compact {
        let header = items.count < 15 ? [UInt8(items.count << 4) | type] : [0xF0 | type] + Self.varint(items.count)
        return adding(id, type: 9, header + items.flatMap { $0 })
    }
    var end: [UInt8] { bytes + [0] }
}

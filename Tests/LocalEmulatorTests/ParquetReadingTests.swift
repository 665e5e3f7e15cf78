import Testing

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
}

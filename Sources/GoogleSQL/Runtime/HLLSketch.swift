import Foundation
import GRDB

/// HLL_COUNT sketches. BigQuery's are HyperLogLog++ states; the emulator's are exact: the distinct
/// 64-bit fingerprints of the values, so HLL_COUNT.EXTRACT and MERGE answer the exact distinct count
/// (which BigQuery's estimate also is for the small sets tests use). The bytes are the emulator's
/// own: a sketch BigQuery made cannot be read here, nor one made here by BigQuery.
///
/// Layout: "GSQLHLL1", the input type, the precision, then the fingerprints (8 bytes each, little
/// endian, ascending).
struct HLLSketch: Equatable {
    /// The input types a sketch may hold; sketches of different ones do not merge.
    enum InputType: UInt8 {
        case int64 = 1
        case numeric = 2
        case bignumeric = 3
        case string = 4
        case bytes = 5

        var name: String {
            switch self {
            case .int64: "INT64"
            case .numeric: "NUMERIC"
            case .bignumeric: "BIGNUMERIC"
            case .string: "STRING"
            case .bytes: "BYTES"
            }
        }
    }

    static let magic = Array("GSQLHLL1".utf8)
    /// The most distinct values one sketch holds: 8 MB of fingerprints, far past what a test feeds it.
    static let maximumValues = 1_000_000
    static let precisions: ClosedRange<Int64> = 10...24

    var inputType: InputType
    var precision: UInt8
    var fingerprints: Set<UInt64> = []

    init(inputType: InputType, precision: UInt8) {
        self.inputType = inputType
        self.precision = precision
    }

    init(decoding bytes: [UInt8]) throws(GoogleSQLError) {
        let header = Self.magic.count + 2
        guard bytes.count >= header, Array(bytes.prefix(Self.magic.count)) == Self.magic,
            let type = InputType(rawValue: bytes[Self.magic.count]), (bytes.count - header) % 8 == 0
        else {
            throw GoogleSQLError.invalidQuery(
                "Invalid HLL_COUNT sketch: the emulator reads only sketches it made with HLL_COUNT.INIT or MERGE_PARTIAL")
        }
        inputType = type
        precision = bytes[Self.magic.count + 1]
        fingerprints.reserveCapacity((bytes.count - header) / 8)
        var offset = header
        while offset < bytes.count {
            var value: UInt64 = 0
            for index in 0..<8 { value |= UInt64(bytes[offset + index]) << (8 * UInt64(index)) }
            fingerprints.insert(value)
            offset += 8
        }
    }

    var encoded: [UInt8] {
        var bytes = Self.magic + [inputType.rawValue, precision]
        bytes.reserveCapacity(bytes.count + fingerprints.count * 8)
        for value in fingerprints.sorted() {
            for index in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(index)))) }
        }
        return bytes
    }

    mutating func add(_ value: DatabaseValue) throws(GoogleSQLError) {
        let bytes: [UInt8]
        switch value.storage {
        case .int64(let number): bytes = withUnsafeBytes(of: number.littleEndian) { Array($0) }
        case .blob(let data): bytes = Array(data)
        default: bytes = Array(Library.text(value).utf8)
        }
        fingerprints.insert(FarmHash.fingerprint64(bytes))
        try checkSize()
    }

    /// Another sketch's values, at the lower of the two precisions, as BigQuery merges.
    mutating func merge(_ other: HLLSketch) throws(GoogleSQLError) {
        guard other.inputType == inputType else {
            throw GoogleSQLError.invalidQuery(
                "Cannot merge HLL_COUNT sketches of different input types: \(inputType.name) and \(other.inputType.name)")
        }
        precision = min(precision, other.precision)
        fingerprints.formUnion(other.fingerprints)
        try checkSize()
    }

    private func checkSize() throws(GoogleSQLError) {
        if fingerprints.count > Self.maximumValues {
            throw GoogleSQLError.invalidQuery(
                "Unsupported: HLL_COUNT sketches of more than \(Self.maximumValues) distinct values are not supported by the local emulator")
        }
    }
}

/// `gsql_hll_init(value, input type, precision)`: NULL values are skipped; no value at all gives NULL.
struct HLLInitAggregate: DatabaseAggregate {
    var sketch: HLLSketch?

    mutating func step(_ arguments: [DatabaseValue]) throws {
        let precision = Int64.fromDatabaseValue(arguments[2]) ?? 0
        guard HLLSketch.precisions.contains(precision) else {
            throw GoogleSQLError.invalidQuery("HLL_COUNT.INIT precision must be between 10 and 24, got \(precision)")
        }
        if arguments[0].isNull { return }
        if sketch == nil {
            let type = HLLSketch.InputType(rawValue: UInt8(Int64.fromDatabaseValue(arguments[1]) ?? 0)) ?? .bytes
            sketch = HLLSketch(inputType: type, precision: UInt8(precision))
        }
        try sketch?.add(arguments[0])
    }

    func finalize() throws -> (any DatabaseValueConvertible)? {
        sketch.map { Data($0.encoded) }
    }
}

/// `gsql_hll_merge(sketch)` (the count; 0 over no sketch) and `gsql_hll_merge_partial(sketch)` (the
/// merged sketch; NULL over none). NULL sketches are skipped.
struct HLLMergeAggregate: DatabaseAggregate {
    var partial = false
    var sketch: HLLSketch?

    init() {}
    init(partial: Bool) { self.partial = partial }

    mutating func step(_ arguments: [DatabaseValue]) throws {
        if arguments[0].isNull { return }
        let next = try HLLSketch(decoding: Library.bytes(arguments[0]))
        if sketch == nil { sketch = next } else { try sketch?.merge(next) }
    }

    func finalize() throws -> (any DatabaseValueConvertible)? {
        if partial { return sketch.map { Data($0.encoded) } }
        return Int64(sketch?.fingerprints.count ?? 0)
    }
}

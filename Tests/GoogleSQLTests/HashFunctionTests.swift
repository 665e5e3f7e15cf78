import Testing
import WarehouseSchema

@testable import GoogleSQL

/// Expected values are BigQuery's hashing documentation examples; the digests of "Hello World" are
/// the bytes its examples print (MD5, SHA1) and the standard test values of SHA-256 and SHA-512.
@Suite struct HashFunctionTests {
    let db = try! Fixture.events()

    static func bytes(hex: String) -> BigQueryValue {
        let digits = Array(hex.utf8)
        return .bytes(stride(from: 0, to: digits.count, by: 2).map { UInt8(String(decoding: digits[$0..<($0 + 2)], as: UTF8.self), radix: 16)! })
    }

    @Test func digestsOfHelloWorld() throws {
        #expect(try db.value("MD5('Hello World')") == Self.bytes(hex: "b10a8db164e0754105b7a99be72e3fe5"))
        #expect(try db.value("SHA1('Hello World')") == Self.bytes(hex: "0a4d55a8d778e5022fab701977c5d840bbc486d0"))
        #expect(try db.value("SHA256('Hello World')") == Self.bytes(hex: "a591a6d40bf420404a011733cfb7b190d62c65bf0bcda32b57b277d9ad9f146e"))
        #expect(
            try db.value("SHA512(b'Hello World')")
                == Self.bytes(
                    hex:
                        "2c74fd17edafd80e8447b0d46741ee243b7eb74dd2149a0ab1b9246fb30382f27e853d8585719e0e67cbda0daa8f51671064615d645ae27acb15bfb1447f459b"
                ))
        #expect(try db.value("TO_HEX(MD5(''))") == .string("d41d8cd98f00b204e9800998ecf8427e"))
        #expect(try db.value("TO_HEX(SHA256(REPEAT('a', 200)))") == .string("c2a908d98f5df987ade41b5fce213067efbcc21ef2240212a41e54b5e7c28ae5"))
        #expect(try db.value("MD5(NULL)") == .null)
    }

    @Test func farmFingerprintMatchesBigQuery() throws {
        #expect(try db.value("FARM_FINGERPRINT(CONCAT(CAST(1 AS STRING), 'foo', CAST(TRUE AS STRING)))") == .int64(-1_541_654_101_129_638_711))
        #expect(try db.value("FARM_FINGERPRINT(CONCAT(CAST(2 AS STRING), 'apple', CAST(FALSE AS STRING)))") == .int64(2_794_438_866_806_483_259))
        #expect(try db.value("FARM_FINGERPRINT(CONCAT(CAST(3 AS STRING), '', CAST(TRUE AS STRING)))") == .int64(-4_880_158_226_897_771_312))
    }

    @Test func hashingAnIntegerIsASignatureError() {
        #expect(db.failure("MD5(1)") == "No matching signature for function MD5 for argument types: INT64 at [1:8]")
    }
}

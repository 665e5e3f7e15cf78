import GRDB

/// Hashing functions of the library: MD5, SHA1, SHA256, SHA512 (BYTES) and FARM_FINGERPRINT (INT64).
/// A STRING argument is hashed as its UTF-8 bytes.
enum HashLibrary {
    static let implementations: [String: Library.Implementation] = [
        "gsql_md5": Library.strict(1) { a in Library.blob(Digests.md5(Library.bytes(a[0]))) },
        "gsql_sha1": Library.strict(1) { a in Library.blob(Digests.sha1(Library.bytes(a[0]))) },
        "gsql_sha256": Library.strict(1) { a in Library.blob(Digests.sha256(Library.bytes(a[0]))) },
        "gsql_sha512": Library.strict(1) { a in Library.blob(Digests.sha512(Library.bytes(a[0]))) },
        // HLL_COUNT.EXTRACT: a NULL sketch counts 0.
        "gsql_hll_extract": (
            1,
            { a in
                if a[0].isNull { return Int64(0).databaseValue }
                return Int64(try HLLSketch(decoding: Library.bytes(a[0])).fingerprints.count).databaseValue
            }
        ),
        "gsql_farm_fingerprint": Library.strict(1) { a in
            Int64(bitPattern: FarmHash.fingerprint64(Library.bytes(a[0]))).databaseValue
        },
    ]
}

import Foundation
import Testing
import WarehouseSchema

@testable import GoogleSQL

/// The AEAD encryption functions. Keysets are Tink's: the fixtures are keysets BigQuery made
/// (from ZetaSQL's compliance tests) and ciphertexts Google's Tink library for Python made with them
/// (AEAD and deterministic AEAD) or that Python's `cryptography` made with raw keys.
@Suite struct EncryptionFunctionTests {
    let db = try! Fixture.events()

    /// An AEAD_AES_GCM_256 keyset BigQuery made; its one key has id 2427045401.
    static let gcmKeyset =
        "FROM_BASE64('CJmMp4UJEmQKWAowdHlwZS5nb29nbGVhcGlzLmNvbS9nb29nbGUuY3J5cHRvLnRpbmsuQWVzR2NtS2V5EiIaIP7Xj33VJoXuk9KMRwXsjkuDmo5P40WUSaVtJAzyve80GAEQARiZjKeFCSAB')"
    /// A DETERMINISTIC_AEAD_AES_SIV_CMAC_256 keyset BigQuery made.
    static let sivKeyset =
        "FROM_BASE64('CIGYpMkDEoQBCngKMHR5cGUuZ29vZ2xlYXBpcy5jb20vZ29vZ2xlLmNyeXB0by50aW5rLkFlc1NpdktleRJCEkBKAovGAOp+siYkuWvTYKXRW6V/3Z5en87KNgswc+8TKZUzumbh/qVtCYQ8qHo7li/fYDx43MoBYwbfUPhv3//xGAEQARiBmKTJAyAB')"

    private func string(_ expression: String) throws -> String? {
        if case .string(let text) = try db.value(expression) { return text }
        return nil
    }

    @Test func keysetToJSONIsBigQuerysText() throws {
        let expected =
            #"{"key":[{"keyData":{"keyMaterialType":"SYMMETRIC","typeUrl":"type.googleapis.com/google.crypto.tink.AesGcmKey","value":"GiD+14991SaF7pPSjEcF7I5Lg5qOT+NFlEmlbSQM8r3vNA=="},"keyId":2427045401,"outputPrefixType":"TINK","status":"ENABLED"}],"primaryKeyId":2427045401}"#
        #expect(try string("KEYS.KEYSET_TO_JSON(\(Self.gcmKeyset))") == expected)
        #expect(try db.value("KEYS.KEYSET_FROM_JSON(KEYS.KEYSET_TO_JSON(\(Self.gcmKeyset))) = \(Self.gcmKeyset)") == .bool(true))
        #expect(try db.value("KEYS.KEYSET_LENGTH(\(Self.gcmKeyset))") == .int64(1))
    }

    @Test func keysetFromJSONWritesTheWireFormTinkWrites() throws {
        let json = #"'{"key":[{"keyId":1234,"outputPrefixType":"TINK","status":"DESTROYED"}],"primaryKeyId":4321}'"#
        #expect(try db.value("KEYS.KEYSET_FROM_JSON(\(json))") == .bytes([0x08, 0xe1, 0x21, 0x12, 0x07, 0x10, 0x03, 0x18, 0xd2, 0x09, 0x20, 0x01]))
        #expect(try string("KEYS.KEYSET_TO_JSON(KEYS.KEYSET_FROM_JSON(\(json)))") == String(json.dropFirst().dropLast()))
        let pretty = "'{\\n  \"key\": [{\"key_id\": \"1234\", \"status\": 3, \"outputPrefixType\": \"TINK\"}],\\n  \"primaryKeyId\": 4321\\n}'"
        #expect(try db.value("KEYS.KEYSET_FROM_JSON(\(pretty)) = KEYS.KEYSET_FROM_JSON(\(json))") == .bool(true))
    }

    @Test func ciphertextsOfTinkDecrypt() throws {
        let sealed = "FROM_BASE64('AZCpxhn+UhWTTSvXGd9+rORGVznexWPOFfLO0bQyqww50kpd54CdmACK')"
        #expect(try string("AEAD.DECRYPT_STRING(\(Self.gcmKeyset), \(sealed), 'abc')") == "plaintext")
        #expect(try db.value("AEAD.DECRYPT_BYTES(\(Self.gcmKeyset), \(sealed), b'abc')") == .bytes(Array("plaintext".utf8)))
        let empty = "FROM_BASE64('AZCpxhlVDS2S49D3z8WFUBIMv9xcfHO8FEAfGKCTajFH')"
        #expect(try string("AEAD.DECRYPT_STRING(\(Self.gcmKeyset), \(empty), '')") == "")
    }

    @Test func deterministicEncryptionGivesTinksCiphertexts() throws {
        let vectors = [
            ("'plaintext'", "'abc'", "ATkpDAHwtCTCmE3VqhLJ/cgZk8Mpy3BITZ5g2D7Z"),
            ("''", "''", "ATkpDAH0loKwx2Ojx1v+9F5chNHd"),
            ("'plaintext'", "''", "ATkpDAGCXWtcJZOpNh9mV1eIgnl8e2RLPxdF1Mz+"),
            ("b''", "b'abc'", "ATkpDAG1mLyI91zOG97rO9bUJXud"),
        ]
        for (plaintext, associatedData, expected) in vectors {
            let sealed = "DETERMINISTIC_ENCRYPT(\(Self.sivKeyset), \(plaintext), \(associatedData))"
            #expect(try db.value("TO_BASE64(\(sealed))") == .string(expected), "\(plaintext), \(associatedData)")
            #expect(
                try db.value("DETERMINISTIC_DECRYPT_BYTES(\(Self.sivKeyset), \(sealed), \(associatedData)) = CAST(\(plaintext) AS BYTES)")
                    == .bool(true))
        }
        #expect(try string("DETERMINISTIC_DECRYPT_STRING(\(Self.sivKeyset), FROM_BASE64('\(vectors[0].2)'), 'abc')") == "plaintext")
    }

    @Test func newKeysetsEncryptAndDecryptBothWays() throws {
        let sql = """
            SELECT AEAD.DECRYPT_STRING(k, AEAD.ENCRYPT(k, 'жэчыщ', 'ctx'), 'ctx'),
                   AEAD.ENCRYPT(k, 'same', 'ctx') = AEAD.ENCRYPT(k, 'same', 'ctx'),
                   DETERMINISTIC_DECRYPT_STRING(d, DETERMINISTIC_ENCRYPT(d, 'жэчыщ', 'ctx'), 'ctx'),
                   DETERMINISTIC_ENCRYPT(d, 'same', 'ctx') = DETERMINISTIC_ENCRYPT(d, 'same', 'ctx'),
                   KEYS.KEYSET_LENGTH(KEYS.ROTATE_KEYSET(KEYS.ROTATE_KEYSET(k, 'AEAD_AES_GCM_256'), 'AEAD_AES_GCM_256')),
                   KEYS.KEYSET_LENGTH(KEYS.ROTATE_KEYSET(b'', 'AEAD_AES_GCM_256'))
            FROM (SELECT KEYS.NEW_KEYSET('AEAD_AES_GCM_256') AS k, KEYS.NEW_KEYSET('DETERMINISTIC_AEAD_AES_SIV_CMAC_256') AS d)
            """
        #expect(try db.rows(sql) == [[.string("жэчыщ"), .bool(false), .string("жэчыщ"), .bool(true), .int64(3), .int64(1)]])
    }

    @Test func aRotatedKeysetStillDecryptsWhatItsOldKeyEncrypted() throws {
        let rotated = """
            SELECT AEAD.DECRYPT_STRING(KEYS.ROTATE_KEYSET(k, 'AEAD_AES_GCM_256'), AEAD.ENCRYPT(k, 'old', ''), '')
            FROM (SELECT KEYS.NEW_KEYSET('AEAD_AES_GCM_256') AS k)
            """
        #expect(try db.column(rotated) == [.string("old")])
        let otherKeyset = "AEAD.DECRYPT_STRING(\(Self.gcmKeyset), AEAD.ENCRYPT(KEYS.NEW_KEYSET('AEAD_AES_GCM_256'), 'x', ''), '')"
        #expect(db.runFailure(otherKeyset) == "AEAD.DECRYPT_STRING failed: decryption failed")
    }

    @Test func rawKeysDecryptCiphertextsWithoutAPrefix() throws {
        let gcm = "KEYS.ADD_KEY_FROM_RAW_BYTES(\(Self.gcmKeyset), 'AES_GCM', b'0123456789abcdef')"
        #expect(try string("AEAD.DECRYPT_STRING(\(gcm), FROM_BASE64('AAECAwQFBgcICQoLj16zPXkXVsN4RgQRyxa7OOsoKZexMy8='), 'aad')") == "raw gcm")
        let cbc = "KEYS.ADD_KEY_FROM_RAW_BYTES(\(Self.gcmKeyset), 'AES_CBC_PKCS', b'0123456789abcdef0123456789abcdef')"
        #expect(try string("AEAD.DECRYPT_STRING(\(cbc), FROM_BASE64('AAECAwQFBgcICQoLDA0OD/2T8OWf2Trfa/JRCed7jEc='), '')") == "cbc plaintext!")
        #expect(try string("KEYS.KEYSET_TO_JSON(KEYS.ADD_KEY_FROM_RAW_BYTES(\(cbc), 'AES_GCM', b'0123456789abcdef'))")?.contains("AesGcmKey") == true)
        // The primary key still encrypts; the raw keys only add ways to decrypt.
        #expect(try string("AEAD.DECRYPT_STRING(\(Self.gcmKeyset), AEAD.ENCRYPT(\(gcm), 'x', ''), '')") == "x")
    }

    @Test func keysAreDrawnAnewForEachRow() throws {
        #expect(try db.column("SELECT COUNT(DISTINCT KEYS.NEW_KEYSET('AEAD_AES_GCM_256')) FROM UNNEST(GENERATE_ARRAY(1, 100))") == [.int64(100)])
        #expect(try db.column("SELECT COUNT(DISTINCT AEAD.ENCRYPT(\(Self.gcmKeyset), 'p', '')) FROM UNNEST(GENERATE_ARRAY(1, 100))") == [.int64(100)])
        #expect(try db.column("WITH t AS (SELECT KEYS.NEW_KEYSET('AEAD_AES_GCM_256') AS k) SELECT k = k FROM t") == [.bool(true)])
    }

    @Test func badInputsAreClearErrors() throws {
        let wrongContext = "AEAD.DECRYPT_STRING(\(Self.gcmKeyset), AEAD.ENCRYPT(\(Self.gcmKeyset), 'p', 'a'), 'b')"
        #expect(db.runFailure(wrongContext) == "AEAD.DECRYPT_STRING failed: decryption failed")
        #expect(db.runFailure("AEAD.DECRYPT_STRING(\(Self.gcmKeyset), b'123', 'abc')") == "AEAD.DECRYPT_STRING failed: decryption failed")
        #expect(
            db.runFailure("AEAD.DECRYPT_STRING(\(Self.gcmKeyset), AEAD.ENCRYPT(\(Self.gcmKeyset), b'\\xff\\xfe', b''), '')")?.contains(
                "not valid UTF-8") == true)
        #expect(db.runFailure("AEAD.DECRYPT_STRING(b'', b'', '')")?.contains("at least one key") == true)
        #expect(db.runFailure("KEYS.KEYSET_LENGTH(b'123')")?.hasPrefix("Invalid keyset") == true)
        #expect(db.runFailure("KEYS.NEW_KEYSET('AES_GCM')")?.contains("Unsupported key type") == true)
        #expect(db.failure("KEYS.NEW_KEYSET(NULL)")?.contains("must be a string literal or query parameter") == true)
        #expect(
            db.runFailure("KEYS.ADD_KEY_FROM_RAW_BYTES(\(Self.gcmKeyset), 'AES_GCM', b'12345')")?.contains("Unsupported key size: 5 bytes") == true)
        #expect(db.runFailure("KEYS.ADD_KEY_FROM_RAW_BYTES(b'', 'AES_GCM', b'0123456789abcdef')") != nil)
        #expect(db.runFailure("KEYS.ROTATE_KEYSET(\(Self.gcmKeyset), 'DETERMINISTIC_AEAD_AES_SIV_CMAC_256')") != nil)
        #expect(db.runFailure("DETERMINISTIC_ENCRYPT(\(Self.gcmKeyset), 'p', '')")?.contains("DETERMINISTIC_AEAD_AES_SIV_CMAC_256") == true)
        #expect(db.runFailure("KEYS.KEYSET_FROM_JSON('{\"key\":123}')")?.hasPrefix("KEYS.KEYSET_FROM_JSON failed") == true)
        #expect(db.failure("AEAD.ENCRYPT(\(Self.gcmKeyset), 'p', b'')")?.hasPrefix("No matching signature for function AEAD.ENCRYPT") == true)
        #expect(db.failure("KEYS.KEYSET_CHAIN('gcp-kms://x', b'')")?.hasPrefix("Unsupported") == true)
        #expect(try db.value("AEAD.ENCRYPT(\(Self.gcmKeyset), NULL, 'a')") == .null)
    }

    @Test func safeCallsTurnTheirErrorsIntoNull() throws {
        for expression in [
            "SAFE.AEAD.DECRYPT_BYTES(b'', b'', b'')", "SAFE.AEAD.ENCRYPT(b'', b'', b'')", "SAFE.KEYS.KEYSET_LENGTH(b'123')",
            "SAFE.DETERMINISTIC_DECRYPT_STRING(\(Self.sivKeyset), b'', 'abc')", "SAFE.KEYS.KEYSET_FROM_JSON('{\"key\":123}')",
        ] {
            #expect(try db.value(expression) == .null, "\(expression)")
        }
    }
}

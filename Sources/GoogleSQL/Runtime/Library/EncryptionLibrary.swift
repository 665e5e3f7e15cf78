import Foundation
import GRDB

/// The runtime of the AEAD encryption functions (`Resolver.resolveEncryptionFunction`). A volatile
/// function's last argument is SQLite's random(), there only so SQLite calls it for each row.
enum EncryptionLibrary {
    static let implementations: [String: Library.Implementation] = [
        "gsql_new_keyset": Library.strict(2) { a in
            var keyset = TinkKeyset()
            try keyset.rotate(to: Library.text(a[0]), function: "KEYS.NEW_KEYSET")
            return Library.blob(keyset.serialized)
        },
        "gsql_rotate_keyset": Library.strict(3) { a in
            var keyset = try TinkKeyset(serialized: Library.bytes(a[0]))
            try keyset.rotate(to: Library.text(a[1]), function: "KEYS.ROTATE_KEYSET")
            return Library.blob(keyset.serialized)
        },
        "gsql_add_key_from_raw_bytes": Library.strict(4) { a in
            var keyset = try TinkKeyset(serialized: Library.bytes(a[0]))
            try keyset.addRawKey(Library.text(a[1]), Library.bytes(a[2]))
            return Library.blob(keyset.serialized)
        },
        "gsql_keyset_length": Library.strict(1) { a in
            try TinkKeyset(serialized: Library.bytes(a[0])).keys.count.databaseValue
        },
        "gsql_keyset_to_json": Library.strict(1) { a in try TinkKeyset(serialized: Library.bytes(a[0])).json.databaseValue },
        "gsql_keyset_from_json": Library.strict(1) { a in Library.blob(try TinkKeyset(json: Library.text(a[0])).serialized) },
        "gsql_aead_encrypt": Library.strict(4) { a in try encrypt(a, deterministic: false, "AEAD.ENCRYPT") },
        "gsql_deterministic_encrypt": Library.strict(3) { a in try encrypt(a, deterministic: true, "DETERMINISTIC_ENCRYPT") },
        "gsql_aead_decrypt_bytes": Library.strict(3) { a in try decrypt(a, deterministic: false, toString: false, "AEAD.DECRYPT_BYTES") },
        "gsql_aead_decrypt_string": Library.strict(3) { a in try decrypt(a, deterministic: false, toString: true, "AEAD.DECRYPT_STRING") },
        "gsql_deterministic_decrypt_bytes": Library.strict(3) { a in
            try decrypt(a, deterministic: true, toString: false, "DETERMINISTIC_DECRYPT_BYTES")
        },
        "gsql_deterministic_decrypt_string": Library.strict(3) { a in
            try decrypt(a, deterministic: true, toString: true, "DETERMINISTIC_DECRYPT_STRING")
        },
    ]

    /// (keyset, plaintext, associated data[, random()]): STRING arguments are encrypted as their UTF-8 bytes.
    private static func encrypt(_ a: [DatabaseValue], deterministic: Bool, _ function: String) throws(GoogleSQLError) -> DatabaseValue {
        let keyset = try TinkKeyset(serialized: Library.bytes(a[0]))
        let sealed = try keyset.encrypt(Library.bytes(a[1]), associatedData: Library.bytes(a[2]), deterministic: deterministic, function: function)
        return Library.blob(sealed)
    }

    private static func decrypt(
        _ a: [DatabaseValue], deterministic: Bool, toString: Bool, _ function: String
    ) throws(GoogleSQLError)
        -> DatabaseValue
    {
        let keyset = try TinkKeyset(serialized: Library.bytes(a[0]))
        let plaintext = try keyset.decrypt(Library.bytes(a[1]), associatedData: Library.bytes(a[2]), deterministic: deterministic, function: function)
        guard toString else { return Library.blob(plaintext) }
        guard let text = String(validating: plaintext, as: UTF8.self) else {
            let bytesFunction = function.replacingOccurrences(of: "_STRING", with: "_BYTES")
            throw Library.error("\(function) failed: the decrypted plaintext is not valid UTF-8; use \(bytesFunction) to decrypt to BYTES")
        }
        return text.databaseValue
    }
}

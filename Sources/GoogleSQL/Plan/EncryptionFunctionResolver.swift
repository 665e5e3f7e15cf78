import WarehouseSchema

/// The AEAD encryption functions: KEYS.* make and change Tink keysets, AEAD.* and DETERMINISTIC_*
/// encrypt and decrypt with them. Keysets wrapped by Cloud KMS need KMS, which the emulator does
/// not have. Calls that draw new keys or nonces take SQLite's random() as a last argument so that
/// SQLite never computes them once for a whole statement.
extension Resolver {
    private static let kmsFunctions: Set<String> = [
        "KEYS.KEYSET_CHAIN", "KEYS.NEW_WRAPPED_KEYSET", "KEYS.REWRAP_KEYSET", "KEYS.ROTATE_WRAPPED_KEYSET", "KEYS.KEYSET_FROM_KMS",
    ]

    /// name → (runtime function, argument types, result type, draws random bytes)
    private static let encryptionFunctions: [String: (function: String, arguments: [[SQLType]], result: SQLType, volatile: Bool)] = [
        "KEYS.NEW_KEYSET": ("gsql_new_keyset", [[.string]], .bytes, true),
        "KEYS.ROTATE_KEYSET": ("gsql_rotate_keyset", [[.bytes, .string]], .bytes, true),
        "KEYS.ADD_KEY_FROM_RAW_BYTES": ("gsql_add_key_from_raw_bytes", [[.bytes, .string, .bytes]], .bytes, true),
        "KEYS.KEYSET_LENGTH": ("gsql_keyset_length", [[.bytes]], .int64, false),
        "KEYS.KEYSET_TO_JSON": ("gsql_keyset_to_json", [[.bytes]], .string, false),
        "KEYS.KEYSET_FROM_JSON": ("gsql_keyset_from_json", [[.string]], .bytes, false),
        "AEAD.ENCRYPT": ("gsql_aead_encrypt", [[.bytes, .string, .string], [.bytes, .bytes, .bytes]], .bytes, true),
        "AEAD.DECRYPT_BYTES": ("gsql_aead_decrypt_bytes", [[.bytes, .bytes, .bytes], [.bytes, .bytes, .string]], .bytes, false),
        "AEAD.DECRYPT_STRING": ("gsql_aead_decrypt_string", [[.bytes, .bytes, .string]], .string, false),
        "DETERMINISTIC_ENCRYPT": ("gsql_deterministic_encrypt", [[.bytes, .string, .string], [.bytes, .bytes, .bytes]], .bytes, false),
        "DETERMINISTIC_DECRYPT_BYTES": ("gsql_deterministic_decrypt_bytes", [[.bytes, .bytes, .bytes], [.bytes, .bytes, .string]], .bytes, false),
        "DETERMINISTIC_DECRYPT_STRING": ("gsql_deterministic_decrypt_string", [[.bytes, .bytes, .string]], .string, false),
    ]

    mutating func resolveEncryptionFunction(
        _ name: String, _ syntax: [Expression], at location: SourceLocation
    ) throws(GoogleSQLError)
        -> TypedExpression?
    {
        if Self.kmsFunctions.contains(name) {
            throw fail("Unsupported: \(name) needs Cloud KMS, which the local emulator does not have; use KEYS.NEW_KEYSET keysets", location)
        }
        guard let entry = Self.encryptionFunctions[name] else { return nil }
        let count = entry.arguments[0].count
        try expectCount(name, syntax, count...count, at: location)
        let arguments = try resolveArguments(syntax)
        guard entry.arguments.contains(where: { fits(arguments, $0) }) else { throw functionSignatureError(name, arguments, at: location) }
        // The key type of NEW_KEYSET and ROTATE_KEYSET is fixed when the query is written.
        if name == "KEYS.NEW_KEYSET" || name == "KEYS.ROTATE_KEYSET" {
            let keyType = arguments[count - 1]
            guard case .constant = keyType.node, !keyType.type.isNull else {
                throw fail("Argument \(count) (key type) of \(name) must be a string literal or query parameter", keyType.location)
            }
        }
        var operands = arguments
        if entry.volatile { operands.append(TypedExpression(node: .call("random", []), type: .int64, location: location)) }
        return call(entry.function, operands, entry.result, at: location)
    }
}

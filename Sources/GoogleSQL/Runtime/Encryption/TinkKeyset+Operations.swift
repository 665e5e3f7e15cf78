/// The KEYS functions' changes to a keyset and the AEAD functions' use of it.
extension TinkKeyset {
    /// The key messages the functions make and read, by their type URL.
    enum KeyType: Equatable {
        case aesGCM, aesSIV, aesCBC

        var typeURL: String {
            switch self {
            case .aesGCM: "type.googleapis.com/google.crypto.tink.AesGcmKey"
            case .aesSIV: "type.googleapis.com/google.crypto.tink.AesSivKey"
            case .aesCBC: "type.googleapis.com/google.crypto.tink.AesCbcPkcs7Key"
            }
        }

        /// The number of the key message's `key_value` field (`version` is field 1, left at 0).
        private var keyValueField: UInt64 { self == .aesSIV ? 2 : 3 }

        init?(typeURL: String) {
            guard let type = [Self.aesGCM, .aesSIV, .aesCBC].first(where: { $0.typeURL == typeURL }) else { return nil }
            self = type
        }

        func keyMessage(_ material: [UInt8]) -> [UInt8] {
            var writer = ProtoWireWriter()
            writer.bytes(keyValueField, material)
            return writer.bytes
        }

        func material(of message: [UInt8]) -> [UInt8]? {
            var reader = ProtoWireReader(message[...])
            var material: [UInt8]?
            while let field = try? reader.next() {
                if field.number == keyValueField, case .bytes(let bytes) = field.value { material = Array(bytes) }
            }
            return material
        }
    }

    /// The key types KEYS.NEW_KEYSET and KEYS.ROTATE_KEYSET make, each with its key length.
    static func generatedKeyType(_ name: String, function: String) throws(GoogleSQLError) -> (KeyType, length: Int) {
        switch name {
        case "AEAD_AES_GCM_256": return (.aesGCM, 32)
        case "DETERMINISTIC_AEAD_AES_SIV_CMAC_256": return (.aesSIV, 64)
        default:
            throw Library.error(
                "Unsupported key type for \(function): \(name.prefix(100)); expected AEAD_AES_GCM_256 or DETERMINISTIC_AEAD_AES_SIV_CMAC_256")
        }
    }

    /// Adds a new random key of `keyTypeName` and makes it the primary key.
    mutating func rotate(to keyTypeName: String, function: String) throws(GoogleSQLError) {
        let (type, length) = try Self.generatedKeyType(keyTypeName, function: function)
        if let primary = keys.first(where: { $0.keyId == primaryKeyId }), primary.data?.typeURL != type.typeURL {
            throw Library.error("\(function) cannot add a \(keyTypeName) key to a keyset whose primary key is of another type")
        }
        let id = unusedKeyId()
        keys.append(
            Key(
                data: KeyData(typeURL: type.typeURL, value: type.keyMessage(AEADCipher.randomBytes(length)), materialType: Self.symmetric),
                status: Self.enabled, keyId: id, outputPrefix: Self.tinkPrefix))
        primaryKeyId = id
    }

    /// KEYS.ADD_KEY_FROM_RAW_BYTES: a RAW key (no prefix in its ciphertexts), not primary.
    mutating func addRawKey(_ keyTypeName: String, _ material: [UInt8]) throws(GoogleSQLError) {
        let type: KeyType
        switch keyTypeName {
        case "AES_GCM":
            guard material.count == 16 || material.count == 32 else {
                throw Library.error("Failed to add a key from raw bytes: Unsupported key size: \(material.count) bytes; expected 16 or 32 bytes.")
            }
            type = .aesGCM
        case "AES_CBC_PKCS":
            guard [16, 24, 32].contains(material.count) else {
                throw Library.error(
                    "Failed to add a key from raw bytes: Unsupported key size: \(material.count) bytes; expected 16, 24, or 32 bytes.")
            }
            type = .aesCBC
        default:
            throw Library.error("Invalid key type provided to KEYS.ADD_KEY_FROM_RAW_BYTES: \(keyTypeName.prefix(100))")
        }
        try requireKeys("KEYS.ADD_KEY_FROM_RAW_BYTES")
        keys.append(
            Key(
                data: KeyData(typeURL: type.typeURL, value: type.keyMessage(material), materialType: Self.symmetric),
                status: Self.enabled, keyId: unusedKeyId(), outputPrefix: Self.rawPrefix))
    }

    func requireKeys(_ function: String) throws(GoogleSQLError) {
        guard !keys.isEmpty else { throw Library.error("\(function) failed: a valid keyset must contain at least one key") }
    }

    /// AEAD.ENCRYPT (`deterministic` false, an AES-GCM primary key) or DETERMINISTIC_ENCRYPT (an
    /// AES-SIV one): the primary key's prefix, then the sealed plaintext.
    func encrypt(_ plaintext: [UInt8], associatedData: [UInt8], deterministic: Bool, function: String) throws(GoogleSQLError) -> [UInt8] {
        try requireKeys(function)
        guard let primary = keys.first(where: { $0.keyId == primaryKeyId && $0.status == Self.enabled }), let data = primary.data else {
            throw Library.error("\(function) failed: the keyset has no enabled primary key")
        }
        let wanted: KeyType = deterministic ? .aesSIV : .aesGCM
        guard KeyType(typeURL: data.typeURL) == wanted, let material = wanted.material(of: data.value) else {
            let name = deterministic ? "DETERMINISTIC_AEAD_AES_SIV_CMAC_256" : "AEAD_AES_GCM_256"
            throw Library.error("\(function) failed: the primary key of the keyset must be an \(name) key")
        }
        guard let prefix = Self.prefix(of: primary) else {
            throw Library.error("\(function) failed: the primary key's output prefix type is not supported")
        }
        let sealed =
            deterministic
            ? AEADCipher.sivSeal(key: material, plaintext: plaintext, associatedData: associatedData)
            : AEADCipher.gcmSeal(key: material, plaintext: plaintext, associatedData: associatedData)
        guard let sealed else { throw Library.error("\(function) failed: the primary key is not a valid key") }
        return prefix + sealed
    }

    /// The plaintext, from the enabled key whose prefix the ciphertext starts with, else from one of
    /// the enabled RAW keys, as Tink looks keys up.
    func decrypt(_ ciphertext: [UInt8], associatedData: [UInt8], deterministic: Bool, function: String) throws(GoogleSQLError) -> [UInt8] {
        try requireKeys(function)
        let candidates = keys.filter { $0.status == Self.enabled }
        for key in candidates {
            guard let prefix = Self.prefix(of: key), !prefix.isEmpty, ciphertext.starts(with: prefix) else { continue }
            if let plaintext = Self.open(key, ciphertext.dropFirst(prefix.count), associatedData, deterministic) { return plaintext }
        }
        for key in candidates where key.outputPrefix == Self.rawPrefix {
            if let plaintext = Self.open(key, ciphertext[...], associatedData, deterministic) { return plaintext }
        }
        throw Library.error("\(function) failed: decryption failed")
    }

    private static func open(_ key: Key, _ sealed: ArraySlice<UInt8>, _ associatedData: [UInt8], _ deterministic: Bool) -> [UInt8]? {
        guard let data = key.data, let type = KeyType(typeURL: data.typeURL), let material = type.material(of: data.value) else { return nil }
        switch (type, deterministic) {
        case (.aesSIV, true): return AEADCipher.sivOpen(key: material, sealed: sealed, associatedData: associatedData)
        case (.aesGCM, false): return AEADCipher.gcmOpen(key: material, sealed: sealed, associatedData: associatedData)
        case (.aesCBC, false): return AEADCipher.cbcOpen(key: material, sealed: sealed)
        default: return nil
        }
    }

    /// TINK: 0x01 and the key id, big-endian; RAW: nothing; other prefixes are not written here.
    private static func prefix(of key: Key) -> [UInt8]? {
        switch key.outputPrefix {
        case tinkPrefix: [1, UInt8(key.keyId >> 24), UInt8(key.keyId >> 16 & 0xff), UInt8(key.keyId >> 8 & 0xff), UInt8(key.keyId & 0xff)]
        case rawPrefix: []
        default: nil
        }
    }
}

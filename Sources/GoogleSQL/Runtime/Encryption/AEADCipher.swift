import COpenSSL

/// The ciphers under BigQuery's AEAD functions, through OpenSSL: AES-GCM (AEAD_AES_GCM_256 and raw
/// AES_GCM keys), AES-SIV as RFC 5297 defines it, which Tink calls AES-SIV-CMAC
/// (DETERMINISTIC_AEAD_AES_SIV_CMAC_256), and AES-CBC with PKCS #7 padding (raw AES_CBC_PKCS keys,
/// which only decrypt). A failed open is nil: a wrong key, wrong associated data or a damaged
/// ciphertext look the same.
enum AEADCipher {
    static let gcmIVLength = 12
    static let tagLength = 16

    /// Bytes from OpenSSL's CSPRNG, for keys and GCM nonces.
    static func randomBytes(_ count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        guard RAND_bytes(&bytes, Int32(count)) == 1 else { fatalError("OpenSSL's random generator failed") }
        return bytes
    }

    /// A fresh nonce, then the ciphertext, then the tag.
    static func gcmSeal(key: [UInt8], plaintext: [UInt8], associatedData: [UInt8]) -> [UInt8]? {
        guard let cipher = gcmCipher(key), let context = EVP_CIPHER_CTX_new() else { return nil }
        defer { EVP_CIPHER_CTX_free(context) }
        let iv = randomBytes(gcmIVLength)
        var output = iv + [UInt8](repeating: 0, count: plaintext.count + tagLength)
        var length: Int32 = 0
        guard EVP_EncryptInit_ex(context, cipher, nil, key, iv) == 1,
            EVP_EncryptUpdate(context, nil, &length, associatedData, Int32(associatedData.count)) == 1
        else { return nil }
        let sealed = output.withUnsafeMutableBufferPointer { buffer -> Bool in
            let body = buffer.baseAddress! + gcmIVLength
            guard EVP_EncryptUpdate(context, body, &length, plaintext, Int32(plaintext.count)) == 1,
                EVP_EncryptFinal_ex(context, body + Int(length), &length) == 1
            else { return false }
            return EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_GET_TAG, Int32(tagLength), body + plaintext.count) == 1
        }
        return sealed ? output : nil
    }

    static func gcmOpen(key: [UInt8], sealed: ArraySlice<UInt8>, associatedData: [UInt8]) -> [UInt8]? {
        guard sealed.count >= gcmIVLength + tagLength, let cipher = gcmCipher(key), let context = EVP_CIPHER_CTX_new() else { return nil }
        defer { EVP_CIPHER_CTX_free(context) }
        let iv = Array(sealed.prefix(gcmIVLength))
        let body = Array(sealed.dropFirst(gcmIVLength).dropLast(tagLength))
        var tag = Array(sealed.suffix(tagLength))
        var plaintext = [UInt8](repeating: 0, count: body.count + 16)
        var length: Int32 = 0
        var total: Int32 = 0
        guard EVP_DecryptInit_ex(context, cipher, nil, key, iv) == 1,
            EVP_DecryptUpdate(context, nil, &length, associatedData, Int32(associatedData.count)) == 1,
            EVP_DecryptUpdate(context, &plaintext, &length, body, Int32(body.count)) == 1
        else { return nil }
        total = length
        guard EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_SET_TAG, Int32(tagLength), &tag) == 1 else { return nil }
        let opened = plaintext.withUnsafeMutableBufferPointer { buffer in
            EVP_DecryptFinal_ex(context, buffer.baseAddress! + Int(total), &length) == 1
        }
        return opened ? Array(plaintext.prefix(Int(total + length))) : nil
    }

    /// The synthetic IV, then the ciphertext: the same for the same key, plaintext and associated data.
    static func sivSeal(key: [UInt8], plaintext: [UInt8], associatedData: [UInt8]) -> [UInt8]? {
        if plaintext.isEmpty, key.count == 64 { return SyntheticIV.ofEmptyPlaintext(macKey: Array(key.prefix(32)), associatedData: associatedData) }
        guard key.count == 64, let cipher = EVP_CIPHER_fetch(nil, "AES-256-SIV", nil) else { return nil }
        defer { EVP_CIPHER_free(cipher) }
        guard let context = EVP_CIPHER_CTX_new() else { return nil }
        defer { EVP_CIPHER_CTX_free(context) }
        var output = [UInt8](repeating: 0, count: tagLength + plaintext.count)
        var length: Int32 = 0
        // Tink's AES-SIV authenticates exactly one associated data component, even an empty one.
        guard EVP_EncryptInit_ex(context, cipher, nil, key, nil) == 1,
            withNonNullBytes(associatedData, { EVP_EncryptUpdate(context, nil, &length, $0, Int32(associatedData.count)) }) == 1
        else { return nil }
        let sealed = output.withUnsafeMutableBufferPointer { buffer -> Bool in
            let body = buffer.baseAddress! + tagLength
            guard withNonNullBytes(plaintext, { EVP_EncryptUpdate(context, body, &length, $0, Int32(plaintext.count)) }) == 1,
                EVP_EncryptFinal_ex(context, body + Int(length), &length) == 1
            else { return false }
            return EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_AEAD_GET_TAG, Int32(tagLength), buffer.baseAddress!) == 1
        }
        return sealed ? output : nil
    }

    static func sivOpen(key: [UInt8], sealed: ArraySlice<UInt8>, associatedData: [UInt8]) -> [UInt8]? {
        if sealed.count == tagLength, key.count == 64 {
            guard let expected = SyntheticIV.ofEmptyPlaintext(macKey: Array(key.prefix(32)), associatedData: associatedData),
                CRYPTO_memcmp(expected, Array(sealed), tagLength) == 0
            else { return nil }
            return []
        }
        guard key.count == 64, sealed.count >= tagLength, let cipher = EVP_CIPHER_fetch(nil, "AES-256-SIV", nil) else { return nil }
        defer { EVP_CIPHER_free(cipher) }
        guard let context = EVP_CIPHER_CTX_new() else { return nil }
        defer { EVP_CIPHER_CTX_free(context) }
        var tag = Array(sealed.prefix(tagLength))
        let body = Array(sealed.dropFirst(tagLength))
        var plaintext = [UInt8](repeating: 0, count: body.count + 16)
        var length: Int32 = 0
        guard EVP_DecryptInit_ex(context, cipher, nil, key, nil) == 1,
            EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_AEAD_SET_TAG, Int32(tagLength), &tag) == 1,
            withNonNullBytes(associatedData, { EVP_DecryptUpdate(context, nil, &length, $0, Int32(associatedData.count)) }) == 1,
            withNonNullBytes(
                body,
                { input in
                    plaintext.withUnsafeMutableBufferPointer { EVP_DecryptUpdate(context, $0.baseAddress!, &length, input, Int32(body.count)) }
                }) == 1
        else { return nil }
        return Array(plaintext.prefix(Int(length)))
    }

    /// A 16-byte IV, then AES-CBC blocks padded by PKCS #7.
    static func cbcOpen(key: [UInt8], sealed: ArraySlice<UInt8>) -> [UInt8]? {
        let cipher: OpaquePointer? =
            switch key.count {
            case 16: EVP_aes_128_cbc()
            case 24: EVP_aes_192_cbc()
            case 32: EVP_aes_256_cbc()
            default: nil
            }
        guard let cipher, sealed.count >= 32, sealed.count % 16 == 0, let context = EVP_CIPHER_CTX_new() else { return nil }
        defer { EVP_CIPHER_CTX_free(context) }
        let iv = Array(sealed.prefix(16))
        let body = Array(sealed.dropFirst(16))
        var plaintext = [UInt8](repeating: 0, count: body.count + 16)
        var length: Int32 = 0
        guard EVP_DecryptInit_ex(context, cipher, nil, key, iv) == 1,
            EVP_DecryptUpdate(context, &plaintext, &length, body, Int32(body.count)) == 1
        else { return nil }
        let total = length
        let opened = plaintext.withUnsafeMutableBufferPointer { buffer in
            EVP_DecryptFinal_ex(context, buffer.baseAddress! + Int(total), &length) == 1
        }
        return opened ? Array(plaintext.prefix(Int(total + length))) : nil
    }

    private static func gcmCipher(_ key: [UInt8]) -> OpaquePointer? {
        switch key.count {
        case 16: EVP_aes_128_gcm()
        case 32: EVP_aes_256_gcm()
        default: nil
        }
    }

    /// An empty Swift array may have no storage at all; OpenSSL is given a valid pointer with a
    /// length of 0 rather than NULL.
    private static func withNonNullBytes(_ bytes: [UInt8], _ body: (UnsafePointer<UInt8>) -> Int32) -> Int32 {
        var padded = bytes
        if padded.isEmpty { padded.append(0) }
        return padded.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}

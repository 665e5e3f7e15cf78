import COpenSSL

/// A registered service-account public key, verifying RS256 signatures.
///
/// Parsed once and kept (verification is per request under `requireAuth`); never mutated, which
/// is what makes sharing one `EVP_PKEY` between threads safe in OpenSSL 3.
final class RSAPublicKey: @unchecked Sendable {
    private let key: OpaquePointer

    /// nil when `pem` is not a PEM RSA public key.
    init?(pem: String) {
        let bytes = Array(pem.utf8)
        // BIO_new_mem_buf does not copy: parse while the buffer is pinned.
        let parsed: OpaquePointer? = bytes.withUnsafeBytes { buffer in
            guard let bio = BIO_new_mem_buf(buffer.baseAddress, Int32(buffer.count)) else { return nil }
            defer { BIO_free(bio) }
            return PEM_read_bio_PUBKEY(bio, nil, nil, nil)
        }
        guard let parsed else {
            ERR_clear_error()
            return nil
        }
        guard EVP_PKEY_get_base_id(parsed) == EVP_PKEY_RSA else {
            EVP_PKEY_free(parsed)
            return nil
        }
        key = parsed
    }

    deinit { EVP_PKEY_free(key) }

    /// Whether `signature` is a valid RS256 (PKCS#1 v1.5, SHA-256) signature of `message`.
    func verify(signature: [UInt8], message: [UInt8]) -> Bool {
        guard let context = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestVerifyInit(context, nil, EVP_sha256(), nil, key) == 1 else {
            ERR_clear_error()
            return false
        }
        let status = signature.withUnsafeBufferPointer { signatureBytes in
            message.withUnsafeBufferPointer { messageBytes in
                EVP_DigestVerify(
                    context, signatureBytes.baseAddress, signatureBytes.count,
                    messageBytes.baseAddress, messageBytes.count)
            }
        }
        // A bad signature leaves an entry in OpenSSL's thread-local queue; don't let it linger.
        if status != 1 { ERR_clear_error() }
        return status == 1
    }
}

/// SHA-256 and randomness for tokens and key ids.
enum AuthCrypto {
    static func sha256Hex(_ text: String) -> String {
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { input in
            EVP_Digest(input.baseAddress, input.count, &digest, &length, EVP_sha256(), nil)
        }
        return hex(digest.prefix(Int(length)))
    }

    /// Cryptographically random bytes from OpenSSL's CSPRNG.
    static func randomBytes(_ count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        if RAND_bytes(&bytes, Int32(count)) != 1 {
            // OpenSSL's DRBG failing means the process cannot make secrets; fall back to the system's.
            var generator = SystemRandomNumberGenerator()
            for index in bytes.indices { bytes[index] = generator.next() }
        }
        return bytes
    }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

import COpenSSL

/// A freshly generated RSA key pair, exported as the PEM texts a key file and the key registry need.
///
/// The emulator keeps only the public half; the private PEM goes to the caller once, in the key
/// file, exactly as IAM's keys.create does.
struct RSAKeyPair: Sendable {
    /// PKCS#8 `-----BEGIN PRIVATE KEY-----`, the form Google's key files use.
    let privateKeyPEM: String
    /// SubjectPublicKeyInfo `-----BEGIN PUBLIC KEY-----`.
    let publicKeyPEM: String

    struct GenerationError: Error, CustomStringConvertible {
        let step: String
        var description: String { "RSA key generation failed at \(step)" }
    }

    static func generate(bits: Int32 = 2048) throws -> RSAKeyPair {
        guard let context = EVP_PKEY_CTX_new_id(EVP_PKEY_RSA, nil) else { throw GenerationError(step: "context") }
        defer { EVP_PKEY_CTX_free(context) }
        guard EVP_PKEY_keygen_init(context) == 1 else { throw failure("keygen_init") }
        guard EVP_PKEY_CTX_set_rsa_keygen_bits(context, bits) == 1 else { throw failure("keygen_bits") }
        var key: OpaquePointer?
        guard EVP_PKEY_keygen(context, &key) == 1, let key else { throw failure("keygen") }
        defer { EVP_PKEY_free(key) }
        let privatePEM = try pem(step: "private PEM") { bio in
            PEM_write_bio_PKCS8PrivateKey(bio, key, nil, nil, 0, nil, nil)
        }
        let publicPEM = try pem(step: "public PEM") { bio in PEM_write_bio_PUBKEY(bio, key) }
        return RSAKeyPair(privateKeyPEM: privatePEM, publicKeyPEM: publicPEM)
    }

    /// Runs a PEM writer into a memory BIO and returns what it wrote.
    private static func pem(step: String, _ write: (OpaquePointer) -> Int32) throws -> String {
        guard let bio = BIO_new(BIO_s_mem()) else { throw GenerationError(step: step) }
        defer { BIO_free(bio) }
        guard write(bio) == 1 else { throw failure(step) }
        let length = Int(BIO_ctrl_pending(bio))
        var bytes = [UInt8](repeating: 0, count: length)
        let read = bytes.withUnsafeMutableBytes { BIO_read(bio, $0.baseAddress, Int32(length)) }
        guard read == Int32(length) else { throw failure(step) }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func failure(_ step: String) -> GenerationError {
        ERR_clear_error()
        return GenerationError(step: step)
    }
}

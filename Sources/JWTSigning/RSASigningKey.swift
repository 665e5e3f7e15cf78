import COpenSSL

/// An RSA private key held by OpenSSL, signing RS256 (RSASSA-PKCS1-v1_5 with SHA-256).
///
/// Immutable after creation; OpenSSL 3 allows concurrent signing with one `EVP_PKEY` as long as
/// nobody modifies it, which this type never does.
public final class RSASigningKey: @unchecked Sendable {
    private let key: OpaquePointer

    /// Reads a PEM private key: PKCS#8 (`BEGIN PRIVATE KEY`, what Google's key files hold) or
    /// PKCS#1 (`BEGIN RSA PRIVATE KEY`). Encrypted keys are refused rather than prompting.
    public init(pem: String) throws(GoogleAuthError) {
        guard !pem.isEmpty else { throw GoogleAuthError.invalidPrivateKey.with("empty PEM") }
        guard let parsed = Self.readPrivateKey(pem: pem) else {
            throw GoogleAuthError.invalidPrivateKey.with("not a readable PEM private key (\(OpenSSLErrors.drain()))")
        }
        guard EVP_PKEY_get_base_id(parsed) == EVP_PKEY_RSA else {
            EVP_PKEY_free(parsed)
            throw GoogleAuthError.invalidPrivateKey.with("not an RSA key")
        }
        key = parsed
    }

    deinit { EVP_PKEY_free(key) }

    /// PEM_read_bio_PrivateKey over a copy of `pem`, which is wiped afterwards (it is a secret).
    private static func readPrivateKey(pem: String) -> OpaquePointer? {
        var pemBytes = Array(pem.utf8)
        defer { for index in pemBytes.indices { pemBytes[index] = 0 } }
        // BIO_new_mem_buf reads the caller's buffer in place, so the key must be parsed while
        // that buffer is pinned, i.e. inside withUnsafeBytes.
        return pemBytes.withUnsafeBytes { buffer -> OpaquePointer? in
            guard let bio = BIO_new_mem_buf(buffer.baseAddress, Int32(buffer.count)) else { return nil }
            defer { BIO_free(bio) }
            // A password callback that supplies no password: never a terminal prompt.
            return PEM_read_bio_PrivateKey(bio, nil, { _, _, _, _ in 0 }, nil)
        }
    }

    /// Size of the modulus in bits (2048 for keys Google issues).
    public var bits: Int { Int(EVP_PKEY_get_bits(key)) }

    /// The RS256 signature of `message`.
    public func sign(_ message: some Collection<UInt8>) throws(GoogleAuthError) -> [UInt8] {
        guard let context = EVP_MD_CTX_new() else { throw GoogleAuthError.signingFailed.with("out of memory") }
        defer { EVP_MD_CTX_free(context) }
        // An RSA EVP_PKEY defaults to PKCS#1 v1.5 padding, which is what RS256 means.
        guard EVP_DigestSignInit(context, nil, EVP_sha256(), nil, key) == 1 else {
            throw GoogleAuthError.signingFailed.with(OpenSSLErrors.drain())
        }
        guard let signature = Self.digestSign(context: context, capacity: Int(EVP_PKEY_get_size(key)), message: Array(message)) else {
            throw GoogleAuthError.signingFailed.with(OpenSSLErrors.drain())
        }
        return signature
    }

    /// The raw EVP_DigestSign call, kept out of the throwing code above: nil on failure.
    private static func digestSign(context: OpaquePointer, capacity: Int, message: [UInt8]) -> [UInt8]? {
        var signature = [UInt8](repeating: 0, count: capacity)
        var length = capacity
        let status = message.withUnsafeBufferPointer { input in
            signature.withUnsafeMutableBufferPointer { output in
                EVP_DigestSign(context, output.baseAddress, &length, input.baseAddress, input.count)
            }
        }
        guard status == 1, length <= capacity else { return nil }
        return Array(signature.prefix(length))
    }
}

extension RSASigningKey: CustomStringConvertible {
    public var description: String { "RSASigningKey(<redacted>, \(bits) bits)" }
}

/// OpenSSL's thread-local error queue, read and emptied so one failure never leaks into the next.
package enum OpenSSLErrors {
    static func drain() -> String {
        var messages: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            messages.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return messages.isEmpty ? "no OpenSSL error recorded" : messages.joined(separator: "; ")
    }
}

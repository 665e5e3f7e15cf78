import COpenSSL

/// RFC 5297's S2V for an empty plaintext. OpenSSL's AES-SIV does nothing for an update of no bytes,
/// so it neither makes nor checks the synthetic IV of an empty plaintext, which is the whole
/// ciphertext then; it is computed here from AES-CMAC (RFC 4493) over single AES blocks.
enum SyntheticIV {
    /// S2V(K1, associated data, "") with K1 the first half of the AES-SIV key.
    static func ofEmptyPlaintext(macKey: [UInt8], associatedData: [UInt8]) -> [UInt8]? {
        guard let zero = cmac(macKey, [UInt8](repeating: 0, count: 16)), let data = cmac(macKey, associatedData) else { return nil }
        // D = dbl(CMAC(0)) ⊕ CMAC(AD); the empty last string is padded (0x80, zeros) and xored into dbl(D).
        var last = double(zip(double(zero), data).map { $0 ^ $1 })
        last[0] ^= 0x80
        return cmac(macKey, last)
    }

    /// AES-CMAC of `message` under a 16-, 24- or 32-byte AES key.
    static func cmac(_ key: [UInt8], _ message: [UInt8]) -> [UInt8]? {
        guard let subkey = encryptBlock(key, [UInt8](repeating: 0, count: 16)) else { return nil }
        let first = double(subkey)
        let second = double(first)
        let blocks = max(1, (message.count + 15) / 16)
        let isComplete = !message.isEmpty && message.count % 16 == 0
        var last = Array(message[((blocks - 1) * 16)...])
        if !isComplete { last += [0x80] + [UInt8](repeating: 0, count: 15 - last.count) }
        last = zip(last, isComplete ? first : second).map { $0 ^ $1 }
        var state = [UInt8](repeating: 0, count: 16)
        for index in 0..<(blocks - 1) {
            let block = message[(index * 16)..<(index * 16 + 16)]
            guard let next = encryptBlock(key, zip(state, block).map { $0 ^ $1 }) else { return nil }
            state = next
        }
        return encryptBlock(key, zip(state, last).map { $0 ^ $1 })
    }

    /// Multiplication by x in GF(2^128): a left shift by one bit, reduced by 0x87.
    static func double(_ block: [UInt8]) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: 16)
        for index in 0..<16 {
            let carry: UInt8 = index < 15 ? block[index + 1] >> 7 : 0
            result[index] = block[index] << 1 | carry
        }
        if block[0] & 0x80 != 0 { result[15] ^= 0x87 }
        return result
    }

    private static func encryptBlock(_ key: [UInt8], _ block: [UInt8]) -> [UInt8]? {
        let cipher: OpaquePointer? =
            switch key.count {
            case 16: EVP_aes_128_ecb()
            case 24: EVP_aes_192_ecb()
            case 32: EVP_aes_256_ecb()
            default: nil
            }
        guard let cipher, let context = EVP_CIPHER_CTX_new() else { return nil }
        defer { EVP_CIPHER_CTX_free(context) }
        var output = [UInt8](repeating: 0, count: 32)
        var length: Int32 = 0
        guard EVP_EncryptInit_ex(context, cipher, nil, key, nil) == 1, EVP_CIPHER_CTX_set_padding(context, 0) == 1,
            EVP_EncryptUpdate(context, &output, &length, block, 16) == 1, length == 16
        else { return nil }
        return Array(output.prefix(16))
    }
}

/// TO_BASE32 / FROM_BASE32: RFC 4648 base32 (alphabet A-Z, 2-7) with `=` padding.
enum Base32 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        var buffer = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | Int(byte)
            bits += 8
            while bits >= 5 {
                output.append(alphabet[(buffer >> (bits - 5)) & 31])
                bits -= 5
            }
        }
        if bits > 0 { output.append(alphabet[(buffer << (5 - bits)) & 31]) }
        while output.count % 8 != 0 { output.append(UInt8(ascii: "=")) }
        return String(decoding: output, as: UTF8.self)
    }

    /// The bytes of base32 text (either letter case, padding optional); nil when it is not base32.
    static func decode(_ text: String) -> [UInt8]? {
        var symbols = Array(text.utf8)
        while symbols.last == UInt8(ascii: "=") { symbols.removeLast() }
        var output: [UInt8] = []
        var buffer = 0
        var bits = 0
        for symbol in symbols {
            let upper = (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(symbol) ? symbol - 32 : symbol
            guard let value = alphabet.firstIndex(of: upper) else { return nil }
            buffer = ((buffer << 5) | value) & 0xFFFF
            bits += 5
            if bits >= 8 {
                output.append(UInt8((buffer >> (bits - 8)) & 0xFF))
                bits -= 8
            }
        }
        // Leftover bits are the final symbol's zero padding; a whole dangling byte's worth is not base32.
        guard bits < 5 else { return nil }
        return output
    }
}

import Foundation

/// Base64 for message `data`. Google accepts standard and URL-safe alphabets, padded or not
/// (proto3 JSON rules for `bytes`), and always answers in standard padded form.
package enum PubSubBase64 {
    private static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// 0-63 for an alphabet byte of either form, 0xFF for anything else.
    private static let decodeTable: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(index) }
        table[Int(UInt8(ascii: "-"))] = 62
        table[Int(UInt8(ascii: "_"))] = 63
        return table
    }()

    /// The text in standard padded form, or nil when it is not base64. Text already in that form (what
    /// every Google client sends) is returned as is after one validating pass.
    static func canonical(_ text: String) -> String? {
        var text = text
        // The table is read through a local buffer: a `static let` inside the loop costs a lazy-init
        // check per byte.
        let isStandard = decodeTable.withUnsafeBufferPointer { table in
            text.withUTF8 { bytes -> Bool in
                guard bytes.count % 4 == 0 else { return false }
                var end = bytes.count
                if end > 0, bytes[end - 1] == UInt8(ascii: "=") { end -= 1 }
                if end > 0, bytes[end - 1] == UInt8(ascii: "=") { end -= 1 }
                var index = 0
                while index < end {
                    let byte = bytes[index]
                    if table[Int(byte)] == 0xFF || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") { return false }
                    index += 1
                }
                // The last quantum's unused bits must be zero, or re-encoding would change the text.
                return end == bytes.count || table[Int(bytes[end - 1])] & (bytes.count - end == 2 ? 0x0F : 0x03) == 0
            }
        }
        if isStandard { return text }
        return decode(text).map { encode($0) }
    }

    /// The decoded bytes, or nil when the text is not base64.
    package static func decode(_ text: String) -> [UInt8]? {
        var text = text
        return text.withUTF8 { decode(bytes: $0) }
    }

    static func decode(bytes input: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var length = input.count
        var padding = 0
        while length > 0, input[length - 1] == UInt8(ascii: "=") {
            length -= 1
            padding += 1
        }
        // Padding, when present, must complete the last quantum: at most two '=' and a multiple of 4 in all.
        if padding > 0, padding > 2 || input.count % 4 != 0 { return nil }
        if length % 4 == 1 { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(length * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        for index in 0..<length {
            let value = decodeTable[Int(input[index])]
            if value == 0xFF { return nil }
            accumulator = accumulator << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        return output
    }

    package static func encode(_ bytes: some Collection<UInt8>) -> String {
        if let text = bytes.withContiguousStorageIfAvailable({ encode(buffer: UnsafeRawBufferPointer($0)) }) {
            return text
        }
        return Array(bytes).withUnsafeBytes { encode(buffer: $0) }
    }

    package static func encode(_ data: Data) -> String { data.withUnsafeBytes { encode(buffer: $0) } }

    /// One pass over contiguous bytes, written straight into the string's storage: every payload published
    /// over gRPC is encoded here, and a byte-at-a-time iterator over `Data` cost a tenth of that path.
    static func encode(buffer input: UnsafeRawBufferPointer) -> String {
        alphabet.withUnsafeBufferPointer { table in
            String(unsafeUninitializedCapacity: (input.count + 2) / 3 * 4) { output in
                var read = 0
                var written = 0
                func put(_ chunk: UInt32, _ shift: UInt32) {
                    output[written] = table[Int(chunk >> shift & 63)]
                    written += 1
                }
                while read + 3 <= input.count {
                    let chunk = UInt32(input[read]) << 16 | UInt32(input[read + 1]) << 8 | UInt32(input[read + 2])
                    put(chunk, 18)
                    put(chunk, 12)
                    put(chunk, 6)
                    put(chunk, 0)
                    read += 3
                }
                let rest = input.count - read
                if rest > 0 {
                    let chunk = UInt32(input[read]) << 16 | (rest == 2 ? UInt32(input[read + 1]) << 8 : 0)
                    put(chunk, 18)
                    put(chunk, 12)
                    if rest == 2 {
                        put(chunk, 6)
                    } else {
                        output[written] = UInt8(ascii: "=")
                        written += 1
                    }
                    output[written] = UInt8(ascii: "=")
                    written += 1
                }
                return written
            }
        }
    }
}

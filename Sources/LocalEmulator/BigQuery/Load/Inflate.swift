import CCompression

/// gzip streams inflated through the system's zlib, never past a bound on what they inflate to: a
/// few hundred compressed bytes may stand for gigabytes.
enum Inflate {
    enum Failure: Error {
        /// Not a gzip or zlib stream, damaged, or ending before its end.
        case corrupt
        /// It inflates to more than the bound.
        case tooLarge
    }

    /// A gzip stream (RFC 1952; a zlib stream is taken too), or several one after another, as
    /// `cat a.gz b.gz` makes and gunzip reads: their contents in turn.
    static func gunzip(_ input: ArraySlice<UInt8>, limit: Int) -> Result<[UInt8], Failure> {
        guard let available = UInt32(exactly: input.count), available > 0 else { return .failure(.corrupt) }
        var stream = z_stream()
        // 15 + 32: the largest window, with the header's kind (gzip or zlib) detected.
        guard inflateInit2_(&stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return .failure(.corrupt) }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: min(64 * 1024, limit + 1))
        return input.withUnsafeBufferPointer { source in
            stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
            stream.avail_in = available
            while true {
                let status = chunk.withUnsafeMutableBufferPointer { buffer in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = UInt32(buffer.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                let produced = chunk.count - Int(stream.avail_out)
                guard produced <= limit - output.count else { return .failure(.tooLarge) }
                output.append(contentsOf: chunk[..<produced])
                switch status {
                case Z_STREAM_END:
                    if stream.avail_in == 0 { return .success(output) }
                    // Another member follows.
                    guard inflateReset(&stream) == Z_OK else { return .failure(.corrupt) }
                case Z_OK:
                    continue
                case Z_BUF_ERROR where produced > 0:
                    continue
                default:
                    // Z_BUF_ERROR with nothing produced: the input ended inside the stream.
                    return .failure(.corrupt)
                }
            }
        }
    }
}

import CCompression

/// The GZIP and ZSTD codecs of Parquet pages, through the system's zlib and libzstd: GZIP is what
/// Spark and Hive often write, ZSTD is polars' default and a common choice with pyarrow. A page must
/// decompress to exactly the size its header gives, which the caller has charged to the file's budget
/// before anything is allocated; a page that would give more is refused where it passes that size.
enum PageCodecs {
    /// A GZIP page: a gzip stream (RFC 1952; a zlib stream is taken too, as some writers use one).
    static func gunzip(_ input: ArraySlice<UInt8>, expectedLength: Int) throws(ParquetError) -> [UInt8] {
        guard let avail = UInt32(exactly: input.count), let capacity = UInt32(exactly: expectedLength) else {
            throw ParquetError("a GZIP-compressed page is larger than the local emulator reads")
        }
        // A byte more than asked for, never handed to zlib, so that an empty page still has an address.
        var output = [UInt8](repeating: 0, count: expectedLength + 1)
        var stream = z_stream()
        // 15 + 32: the largest window, with the header's kind (gzip or zlib) detected.
        guard inflateInit2_(&stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw ParquetError("zlib could not start inflating a GZIP-compressed page")
        }
        defer { inflateEnd(&stream) }
        let status = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
                stream.avail_in = avail
                stream.next_out = target.baseAddress
                stream.avail_out = capacity
                // One call: the output buffer already has the page's whole size.
                return inflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END, stream.total_out == UInt(expectedLength) else {
            throw ParquetError("a GZIP-compressed page is corrupt or does not hold the \(expectedLength) bytes its header says")
        }
        output.removeLast()
        return output
    }

    /// A ZSTD page: one or more Zstandard frames.
    static func unzstd(_ input: ArraySlice<UInt8>, expectedLength: Int) throws(ParquetError) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: expectedLength + 1)
        let written = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                ZSTD_decompress(target.baseAddress, expectedLength, source.baseAddress, source.count)
            }
        }
        guard ZSTD_isError(written) == 0, written == expectedLength else {
            throw ParquetError("a ZSTD-compressed page is corrupt or does not hold the \(expectedLength) bytes its header says")
        }
        output.removeLast()
        return output
    }
}

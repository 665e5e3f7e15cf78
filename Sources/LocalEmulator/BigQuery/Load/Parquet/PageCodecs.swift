import CCompression

/// The GZIP and ZSTD codecs of Parquet pages, through the system's zlib and libzstd: GZIP is what
/// Spark and Hive often write, ZSTD is polars' default and a common choice with pyarrow. A page must
/// decompress to exactly the size its header gives, which the caller has charged to the file's budget
/// before anything is allocated; a page that would give more is refused where it passes that size.
enum PageCodecs {
    /// A GZIP page: a gzip stream (a zlib stream is taken too, as some writers use one).
    static func gunzip(_ input: ArraySlice<UInt8>, expectedLength: Int) throws(ParquetError) -> [UInt8] {
        guard case .success(let page) = Inflate.gunzip(input, limit: expectedLength), page.count == expectedLength else {
            throw ParquetError("a GZIP-compressed page is corrupt or does not hold the \(expectedLength) bytes its header says")
        }
        return page
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

/// ST_GEOHASH and ST_GEOGPOINTFROMGEOHASH: the public geohash grid, base 32, bits alternating
/// longitude then latitude, each halving its interval.
public enum Geohash {
    private static let alphabet = Array("0123456789bcdefghjkmnpqrstuvwxyz".utf8)

    /// The most characters ST_GEOHASH writes; any other `maxChars` means this many, as in BigQuery.
    public static let defaultLength = 20

    /// The geohash of the cell of `length` characters that holds `point`.
    public static func encode(_ point: Geography.Point, maxChars: Int64?) -> String {
        let length = maxChars.map { (1...Int64(defaultLength)).contains($0) ? Int($0) : defaultLength } ?? defaultLength
        var longitude = (-180.0, 180.0)
        var latitude = (-90.0, 90.0)
        var bytes: [UInt8] = []
        var isLongitude = true
        for _ in 0..<length {
            var digit = 0
            for _ in 0..<5 {
                let value = isLongitude ? point.longitude : point.latitude
                var interval = isLongitude ? longitude : latitude
                let middle = (interval.0 + interval.1) / 2
                digit <<= 1
                if value >= middle {
                    digit |= 1
                    interval.0 = middle
                } else {
                    interval.1 = middle
                }
                if isLongitude { longitude = interval } else { latitude = interval }
                isLongitude.toggle()
            }
            bytes.append(alphabet[digit])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The centre of the geohash's cell. Letters are read in either case; anything outside the
    /// alphabet (a, i, l, o and punctuation included) or an empty text is an error.
    public static func decode(_ text: String) throws(GeographyError) -> Geography.Point {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { throw GeographyError("a geohash needs at least one character") }
        // Past 60 characters the cells are far below a Double's resolution; reading more is only work.
        guard bytes.count <= 60 else { throw GeographyError("a geohash has at most 60 characters, found \(bytes.count)") }
        var longitude = (-180.0, 180.0)
        var latitude = (-90.0, 90.0)
        var isLongitude = true
        for (position, byte) in bytes.enumerated() {
            let lowered = (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
            guard let digit = alphabet.firstIndex(of: lowered) else {
                throw GeographyError("invalid geohash character at position \(position)")
            }
            for bit in stride(from: 4, through: 0, by: -1) {
                let isSet = (digit >> bit) & 1 == 1
                if isLongitude {
                    let middle = (longitude.0 + longitude.1) / 2
                    if isSet { longitude.0 = middle } else { longitude.1 = middle }
                } else {
                    let middle = (latitude.0 + latitude.1) / 2
                    if isSet { latitude.0 = middle } else { latitude.1 = middle }
                }
                isLongitude.toggle()
            }
        }
        return Geography.Point(longitude: (longitude.0 + longitude.1) / 2 + 0, latitude: (latitude.0 + latitude.1) / 2 + 0)
    }
}

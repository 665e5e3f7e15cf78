/// ST_GEOGFROMTEXT, ST_GEOGFROMGEOJSON, and the text of insertAll values and casts.
extension Geography {
    /// Well-Known Text, as ST_GEOGFROMTEXT reads it.
    public init(wkt: String) throws(GeographyError) { self = try WKTReader.read(wkt) }

    /// A GeoJSON geometry, as ST_GEOGFROMGEOJSON reads it.
    public init(geoJSON: String) throws(GeographyError) { self = try GeoJSONReader.read(geoJSON) }

    /// WKT, GeoJSON or hexadecimal WKB, told apart by the first character that is not white
    /// space: a GeoJSON geometry is an object, WKB starts with its byte order (00 or 01), and
    /// every WKT starts with a letter.
    public init(text: String) throws(GeographyError) {
        let first = text.utf8.first { !(($0 == 0x20) || (0x09...0x0D).contains($0)) }
        if first == UInt8(ascii: "{") {
            try self.init(geoJSON: text)
        } else if let first, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) {
            try self.init(wkbHex: text.trimmingSpaces())
        } else {
            try self.init(wkt: text)
        }
    }
}

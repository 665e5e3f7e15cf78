/// ST_GEOGFROMTEXT, ST_GEOGFROMGEOJSON, and the text of insertAll values and casts.
extension Geography {
    /// Well-Known Text, as ST_GEOGFROMTEXT reads it.
    public init(wkt: String) throws(GeographyError) { self = try WKTReader.read(wkt) }

    /// A GeoJSON geometry, as ST_GEOGFROMGEOJSON reads it.
    public init(geoJSON: String) throws(GeographyError) { self = try GeoJSONReader.read(geoJSON) }

    /// WKT or GeoJSON, told apart by the first character that is not white space: a GeoJSON
    /// geometry is an object, and no WKT starts with `{`.
    public init(text: String) throws(GeographyError) {
        let first = text.utf8.first { !(($0 == 0x20) || (0x09...0x0D).contains($0)) }
        if first == UInt8(ascii: "{") {
            try self.init(geoJSON: text)
        } else {
            try self.init(wkt: text)
        }
    }
}

import WarehouseSchema

/// WKT and GeoJSON as insertAll, parameters and ST_GEOGFROM* read them: an accepted value must be
/// written back (as WKT and as GeoJSON) into text that reads as the same value, and its measures
/// and relations to itself must hold.
enum GeographyFuzz {
    static let target = FuzzTarget(name: "geography") { bytes in check(String(decoding: bytes, as: UTF8.self)) }

    static func check(_ text: String) {
        guard let value = try? Geography(text: text) else { return }
        let wkt = value.wkt
        let fromWKT = try? Geography(wkt: wkt)
        require(fromWKT?.wkt == wkt, "WKT \(wkt) of \(text.debugDescription) reads back as \(fromWKT?.wkt ?? "an error")")
        let fromGeoJSON = try? Geography(geoJSON: value.geoJSON)
        require(fromGeoJSON?.wkt == wkt, "GeoJSON \(value.geoJSON) of \(text.debugDescription) reads back as \(fromGeoJSON?.wkt ?? "an error")")
        for (name, measure) in [("area", value.area), ("length", value.length), ("perimeter", value.perimeter)] {
            require(measure.isFinite && measure >= 0, "\(name) \(measure) of \(wkt)")
        }
        guard !value.isEmpty else { return }
        require(value.distance(to: value) == 0, "distance of \(wkt) to itself is \(String(describing: value.distance(to: value)))")
        require(value.intersects(value) && value.covers(value) && value.equals(value), "\(wkt) does not intersect, cover or equal itself")
    }
}

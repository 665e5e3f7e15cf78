/// ST_GEOGPOINT, and the coordinate checks WKT and GeoJSON share.
extension Geography {
    /// A single point, as ST_GEOGPOINT makes it: a longitude beyond ±180 is wrapped around the
    /// globe (190 is -170), but a latitude beyond ±90 names no place and is an error.
    public static func point(longitude: Double, latitude: Double) throws(GeographyError) -> Geography {
        guard longitude.isFinite else { throw GeographyError("Longitude must be a finite number.") }
        guard latitude.isFinite else { throw GeographyError("Latitude must be a finite number.") }
        guard (-90...90).contains(latitude) else { throw GeographyError("Latitude must be between -90 and 90 degrees.") }
        return Geography(points: [Point(longitude: wrappedLongitude(longitude), latitude: latitude + 0)])
    }

    /// The longitude moved by whole turns into [-180, 180]. Adding 0 turns -0 into 0, so that
    /// equal places are equal values.
    static func wrappedLongitude(_ longitude: Double) -> Double {
        if (-180...180).contains(longitude) { return longitude + 0 }
        var turned = (longitude + 180).truncatingRemainder(dividingBy: 360)
        if turned < 0 { turned += 360 }
        return turned - 180 + 0
    }

    /// A coordinate pair of WKT or GeoJSON. These are not wrapped: text with a longitude beyond
    /// ±180 is more likely a mistake (swapped axes, projected meters) than a lap of the globe.
    static func checkedPoint(longitude: Double, latitude: Double) throws(GeographyError) -> Point {
        guard longitude.isFinite, latitude.isFinite else { throw GeographyError("coordinates must be finite numbers") }
        guard (-180...180).contains(longitude) else { throw GeographyError("Longitude must be between -180 and 180 degrees.") }
        guard (-90...90).contains(latitude) else { throw GeographyError("Latitude must be between -90 and 90 degrees.") }
        return Point(longitude: longitude + 0, latitude: latitude + 0)
    }
}

extension Geography.Point {
    /// "x y", as error messages quote a point.
    var text: String { "\(CoordinateText.format(longitude)) \(CoordinateText.format(latitude))" }
}

/// A BigQuery GEOGRAPHY value: a set of points, lines and polygons on the sphere.
///
/// The value is a point set, not a tree: a GEOMETRYCOLLECTION is flattened into its points, lines
/// and polygons, and output is written back from those three parts. Coordinates are degrees of
/// longitude and latitude (WGS84 as BigQuery uses them), and every measure is taken on a sphere.
public struct Geography: Sendable, Hashable {
    public struct Point: Sendable, Hashable {
        public var longitude: Double
        public var latitude: Double

        /// Coordinates are kept to the 15 significant digits BigQuery writes them with (its
        /// reference shows POINT(0.999999999999943 1) where a Double has 17), so that what the
        /// emulator prints is BigQuery's text, and a shape is checked as it will be read back: two
        /// vertices equal only once written are equal when the shape is validated.
        public init(longitude: Double, latitude: Double) {
            self.longitude = CoordinateText.significant(longitude)
            self.latitude = CoordinateText.significant(latitude)
        }
    }

    /// Isolated points.
    public var points: [Point]
    /// Linestrings, each of at least two points.
    public var lines: [[Point]]
    /// Polygons, each a list of rings: the exterior first, then its holes. Rings are stored without
    /// the closing point that repeats the first one; the WKT and GeoJSON writers add it back.
    public var polygons: [[[Point]]]

    public init(points: [Point] = [], lines: [[Point]] = [], polygons: [[[Point]]] = []) {
        self.points = points
        self.lines = lines
        self.polygons = polygons
    }

    /// The radius, in meters, of the sphere BigQuery measures on: 6,371,010 m (S2's Earth), which
    /// BigQuery's own distance and area answers imply to 1e-12 (the WGS84 mean, 6,371,008.8 m,
    /// is 2e-7 off them).
    public static let earthRadius: Double = 6_371_010

    public var isEmpty: Bool { points.isEmpty && lines.isEmpty && polygons.isEmpty }
}
